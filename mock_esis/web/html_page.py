"""What the mock's HTML pages (the ESIS screens, the tester's dashboard) share on the wire.

A :class:`Page` is one answer; :func:`respond` sends it with the same security headers for every
page (no caching: a page may show a key once; no sniffing, no framing, no referrer);
:func:`static_page` serves the package's own CSS/JS (read once per process); :func:`read_form`
reads a bounded ``application/x-www-form-urlencoded`` body; :func:`redirect` answers 303.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib import resources
from typing import Any
from urllib.parse import parse_qsl, urlencode

from mock_esis.web.http import StartResponse, read_body, status_line

__all__ = ["HTML", "Page", "read_form", "redirect", "respond", "static_page"]

HTML = "text/html; charset=utf-8"
_TEXT = "text/plain; charset=utf-8"
_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}


@dataclass
class Page:
    """One answer of an HTML page: status, body, content type and extra headers."""

    status: int
    body: bytes
    content_type: str = HTML
    headers: list[tuple[str, str]] = field(default_factory=list)


def respond(page: Page, start_response: StartResponse) -> list[bytes]:
    """Send ``page`` with its length and the security headers every HTML page gets."""
    headers = [
        ("Content-Type", page.content_type),
        ("Content-Length", str(len(page.body))),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "no-referrer"),
        *page.headers,
    ]
    start_response(status_line(page.status), headers)
    return [page.body]


@functools.cache
def _static_bytes(name: str) -> bytes:
    return resources.files("mock_esis.web").joinpath("static", name).read_bytes()


def static_page(path: str, allowed: frozenset[str]) -> Page:
    """``/static/<name>`` when ``name`` is one of ``allowed``, else a plain 404."""
    name = path.removeprefix("/static/")
    if name not in allowed:
        return Page(404, b"Niet gevonden", _TEXT)
    return Page(200, _static_bytes(name), _TYPES[name[name.rfind(".") :]])


def read_form(environ: dict[str, Any], max_bytes: int) -> list[tuple[str, str]]:
    """The posted form's fields in order (at most ``max_bytes`` read; bad UTF-8 replaced)."""
    raw = read_body(environ, max_bytes).decode("utf-8", "replace")
    return parse_qsl(raw, keep_blank_values=True)


def redirect(prefix: str, location: str, melding: str | None = None) -> Page:
    """303 to ``prefix + location``, with ``melding`` (a message for the next page) as a query."""
    if melding:
        location += ("&" if "?" in location else "?") + urlencode({"melding": melding})
    return Page(303, b"", _TEXT, [("Location", prefix + location)])
