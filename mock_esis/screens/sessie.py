"""Who is signed in to the ESIS screens of one browser, its CSRF token, and a key shown once.

No passwords (it is a fake): a visitor picks one of the school's ESIS users. Every browser gets a
random cookie (``HttpOnly``, ``SameSite=Strict``, path ``/esis``); the CSRF token of its forms is
an HMAC of that cookie under a secret of this server process, and the sign-in cookie is
``school:gebruikersnaam`` signed with the same secret and bound to that browser cookie.

A new autorisatiesleutel is kept here for the one page that shows it (:meth:`Sessies.bewaar_sleutel`,
:meth:`Sessies.neem_sleutel`): taking it removes it, so the key is never shown again.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from mock_esis.web.cookies import browser_token, read_cookies, set_cookie

__all__ = ["CSRF_FIELD", "Bezoeker", "Sessies"]

CSRF_FIELD = "csrf"
_BROWSER = "mock_esis_esis"
_LOGIN = "mock_esis_esis_login"
_PATH = "/esis"
_MAX_SLEUTELS = 256


@dataclass
class Bezoeker:
    """One request's browser: its CSRF token, who is signed in (if anybody), cookies to set."""

    browser: str
    csrf: str
    school: str | None
    gebruiker: str | None
    cookies: list[tuple[str, str]]


class Sessies:
    """Sign-in, CSRF and keys-shown-once of the ESIS screens, for one server process."""

    def __init__(self) -> None:
        self._secret = secrets.token_bytes(32)
        self._lock = threading.Lock()
        self._sleutels: OrderedDict[str, tuple[str, str]] = OrderedDict()

    def _sign(self, *parts: str) -> str:
        return hmac.new(self._secret, "\x00".join(parts).encode(), hashlib.sha256).hexdigest()

    def bezoeker(self, environ: dict[str, Any]) -> Bezoeker:
        cookies = read_cookies(environ)
        browser, headers = browser_token(cookies, _BROWSER, environ, path=_PATH)
        school, gebruiker = self._login(browser, cookies.get(_LOGIN, ""))
        return Bezoeker(browser, self._sign("csrf", browser), school, gebruiker, headers)

    def _login(self, browser: str, value: str) -> tuple[str | None, str | None]:
        data, _, sig = value.partition(".")
        try:
            text = base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)).decode()
        except (ValueError, UnicodeDecodeError):
            return None, None
        school, sep, gebruiker = text.partition(":")
        if not sep or not hmac.compare_digest(sig, self._sign("login", browser, text)):
            return None, None
        return school, gebruiker

    def csrf_ok(self, bezoeker: Bezoeker, sent: str) -> bool:
        return bool(sent) and hmac.compare_digest(bezoeker.csrf.encode(), sent.encode())

    def inloggen(
        self, environ: dict[str, Any], bezoeker: Bezoeker, school: str, gebruiker: str
    ) -> tuple[str, str]:
        """The Set-Cookie header that signs ``gebruiker`` of ``school`` in on this browser."""
        text = f"{school}:{gebruiker}"
        data = base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")
        value = f"{data}.{self._sign('login', bezoeker.browser, text)}"
        return ("Set-Cookie", set_cookie(_LOGIN, value, environ, path=_PATH))

    @staticmethod
    def uitloggen(environ: dict[str, Any]) -> tuple[str, str]:
        return ("Set-Cookie", set_cookie(_LOGIN, "", environ, path=_PATH, max_age=0))

    def bewaar_sleutel(self, bezoeker: Bezoeker, school: str, sleutel: str) -> None:
        """Keep the new key of ``school`` for the next page this browser opens."""
        with self._lock:
            self._sleutels[bezoeker.browser] = (school, sleutel)
            while len(self._sleutels) > _MAX_SLEUTELS:
                self._sleutels.popitem(last=False)

    def neem_sleutel(self, bezoeker: Bezoeker, school: str) -> str | None:
        """The kept key of ``school`` for this browser, once: it is gone afterwards."""
        with self._lock:
            kept = self._sleutels.pop(bezoeker.browser, None)
        return kept[1] if kept is not None and kept[0] == school else None
