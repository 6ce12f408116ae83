"""Every SOAP fault of the mock ESIS, and the order of its checks, over real HTTP.

A fault is HTTP 500 with a SOAP 1.1 fault whose faultcode is ``soap:<UWLR code>``; its envelope
is valid against our contract and the official schemas; its text never contains a key.
"""

from __future__ import annotations

from typing import Any

import pytest
from lxml import etree
from mock_esis_testkit import (
    HEADER_FIELDS,
    answer_of,
    envelope_bytes,
    fault_of,
    header_element,
    leerresultaten,
    resultaat,
    verzoek,
)

from mock_esis.testing.handle import MockEsisHandle, SchoolInfo
from uwlr.build import build, build_autorisatie
from uwlr.faults import FaultCode
from uwlr.models import GroepRef
from uwlr.namespaces import LG, LR

OPERATIONS = ["HaalLeerlinggegevens", "HaalStructuur", "HaalLeerlingen", "HaalLeerkrachten"]
WRONG_KEY = "dit-is-niet-de-sleutel-0123456789abcdefghijklmnop"


def request_of(school: SchoolInfo, operation: str, **fields: Any) -> Any:
    if operation in ("HaalLeerlingen", "HaalLeerkrachten"):
        fields.setdefault("groepen", [GroepRef(soort="groep", key=None)])
    return verzoek(school, operation, **fields)


def good_header(esis: MockEsisHandle, school: SchoolInfo, **override: str | None) -> etree._Element:
    fields: dict[str, str | None] = {
        "autorisatiesleutel": school.autorisatiesleutel,
        "klantcode": esis.klantcode,
        "klantnaam": esis.klantnaam,
        **override,
    }
    return header_element(**fields)


def post(esis: MockEsisHandle, operation: str, body: Any, header: etree._Element | None) -> Any:
    return esis.post(operation, envelope_bytes(body, header))


def keys(esis: MockEsisHandle) -> list[str]:
    return [s.autorisatiesleutel for s in esis.schools if s.autorisatiesleutel]


def body_with(school: SchoolInfo, change: dict[str, str]) -> etree._Element:
    """The all-in-one request with the text of some elements replaced (to make it invalid)."""
    element = build(verzoek(school))
    for local, text in change.items():
        child = element.find(f"{{{LG}}}{local}")
        assert child is not None
        child.text = text
    return element


# --------------------------------------------------------------------------------------------
# The autorisatie header


@pytest.mark.parametrize("operation", OPERATIONS)
def test_no_header_is_autorisatie_ongeldig(
    esis: MockEsisHandle, school: SchoolInfo, operation: str
) -> None:
    response = post(esis, operation, request_of(school, operation), None)
    assert fault_of(response, *keys(esis)).code is FaultCode.AUTORISATIE_ONGELDIG


@pytest.mark.parametrize("missing", HEADER_FIELDS)
def test_missing_header_element_is_autorisatie_ongeldig(
    esis: MockEsisHandle, school: SchoolInfo, missing: str
) -> None:
    header = good_header(esis, school, **{missing: None})
    response = post(esis, "HaalLeerlinggegevens", verzoek(school), header)
    fault = fault_of(response, *keys(esis))
    assert fault.code is FaultCode.AUTORISATIE_ONGELDIG
    assert missing in fault.faultstring


@pytest.mark.parametrize("empty", HEADER_FIELDS)
def test_empty_header_element_is_autorisatie_ongeldig(
    esis: MockEsisHandle, school: SchoolInfo, empty: str
) -> None:
    header = good_header(esis, school, **{empty: ""})
    response = post(esis, "HaalLeerlinggegevens", verzoek(school), header)
    fault = fault_of(response, *keys(esis))
    assert fault.code is FaultCode.AUTORISATIE_ONGELDIG
    assert empty in fault.faultstring


@pytest.mark.parametrize("operation", OPERATIONS)
def test_wrong_key_is_autorisatie_ongeldig(
    esis: MockEsisHandle, school: SchoolInfo, operation: str
) -> None:
    header = good_header(esis, school, autorisatiesleutel=WRONG_KEY)
    response = post(esis, operation, request_of(school, operation), header)
    assert fault_of(response, WRONG_KEY, *keys(esis)).code is FaultCode.AUTORISATIE_ONGELDIG


def test_wrong_key_for_brengleerresultaten_is_autorisatie_ongeldig(
    esis: MockEsisHandle, school: SchoolInfo
) -> None:
    message = leerresultaten(school, {"L-ONBEKEND": [resultaat("R1")]})
    header = good_header(esis, school, autorisatiesleutel=WRONG_KEY)
    response = post(esis, "BrengLeerresultaten", message, header)
    assert fault_of(response, WRONG_KEY, *keys(esis)).code is FaultCode.AUTORISATIE_ONGELDIG


