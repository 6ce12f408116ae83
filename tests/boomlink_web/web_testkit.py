"""Helpers for the web tests: an HTTP client that logs in and carries the CSRF token."""

from __future__ import annotations

import re
from dataclasses import dataclass

import httpx

WACHTWOORD = "correct-paard-batterij-niet"
BEHEERDER = "anna@regenboog.example.nl"
ANDERE_BEHEERDER = "piet@anderschool.example.nl"
SUPPORT = "hulp@boom.example.nl"
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_uit(html: str) -> str:
    gevonden = _CSRF.search(html)
    assert gevonden, "geen CSRF-token op de pagina"
    return gevonden.group(1)


@dataclass
class WebSchool:
    """The mock's school in Boom (enabled, bevestigingsmail sent) and another school."""

    school_id: int
    ander_school_id: int
    code: str
    naam: str


class Bezoeker:
    """One browser-like visitor over real HTTP: keeps cookies, reads the CSRF token of a page."""

    def __init__(self, base_url: str) -> None:
        self.client = httpx.Client(base_url=base_url, follow_redirects=False, timeout=30)

    def close(self) -> None:
        self.client.close()

    def get(self, pad: str) -> httpx.Response:
        return self.client.get(pad)

    def token(self, pad: str = "/inloggen") -> str:
        return csrf_uit(self.get(pad).text)

    def post(
        self, pad: str, data: dict[str, str] | None = None, *, van: str | None = None
    ) -> httpx.Response:
        """POST with the CSRF token of page ``van`` (default: the login page)."""
        velden = {"csrf_token": self.token(van or "/inloggen"), **(data or {})}
        return self.client.post(pad, data=velden)

    def post_zonder_token(self, pad: str, data: dict[str, str] | None = None) -> httpx.Response:
        return self.client.post(pad, data=data or {})

    def inloggen(self, emailadres: str, wachtwoord: str = WACHTWOORD) -> httpx.Response:
        return self.post("/inloggen", {"emailadres": emailadres, "wachtwoord": wachtwoord})
