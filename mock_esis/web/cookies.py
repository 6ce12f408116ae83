"""Cookies of the mock's HTML pages (the ESIS screens and the tester's dashboard).

Reading the ``Cookie`` header (a broken header counts as no cookies), writing one
``Set-Cookie`` value (HttpOnly, SameSite=Strict, ``Secure`` when the page was served over HTTPS),
and the browser's random token that CSRF tokens and sign-ins are tied to.
"""

from __future__ import annotations

import secrets
from http.cookies import SimpleCookie
from typing import Any

__all__ = ["browser_token", "read_cookies", "set_cookie"]


def read_cookies(environ: dict[str, Any]) -> dict[str, str]:
    """The request's cookies by name."""
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(environ.get("HTTP_COOKIE", ""))
    except Exception:  # a broken cookie header counts as no cookies
        return {}
    return {name: morsel.value for name, morsel in jar.items()}


def set_cookie(
    name: str, value: str, environ: dict[str, Any], *, path: str, max_age: int | None = None
) -> str:
    """The ``Set-Cookie`` header value for one cookie under ``path``."""
    parts = [f"{name}={value}", f"Path={path}", "HttpOnly", "SameSite=Strict"]
    if environ.get("wsgi.url_scheme") == "https":
        parts.append("Secure")
    if max_age is not None:
        parts.append(f"Max-Age={max_age}")
    return "; ".join(parts)


def browser_token(
    cookies: dict[str, str], name: str, environ: dict[str, Any], *, path: str
) -> tuple[str, list[tuple[str, str]]]:
    """The browser's random token from cookie ``name``, and the headers to send: a new token
    (with its ``Set-Cookie``) when the cookie is missing or shorter than 32 characters."""
    token = cookies.get(name, "")
    if len(token) >= 32:
        return token, []
    token = secrets.token_urlsafe(32)
    return token, [("Set-Cookie", set_cookie(name, token, environ, path=path))]
