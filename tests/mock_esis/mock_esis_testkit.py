"""Helpers for the mock ESIS tests: checked answers and faults, raw envelopes, module servers.

Every answer and fault a test looks at goes through :func:`assert_valid_answer` or
:func:`fault_of`, which check it against BOTH our contract (:func:`uwlr.validate.validate`) and the
official UWLR 2.2 schemas (that half is left out when the official files are absent).
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import signal
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any, cast

import httpx
from lxml import etree

from mock_esis.testing.handle import MockEsisHandle, SchoolInfo
from mock_esis.testing.resultaten import leerresultaten_verzoek
from mock_esis.web.factory import MockOptions, build_app
from mock_esis.web.server import MockEsisServer
from uwlr.build import build
from uwlr.envelope import CONTENT_TYPE, Envelope, build_envelope, parse_envelope, to_bytes
from uwlr.faults import UwlrFault
from uwlr.models import (
    LeerkrachtenVerzoek,
    LeerlingenVerzoek,
    LeerlinggegevensVerzoek,
    LeerresultatenVerzoek,
    Message,
    Norm,
    Normering,
    OsoResultaat,
    Referentiescore,
    Resultaat,
    StructuurVerzoek,
    Toets,
    Toetsscore,
)
from uwlr.namespaces import AUT, SOAP_ENV
from uwlr.official import OfficialSchemas, OfficialSchemasMissing, official_schemas
from uwlr.parse import parse
from uwlr.validate import validate

__all__ = [
    "HEADER_FIELDS",
    "assert_valid_answer",
    "assert_valid_envelope",
    "answer_of",
    "envelope_bytes",
    "fault_of",
    "header_element",
    "later",
    "leerresultaten",
    "resultaat",
    "official_or_none",
    "reprefixed",
    "started_server",
    "verzoek",
    "without_aanmaakdatum",
]

HEADER_FIELDS = ("autorisatiesleutel", "klantcode", "klantnaam")

_VERZOEKEN: dict[str, type[LeerlinggegevensVerzoek]] = {
    "HaalLeerlinggegevens": LeerlinggegevensVerzoek,
    "HaalStructuur": StructuurVerzoek,
    "HaalLeerlingen": LeerlingenVerzoek,
    "HaalLeerkrachten": LeerkrachtenVerzoek,
}


def official_or_none() -> OfficialSchemas | None:
    """The official schemas, or None when ``../shared/uwlr-xsd`` is not there."""
    try:
        return official_schemas()
    except OfficialSchemasMissing:
        return None


def assert_valid_envelope(root: etree._Element) -> None:
    """``root`` (a SOAP envelope) is valid against our contract and the official schemas."""
    issues = validate(root)
    assert not issues, [str(i) for i in issues]
    official = official_or_none()
    if official is not None:
        errors = official.errors(root)
        assert not errors, errors


def assert_valid_answer(response: httpx.Response) -> Envelope:
    """A 200 answer in ``text/xml; charset=utf-8`` whose envelope is valid (contract + official)."""
    assert response.status_code == 200, response.text[:2000]
    assert response.headers["content-type"] == CONTENT_TYPE
    envelope = parse_envelope(response.content)
    assert envelope.fault is None, response.text[:2000]
    assert_valid_envelope(envelope.root)
    return envelope


def answer_of(response: httpx.Response) -> Any:
    """The parsed answer message of a valid 200 answer."""
    envelope = assert_valid_answer(response)
    assert envelope.body is not None
    return parse(envelope.body)


def fault_of(response: httpx.Response, *secrets: str) -> UwlrFault:
    """The SOAP 1.1 fault of a 500 answer: ``soap:`` faultcode, valid envelope, no secret in it."""
    assert response.status_code == 500, response.text[:2000]
    assert response.headers["content-type"] == CONTENT_TYPE
    for secret in secrets:
        assert secret not in response.text, "the fault echoes a key"
    envelope = parse_envelope(response.content)
    assert_valid_envelope(envelope.root)
    fault = envelope.fault
    assert fault is not None, response.text[:2000]
    assert envelope.body is not None
    raw_code = envelope.body.findtext("faultcode")
    assert raw_code == f"soap:{fault.faultcode}", raw_code
    assert envelope.root.nsmap.get("soap") == SOAP_ENV
    assert fault.faultstring, "a fault needs a (Dutch) faultstring"
    return fault


def verzoek(
    school: SchoolInfo, operation: str = "HaalLeerlinggegevens", **fields: Any
) -> LeerlinggegevensVerzoek:
    """The request of ``operation`` for ``school`` by brincode + dependancecode (overridable)."""
    values: dict[str, Any] = {
        "schooljaar": school.schooljaar,
        "brincode": school.brincode,
        "dependancecode": school.dependancecode,
        "xsdversie": "2.2",
        **fields,
    }
    return _VERZOEKEN[operation](**values)


TOETS = Toets(
    toetscode="BOOM-REK-M5",
    toetsnaam="Boom Rekenen M5",
    leerjaar="5",
    vakgebied="Rekenen-Wiskunde",
    toetsnormering=Normering(
        normen=[
            Norm(term="onvoldoende", beginnormwaarde=0, eindnormwaarde=24),
            Norm(term="voldoende", beginnormwaarde=25, eindnormwaarde=50),
        ]
    ),
)


def resultaat(key: str, *, score: int | None = 30, toetscode: str = TOETS.toetscode) -> Resultaat:
    """A ``resultaat`` of :data:`TOETS`: an integer ``score``, or (score None) an OSO DLE."""
    oso = None
    if score is None:
        oso = OsoResultaat(
            toetsscore=Toetsscore(vaardigheidsscore=Decimal("42.5")),
            referentiescores=[
                Referentiescore(
                    codereferentiescore="DLE",
                    codevergelijkingsgroep="Landelijk",
                    waarde="31",
                    kwalificatie="1F",
                )
            ],
        )
    return Resultaat(
        key=key,
        afnamedatum=dt.date(2026, 11, 2),
        toetscode=toetscode,
        score=score,
        osoresultaat=oso,
    )


def leerresultaten(
    school: SchoolInfo, afnames: dict[str, list[Resultaat]], *, toetsen: list[Toets] | None = None
) -> LeerresultatenVerzoek:
    """A ``leerresultaten_verzoek`` for ``school``: per leerlingid its resultaten."""
    return leerresultaten_verzoek(
        school,
        afnames,
        [TOETS] if toetsen is None else toetsen,
        aanmaakdatum=dt.datetime(2026, 11, 2, 14, 30, tzinfo=dt.UTC),
        xsdversie="2.2",
    )


def header_element(**fields: str | None) -> etree._Element:
    """An ``aut:autorisatie`` header built by hand: a field None is left out, "" is empty."""
    root = etree.Element(f"{{{AUT}}}autorisatie", nsmap={"aut": AUT})
    for name in HEADER_FIELDS:
        value = fields.get(name)
        if value is not None:
            etree.SubElement(root, f"{{{AUT}}}{name}").text = value
    return root


def envelope_bytes(body: etree._Element | Message, header: etree._Element | None) -> bytes:
    """A request envelope (``soap:`` prefix) around ``body``, with ``header`` unless None."""
    element = body if isinstance(body, etree._Element) else build(body)
    return to_bytes(build_envelope(element, header))


def reprefixed(document: etree._Element, prefixes: dict[str, str | None]) -> bytes:
    """``document`` rewritten with other namespace prefixes (None: the default namespace).

    Each element whose namespace differs from its parent's declares its own prefix, so a
    default namespace can change from element to element.
    """

    def copy_of(element: etree._Element, parent_ns: str | None) -> etree._Element:
        qname = etree.QName(element)
        namespace = qname.namespace
        nsmap: dict[str | None, str] | None = None
        if namespace and namespace != parent_ns:
            nsmap = {prefixes.get(namespace, "ns"): namespace}
        # lxml takes None as the prefix of the default namespace (lxml-stubs allow str only) and
        # gives attributes as str (the stubs also allow bytes)
        attrib = dict(cast("list[tuple[str, str]]", element.attrib.items()))
        new = etree.Element(element.tag, attrib=attrib, nsmap=cast("dict[str, str] | None", nsmap))
        new.text = element.text
        new.tail = element.tail
        for child in element:
            if isinstance(child.tag, str):
                new.append(copy_of(child, namespace))
        return new

    return bytes(etree.tostring(copy_of(document, None), xml_declaration=True, encoding="utf-8"))


def without_aanmaakdatum(message: Any) -> Any:
    """A copy of an answer with every ``school.aanmaakdatum`` cleared (it is the time of answer)."""
    message = copy.deepcopy(message)
    holders = [message, getattr(message, "gegevens", None)]
    for holder in holders:
        school = getattr(holder, "school", None)
        if school is not None and hasattr(school, "aanmaakdatum"):
            holder.school = dataclasses.replace(school, aanmaakdatum=None)
    return message


@contextmanager
def started_server(**options: Any) -> Iterator[MockEsisHandle]:
    """A mock ESIS with ``options`` (see :class:`MockOptions`) for the block; stopped afterwards."""
    server = MockEsisServer(build_app(MockOptions(**options))).start()
    try:
        yield MockEsisHandle(server)
    finally:
        server.stop()


def later(days: int = 0) -> dt.datetime:
    """An aware moment ``days`` from now (negative: in the past)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(days=days)


def stop_process(process: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> int:
    """Send ``sig`` unless the process has ended, wait up to 15 s (then kill it); its exit code."""
    if process.poll() is None:
        process.send_signal(sig)
    try:
        return process.wait(timeout=15)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=5)
