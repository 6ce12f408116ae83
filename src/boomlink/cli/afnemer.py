"""``boomlink uwlr-afnemer``: one UWLR round trip driven by environment variables.

This is the command that fits the client contract of the conformance harness
(``uwlr-conformance client -- boomlink uwlr-afnemer``): fetch the leerlinggegevens of one school,
and when ``UWLR_RESULTATEN_FILE`` names a JSON file of results, send them with
``BrengLeerresultaten``. It prints a short Dutch summary; on failure it prints the client's
Dutch message (never a traceback, never the key) and exits non-zero.

Environment: ``UWLR_LEERLINGGEGEVENS_URL``, ``UWLR_LEERRESULTATEN_URL``,
``UWLR_AUTORISATIESLEUTEL``, ``UWLR_KLANTCODE``, ``UWLR_KLANTNAAM``, ``UWLR_BRINCODE`` (or
``UWLR_SCHOOLKEY``), ``UWLR_DEPENDANCECODE`` (default ``00``), ``UWLR_SCHOOLJAAR`` (default: the
current one), optional ``UWLR_RESULTATEN_FILE``, ``UWLR_XSDVERSIE``, ``UWLR_CA_FILE``,
``UWLR_TIMEOUT`` (the harness's answer timeout: the read timeout); and
``BOOMLINK_UWLR_CONNECT_TIMEOUT`` / ``BOOMLINK_UWLR_READ_TIMEOUT`` (seconds, defaults 5 / 30; the
read timeout wins over ``UWLR_TIMEOUT``).

Mapping of a result: ``score`` alone becomes ``resultaat/score``; with a ``vaardigheidsscore`` or
``dle`` it becomes an ``osoresultaat``: ``toetsscore/vaardigheidsscore``, the DLE as OSO
referentiescore ``DLE`` against ``Landelijk``, and the raw score as ``toetsscore/aantalgoed``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TextIO

from boomlink.schooljaar import huidig_schooljaar
from boomlink.uwlr_client import ClientConfig, UwlrClient, UwlrClientError
from uwlr.models import (
    GegevensStatus,
    LeerresultatenVerzoek,
    OsoResultaat,
    Referentiescore,
    Resultaat,
    ResultatenSchool,
    Toets,
    Toetsafname,
    Toetsscore,
)
from uwlr.namespaces import DEFAULT_XSDVERSIE

__all__ = ["EXIT_FOUT", "EXIT_GEBRUIK", "EXIT_OK", "AfnemerInstellingen", "main", "run"]

EXIT_OK = 0
EXIT_FOUT = 1
EXIT_GEBRUIK = 2

_REQUIRED = (
    "UWLR_LEERLINGGEGEVENS_URL",
    "UWLR_LEERRESULTATEN_URL",
    "UWLR_AUTORISATIESLEUTEL",
    "UWLR_KLANTCODE",
    "UWLR_KLANTNAAM",
)
_RESULT_FIELDS = ("resultaat_key", "leerlingid", "toetscode", "afnamedatum")


class InstellingFout(ValueError):
    """The environment or the results file cannot be used (a Dutch message)."""


@dataclass(frozen=True)
class AfnemerInstellingen:
    """What the environment says; ``sleutel`` is never printed."""

    config: ClientConfig
    sleutel: str
    schooljaar: str
    brincode: str | None
    dependancecode: str | None
    schoolkey: str | None
    resultaten_file: Path | None

    def __repr__(self) -> str:
        return f"AfnemerInstellingen(school={self.school}, schooljaar={self.schooljaar})"

    @property
    def school(self) -> str:
        return (
            f"schoolkey {self.schoolkey}"
            if self.schoolkey
            else f"{self.brincode}{self.dependancecode}"
        )

    @classmethod
    def uit_omgeving(cls, env: Mapping[str, str]) -> AfnemerInstellingen:
        """Read the settings; raises :class:`InstellingFout` naming what is missing or wrong."""
        missing = [name for name in _REQUIRED if not env.get(name, "").strip()]
        schoolkey = env.get("UWLR_SCHOOLKEY", "").strip() or None
        brincode = env.get("UWLR_BRINCODE", "").strip().upper() or None
        if brincode is None and schoolkey is None:
            missing.append("UWLR_BRINCODE (of UWLR_SCHOOLKEY)")
        if missing:
            raise InstellingFout(f"Deze omgevingsvariabelen ontbreken: {', '.join(missing)}")
        try:
            config = ClientConfig(
                leerlinggegevens_url=env["UWLR_LEERLINGGEGEVENS_URL"].strip(),
                leerresultaten_url=env["UWLR_LEERRESULTATEN_URL"].strip(),
                klantnaam=env["UWLR_KLANTNAAM"].strip(),
                klantcode=env["UWLR_KLANTCODE"].strip(),
                xsdversie=env.get("UWLR_XSDVERSIE", "").strip() or DEFAULT_XSDVERSIE,
                connect_timeout=_seconds(env, "BOOMLINK_UWLR_CONNECT_TIMEOUT", 5.0),
                read_timeout=_seconds(
                    env,
                    "BOOMLINK_UWLR_READ_TIMEOUT",
                    _seconds(env, "UWLR_TIMEOUT", 30.0),
                ),
                verify=env.get("UWLR_CA_FILE", "").strip() or True,
            )
        except ValueError as exc:
            raise InstellingFout(f"Ongeldige instelling: {exc}") from None
        file = env.get("UWLR_RESULTATEN_FILE", "").strip()
        return cls(
            config=config,
            sleutel=env["UWLR_AUTORISATIESLEUTEL"].strip(),
            schooljaar=env.get("UWLR_SCHOOLJAAR", "").strip() or huidig_schooljaar(),
            brincode=None if schoolkey else brincode,
            dependancecode=None
            if schoolkey
            else (env.get("UWLR_DEPENDANCECODE", "").strip() or "00"),
            schoolkey=schoolkey,
            resultaten_file=Path(file) if file else None,
        )


def _seconds(env: Mapping[str, str], name: str, default: float) -> float:
    text = env.get(name, "").strip()
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        raise InstellingFout(f"{name} moet een aantal seconden zijn, niet {text!r}") from None
    if value <= 0:
        raise InstellingFout(f"{name} moet groter dan 0 zijn")
    return value


# --------------------------------------------------------------------------------------------
# The results file


def lees_resultaten(path: Path, instellingen: AfnemerInstellingen) -> LeerresultatenVerzoek:
    """The ``leerresultaten_verzoek`` for the results in ``path``."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except OSError as exc:
        raise InstellingFout(
            f"Het resultatenbestand {path} is niet te lezen: {exc.strerror}"
        ) from None
    except ValueError as exc:
        raise InstellingFout(f"Het resultatenbestand {path} is geen geldige JSON: {exc}") from None
    if not isinstance(data, list) or not data:
        raise InstellingFout(f"Het resultatenbestand {path} moet een niet-lege JSON-lijst zijn")
    afnames: dict[str, Toetsafname] = {}
    toetsen: dict[str, Toets] = {}
    seen: set[str] = set()
    for number, item in enumerate(data, 1):
        resultaat, leerlingid, toets = _resultaat(item, number)
        if resultaat.key in seen:
            raise InstellingFout(
                f"Resultaat {number}: resultaat_key {resultaat.key!r} staat er meer dan eens in"
            )
        seen.add(resultaat.key)
        afnames.setdefault(leerlingid, Toetsafname(leerlingid=leerlingid)).resultaten.append(
            resultaat
        )
        toetsen.setdefault(toets.toetscode, toets)
    return LeerresultatenVerzoek(
        school=ResultatenSchool(
            schooljaar=instellingen.schooljaar,
            aanmaakdatum=dt.datetime.now(dt.UTC).replace(microsecond=0),
            brincode=instellingen.brincode,
            dependancecode=instellingen.dependancecode,
            schoolkey=instellingen.schoolkey,
            auteur="Boom testcentrum",
            xsdversie=instellingen.config.xsdversie,
        ),
        toetsafnames=list(afnames.values()),
        toetsen=list(toetsen.values()),
    )


