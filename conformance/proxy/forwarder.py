"""The proxy's hot path: forward one request to the LAS and its answer back, byte for byte.

A WSGI app. ``/…/leerlinggegevens`` goes to the leerlinggegevens upstream, ``/…/leerresultaten``
to the leerresultaten upstream (``?wsdl`` and other GETs too). The request body and the answer
body are passed on unchanged; so are the status and the headers, minus hop-by-hop ones.
Nothing is parsed here: the exchange is handed to ``sink`` (the judge's queue) as bytes.

When the LAS is down, does not answer within the timeout, or answers something that cannot be a
SOAP message (no ``<…Envelope>`` document, or an HTTP status other than 200/500 on a POST), the
afnemer gets ``Server.TijdelijkNietBeschikbaar`` (HTTP 500, valid per the contract), never a hang.
"""

from __future__ import annotations

import datetime as dt
import itertools
import ssl
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any, Final

import httpx

from conformance.proxy.exchange import ProxyExchange
from uwlr.envelope import CONTENT_TYPE, fault_bytes
from uwlr.faults import FaultCode

__all__ = ["ENDPOINTS", "ProxyApp", "looks_like_soap"]

ENDPOINTS: Final = ("leerlinggegevens", "leerresultaten")

#: Request headers not passed on: hop-by-hop (RFC 9110 §7.6.1), the host, and Accept-Encoding
#: (the LAS must send identity bytes so the answer can be passed on and judged unchanged).
_DROP_REQUEST: Final = frozenset(
    {
        "host",
        "connection",
        "keep-alive",
        "proxy-authorization",
        "proxy-connection",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
        "content-length",
        "accept-encoding",
    }
)
_DROP_RESPONSE: Final = frozenset(
    {"connection", "keep-alive", "transfer-encoding", "content-length", "upgrade", "trailer"}
)

StartResponse = Callable[..., Any]
Sink = Callable[[ProxyExchange], None]


def looks_like_soap(body: bytes) -> bool:
    """A cheap test (no parsing): an XML document whose last tag closes an ``Envelope``."""
    head = body[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    tail = body[-64:].rstrip(b" \t\r\n")
    return head.startswith(b"<") and tail.endswith(b"Envelope>")


def _endpoint(path: str) -> str | None:
    last = path.rstrip("/").rsplit("/", 1)[-1].lower()
    for name in ENDPOINTS:
        if last == name or last.endswith(name) or last.startswith(name):
            return name
    return None


def _request_headers(environ: dict[str, Any]) -> dict[str, str]:
    headers: dict[str, str] = {}
    if environ.get("CONTENT_TYPE"):
        headers["Content-Type"] = environ["CONTENT_TYPE"]
    for key, value in environ.items():
        if not key.startswith("HTTP_"):
            continue
        name = "-".join(part.capitalize() for part in key[5:].split("_"))
        if name.lower() in _DROP_REQUEST:
            continue
        headers["SOAPAction" if name.lower() == "soapaction" else name] = value
    return headers


class ProxyApp:
    """WSGI app: forwards to ``upstreams`` with one pooled ``httpx.Client``; reports to ``sink``."""

    def __init__(
        self,
        upstreams: dict[str, str],
        *,
        sink: Sink,
        timeout: float = 30.0,
        verify: ssl.SSLContext | bool = True,
        max_body: int = 64 * 1024 * 1024,
    ) -> None:
        self.upstreams = upstreams
        self.sink = sink
        self.timeout = timeout
        self.max_body = max_body
        self._client = httpx.Client(
            timeout=httpx.Timeout(timeout),
            verify=verify,
            follow_redirects=False,
            limits=httpx.Limits(max_connections=32, max_keepalive_connections=16),
        )
        self._numbers = itertools.count(1)
        self._lock = threading.Lock()

    def close(self) -> None:
        self._client.close()

    def _next_number(self) -> int:
        with self._lock:
            return next(self._numbers)

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        method = str(environ.get("REQUEST_METHOD", "GET")).upper()
        endpoint = _endpoint(str(environ.get("PATH_INFO") or ""))
        if endpoint is None or endpoint not in self.upstreams:
            body = (
                b"Onbekend pad: de proxy kent alleen .../leerlinggegevens en .../leerresultaten.\n"
            )
            start_response(
                "404 Not Found",
                [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))],
            )
            return [body]
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > self.max_body:
            body = f"Verzoek te groot: meer dan {self.max_body} bytes.\n".encode()
            start_response(
                "413 Content Too Large",
                [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))],
            )
            return [body]
        request = environ["wsgi.input"].read(length) if length > 0 else b""
        url = self.upstreams[endpoint]
        if environ.get("QUERY_STRING"):
            url = f"{url}?{environ['QUERY_STRING']}"
        exchange = ProxyExchange(
            number=self._next_number(),
            endpoint=endpoint,
            method=method,
            upstream_url=url,
            request_headers=_request_headers(environ),
            request=request,
            started=dt.datetime.now(dt.UTC),
        )
        headers, reason = self._forward(exchange)
        if exchange.error is not None and method == "POST":
            status_line = "500 Internal Server Error"
            body = fault_bytes(
                FaultCode.TIJDELIJK_NIET_BESCHIKBAAR,
                "De LAS is tijdelijk niet beschikbaar (gemeld door de UWLR-proxy)",
            )
            headers = [("Content-Type", CONTENT_TYPE)]
        elif exchange.status is None:
            status_line = "502 Bad Gateway"
            body = f"De LAS is niet bereikbaar: {exchange.error}\n".encode()
            headers = [("Content-Type", "text/plain; charset=utf-8")]
        else:
            status_line = f"{exchange.status} {reason}"
            body = exchange.response
        headers.append(("Content-Length", str(len(body))))
        start_response(status_line, headers)
        if method == "POST":
            self.sink(exchange)
        return [body]

    def _forward(self, exchange: ProxyExchange) -> tuple[list[tuple[str, str]], str]:
        """Send the request; fill in the answer (or ``error``); return the answer's headers to
        pass on and its reason phrase."""
        started = time.perf_counter()
        deadline = started + self.timeout
        headers: list[tuple[str, str]] = []
        reason = "OK"
        try:
            with self._client.stream(
                exchange.method,
                exchange.upstream_url,
                content=exchange.request or None,
                headers=exchange.request_headers,
            ) as response:
                chunks = []
                for chunk in response.iter_raw():
                    chunks.append(chunk)
                    if time.perf_counter() > deadline:
                        raise httpx.ReadTimeout("het antwoord duurde te lang")
                exchange.response = b"".join(chunks)
                exchange.status = response.status_code
                exchange.content_type = response.headers.get("content-type")
                headers = [
                    (name, value)
                    for name, value in response.headers.multi_items()
                    if name.lower() not in _DROP_RESPONSE
                ]
                reason = response.reason_phrase or "OK"
        except httpx.TimeoutException:
            exchange.error = f"de LAS antwoordde niet binnen {self.timeout:g} s"
        except httpx.HTTPError as exc:
            exchange.error = f"de LAS is niet bereikbaar ({type(exc).__name__})"
        exchange.seconds = time.perf_counter() - started
        if exchange.error is None and exchange.method == "POST":
            if exchange.status not in (200, 500) or not looks_like_soap(exchange.response):
                exchange.error = (
                    f"de LAS gaf geen SOAP-antwoord (HTTP {exchange.status}, "
                    f"{len(exchange.response)} bytes)"
                )
        return headers, reason
