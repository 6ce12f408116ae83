"""The lean spyne transport: spyne still dispatches and fires its events; journal sizes stay right."""

from __future__ import annotations

from typing import Any

from mock_esis.soap.protocol import Exchange
from mock_esis.soap.transport import UwlrSoapServer
from mock_esis.testing.journal import Journal
from mock_esis.web.factory import MockOptions, build_app
from uwlr.build import build, build_autorisatie
from uwlr.envelope import build_envelope, parse_envelope, to_bytes
from uwlr.masking import Masker
from uwlr.models import Autorisatie, LeerlinggegevensVerzoek


def _request(app: Any) -> bytes:
    school = next(iter(app.state.schools.values()))
    verzoek = LeerlinggegevensVerzoek(schooljaar=school.schooljaar, brincode=school.fake.brincode)
    header = Autorisatie(
        autorisatiesleutel=school.koppeling.autorisatiesleutel,
        klantcode=app.state.klantcode,
        klantnaam=app.state.klantnaam,
    )
    return to_bytes(build_envelope(build(verzoek), build_autorisatie(header)))


def test_spyne_events_still_reach_their_listeners() -> None:
    app = build_app(MockOptions(seed=1, schools=1, students_per_group=2, activate_all=True))
    server = app._soap["leerlinggegevens"]
    assert isinstance(server, UwlrSoapServer)
    seen: list[str] = []
    server.app.event_manager.add_listener("method_call", lambda ctx: seen.append("call"))
    server.app.event_manager.add_listener("method_return_object", lambda ctx: seen.append("return"))
    exchange = Exchange()
    status, answer = server.handle(_request(app), exchange)
    assert status == 200
    assert seen == ["call", "return"]
    assert exchange.operation == "HaalLeerlinggegevens" and exchange.verdict == "ok"
    body = parse_envelope(answer).body
    assert body is not None and body.tag.endswith("leerlinggegevens_antwoord")


def test_a_request_spyne_cannot_dispatch_is_a_soap_fault() -> None:
    app = build_app(MockOptions(seed=1, schools=1, students_per_group=2, activate_all=True))
    request = _request(app).replace(b"leerlinggegevens_verzoek", b"onbekend_verzoek")
    exchange = Exchange()
    status, answer = app._soap["leerlinggegevens"].handle(request, exchange)
    assert status == 500
    assert b"soap:Client.OngeldigBericht" in answer and b"onbekend_verzoek" in answer
    assert exchange.verdict == "unmatched"


def test_a_dropped_entry_no_longer_counts_and_its_json_has_no_size() -> None:
    journal = Journal(limit=10, max_body_bytes=300)
    fields: dict[str, Any] = {
        "endpoint": "leerlinggegevens",
        "operation": None,
        "soapaction": None,
        "header": None,
        "verdict": "ok",
    }
    first = journal.record(journal.begin(), request_body="é" * 60, answer_body="a", **fields)
    assert first.body_size == 121  # bytes, not characters
    journal.record(journal.begin(), request_body="r" * 200, answer_body="a", **fields)
    assert first.bodies_dropped and first.body_size == 0
    assert journal.body_bytes == 201
    assert "_body_size" not in first.to_json()


def test_a_masker_masks_a_secret_added_after_it_was_used() -> None:
    masker = Masker(["geheime-sleutel-1"])
    assert "geheime-sleutel-1" not in masker.text("a geheime-sleutel-1 b")
    masker.add("tweede-sleutel-22")
    assert "tweede-sleutel-22" not in masker.text("a tweede-sleutel-22 b")
