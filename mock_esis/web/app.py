"""The mock ESIS as one WSGI application: UWLR endpoints, contract files, ESIS screens, admin API.

Routes:
- ``POST /uwlr/leerlinggegevens`` and ``POST /uwlr/leerresultaten``: SOAP 1.1 (spyne);
  ``GET`` with ``?wsdl`` gives our contract WSDL with the address actually used;
  ``GET /uwlr/<name>.xsd`` the XSDs the WSDLs import.
- ``/esis/...``: the ESIS screens of the handbook (:mod:`mock_esis.screens.esis`).
- ``/__admin/...``: the tester's admin API (:mod:`mock_esis.admin.api`).
Every SOAP request is written to the journal, after fault injection had its say.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterable
from io import BytesIO
from pathlib import Path
from typing import Any

from mock_esis.soap.contract_files import contract_file, wsdl_for
from mock_esis.soap.las import Las
from mock_esis.soap.protocol import EXCHANGE_KEY, Exchange
from mock_esis.soap.request_size import MAX_REQUEST_BYTES, content_length, too_large_fault
from mock_esis.soap.services import make_applications
from mock_esis.soap.transport import UwlrSoapServer
from mock_esis.state.model import MockState
from mock_esis.state.start_point import StartPoint
from mock_esis.testing.injection import FaultInjector
from mock_esis.testing.journal import DEFAULT_BODY_BYTES, Journal, utf8_prefix
from mock_esis.testing.journal_bodies import (
    masked_bodies,
    masker_for,
    request_header,
    request_keys,
    school_of,
)
from mock_esis.web.http import HttpError, StartResponse, json_response, plain_response, query_params
from uwlr.envelope import CONTENT_TYPE, build_fault, to_bytes
from uwlr.masking import mask_secret

__all__ = ["MockEsisApp", "SOAP_ENDPOINTS"]

#: Path of each SOAP endpoint.
SOAP_ENDPOINTS = {
    "/uwlr/leerlinggegevens": "leerlinggegevens",
    "/uwlr/leerresultaten": "leerresultaten",
}


class MockEsisApp:
    """The WSGI callable. Holds the state, the journal and the fault injector."""

    def __init__(
        self,
        state: MockState,
        *,
        lenient: bool = False,
        max_bytes: int = MAX_REQUEST_BYTES,
        admin_token: str | None = None,
        journal_limit: int = 5_000,
        journal_body_bytes: int = DEFAULT_BODY_BYTES,
        cache_size: int = 64,
    ) -> None:
        self.state = state
        #: The state as this app got it: ``reset --naar-start`` goes back to it.
        self.start_point = StartPoint(state)
        #: Names this start in the state file and the health answer, so a reader can tell a
        #: leftover file of an earlier run (its server gone, or another one on its port).
        self.start_id = secrets.token_hex(8)
        self.journal = Journal(journal_limit, max_body_bytes=journal_body_bytes)
        self.injector = FaultInjector()
        self.las = Las(state, lenient=lenient, cache_size=cache_size)
        self.admin_token = admin_token
        #: The largest SOAP request handled; above it: 413 (mock_esis/soap/request_size.py).
        self.max_bytes = max_bytes
        lg, lr = make_applications(self.las, max_bytes=max_bytes)
        self._soap = {
            "leerlinggegevens": UwlrSoapServer(lg),
            "leerresultaten": UwlrSoapServer(lr),
        }
        self._routes: list[tuple[str, Any]] = []
        #: The ``--db`` file the state was read from (seed options were not used), if any.
        self.restored_from: Path | None = None
        #: Set to "https" when a TLS front forwards to this app (waitress itself sees HTTP).
        self.public_scheme: str | None = None

    def mount(self, prefix: str, handler: Any) -> None:
        """Add a sub-application for every path under ``prefix`` (ESIS screens, admin API)."""
        self._routes.append((prefix, handler))

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "") or "/"
        method = environ.get("REQUEST_METHOD", "GET")
        try:
            endpoint = SOAP_ENDPOINTS.get(path.rstrip("/"))
            if endpoint is not None:
                if method == "GET" and "wsdl" in {k.lower() for k in query_params(environ)}:
                    return self._wsdl(environ, start_response, endpoint, path)
                if method == "POST":
                    return self._soap_call(environ, start_response, endpoint)
                raise HttpError(405, "Gebruik POST voor SOAP, of GET met ?wsdl")
            if path.startswith("/uwlr/") and path.endswith(".xsd"):
                content = contract_file(path.rsplit("/", 1)[1])
                if content is None:
                    raise HttpError(404, f"Onbekend schema: {path}")
                return plain_response(start_response, 200, content, "text/xml; charset=utf-8")
            for prefix, handler in self._routes:
                if path == prefix or path.startswith(prefix + "/"):
                    result: Iterable[bytes] = handler(environ, start_response)
                    return result
            raise HttpError(404, f"Onbekend pad: {path}")
        except HttpError as error:
            return json_response(start_response, error.status, {"fout": error.fout})

    # -- SOAP ----------------------------------------------------------------------------------
    def _wsdl(
        self, environ: dict[str, Any], start_response: StartResponse, endpoint: str, path: str
    ) -> list[bytes]:
        address = f"{_base_url(environ, self.public_scheme)}{path}"
        return plain_response(
            start_response, 200, wsdl_for(endpoint, address), "text/xml; charset=utf-8"
        )

    def _soap_call(
        self, environ: dict[str, Any], start_response: StartResponse, endpoint: str
    ) -> Iterable[bytes]:
        started = time.perf_counter()
        begun = self.journal.begin()
        size = content_length(environ)
        if size > self.max_bytes:
            return self._too_large(begun, environ, start_response, endpoint, started, size)
        injected = self.injector.intercept(environ, start_response, endpoint)
        if injected is not None and injected.response is not None:
            environ[EXCHANGE_KEY] = Exchange(operation=injected.operation, verdict="injected")
            self._record(
                begun, environ, endpoint, started, injected.status, injected.body, injected.kind
            )
            response: Iterable[bytes] = injected.response
            return response
        exchange = Exchange()
        environ[EXCHANGE_KEY] = exchange
        status, body = self._soap[endpoint].handle(_request_body(environ), exchange)
        start_response(
            _STATUS_LINES[status],
            [("Content-Type", CONTENT_TYPE), ("Content-Length", str(len(body)))],
        )
        self._record(
            begun,
            environ,
            endpoint,
            started,
            status,
            body,
            injected.kind if injected else None,
        )
        return [body]

    def _too_large(
        self,
        begun: int,
        environ: dict[str, Any],
        start_response: StartResponse,
        endpoint: str,
        started: float,
        size: int,
    ) -> list[bytes]:
        """413 with a ``Client.OngeldigBericht`` fault; the journal keeps the request's head."""
        fault = too_large_fault(size, self.max_bytes)
        head = environ["wsgi.input"].read(_JOURNAL_HEAD)
        head = head[: utf8_prefix(head, len(head))]  # a whole last character, not half of one
        note = _TRUNCATED.format(size - len(head)).encode("utf-8")
        environ[EXCHANGE_KEY] = Exchange(
            raw_request=head + note, verdict="invalid", errors=[fault.faultstring], fault=fault
        )
        body = to_bytes(build_fault(fault))
        response = plain_response(start_response, 413, body, CONTENT_TYPE)
        self._record(begun, environ, endpoint, started, 413, body, None)
        return response

    @property
    def soap_requests(self) -> int:
        """SOAP requests received since the journal was last cleared (one entry for each)."""
        return self.journal.requests

    def _record(
        self,
        begun: int,
        environ: dict[str, Any],
        endpoint: str,
        started: float,
        status: int,
        body: bytes,
        injected: str | None,
    ) -> None:
        exchange = environ.get(EXCHANGE_KEY)
        if not isinstance(exchange, Exchange):
            exchange = Exchange(verdict="injected" if injected else "unknown")
        header = exchange.header
        request = exchange.raw_request or _buffered_request(environ)
        keys = request_keys(request)
        masker = masker_for(request, keys)
        request_body, answer_body = masked_bodies(request, body, masker=masker)
        fault = exchange.fault
        self.journal.record(
            begun,
            endpoint=endpoint,
            operation=exchange.operation,
            soapaction=environ.get("HTTP_SOAPACTION"),
            header=request_header(request) if header is None else _masked_header(header),
            verdict=exchange.verdict,
            errors=[masker.text(error) for error in exchange.errors],
            warnings=[masker.text(warning) for warning in exchange.warnings],
            faultcode=fault.faultcode if fault else None,
            faultstring=masker.text(fault.faultstring) if fault else None,
            http_status=status,
            answer_bytes=len(body),
            latency_ms=round((time.perf_counter() - started) * 1000, 3),
            injected=injected,
            school=school_of(self.state, request, keys),
            request_body=request_body,
            answer_body=answer_body,
        )


