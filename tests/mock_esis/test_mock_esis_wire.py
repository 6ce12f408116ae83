"""The wire rules of the mock ESIS: dispatch on the body whatever the SOAPAction, any prefixes."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from mock_esis_testkit import (
    answer_of,
    envelope_bytes,
    fault_of,
    reprefixed,
    verzoek,
    without_aanmaakdatum,
)

from mock_esis.testing.handle import MockEsisHandle, SchoolInfo
from uwlr.build import build, build_autorisatie
from uwlr.envelope import build_envelope
from uwlr.faults import FaultCode
from uwlr.models import GroepRef
from uwlr.namespaces import AUT, LG, SOAP_ACTIONS, SOAP_ENV

OPERATIONS = ["HaalLeerlinggegevens", "HaalStructuur", "HaalLeerlingen", "HaalLeerkrachten"]


def request_of(school: SchoolInfo, operation: str) -> Any:
    extra: dict[str, Any] = {}
    if operation in ("HaalLeerlingen", "HaalLeerkrachten"):
        extra["groepen"] = [GroepRef(soort="groep", key=None), GroepRef(soort="groep", key=None)]
    return verzoek(school, operation, **extra)


def soapactions(operation: str) -> dict[str, str | None]:
    action = SOAP_ACTIONS[operation]
    other = "HaalStructuur" if operation == "HaalLeerlinggegevens" else "HaalLeerlinggegevens"
    return {
        "quoted": f'"{action}"',
        "unquoted": action,
        "uri": f"{LG}/{operation}",
        "absent": None,
        "empty": '""',
        "wrong": f'"{SOAP_ACTIONS[other]}"',
        "nonsense": "urn:iets:volledig:anders",
    }


@pytest.mark.parametrize("operation", OPERATIONS)
@pytest.mark.parametrize(
    "style", ["quoted", "unquoted", "uri", "absent", "empty", "wrong", "nonsense"]
)
def test_any_soapaction_gives_the_same_answer(
    esis: MockEsisHandle, school: SchoolInfo, operation: str, style: str
) -> None:
    message = request_of(school, operation)
    reference = answer_of(esis.call(operation, message))
    soapaction = soapactions(operation)[style]
    response = esis.call(operation, message, soapaction=soapaction)
    assert without_aanmaakdatum(answer_of(response)) == without_aanmaakdatum(reference)


def test_soapaction_is_recorded_as_sent(mock_esis: MockEsisHandle) -> None:
    message = request_of(mock_esis.school, "HaalLeerlinggegevens")
    mock_esis.call("HaalLeerlinggegevens", message, soapaction="urn:iets")
    mock_esis.call("HaalLeerlinggegevens", message, soapaction=None)
    assert [e["soapaction"] for e in mock_esis.journal()] == ["urn:iets", None]


def request_document(esis: MockEsisHandle, school: SchoolInfo, operation: str) -> Any:
    return build_envelope(
        build(request_of(school, operation)), build_autorisatie(esis.autorisatie(school))
    )


@pytest.mark.parametrize("operation", OPERATIONS)
@pytest.mark.parametrize(
    "prefixes",
    [
        {SOAP_ENV: "S", AUT: "a", LG: "x"},
        {SOAP_ENV: "soapenv", AUT: "ns1", LG: "ns2"},
        {SOAP_ENV: "env", AUT: None, LG: None},
        {SOAP_ENV: None, AUT: None, LG: None},
    ],
    ids=["short", "generated", "default-in-body", "default-everywhere"],
)
def test_other_prefixes_and_default_namespaces_work(
    esis: MockEsisHandle, school: SchoolInfo, operation: str, prefixes: dict[str, str | None]
) -> None:
    reference = answer_of(esis.call(operation, request_of(school, operation)))
    content = reprefixed(request_document(esis, school, operation), prefixes)
    if prefixes[LG] is None:
        assert f'_verzoek xmlns="{LG}"'.encode() in content
    response = esis.post(operation, content)
    assert without_aanmaakdatum(answer_of(response)) == without_aanmaakdatum(reference)


def test_prefixed_fault_still_uses_soap_prefix(esis: MockEsisHandle, school: SchoolInfo) -> None:
    document = request_document(esis, school, "HaalLeerlinggegevens")
    key = document.find(f".//{{{AUT}}}autorisatiesleutel")
    assert key is not None
    key.text = "verkeerd-verkeerd-verkeerd-verkeerd"
    content = reprefixed(document, {SOAP_ENV: "S", AUT: "a", LG: "x"})
    response = esis.post("HaalLeerlinggegevens", content)
    assert fault_of(response, "verkeerd-verkeerd").code is FaultCode.AUTORISATIE_ONGELDIG


def test_charset_of_the_request_content_type_is_not_required(
    esis: MockEsisHandle, school: SchoolInfo
) -> None:
    content = envelope_bytes(request_of(school, "HaalLeerlinggegevens"), None)
    # a header name is no keyword, and mypy cannot tell it from ``timeout`` among the **headers
    headers = {"Content-Type": "text/xml"}
    response = esis.post("HaalLeerlinggegevens", content, **headers)  # type: ignore[arg-type]
    assert fault_of(response).code is FaultCode.AUTORISATIE_ONGELDIG


def test_get_without_wsdl_is_not_a_soap_call(esis: MockEsisHandle) -> None:
    response = httpx.get(esis.endpoints["leerlinggegevens"])
    assert response.status_code == 405
