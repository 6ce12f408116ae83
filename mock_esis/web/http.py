"""Small WSGI helpers shared by the mock's routes: JSON in and out, plain responses."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

__all__ = [
    "HttpError",
    "StartResponse",
    "json_response",
    "plain_response",
    "read_body",
    "read_json",
    "query_params",
]

StartResponse = Callable[..., Any]
MAX_JSON_BYTES = 1024 * 1024

_REASONS = {
    200: "OK",
    201: "Created",
    204: "No Content",
    400: "Bad Request",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    409: "Conflict",
    413: "Payload Too Large",
    422: "Unprocessable Entity",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


class HttpError(Exception):
    """A refusal with an HTTP status and a Dutch message (sent as ``{"fout": ...}``).

    ``veld`` names the form field the refusal is about, when there is one (an HTML screen
    shows the message next to that field).
    """

    def __init__(self, status: int, fout: str, *, veld: str | None = None) -> None:
        super().__init__(fout)
        self.status = status
        self.fout = fout
        self.veld = veld


def status_line(status: int) -> str:
    """``"404 Not Found"`` for 404."""
    return f"{status} {_REASONS.get(status, 'Status')}"


def plain_response(
    start_response: StartResponse,
    status: int,
    body: bytes,
    content_type: str = "text/plain; charset=utf-8",
    extra: Iterable[tuple[str, str]] = (),
) -> list[bytes]:
    """Send ``body`` with ``status`` and a Content-Length."""
    headers = [("Content-Type", content_type), ("Content-Length", str(len(body))), *extra]
    start_response(status_line(status), headers)
    return [body]


def json_response(start_response: StartResponse, status: int, payload: Any) -> list[bytes]:
    """Send ``payload`` as UTF-8 JSON."""
    body = json.dumps(payload, ensure_ascii=False, indent=2, default=str).encode("utf-8")
    return plain_response(start_response, status, body, "application/json; charset=utf-8")


def read_body(environ: dict[str, Any], limit: int) -> bytes:
    """The request body, refusing more than ``limit`` bytes."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        raise HttpError(400, "Ongeldige Content-Length") from None
    if length > limit:
        raise HttpError(413, f"Het verzoek is te groot ({length} bytes, grens {limit})")
    stream = environ["wsgi.input"]
    return bytes(stream.read(length)) if length else b""


def read_json(environ: dict[str, Any]) -> dict[str, Any]:
    """The JSON object in the request body (an empty body reads as ``{}``)."""
    raw = read_body(environ, MAX_JSON_BYTES)
    if not raw.strip():
        return {}
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise HttpError(400, f"Ongeldige JSON: {exc}") from None
    if not isinstance(data, dict):
        raise HttpError(400, "Verwacht een JSON-object")
    return data


def query_params(environ: dict[str, Any]) -> dict[str, str]:
    """The query string as a dict (last value wins); a bare ``?wsdl`` gives ``{"wsdl": ""}``."""
    from urllib.parse import parse_qsl

    return dict(parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True))
