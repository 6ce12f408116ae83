"""Pure unit tests of the retry schedule (httpx.MockTransport) and of reading sloppy answers."""

from __future__ import annotations

import random

import httpx
import pytest

from boomlink.uwlr_client import (
    ClientConfig,
    LasTijdelijkNietBeschikbaar,
    OngeldigAntwoord,
    RetryPolicy,
    UwlrClient,
)
from boomlink.uwlr_client.codec import read_answer
from boomlink.uwlr_client.transport import RawResponse
from uwlr.envelope import fault_bytes
from uwlr.faults import FaultCode
from uwlr.masking import Masker
from uwlr.models import StructuurAntwoord
from uwlr.parse import IssueKind

_URL = "http://las.invalid/uwlr/leerlinggegevens"


def _config(retry: RetryPolicy) -> ClientConfig:
    return ClientConfig(
        leerlinggegevens_url=_URL,
        leerresultaten_url="http://las.invalid/uwlr/leerresultaten",
        klantnaam="Boom testcentrum",
        klantcode="BOOM",
        retry=retry,
    )


def _always(status: int, body: bytes = b"", **headers: str) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, content=body, headers=headers)

    return httpx.MockTransport(handler)


def _structuur(client: UwlrClient) -> object:
    return client.haal_structuur("sleutel-1234567890", schooljaar="2026-2027", brincode="99QQ")


def test_exponential_backoff_with_full_jitter_gets_the_expected_delays() -> None:
    sleeps: list[float] = []
    retry = RetryPolicy(
        max_attempts=6, backoff_base=0.5, backoff_max=3.0, sleep=sleeps.append, random=lambda: 1.0
    )
    with UwlrClient(_config(retry), transport=_always(503)) as client:
        with pytest.raises(OngeldigAntwoord) as caught:
            _structuur(client)
    assert caught.value.attempts == 6
    assert sleeps == [0.5, 1.0, 2.0, 3.0, 3.0]  # doubled each time, capped at backoff_max


def test_jitter_stays_within_bounds() -> None:
    rng = random.Random(20261102)
    retry = RetryPolicy(max_attempts=8, backoff_base=0.5, backoff_max=8.0, random=rng.random)
    for attempt in range(1, 8):
        cap = min(8.0, 0.5 * 2 ** (attempt - 1))
        delays = [retry.delay(attempt) for _ in range(500)]
        assert all(0.0 <= d <= cap for d in delays)
        assert max(delays) > 0.8 * cap  # full jitter: the whole range is used
        assert min(delays) < 0.2 * cap


def test_retry_after_is_honoured_up_to_the_cap() -> None:
    sleeps: list[float] = []
    retry = RetryPolicy(max_attempts=3, backoff_max=5.0, sleep=sleeps.append, random=lambda: 0.0)
    body = fault_bytes(FaultCode.TIJDELIJK_NIET_BESCHIKBAAR)
    transport = _always(500, body, **{"Retry-After": "30"})
    with UwlrClient(_config(retry), transport=transport) as client:
        with pytest.raises(LasTijdelijkNietBeschikbaar):
            _structuur(client)
    assert sleeps == [5.0, 5.0]


def test_a_single_attempt_policy_never_sleeps() -> None:
    sleeps: list[float] = []
    retry = RetryPolicy(max_attempts=1, sleep=sleeps.append)
    with UwlrClient(_config(retry), transport=_always(502)) as client:
        with pytest.raises(OngeldigAntwoord) as caught:
            _structuur(client)
    assert caught.value.attempts == 1
    assert "1 poging" in caught.value.bericht
    assert sleeps == []


def test_retry_policy_is_checked() -> None:
    with pytest.raises(ValueError, match="max_attempts"):
        RetryPolicy(max_attempts=0)
    with pytest.raises(ValueError, match="backoff"):
        RetryPolicy(backoff_base=-1)


def test_a_404_is_not_retried_and_names_the_address() -> None:
    sleeps: list[float] = []
    retry = RetryPolicy(sleep=sleeps.append)
    with UwlrClient(_config(retry), transport=_always(404, b"Not Found")) as client:
        with pytest.raises(OngeldigAntwoord) as caught:
            _structuur(client)
    assert caught.value.attempts == 1
    assert caught.value.http_status == 404
    assert "adres" in caught.value.bericht
    assert sleeps == []


_SLOPPY = b"""<?xml version="1.0"?>
<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>
<structuur_antwoord xmlns="http://www.edustandaard.nl/leerresultaten/2/leerlinggegevens">
 <leerlinggegevens-structuur>
  <school><dependancecode>00</dependancecode><brincode>99QQ</brincode>
   <schooljaar>2026-2027</schooljaar><auteur></auteur></school>
  <groepen><groep key="G1"><jaargroep>5</jaargroep><naam>Groep 5</naam></groep></groepen>
 </leerlinggegevens-structuur>
</structuur_antwoord></s:Body></s:Envelope>"""


def test_sloppy_answers_are_read_with_warnings() -> None:
    response = RawResponse(status=200, headers=httpx.Headers(), content=_SLOPPY)
    parsed = read_answer(response, StructuurAntwoord, Masker(["sleutel-1234567890"]))
    answer = parsed.message
    assert answer.school is not None
    assert answer.school.brincode == "99QQ"
    assert answer.school.dependancecode == "00"
    assert [g.naam for g in answer.groepen] == ["Groep 5"]
    kinds = {w.kind for w in parsed.warnings}
    assert IssueKind.MISPLACED in kinds
    assert IssueKind.EMPTY in kinds


def test_a_wrong_answer_message_is_not_retried() -> None:
    sleeps: list[float] = []
    retry = RetryPolicy(sleep=sleeps.append)
    other = _SLOPPY.replace(b"structuur_antwoord", b"leerlingen_antwoord")
    with UwlrClient(_config(retry), transport=_always(200, other)) as client:
        with pytest.raises(OngeldigAntwoord) as caught:
            _structuur(client)
    assert caught.value.attempts == 1
    assert "leerlingen_antwoord" in (caught.value.detail or "")
    assert sleeps == []


def test_warnings_are_kept_and_logged_without_values(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("DEBUG", logger="boomlink.uwlr_client")
    with UwlrClient(_config(RetryPolicy()), transport=_always(200, _SLOPPY)) as client:
        result = client.haal_structuur(
            "sleutel-1234567890", schooljaar="2026-2027", brincode="99QQ"
        )
    assert result.warnings
    assert IssueKind.MISPLACED.value in caplog.text
    assert "/structuur_antwoord/leerlinggegevens-structuur/school" in caplog.text
    assert "Groep 5" not in caplog.text
