"""A tiny JSON router for the mock's sub-applications: path patterns, methods, one request object.

A pattern such as ``/scholen/{school}/leerlingen/{key}`` matches one path segment per ``{name}``
(URL-decoded after matching, so a group named ``Groep 1/2a`` is reached as ``Groep%201%2F2a``:
the raw request URI is used when the server gives one). A handler takes a :class:`Request` and returns ``(status, payload)``; refusals are
raised as :class:`~mock_esis.web.http.HttpError`. A path that matches with another method gives 405.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from mock_esis.web.http import HttpError, query_params, read_json

__all__ = ["Handler", "Request", "Router", "route_path"]


@dataclass
class Request:
    """One call to a JSON route: method, path parameters, query and (lazily) the JSON body."""

    environ: dict[str, Any]
    method: str
    params: dict[str, str] = field(default_factory=dict)
    _body: dict[str, Any] | None = None

    @property
    def query(self) -> dict[str, str]:
        return query_params(self.environ)

    @property
    def body(self) -> dict[str, Any]:
        """The JSON object sent (``{}`` for none; GET and DELETE never read a body)."""
        if self._body is None:
            self._body = read_json(self.environ) if self.method in {"POST", "PATCH", "PUT"} else {}
        return self._body

    def value(self, name: str) -> Any:
        """A field from the JSON body, else from the query string, else None."""
        if name in self.body:
            return self.body[name]
        return self.query.get(name)


def route_path(environ: dict[str, Any], prefix: str) -> str:
    """The still-encoded path below ``prefix`` (``%2F`` stays inside its segment)."""
    raw = urlsplit(environ.get("REQUEST_URI") or "").path
    base = environ.get("SCRIPT_NAME", "") + prefix
    if not raw.startswith(base):
        raw = quote(environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", ""), safe="/")
    return raw[len(base) :] or "/"


Handler = Callable[[Request], tuple[int, Any]]


class Router:
    """Routes ``(method, path)`` to a handler."""

    def __init__(self) -> None:
        self._routes: list[tuple[str, re.Pattern[str], Handler]] = []

    def add(self, method: str, pattern: str, handler: Handler) -> None:
        regex = re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", pattern)
        self._routes.append((method, re.compile(f"^{regex}/?$"), handler))

    def dispatch(self, environ: dict[str, Any], path: str) -> tuple[int, Any]:
        method = environ.get("REQUEST_METHOD", "GET").upper()
        allowed: list[str] = []
        for route_method, regex, handler in self._routes:
            match = regex.match(path)
            if match is None:
                continue
            if route_method != method:
                allowed.append(route_method)
                continue
            params = {k: unquote(v) for k, v in match.groupdict().items()}
            return handler(Request(environ=environ, method=method, params=params))
        if allowed:
            raise HttpError(
                405, f"Gebruik {' of '.join(sorted(set(allowed)))} voor {unquote(path)}"
            )
        raise HttpError(404, f"Onbekend pad: {unquote(path)}")