def _resultaat(item: Any, number: int) -> tuple[Resultaat, str, Toets]:
    where = f"Resultaat {number}"
    if not isinstance(item, dict):
        raise InstellingFout(f"{where} is geen JSON-object")
    for name in _RESULT_FIELDS:
        if not isinstance(item.get(name), str) or not item[name].strip():
            raise InstellingFout(f"{where}: {name} ontbreekt of is leeg")
    try:
        afnamedatum = dt.date.fromisoformat(item["afnamedatum"])
    except ValueError:
        raise InstellingFout(f"{where}: afnamedatum moet JJJJ-MM-DD zijn") from None
    score = _optional_int(item.get("score"), f"{where}: score")
    dle = _optional_int(item.get("dle"), f"{where}: dle")
    vaardigheid = item.get("vaardigheidsscore")
    vaardigheidsscore: Decimal | None = None
    if vaardigheid is not None:
        if isinstance(vaardigheid, bool) or not isinstance(vaardigheid, int | float):
            raise InstellingFout(f"{where}: vaardigheidsscore moet een getal of null zijn")
        try:
            vaardigheidsscore = Decimal(str(vaardigheid))
        except InvalidOperation:
            raise InstellingFout(f"{where}: vaardigheidsscore is geen getal") from None
    if score is None and dle is None and vaardigheidsscore is None:
        raise InstellingFout(f"{where}: geen score, vaardigheidsscore of dle")
    oso: OsoResultaat | None = None
    if vaardigheidsscore is not None or dle is not None:
        oso = OsoResultaat(
            toetsscore=Toetsscore(aantalgoed=score, vaardigheidsscore=vaardigheidsscore),
            referentiescores=[]
            if dle is None
            else [
                Referentiescore(
                    codereferentiescore="DLE", codevergelijkingsgroep="Landelijk", waarde=str(dle)
                )
            ],
        )
    resultaat = Resultaat(
        key=item["resultaat_key"].strip(),
        afnamedatum=afnamedatum,
        toetscode=item["toetscode"].strip(),
        score=score if oso is None else None,
        osoresultaat=oso,
    )
    naam = item.get("toetsnaam")
    toets = Toets(
        toetscode=resultaat.toetscode,
        toetsnaam=naam.strip()[:128] if isinstance(naam, str) and naam.strip() else None,
    )
    return resultaat, item["leerlingid"].strip(), toets


