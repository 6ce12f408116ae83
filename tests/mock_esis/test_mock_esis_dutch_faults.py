"""Malformed requests get a Dutch fault string with regel and kolom, never lxml's English text.

Before, a request like ``<soap:Envelope>`` without the namespace got "Ongeldige XML op regel 1:
Namespace prefix soap on Envelope is not defined, line 1, column 15". A real server, over loopback.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from lxml import etree
from mock_esis_testkit import envelope_bytes, fault_of, header_element, verzoek

from mock_esis.testing.handle import MockEsisHandle, SchoolInfo
from uwlr.faults import FaultCode

#: Words lxml's (libxml2's) messages are made of that no Dutch message of ours uses.
_ENGLISH = re.compile(
    r"\b(not|expected|found|defined|allowed|invalid|missing|mismatch|line|column|tag|"
    r"start|end|premature|content|character|value|encoding|unsupported|required|"
    r"namespace prefix|attribute|redefined|entity|comment|blank|specification)\b",
    re.IGNORECASE,
)


def _good(school: SchoolInfo) -> bytes:
    header = header_element(autorisatiesleutel="x", klantcode="y", klantnaam="z")
    return envelope_bytes(verzoek(school), header)


def _malformed(school: SchoolInfo) -> dict[str, bytes]:
    good = _good(school)
    return {
        "prefix-undeclared": b"<soap:Envelope><soap:Body/></soap:Envelope>",
        "half": good[: len(good) // 2],
        "not-xml": b"dit is geen xml",
        "tag-mismatch": good.replace(b"</soap:Body>", b"</soap:Bodi>"),
        "bad-bytes": good.replace(b"<soap:Body>", b"<soap:Body>\xff\xfe"),
        "bad-encoding": b'<?xml version="1.0" encoding="bogus"?><a/>',
        "attribute-unquoted": b"<a x=1/>",
        "nul": b"<a>\x00</a>",
        "two-roots": good + b"<a/>",
        "attribute-twice": b'<a x="1" x="2"/>',
        "entity": b"<a>&foo;</a>",
        "ampersand": good.replace(b"<soap:Body>", b"<soap:Body>&"),
        "declaration-late": b'  \n<?xml version="1.0"?><a/>',
        "comment": b"<a><!-- x -- y --></a>",
        "lt-in-attribute": b'<a x="<"/>',
    }


def _english_of(content: bytes) -> str:
    """lxml's own message for ``content``, without its ", line N, column M" tail."""
    try:
        etree.fromstring(content, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        return str(exc.msg).split(", line ")[0].strip()
    raise AssertionError("expected a syntax error")


def test_every_malformed_request_gets_a_dutch_line_with_regel_and_kolom(
    esis: MockEsisHandle, school: SchoolInfo
) -> None:
    for name, content in _malformed(school).items():
        response = esis.post("HaalLeerlinggegevens", content)
        fault = fault_of(response)
        assert fault.code is FaultCode.ONGELDIG_BERICHT, name
        text = fault.faultstring
        assert _english_of(content) not in text, (name, text)
        assert not _ENGLISH.search(text), (name, text)
        assert re.search(r"regel \d+, kolom \d+", text), (name, text)
        assert "\n" not in text, (name, text)


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"<soap:Envelope><soap:Body/></soap:Envelope>", "'soap'"),
        (b'<a x="1" x="2"/>', "'x'"),
        (b"<a><b></a>", "'b'"),
    ],
)
def test_the_dutch_line_names_what_is_wrong(
    esis: MockEsisHandle, content: bytes, fragment: str
) -> None:
    fault = fault_of(esis.post("HaalLeerlinggegevens", content))
    assert fragment in fault.faultstring, fault.faultstring


_SCHEMA_ENGLISH = re.compile(
    r"\b(accepted|facet|precomputed|length of|exceeds|underruns|sequence|duplicate|"
    r"no match|is not|expected|allowed|missing|content|valid value|warning)\b",
    re.IGNORECASE,
)


def _schema_invalid_requests() -> dict[str, tuple[str, bytes]]:
    """Requests that are well-formed but break our contract: name → (operation, bytes)."""
    from uwlr import examples, golden
    from uwlr.namespaces import LG, LR

    school = examples.example_school(1)
    made: dict[str, tuple[str, bytes]] = {}
    for name, content in golden.invalid_files(school).items():
        if not name.endswith(".xml"):
            continue
        root = etree.fromstring(content)
        body = root.find("{http://schemas.xmlsoap.org/soap/envelope/}Body")
        assert body is not None
        tag = etree.QName(body[0]).localname
        if tag == "leerlinggegevens_verzoek":
            made[name] = ("HaalLeerlinggegevens", content)
        elif tag == "leerresultaten_verzoek":
            made[name] = ("BrengLeerresultaten", content)

    def mutated(kind: str, change: Callable[[etree._Element], None]) -> bytes:
        envelope = examples.example_envelope(kind, school)
        change(envelope)
        return examples.render(envelope)

    def first(envelope: etree._Element, namespace: str, name: str) -> etree._Element:
        return next(envelope.iter(f"{{{namespace}}}{name}"))

    def set_text(namespace: str, name: str, text: str) -> Callable[[etree._Element], None]:
        return lambda envelope: setattr(first(envelope, namespace, name), "text", text)

    made["attribute"] = (
        "HaalLeerlinggegevens",
        mutated(
            "leerlinggegevens-verzoek",
            lambda envelope: first(envelope, LG, "schooljaar").set("foo", "1"),
        ),
    )
    made["date"] = (
        "BrengLeerresultaten",
        mutated("leerresultaten-verzoek", set_text(LR, "afnamedatum", "2026-13-45")),
    )
    made["empty"] = (
        "BrengLeerresultaten",
        mutated("leerresultaten-verzoek", set_text(LR, "toetscode", "")),
    )
    made["child-in-simple"] = (
        "HaalLeerlinggegevens",
        mutated(
            "leerlinggegevens-verzoek",
            lambda envelope: first(envelope, LG, "brincode").append(etree.Element(f"{{{LG}}}x")),
        ),
    )
    return made


def test_schema_errors_in_a_fault_are_dutch_too(esis: MockEsisHandle) -> None:
    requests = _schema_invalid_requests()
    assert len(requests) >= 8
    for name, (operation, content) in requests.items():
        fault = fault_of(esis.post(operation, content))
        text = fault.faultstring
        assert fault.code in (FaultCode.ONGELDIG_BERICHT, FaultCode.XSD_VERSIE_ONGELDIG), name
        assert not _SCHEMA_ENGLISH.search(text), (name, text)
        assert not _ENGLISH.search(text), (name, text)
