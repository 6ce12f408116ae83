"""Retries against the real mock ESIS and its fault injection: what is retried, what is not."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from uwlr_client_testkit import sleutel_of

from boomlink.uwlr_client import (
    AutorisatieGeweigerd,
    ClientConfig,
    LasInterneFout,
    LasOnbereikbaar,
    LasTijdelijkNietBeschikbaar,
    LasTimeout,
    OngeldigAntwoord,
    RetryPolicy,
    UwlrClient,
    UwlrClientError,
)
from mock_esis.testing.handle import MockEsisHandle
from uwlr.faults import FaultCode
from uwlr.models import GegevensStatus, LeerlinggegevensAntwoord

MakeConfig = Callable[..., ClientConfig]
OPERATION = "HaalLeerlinggegevens"


def _fetch(handle: MockEsisHandle, config: ClientConfig) -> Any:
    school = handle.school
    with UwlrClient(config) as client:
        return client.haal_leerlinggegevens(
            sleutel_of(handle),
            schooljaar=school.schooljaar,
            brincode=school.brincode,
            dependancecode=school.dependancecode,
        )


def _fails(handle: MockEsisHandle, config: ClientConfig) -> UwlrClientError:
    with pytest.raises(UwlrClientError) as caught:
        _fetch(handle, config)
    return caught.value


@pytest.mark.parametrize(
    "spec",
    [
        pytest.param({"kind": "http_status", "status": 503}, id="http-503"),
        pytest.param({"kind": "http_status", "status": 502}, id="http-502"),
        pytest.param({"kind": "http_status", "status": 503, "body": "soap"}, id="http-503-soap"),
        pytest.param({"kind": "uwlr_fault"}, id="TijdelijkNietBeschikbaar"),
        pytest.param({"kind": "uwlr_fault", "faultcode": "Server.InterneFout"}, id="InterneFout"),
        pytest.param({"kind": "reset"}, id="reset"),
        pytest.param({"kind": "garbage"}, id="garbage"),
        pytest.param({"kind": "malformed"}, id="malformed"),
        pytest.param({"kind": "empty"}, id="empty"),
    ],
)
def test_transient_failures_are_retried_until_success(
    mock_esis: MockEsisHandle, make_config: MakeConfig, sleeps: list[float], spec: dict[str, Any]
) -> None:
    mock_esis.inject(operation=OPERATION, count=2, **spec)

    result = _fetch(mock_esis, make_config(mock_esis))

    assert isinstance(result.message, LeerlinggegevensAntwoord)
    assert result.message.status is GegevensStatus.GEGEVENS
    assert result.attempts == 3
    assert len(result.exchanges) == 3
    journal = mock_esis.journal()  # injected requests are journaled without an operation
    assert len(journal) == 3
    assert [entry["injected"] for entry in journal] == [spec["kind"], spec["kind"], None]
    assert journal[-1]["verdict"] == "ok"
    assert journal[-1]["operation"] == OPERATION
    assert mock_esis.faults()[0]["fired"] == 2
    # Full jitter with random() = 0.5: half of 0.5 s and half of 1 s.
    assert sleeps == [0.25, 0.5]


def test_503_is_retried_and_the_journal_shows_three_requests(
    mock_esis: MockEsisHandle, make_config: MakeConfig
) -> None:
    mock_esis.inject(operation=OPERATION, kind="http_status", status=503, count=2)

    result = _fetch(mock_esis, make_config(mock_esis))

    assert result.attempts == 3
    journal = mock_esis.journal()
    assert [entry["http_status"] for entry in journal] == [503, 503, 200]
    assert [e.status for e in result.exchanges] == [503, 503, 200]
    assert result.exchanges[0].failure is not None


def test_a_hang_is_cut_off_by_the_read_timeout_and_retried(
    mock_esis: MockEsisHandle, make_config: MakeConfig
) -> None:
    mock_esis.inject(operation=OPERATION, kind="hang", ms=3000, count=1)

    result = _fetch(mock_esis, make_config(mock_esis, read_timeout=0.5))

    assert result.attempts == 2
    assert result.exchanges[0].status is None
    assert result.exchanges[0].failure is not None
    assert result.message.status is GegevensStatus.GEGEVENS


def test_a_hang_on_every_attempt_ends_in_las_timeout(
    mock_esis: MockEsisHandle, make_config: MakeConfig, sleeps: list[float]
) -> None:
    mock_esis.inject(operation=OPERATION, kind="hang", ms=3000, count=2)
    retry = RetryPolicy(max_attempts=2, sleep=sleeps.append, random=lambda: 0.0)

    error = _fails(mock_esis, make_config(mock_esis, read_timeout=0.3, retry=retry))

    assert isinstance(error, LasTimeout)
    assert error.attempts == 2
    assert "2 pogingen" in error.bericht
    assert "op tijd" in error.bericht


def test_autorisatie_ongeldig_is_never_retried(
    mock_esis: MockEsisHandle, make_config: MakeConfig, sleeps: list[float]
) -> None:
    mock_esis.inject(
        operation=OPERATION, kind="uwlr_fault", faultcode="Client.AutorisatieOngeldig", count=5
    )

    error = _fails(mock_esis, make_config(mock_esis))

    assert isinstance(error, AutorisatieGeweigerd)
    assert error.code is FaultCode.AUTORISATIE_ONGELDIG
    assert error.attempts == 1
    assert len(mock_esis.journal()) == 1
    assert sleeps == []
    assert "autorisatiesleutel" in error.bericht
    assert "ESIS" in error.bericht


def test_a_wrong_key_is_refused_without_retry(
    mock_esis: MockEsisHandle, make_config: MakeConfig
) -> None:
    school = mock_esis.school
    with UwlrClient(make_config(mock_esis)) as client, pytest.raises(AutorisatieGeweigerd) as e:
        client.haal_leerlinggegevens(
            "dit-is-niet-de-sleutel-van-deze-school",
            schooljaar=school.schooljaar,
            brincode=school.brincode,
            dependancecode=school.dependancecode,
        )
    assert e.value.attempts == 1
    assert len(mock_esis.journal()) == 1
    assert mock_esis.journal()[0]["faultcode"] == "Client.AutorisatieOngeldig"


@pytest.mark.parametrize(
    ("spec", "error_type"),
    [
        pytest.param({"kind": "uwlr_fault"}, LasTijdelijkNietBeschikbaar, id="tijdelijk"),
        pytest.param(
            {"kind": "uwlr_fault", "faultcode": "Server.InterneFout"}, LasInterneFout, id="intern"
        ),
        pytest.param({"kind": "http_status", "status": 503}, OngeldigAntwoord, id="http-503"),
        pytest.param({"kind": "reset"}, LasOnbereikbaar, id="reset"),
        pytest.param({"kind": "malformed"}, OngeldigAntwoord, id="malformed"),
        pytest.param({"kind": "empty"}, OngeldigAntwoord, id="empty"),
        pytest.param({"kind": "garbage"}, OngeldigAntwoord, id="garbage"),
    ],
)
def test_attempts_are_bounded_and_the_error_says_how_many(
    mock_esis: MockEsisHandle,
    make_config: MakeConfig,
    sleeps: list[float],
    spec: dict[str, Any],
    error_type: type[UwlrClientError],
) -> None:
    mock_esis.inject(operation=OPERATION, count=10, **spec)

    error = _fails(mock_esis, make_config(mock_esis))

    assert type(error) is error_type
    assert error.attempts == 4
    assert len(error.exchanges) == 4
    assert "4 pogingen" in error.bericht
    assert mock_esis.faults()[0]["fired"] == 4
    assert sleeps == [0.25, 0.5, 1.0]


@pytest.mark.parametrize("kind", ["malformed", "empty"])
def test_unreadable_answers_get_a_clear_message_without_traceback(
    mock_esis: MockEsisHandle, make_config: MakeConfig, kind: str
) -> None:
    mock_esis.inject(operation=OPERATION, kind=kind, count=10)

    error = _fails(mock_esis, make_config(mock_esis))

    assert isinstance(error, OngeldigAntwoord)
    assert error.bericht.startswith("ESIS gaf een antwoord dat Boom testcentrum niet kan lezen")
    for noise in ("Traceback", 'File "', "lxml", "Error", "line 1"):
        assert noise not in error.bericht
    assert error.detail  # the technical reason is kept for support
    assert ("leeg" if kind == "empty" else "onvolledig") in error.bericht


def test_an_unreachable_las_gives_las_onbereikbaar_after_bounded_attempts(
    mock_esis: MockEsisHandle, make_config: MakeConfig, sleeps: list[float], closed_port: int
) -> None:
    url = f"http://127.0.0.1:{closed_port}/uwlr/leerlinggegevens"
    config = make_config(mock_esis, leerlinggegevens_url=url)

    error = _fails(mock_esis, config)

    assert isinstance(error, LasOnbereikbaar)
    assert error.attempts == 4
    assert len(error.exchanges) == 4
    assert all(e.status is None and e.response is None for e in error.exchanges)
    assert "niet bereikbaar" in error.bericht
    assert "4 pogingen" in error.bericht
    assert len(sleeps) == 3