def _optional_int(value: Any, what: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InstellingFout(f"{what} moet een geheel getal van 0 of meer zijn, of null")
    return value


# --------------------------------------------------------------------------------------------
# The command


def run(env: Mapping[str, str], out: TextIO, err: TextIO) -> int:
    """Fetch (and push); print a summary. Exit codes: 0 gelukt, 1 mislukt, 2 verkeerd ingesteld."""
    try:
        instellingen = AfnemerInstellingen.uit_omgeving(env)
        verzoek = (
            lees_resultaten(instellingen.resultaten_file, instellingen)
            if instellingen.resultaten_file is not None
            else None
        )
    except InstellingFout as exc:
        print(f"boomlink uwlr-afnemer: {exc}", file=err)
        return EXIT_GEBRUIK
    try:
        with UwlrClient(instellingen.config) as client:
            opgehaald = client.haal_leerlinggegevens(
                instellingen.sleutel,
                schooljaar=instellingen.schooljaar,
                brincode=instellingen.brincode,
                dependancecode=instellingen.dependancecode,
                schoolkey=instellingen.schoolkey,
            )
            print(
                _samenvatting(instellingen, opgehaald.message.status, opgehaald.message), file=out
            )
            if verzoek is not None:
                client.breng_leerresultaten(instellingen.sleutel, verzoek)
                aantal = sum(len(a.resultaten) for a in verzoek.toetsafnames)
                print(
                    f"{aantal} resultaten van {len(verzoek.toetsafnames)} leerlingen "
                    "naar ESIS gestuurd en bevestigd.",
                    file=out,
                )
    except UwlrClientError as exc:
        print(f"boomlink uwlr-afnemer: {exc.bericht}", file=err)
        return EXIT_FOUT
    except ValueError as exc:  # e.g. an unreadable CA file: the client says which, in Dutch
        print(f"boomlink uwlr-afnemer: de koppeling kan niet worden gebruikt: {exc}", file=err)
        return EXIT_GEBRUIK
    return EXIT_OK


def _samenvatting(instellingen: AfnemerInstellingen, status: GegevensStatus, message: Any) -> str:
    waar = f"school {instellingen.school}, schooljaar {instellingen.schooljaar}"
    if status is GegevensStatus.GEENWIJZIGINGEN:
        return f"Geen wijzigingen in ESIS ({waar})."
    if status is GegevensStatus.GEENGEGEVENS or message.gegevens is None:
        return f"ESIS heeft geen gegevens ({waar})."
    g = message.gegevens
    return (
        f"Leerlinggegevens opgehaald ({waar}): {len(g.groepen)} groepen, "
        f"{len(g.samengestelde_groepen)} samengestelde groepen, {len(g.leerlingen)} leerlingen, "
        f"{len(g.leerkrachten)} leerkrachten."
    )


def main() -> int:
    """``python -m boomlink.cli.afnemer``: the same as ``boomlink uwlr-afnemer``, without loading
    the rest of the boomlink CLI (starts about four times faster; for CI runs of the harness)."""
    import os
    import sys

    return run(os.environ, sys.stdout, sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