#: How much of a too large request the journal keeps (its header and school are near the top).
_JOURNAL_HEAD = 16_384
_TRUNCATED = "\n… (afgekapt: {} bytes weggelaten; het verzoek was te groot)"


def _masked_header(header: Any) -> dict[str, str | None]:
    key = header.autorisatiesleutel
    return {
        "autorisatiesleutel": mask_secret(key) if key is not None else None,
        "klantcode": header.klantcode,
        "klantnaam": header.klantnaam,
    }


_STATUS_LINES = {200: "200 OK", 500: "500 Internal Server Error"}


def _request_body(environ: dict[str, Any]) -> bytes:
    """The request's body (waitress has it buffered; fault injection may have read it into a
    BytesIO already)."""
    stream = environ.get("wsgi.input")
    if stream is None:
        return b""
    length = int(environ.get("CONTENT_LENGTH") or 0)
    data: bytes = stream.read(length) if length > 0 else stream.read()
    return data


def _buffered_request(environ: dict[str, Any]) -> bytes:
    """The request body when fault injection already read it into a buffer (else empty)."""
    stream = environ.get("wsgi.input")
    return stream.getvalue() if isinstance(stream, BytesIO) else b""


def _base_url(environ: dict[str, Any], scheme: str | None = None) -> str:
    scheme = scheme or environ.get("wsgi.url_scheme", "http")
    host = environ.get("HTTP_HOST")
    if not host:
        host = f"{environ.get('SERVER_NAME', '127.0.0.1')}:{environ.get('SERVER_PORT', '80')}"
    return f"{scheme}://{host}{environ.get('SCRIPT_NAME', '')}"
