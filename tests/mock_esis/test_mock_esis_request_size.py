"""Large SOAP requests: handled up to the documented limit (20 MiB), a clear 413 fault above it.

A real server over loopback. Before, spyne's own 2 MiB limit cut in first and every request over
2 MiB got ``Server.InterneFout``.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest
from mock_esis_testkit import answer_of, leerresultaten, resultaat

from mock_esis.testing.handle import MockEsisHandle
from uwlr.envelope import CONTENT_TYPE, parse_envelope
from uwlr.faults import FaultCode
from uwlr.models import LeerresultatenBevestiging
from uwlr.namespaces import SOAP_ACTIONS
from uwlr.safexml import DEFAULT_MAX_BYTES

MIB = 1024 * 1024


def test_the_documented_limit_is_20_mib() -> None:
    assert DEFAULT_MAX_BYTES == 20 * MIB


def test_a_10_mib_brengleerresultaten_is_accepted(mock_esis: MockEsisHandle) -> None:
    state = mock_esis.app.state.schools[mock_esis.school.code]
    pupils = [p.key for p in state.fake.leerlinggegevens.leerlingen if p.key]
    per_pupil = -(-22_500 // len(pupils))
    afnames = {
        key: [resultaat(f"RESULTAAT-{n:05d}-{i:04d}", score=None) for i in range(per_pupil)]
        for n, key in enumerate(pupils)
    }
    message = leerresultaten(mock_esis.school, afnames)
    content = mock_esis.envelope(message, mock_esis.autorisatie())
    assert 10 * MIB <= len(content) < 11 * MIB, len(content)
    started = time.perf_counter()
    response = mock_esis.post("BrengLeerresultaten", content, timeout=60)
    elapsed = time.perf_counter() - started
    assert isinstance(answer_of(response), LeerresultatenBevestiging)
    stored = sum(len(items) for items in afnames.values())
    assert len(state.resultaten) == stored >= 20_000
    print(f"10 MiB BrengLeerresultaten ({len(content)} bytes): {elapsed:.2f} s")


def _too_large_fault(response: httpx.Response) -> str:
    assert response.status_code == 413, response.text[:500]
    assert response.headers["content-type"] == CONTENT_TYPE
    envelope = parse_envelope(response.content)
    fault = envelope.fault
    assert fault is not None
    assert fault.code is FaultCode.ONGELDIG_BERICHT
    assert "te groot" in fault.faultstring
    assert "20 MiB" in fault.faultstring
    return fault.faultstring


def _padded(size: int) -> bytes:
    """A SOAP envelope of exactly ``size`` bytes (whitespace inside the Body)."""
    head = b'<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'
    tail = b"</soap:Body></soap:Envelope>"
    return head + b" " * (size - len(head) - len(tail)) + tail


def _post(handle: MockEsisHandle, content: bytes | Iterator[bytes]) -> httpx.Response:
    return httpx.post(
        handle.endpoints["leerresultaten"],
        content=content,
        headers={
            "Content-Type": CONTENT_TYPE,
            "SOAPAction": f'"{SOAP_ACTIONS["BrengLeerresultaten"]}"',
        },
        timeout=30,
    )


def test_one_byte_over_the_limit_is_413_with_a_dutch_fault(mock_esis: MockEsisHandle) -> None:
    response = _post(mock_esis, _padded(DEFAULT_MAX_BYTES + 1))
    text = _too_large_fault(response)
    assert str(DEFAULT_MAX_BYTES + 1) in text or "20.0" in text
    entry = mock_esis.journal()[-1]
    assert entry["http_status"] == 413
    assert entry["verdict"] == "invalid"
    assert entry["faultcode"] == FaultCode.ONGELDIG_BERICHT.value
    # The journal keeps the head of the request only (its header and school), marked as cut.
    assert len(entry["request_body"]) < 20_000
    assert entry["request_body"].endswith("het verzoek was te groot)")


def test_the_kept_head_of_a_large_request_ends_on_a_whole_character(
    mock_esis: MockEsisHandle,
) -> None:
    head = b'<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'
    assert len(head) % 2 == 1  # so "é" (two bytes each) straddles any even cut
    body = head + "é".encode() * (DEFAULT_MAX_BYTES // 2) + b"</soap:Body></soap:Envelope>"
    assert _post(mock_esis, body).status_code == 413
    shown = mock_esis.journal()[-1]["request_body"]
    kept, note = shown.split("\n… (afgekapt: ")
    assert "\ufffd" not in kept and kept.endswith("é")
    assert len(kept.encode("utf-8")) + int(note.split(" ", 1)[0]) == len(body)


def test_a_chunked_request_over_the_limit_is_413_too(mock_esis: MockEsisHandle) -> None:
    body = _padded(DEFAULT_MAX_BYTES + MIB)

    def chunks() -> Iterator[bytes]:
        for start in range(0, len(body), MIB):
            yield body[start : start + MIB]

    _too_large_fault(_post(mock_esis, chunks()))


@pytest.mark.parametrize("size", [3 * MIB, DEFAULT_MAX_BYTES])
def test_up_to_the_limit_the_request_is_read(mock_esis: MockEsisHandle, size: int) -> None:
    response = _post(mock_esis, _padded(size))
    assert response.status_code == 500
    fault = parse_envelope(response.content).fault
    assert fault is not None
    # The empty Body is the request's real fault: the size was no problem.
    assert fault.code is FaultCode.ONGELDIG_BERICHT, fault.faultstring
    assert "te groot" not in fault.faultstring
