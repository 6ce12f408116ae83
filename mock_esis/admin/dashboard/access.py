"""Who may use the dashboard, and the CSRF token on every form.

The rule is the admin API's: without an admin token only loopback; with a token, anybody who
proves it, by ``Authorization: Bearer`` or by the cookie the login form sets (an HMAC of the token,
so the token itself never sits in a cookie). Every POST carries a CSRF token: an HMAC, under a
secret of this server process, of a random cookie (``SameSite=Strict``, ``HttpOnly``).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Any

from mock_esis.admin.api import is_loopback
from mock_esis.web.cookies import browser_token, read_cookies, set_cookie

__all__ = ["CSRF_FIELD", "Access", "Visitor"]

CSRF_FIELD = "csrf"
_LOGIN_COOKIE = "mock_esis_admin"
_CSRF_COOKIE = "mock_esis_csrf"
PATH = "/__admin/ui"


@dataclass
class Visitor:
    """What the access check learned about one request."""

    allowed: bool
    csrf: str
    #: Set-Cookie headers to send with the answer (a new CSRF cookie).
    cookies: list[tuple[str, str]]
    #: Whether a token is needed (the login form is offered).
    token_required: bool


class Access:
    """The dashboard's access rule and CSRF tokens for one server process."""

    def __init__(self, token: str | None) -> None:
        self.token = token
        self._secret = secrets.token_bytes(32)

    def _session_value(self) -> str:
        assert self.token is not None
        return hmac.new(self.token.encode(), b"mock-esis-dashboard", hashlib.sha256).hexdigest()

    def visitor(self, environ: dict[str, Any]) -> Visitor:
        cookies = read_cookies(environ)
        csrf_cookie, headers = browser_token(cookies, _CSRF_COOKIE, environ, path=PATH)
        return Visitor(
            allowed=self._allowed(environ, cookies),
            csrf=self._csrf_for(csrf_cookie),
            cookies=headers,
            token_required=self.token is not None,
        )

    def _allowed(self, environ: dict[str, Any], cookies: dict[str, str]) -> bool:
        if self.token is None:
            return is_loopback(environ.get("REMOTE_ADDR"))
        scheme, _, value = environ.get("HTTP_AUTHORIZATION", "").partition(" ")
        if scheme.lower() == "bearer" and self.token_matches(value.strip()):
            return True
        return hmac.compare_digest(
            cookies.get(_LOGIN_COOKIE, "").encode(), self._session_value().encode()
        )

    def token_matches(self, value: str) -> bool:
        return self.token is not None and secrets.compare_digest(
            value.encode(), self.token.encode()
        )

    def login_cookie(self, environ: dict[str, Any]) -> tuple[str, str]:
        return ("Set-Cookie", set_cookie(_LOGIN_COOKIE, self._session_value(), environ, path=PATH))

    @staticmethod
    def logout_cookie(environ: dict[str, Any]) -> tuple[str, str]:
        return ("Set-Cookie", set_cookie(_LOGIN_COOKIE, "", environ, path=PATH, max_age=0))

    def _csrf_for(self, cookie: str) -> str:
        return hmac.new(self._secret, cookie.encode(), hashlib.sha256).hexdigest()

    def csrf_ok(self, environ: dict[str, Any], sent: str) -> bool:
        cookie = read_cookies(environ).get(_CSRF_COOKIE, "")
        if len(cookie) < 32 or not sent:
            return False
        return hmac.compare_digest(self._csrf_for(cookie).encode(), sent.encode())
