"""A small UWLR afnemer for the harness's own tests, conformant unless told to break one thing.

Run as ``python afnemer.py --breuk <soort>``; it reads the ``UWLR_*`` environment of the client
contract, fetches leerlinggegevens and pushes ``UWLR_RESULTATEN_FILE``. Breakages:

- ``goed``: none (retries Server faults, 5xx and connection errors up to 3 times, times out
  after 2 s, stops on Client faults, clear Dutch messages);
- ``nooit-opnieuw``: never retries;
- ``client-fouten-opnieuw``: retries Client.* faults too;
- ``geen-timeout``: waits forever for an answer;
- ``geen-soapaction``: sends no SOAPAction header;
- ``header-onvolledig``: leaves klantnaam out of the autorisatie header;
- ``dubbele-sleutels``: sends every resultaat key twice in one message;
- ``crash-bij-kapotte-xml``: parses answers without care, so broken XML ends in a traceback;
- ``toont-sleutel``: prints the autorisatiesleutel.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from typing import Any

import httpx
from lxml import etree

from uwlr.build import build, build_autorisatie
from uwlr.envelope import CONTENT_TYPE, EnvelopeError, build_envelope, parse_envelope, to_bytes
from uwlr.models import (
    Autorisatie,
    LeerlinggegevensVerzoek,
    LeerresultatenVerzoek,
    Resultaat,
    ResultatenSchool,
    Toets,
    Toetsafname,
)
from uwlr.namespaces import AUT, SOAP_ACTIONS
from uwlr.safexml import XmlInputError


class Mislukt(Exception):
    """The round trip failed; the message is for the user."""


def _envelope(body: etree._Element, env: dict[str, str], breuk: str) -> bytes:
    header = build_autorisatie(
        Autorisatie(
            autorisatiesleutel=env["UWLR_AUTORISATIESLEUTEL"],
            klantcode=env["UWLR_KLANTCODE"],
            klantnaam=env["UWLR_KLANTNAAM"],
        )
    )
    if breuk == "header-onvolledig":
        klantnaam = header.find(f"{{{AUT}}}klantnaam")
        assert klantnaam is not None
        header.remove(klantnaam)
    return to_bytes(build_envelope(body, header))


def _send(url: str, operation: str, content: bytes, breuk: str) -> etree._Element:
    headers = {"Content-Type": CONTENT_TYPE}
    if breuk != "geen-soapaction":
        headers["SOAPAction"] = f'"{SOAP_ACTIONS[operation]}"'
    attempts = 1 if breuk == "nooit-opnieuw" else 3
    timeout = None if breuk == "geen-timeout" else 2.0
    last = "onbekend"
    for attempt in range(1, attempts + 1):
        try:
            response = httpx.post(url, content=content, headers=headers, timeout=timeout)
        except httpx.HTTPError as exc:
            last = f"de LAS is niet bereikbaar ({type(exc).__name__})"
            time.sleep(0.2 * attempt)
            continue
        if breuk == "crash-bij-kapotte-xml":
            root = etree.fromstring(response.content)  # no care at all: broken XML raises
            envelope = parse_envelope(root)
        else:
            try:
                envelope = parse_envelope(response.content)
            except (XmlInputError, EnvelopeError):
                last = f"de LAS gaf een onleesbaar antwoord (HTTP {response.status_code})"
                if response.status_code >= 500:
                    time.sleep(0.2 * attempt)
                    continue
                raise Mislukt(last) from None
        fault = envelope.fault
        if fault is None and envelope.body is not None:
            return envelope.body
        code = fault.faultcode if fault is not None else "lege Body"
        last = f"de LAS weigert het verzoek: {code}"
        if code.startswith("Client.") and breuk != "client-fouten-opnieuw":
            raise Mislukt(last)
        time.sleep(0.2 * attempt)
    raise Mislukt(f"{last}, na {attempts} poging(en)")


def _resultaten(env: dict[str, str], breuk: str) -> LeerresultatenVerzoek:
    with open(env["UWLR_RESULTATEN_FILE"], encoding="utf-8") as handle:
        items: list[dict[str, Any]] = json.load(handle)
    afnames: dict[str, Toetsafname] = {}
    toetsen: dict[str, Toets] = {}
    for item in items:
        resultaat = Resultaat(
            key=item["resultaat_key"],
            afnamedatum=dt.date.fromisoformat(item["afnamedatum"]),
            toetscode=item["toetscode"],
            score=int(item["score"] or 0),
        )
        afname = afnames.setdefault(item["leerlingid"], Toetsafname(leerlingid=item["leerlingid"]))
        afname.resultaten.append(resultaat)
        if breuk == "dubbele-sleutels":
            afname.resultaten.append(resultaat)
        toetsen.setdefault(item["toetscode"], Toets(toetscode=item["toetscode"]))
    return LeerresultatenVerzoek(
        school=ResultatenSchool(
            schooljaar=env["UWLR_SCHOOLJAAR"],
            aanmaakdatum=dt.datetime.now(dt.UTC).replace(microsecond=0),
            brincode=env["UWLR_BRINCODE"],
            dependancecode=env["UWLR_DEPENDANCECODE"],
            xsdversie="2.3",
        ),
        toetsafnames=list(afnames.values()),
        toetsen=list(toetsen.values()),
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--breuk", default="goed")
    breuk = parser.parse_args().breuk
    env = dict(os.environ)
    if breuk == "toont-sleutel":
        print(f"sleutel: {env['UWLR_AUTORISATIESLEUTEL']}")
    verzoek = LeerlinggegevensVerzoek(
        schooljaar=env["UWLR_SCHOOLJAAR"],
        brincode=env["UWLR_BRINCODE"],
        dependancecode=env["UWLR_DEPENDANCECODE"],
        xsdversie="2.3",
    )
    try:
        body = _send(
            env["UWLR_LEERLINGGEGEVENS_URL"],
            "HaalLeerlinggegevens",
            _envelope(build(verzoek), env, breuk),
            breuk,
        )
        print(f"leerlinggegevens ontvangen ({etree.QName(body[0]).localname})")
        if env.get("UWLR_RESULTATEN_FILE"):
            message = _resultaten(env, breuk)
            _send(
                env["UWLR_LEERRESULTATEN_URL"],
                "BrengLeerresultaten",
                _envelope(build(message), env, breuk),
                breuk,
            )
            print("resultaten verstuurd")
    except Mislukt as exc:
        print(f"afnemer: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
