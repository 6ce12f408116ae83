"""Each injected fault reaches a plain httpx client as it should: a reset is a reset, a hang a timeout."""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx
import pytest

from mock_esis.testing.handle import MockEsisHandle
from uwlr.envelope import parse_envelope
from uwlr.faults import FaultCode
from uwlr.models import LeerlinggegevensVerzoek
from uwlr.safexml import XmlSyntaxError

OP = "HaalLeerlinggegevens"


def _request(handle: MockEsisHandle) -> LeerlinggegevensVerzoek:
    school = handle.school
    return LeerlinggegevensVerzoek(schooljaar=school.schooljaar, brincode=school.brincode)


def _call(handle: MockEsisHandle, timeout: float = 5.0) -> httpx.Response:
    return handle.call(OP, _request(handle), timeout=timeout)


def test_reset_is_a_connection_reset(mock_esis: MockEsisHandle) -> None:
    mock_esis.inject(operation=OP, kind="reset")
    with pytest.raises(httpx.ReadError) as info:
        _call(mock_esis)
    assert "reset" in str(info.value).lower()
    assert _call(mock_esis).status_code == 200


def test_garbage_is_a_protocol_error(mock_esis: MockEsisHandle) -> None:
    mock_esis.inject(operation=OP, kind="garbage")
    with pytest.raises(httpx.RemoteProtocolError):
        _call(mock_esis)
    assert _call(mock_esis).status_code == 200


def test_hang_is_a_timeout(mock_esis: MockEsisHandle) -> None:
    mock_esis.inject(operation=OP, kind="hang", ms=5000)
    with pytest.raises(httpx.ReadTimeout):
        _call(mock_esis, timeout=0.5)
    assert _call(mock_esis).status_code == 200


def test_latency_delays_but_answers(mock_esis: MockEsisHandle) -> None:
    mock_esis.inject(operation=OP, kind="latency", ms=300)
    started = time.monotonic()
    response = _call(mock_esis)
    assert response.status_code == 200
    assert time.monotonic() - started >= 0.3


def test_uniform_latency_is_deterministic_by_seed(mock_esis: MockEsisHandle) -> None:
    rule = mock_esis.inject(operation=OP, kind="latency", min_ms=1, max_ms=5, count=3, seed=7)
    assert rule["seed"] == 7
    for _ in range(3):
        assert _call(mock_esis).status_code == 200
    assert mock_esis.faults()[0]["fired"] == 3


@pytest.mark.parametrize(
    ("spec", "status", "fault"),
    [
        ({"kind": "http_status", "status": 503}, 503, None),
        ({"kind": "http_status", "status": 500}, 500, None),
        (
            {"kind": "http_status", "status": 503, "body": "soap"},
            503,
            "Server.TijdelijkNietBeschikbaar",
        ),
        ({"kind": "http_status", "status": 500, "body": "soap"}, 500, "Server.InterneFout"),
        (
            {"kind": "uwlr_fault", "faultcode": "Client.AutorisatieOngeldig"},
            500,
            "Client.AutorisatieOngeldig",
        ),
        ({"kind": "uwlr_fault"}, 500, "Server.TijdelijkNietBeschikbaar"),
    ],
)
def test_status_and_fault_kinds(
    mock_esis: MockEsisHandle, spec: dict[str, object], status: int, fault: str | None
) -> None:
    mock_esis.inject(operation=OP, **spec)
    response = _call(mock_esis)
    assert response.status_code == status
    if fault is None:
        assert response.content == b""
    else:
        parsed = parse_envelope(response.content).fault
        assert parsed is not None and parsed.faultcode == fault
        assert FaultCode.from_faultcode(parsed.faultcode) is not None


def test_malformed_and_empty(mock_esis: MockEsisHandle) -> None:
    mock_esis.inject(operation=OP, kind="malformed")
    response = _call(mock_esis)
    assert response.status_code == 200
    with pytest.raises(XmlSyntaxError):
        parse_envelope(response.content)
    mock_esis.inject(operation=OP, kind="empty")
    response = _call(mock_esis)
    assert response.status_code == 200 and response.content == b""


def test_count_and_operation_scope(mock_esis: MockEsisHandle) -> None:
    mock_esis.inject(operation="HaalStructuur", kind="http_status", status=503, count=5)
    mock_esis.inject(operation=OP, kind="http_status", status=503, count=2)
    statuses = [_call(mock_esis).status_code for _ in range(3)]
    assert statuses == [503, 503, 200]
    rules = mock_esis.faults()
    assert [r["fired"] for r in rules] == [0, 2]


def test_share_is_deterministic(mock_esis_factory: Callable[..., MockEsisHandle]) -> None:
    outcomes: list[list[int]] = []
    for _ in range(2):
        handle = mock_esis_factory(students_per_group=2, activate_all=True)
        handle.inject(operation="*", kind="http_status", status=503, share=0.5, seed=42)
        outcomes.append([_call(handle).status_code for _ in range(12)])
    assert outcomes[0] == outcomes[1]
    assert 503 in outcomes[0] and 200 in outcomes[0]


def test_injected_requests_are_journaled(mock_esis: MockEsisHandle) -> None:
    mock_esis.inject(operation=OP, kind="reset")
    with pytest.raises(httpx.ReadError):
        _call(mock_esis)
    _call(mock_esis)
    entries = mock_esis.journal()
    assert [e["injected"] for e in entries] == ["reset", None]
    assert entries[1]["verdict"] == "ok"


@pytest.mark.parametrize(
    "spec",
    [
        {"kind": "explode"},
        {"kind": "latency", "operation": "HaalAlles"},
        {"kind": "uwlr_fault", "faultcode": "Client.Onzin"},
        {"kind": "http_status", "share": 2},
    ],
)
def test_bad_rules_are_refused(mock_esis: MockEsisHandle, spec: dict[str, object]) -> None:
    from mock_esis.web.http import HttpError

    with pytest.raises(HttpError) as info:
        mock_esis.inject(**spec)
    assert info.value.status == 400
