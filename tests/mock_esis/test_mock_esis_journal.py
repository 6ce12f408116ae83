"""The journal: every SOAP request of a test with its verdict, and never a whole key."""

from __future__ import annotations

import json

import httpx
from mock_esis_testkit import (
    assert_valid_answer,
    envelope_bytes,
    fault_of,
    leerresultaten,
    resultaat,
    verzoek,
)

from mock_esis.testing.handle import MockEsisHandle
from uwlr.build import build


def test_every_request_is_recorded_with_its_verdict(mock_esis: MockEsisHandle) -> None:
    school = mock_esis.school
    key = school.autorisatiesleutel
    assert key
    pupil = mock_esis.app.state.schools[school.code].fake.leerlinggegevens.leerlingen[0].key
    assert pupil
    unknown = build(verzoek(school))
    unknown.tag = unknown.tag.replace("leerlinggegevens_verzoek", "leerling_verzoek")

    responses = [
        mock_esis.call("HaalLeerlinggegevens", verzoek(school)),  # ok
        mock_esis.call(  # fault: wrong key
            "HaalLeerlinggegevens",
            verzoek(school),
            autorisatie=mock_esis.autorisatie(autorisatiesleutel="x" * 40),
        ),
        mock_esis.post(  # invalid: lowercase BRIN
            "HaalLeerlinggegevens",
            mock_esis.envelope(verzoek(school), None).replace(
                f">{school.brincode}<".encode(), f">{school.brincode.lower()}<".encode()
            ),
        ),
        mock_esis.post("HaalLeerlinggegevens", b"<kapot"),  # invalid: not XML
        mock_esis.post("HaalLeerlinggegevens", envelope_bytes(unknown, None)),  # unmatched
        mock_esis.call("BrengLeerresultaten", leerresultaten(school, {pupil: [resultaat("J-1")]})),
        mock_esis.call(  # fault: unknown pupil
            "BrengLeerresultaten", leerresultaten(school, {"NIEMAND": [resultaat("J-2")]})
        ),
    ]
    for response in responses:
        if response.status_code == 200:
            assert_valid_answer(response)
        else:
            fault_of(response, key)

    entries = mock_esis.journal()
    assert [(e["operation"], e["verdict"], e["faultcode"], e["http_status"]) for e in entries] == [
        ("HaalLeerlinggegevens", "ok", None, 200),
        ("HaalLeerlinggegevens", "fault", "Client.AutorisatieOngeldig", 500),
        ("HaalLeerlinggegevens", "invalid", "Client.OngeldigBericht", 500),
        (None, "invalid", "Client.OngeldigBericht", 500),
        (None, "unmatched", "Client.OngeldigBericht", 500),
        ("BrengLeerresultaten", "ok", None, 200),
        ("BrengLeerresultaten", "fault", "Client.LeerlingOngeldig", 500),
    ]
    assert [e["endpoint"] for e in entries] == ["leerlinggegevens"] * 5 + ["leerresultaten"] * 2
    assert entries[2]["errors"] and entries[3]["errors"] and entries[4]["errors"]
    assert all(e["answer_bytes"] > 0 and e["latency_ms"] >= 0 for e in entries)
    assert len({e["id"] for e in entries}) == len(entries)


def test_keys_are_masked(mock_esis: MockEsisHandle) -> None:
    school = mock_esis.school
    key = school.autorisatiesleutel
    assert key
    wrong = "verkeerde-sleutel-" + "z" * 30
    mock_esis.call("HaalLeerlinggegevens", verzoek(school))
    mock_esis.call(
        "HaalLeerlinggegevens",
        verzoek(school),
        autorisatie=mock_esis.autorisatie(autorisatiesleutel=wrong),
    )
    entries = mock_esis.journal()
    dumped = json.dumps(entries) + json.dumps(entries, ensure_ascii=False)
    assert key not in dumped
    assert wrong not in dumped
    assert key[:8] not in dumped
    masked = entries[0]["header"]["autorisatiesleutel"]
    assert masked.endswith(key[-4:]) and masked != key
    assert entries[0]["header"]["klantnaam"] == mock_esis.klantnaam
    assert entries[0]["header"]["klantcode"] == mock_esis.klantcode


def test_journal_filters(mock_esis: MockEsisHandle) -> None:
    school = mock_esis.school
    mock_esis.call("HaalLeerlinggegevens", verzoek(school))
    mock_esis.call("HaalStructuur", verzoek(school, "HaalStructuur"))
    mock_esis.post("HaalLeerlinggegevens", b"<kapot")
    assert len(mock_esis.journal()) == 3
    assert [e["operation"] for e in mock_esis.journal(operation="HaalStructuur")] == [
        "HaalStructuur"
    ]
    assert len(mock_esis.journal(verdict="invalid")) == 1
    assert len(mock_esis.journal(verdict="ok")) == 2


def test_wsdl_requests_are_not_journalled(mock_esis: MockEsisHandle) -> None:
    httpx.get(f"{mock_esis.endpoints['leerlinggegevens']}?wsdl")
    assert mock_esis.journal() == []