@pytest.mark.parametrize(
    "field, value",
    [
        ("klantcode", "ANDERE-KLANT"),
        ("klantnaam", "Andere uitgever"),
        ("klantcode", "boom-tc-uwlr"),
    ],
)
def test_unknown_afnemer_is_ongeldige_klant_identificatie(
    esis: MockEsisHandle, school: SchoolInfo, field: str, value: str
) -> None:
    header = good_header(esis, school, **{field: value})
    response = post(esis, "HaalLeerlinggegevens", verzoek(school), header)
    fault = fault_of(response, *keys(esis))
    assert fault.code is FaultCode.ONGELDIGE_KLANT_IDENTIFICATIE


def test_key_of_one_school_does_not_open_another_seeded_school(
    esis: MockEsisHandle, school: SchoolInfo, other_school: SchoolInfo
) -> None:
    header = good_header(esis, school)
    response = post(esis, "HaalLeerlinggegevens", verzoek(other_school), header)
    assert fault_of(response, *keys(esis)).code is FaultCode.AUTORISATIE_ONGELDIG


def test_unknown_brin_is_autorisatie_ongeldig(esis: MockEsisHandle, school: SchoolInfo) -> None:
    assert all(s.brincode != "99ZZ" for s in esis.schools)
    request = verzoek(school, brincode="99ZZ")
    response = post(esis, "HaalLeerlinggegevens", request, good_header(esis, school))
    assert fault_of(response, *keys(esis)).code is FaultCode.AUTORISATIE_ONGELDIG


def test_other_dependancecode_is_autorisatie_ongeldig(
    esis: MockEsisHandle, school: SchoolInfo
) -> None:
    assert school.dependancecode != "01"
    request = verzoek(school, dependancecode="01")
    response = post(esis, "HaalLeerlinggegevens", request, good_header(esis, school))
    assert fault_of(response, *keys(esis)).code is FaultCode.AUTORISATIE_ONGELDIG


def test_no_dependancecode_means_00(esis: MockEsisHandle, school: SchoolInfo) -> None:
    assert school.dependancecode == "00"
    request = verzoek(school, dependancecode=None)
    response = post(esis, "HaalLeerlinggegevens", request, good_header(esis, school))
    assert answer_of(response).gegevens.school.brincode == school.brincode


def test_right_schoolkey_is_answered(esis: MockEsisHandle, school: SchoolInfo) -> None:
    request = verzoek(school, brincode=None, dependancecode=None, schoolkey=school.schoolkey)
    response = post(esis, "HaalLeerlinggegevens", request, good_header(esis, school))
    assert answer_of(response).gegevens.school.brincode == school.brincode


@pytest.mark.parametrize("which", ["unknown", "other school"])
def test_wrong_schoolkey_is_autorisatie_ongeldig(
    esis: MockEsisHandle, school: SchoolInfo, other_school: SchoolInfo, which: str
) -> None:
    schoolkey = "ESIS-ONBEKEND" if which == "unknown" else other_school.schoolkey
    request = verzoek(school, brincode=None, dependancecode=None, schoolkey=schoolkey)
    response = post(esis, "HaalLeerlinggegevens", request, good_header(esis, school))
    assert fault_of(response, *keys(esis)).code is FaultCode.AUTORISATIE_ONGELDIG


# --------------------------------------------------------------------------------------------
# The message itself


