"""Helpers for the harness's own tests: a mock ESIS served as is, or broken in exactly one way.

:class:`Breaking` wraps the mock's WSGI app and rewrites one thing of the request (before the
mock sees it) or of the answer (before the harness sees it). Served by the mock's own waitress
server, so fault injection and everything else keep working.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any, cast

from conformance.las import LasTarget
from mock_esis.web.app import MockEsisApp
from mock_esis.web.factory import MockOptions, build_app
from mock_esis.web.server import MockEsisServer

CLIENTS = Path(__file__).resolve().parent / "clients"

RequestHook = Callable[[dict[str, Any], bytes], bytes]


@dataclass
class Answer:
    """An answer a response hook may change."""

    status: str
    headers: list[tuple[str, str]]
    body: bytes
    request: bytes
    environ: dict[str, Any]

    def header(self, name: str, value: str) -> None:
        self.headers = [(k, v) for k, v in self.headers if k.lower() != name.lower()]
        self.headers.append((name, value))


ResponseHook = Callable[[Answer], None]


class Breaking:
    """A WSGI wrapper around a mock ESIS app that breaks one thing."""

    def __init__(
        self,
        app: Any,
        *,
        request: RequestHook | None = None,
        response: ResponseHook | None = None,
    ) -> None:
        self.app = app
        self.request_hook = request
        self.response_hook = response

    def __getattr__(self, name: str) -> Any:
        return getattr(self.app, name)

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        raw = environ["wsgi.input"].read(length) if length else b""
        if self.request_hook is not None and raw:
            raw = self.request_hook(environ, raw)
        environ["wsgi.input"] = BytesIO(raw)
        environ["CONTENT_LENGTH"] = str(len(raw))
        captured: dict[str, Any] = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            captured["status"], captured["headers"] = status, list(headers)
            return lambda data: None

        body = b"".join(self.app(environ, capture))
        answer = Answer(captured["status"], captured["headers"], body, raw, environ)
        if self.response_hook is not None:
            self.response_hook(answer)
        answer.header("Content-Length", str(len(answer.body)))
        start_response(answer.status, answer.headers)
        return [answer.body]


@contextmanager
def serving(
    *,
    request: RequestHook | None = None,
    response: ResponseHook | None = None,
    students_per_group: int = 3,
) -> Iterator[tuple[MockEsisServer, LasTarget]]:
    """A mock ESIS (broken by the hooks, when given) and the LAS target for its school."""
    app = build_app(MockOptions(seed=3, students_per_group=students_per_group, activate_all=True))
    # Breaking stands in for the app: every attribute but the WSGI call is the wrapped app's.
    wrapped = (
        cast(MockEsisApp, Breaking(app, request=request, response=response))
        if request or response
        else app
    )
    server = MockEsisServer(wrapped).start()
    try:
        school = next(iter(app.state.schools.values()))
        target = LasTarget(
            leerlinggegevens_url=server.endpoints["leerlinggegevens"],
            leerresultaten_url=server.endpoints["leerresultaten"],
            admin_url=server.endpoints["admin"],
            sleutel=school.koppeling.autorisatiesleutel or "",
            klantcode=app.state.klantcode,
            klantnaam=app.state.klantnaam,
            brincode=school.fake.brincode,
            dependancecode=school.fake.dependancecode,
            schooljaar=school.schooljaar,
        )
        yield server, target
    finally:
        server.stop()


def operation_root(body: bytes) -> str | None:
    """``leerlingen_antwoord`` and the like: the first ``*_antwoord``/``*_verzoek`` local name."""
    match = re.search(rb"<(?:\w+:)?(\w+_(?:antwoord|verzoek|bevestiging))\b", body)
    return match.group(1).decode() if match else None


def client_command(breuk: str) -> list[str]:
    """The test afnemer broken in one way (``goed`` for the conformant one)."""
    return [sys.executable, str(CLIENTS / "afnemer.py"), "--breuk", breuk]