def test_malformed_xml_is_ongeldig_bericht(esis: MockEsisHandle, school: SchoolInfo) -> None:
    good = envelope_bytes(verzoek(school), good_header(esis, school))
    response = esis.post("HaalLeerlinggegevens", good[: len(good) // 2])
    assert fault_of(response, *keys(esis)).code is FaultCode.ONGELDIG_BERICHT


def test_not_xml_at_all_is_ongeldig_bericht(esis: MockEsisHandle) -> None:
    response = esis.post("HaalLeerlinggegevens", b"dit is geen xml")
    assert fault_of(response, *keys(esis)).code is FaultCode.ONGELDIG_BERICHT


def test_xxe_document_is_ongeldig_bericht(esis: MockEsisHandle, school: SchoolInfo) -> None:
    good = envelope_bytes(verzoek(school), good_header(esis, school)).decode()
    declaration, rest = good.split("?>", 1)
    evil = (
        f'{declaration}?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        + rest.replace(f">{school.schooljaar}<", ">&xxe;<")
    )
    response = esis.post("HaalLeerlinggegevens", evil.encode())
    assert fault_of(response, *keys(esis)).code is FaultCode.ONGELDIG_BERICHT
    assert "root:" not in response.text


def test_not_a_soap_envelope_is_ongeldig_bericht(esis: MockEsisHandle, school: SchoolInfo) -> None:
    bare = etree.tostring(build(verzoek(school)))
    response = esis.post("HaalLeerlinggegevens", bare)
    assert fault_of(response, *keys(esis)).code is FaultCode.ONGELDIG_BERICHT


@pytest.mark.parametrize("schooljaar", ["2026/2027", "2026-2028", "26-27", ""])
def test_bad_schooljaar_is_ongeldig_bericht(
    esis: MockEsisHandle, school: SchoolInfo, schooljaar: str
) -> None:
    body = body_with(school, {"schooljaar": schooljaar})
    response = post(esis, "HaalLeerlinggegevens", body, good_header(esis, school))
    assert fault_of(response, *keys(esis)).code is FaultCode.ONGELDIG_BERICHT


def test_lowercase_brin_is_ongeldig_bericht(esis: MockEsisHandle, school: SchoolInfo) -> None:
    body = body_with(school, {"brincode": school.brincode.lower()})
    response = post(esis, "HaalLeerlinggegevens", body, good_header(esis, school))
    assert fault_of(response, *keys(esis)).code is FaultCode.ONGELDIG_BERICHT


@pytest.mark.parametrize("xsdversie", ["9.9", "2.0", "2.4", "twee"])
def test_unknown_xsdversie_is_xsd_versie_ongeldig(
    esis: MockEsisHandle, school: SchoolInfo, xsdversie: str
) -> None:
    body = body_with(school, {"xsdversie": xsdversie})
    response = post(esis, "HaalLeerlinggegevens", body, good_header(esis, school))
    assert fault_of(response, *keys(esis)).code is FaultCode.XSD_VERSIE_ONGELDIG


@pytest.mark.parametrize(
    "tag, hint",
    [
        (f"{{{LG}}}leerlinggegevens_verzoeken", "leerlinggegevens_verzoek"),
        (f"{{{LR}}}leerlinggegevens_verzoek", f"{{{LG}}}leerlinggegevens_verzoek"),
        ("{urn:iets:anders}leerlinggegevens_verzoek", f"{{{LG}}}leerlinggegevens_verzoek"),
    ],
)
def test_unknown_root_element_is_ongeldig_bericht_with_a_near_miss(
    esis: MockEsisHandle, school: SchoolInfo, tag: str, hint: str
) -> None:
    body = build(verzoek(school))
    body.tag = tag
    response = post(esis, "HaalLeerlinggegevens", body, good_header(esis, school))
    fault = fault_of(response, *keys(esis))
    assert fault.code is FaultCode.ONGELDIG_BERICHT
    assert "bedoelde u" in fault.faultstring
    assert hint in fault.faultstring


def test_request_sent_to_the_wrong_endpoint_is_refused(
    esis: MockEsisHandle, school: SchoolInfo
) -> None:
    content = envelope_bytes(verzoek(school), good_header(esis, school))
    response = esis.post("BrengLeerresultaten", content)
    assert fault_of(response, *keys(esis)).code is FaultCode.ONGELDIG_BERICHT


# --------------------------------------------------------------------------------------------
# Check order


def test_invalid_body_with_wrong_key_is_ongeldig_bericht(
    esis: MockEsisHandle, school: SchoolInfo
) -> None:
    body = body_with(school, {"brincode": school.brincode.lower()})
    header = good_header(esis, school, autorisatiesleutel=WRONG_KEY)
    response = post(esis, "HaalLeerlinggegevens", body, header)
    assert fault_of(response, WRONG_KEY).code is FaultCode.ONGELDIG_BERICHT


def test_invalid_body_without_header_is_ongeldig_bericht(
    esis: MockEsisHandle, school: SchoolInfo
) -> None:
    body = body_with(school, {"schooljaar": "2026/2027"})
    response = post(esis, "HaalLeerlinggegevens", body, None)
    assert fault_of(response).code is FaultCode.ONGELDIG_BERICHT


def test_valid_body_wrong_klant_and_wrong_key_is_ongeldige_klant_identificatie(
    esis: MockEsisHandle, school: SchoolInfo
) -> None:
    header = good_header(
        esis, school, autorisatiesleutel=WRONG_KEY, klantcode="X", klantnaam="Onbekend"
    )
    response = post(esis, "HaalLeerlinggegevens", verzoek(school), header)
    assert fault_of(response, WRONG_KEY).code is FaultCode.ONGELDIGE_KLANT_IDENTIFICATIE


def test_unsupported_xsdversie_with_wrong_key_is_xsd_versie_ongeldig(
    esis: MockEsisHandle, school: SchoolInfo
) -> None:
    body = body_with(school, {"xsdversie": "9.9"})
    header = good_header(esis, school, autorisatiesleutel=WRONG_KEY)
    response = post(esis, "HaalLeerlinggegevens", body, header)
    assert fault_of(response, WRONG_KEY).code is FaultCode.XSD_VERSIE_ONGELDIG


def test_the_right_header_built_by_uwlr_is_answered(
    esis: MockEsisHandle, school: SchoolInfo
) -> None:
    header = build_autorisatie(esis.autorisatie(school))
    response = post(esis, "HaalLeerlinggegevens", verzoek(school), header)
    assert answer_of(response).gegevens is not None
