"""Fault injection: make the mock misbehave on purpose, deterministically, per operation.

A rule names an operation (or ``*``), a kind, and how often: the next ``count`` matching
requests, or a ``share`` of them chosen by a seeded random generator. Which fields each kind
takes, and the checks on them, are in :mod:`mock_esis.testing.injection_rules`. Kinds:

- ``latency``: wait ``ms`` (or uniformly between ``min_ms`` and ``max_ms``), then answer normally;
- ``hang``: wait far longer than any sane client timeout (``ms``, default 120 s), then answer;
- ``http_status``: HTTP ``status`` (default 503) with an empty body, or a SOAP fault body when
  ``body`` is ``"soap"``;
- ``uwlr_fault``: HTTP 500 with a SOAP fault ``faultcode`` (default
  ``Server.TijdelijkNietBeschikbaar``);
- ``malformed``: HTTP 200 with XML that breaks off halfway;
- ``empty``: HTTP 200 with an empty body;
- ``garbage``: bytes that are not HTTP at all, then the connection is closed;
- ``reset``: the TCP connection is reset (RST) without an answer.
"""

from __future__ import annotations

import random
import socket
import struct
import threading
from dataclasses import asdict, dataclass, field
from io import BytesIO
from typing import Any

from mock_esis.testing.injection_rules import KINDS, RuleError, checked_rule
from mock_esis.web.http import HttpError, plain_response
from uwlr.envelope import CONTENT_TYPE, fault_bytes
from uwlr.faults import FaultCode

__all__ = [
    "BROKEN_KEY",
    "KINDS",
    "OPERATIONS",
    "FaultInjector",
    "FaultRule",
    "Injected",
    "SOCKET_KEY",
]

#: WSGI environ key under which the server leaves the client's socket (see mock_esis/web/server.py).
SOCKET_KEY = "mock_esis.socket"
#: WSGI environ key telling the server to close the connection without writing an answer.
BROKEN_KEY = "mock_esis.connection_broken"

#: Body root local name → operation, to know the operation before spyne parses anything.
OPERATIONS = {
    b"leerlinggegevens_verzoek": "HaalLeerlinggegevens",
    b"structuur_verzoek": "HaalStructuur",
    b"leerlingen_verzoek": "HaalLeerlingen",
    b"leerkrachten_verzoek": "HaalLeerkrachten",
    b"leerresultaten_verzoek": "BrengLeerresultaten",
}

_MALFORMED = (
    b"<?xml version='1.0' encoding='utf-8'?>\n"
    b'<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'
    b'<lg:leerlinggegevens_antwoord xmlns:lg="http://www.edustandaard.nl/leerresultaten/2/'
    b'leerlinggegevens"><lg:leerlinggegevens><lg:school><lg:schooljaar>20'
)
_GARBAGE = b"\x00\xffDIT IS GEEN HTTP\r\n\x07\x1b[0m" + bytes(range(256))


@dataclass
class FaultRule:
    """One injection rule; ``remaining`` counts down for ``count`` rules."""

    id: int
    operation: str
    kind: str
    count: int | None = 1
    share: float | None = None
    seed: int = 0
    ms: int | None = None
    min_ms: int | None = None
    max_ms: int | None = None
    status: int | None = None
    body: str | None = None
    faultcode: str | None = None
    faultstring: str | None = None
    remaining: int | None = None
    fired: int = 0
    _rng: random.Random = field(default_factory=random.Random, repr=False)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("_rng", None)
        return {k: v for k, v in data.items() if v is not None}

    def wants(self, operation: str | None) -> bool:
        """Whether this rule fires for a request of ``operation`` (and count it if so)."""
        if self.operation != "*" and self.operation != operation:
            return False
        if self.remaining is not None and self.remaining <= 0:
            return False
        if self.share is not None and self._rng.random() >= self.share:
            return False
        if self.remaining is not None:
            self.remaining -= 1
        self.fired += 1
        return True


@dataclass
class Injected:
    """What an injected fault did: ``response`` None means: carry on to the real answer."""

    kind: str
    response: Any = None
    status: int = 0
    body: bytes = b""
    operation: str | None = None


class FaultInjector:
    """The rules, and the decision per request. Thread-safe."""

    def __init__(self) -> None:
        self._rules: list[FaultRule] = []
        self._lock = threading.Lock()
        self._ids = 0
        self.stopping = threading.Event()

    # -- admin side ----------------------------------------------------------------------------
    def add(self, spec: dict[str, Any]) -> dict[str, Any]:
        """Add a rule from its JSON form; raises :class:`HttpError` 400 with one Dutch line (naming
        the kind's allowed fields) on a bad spec (:mod:`mock_esis.testing.injection_rules`)."""
        rule = _rule_from(spec)
        with self._lock:
            self._ids += 1
            rule.id = self._ids
            self._rules.append(rule)
        return rule.to_json()

    def list(self) -> list[dict[str, Any]]:
        """Every rule with how often it fired."""
        with self._lock:
            return [r.to_json() for r in self._rules]

    def clear(self) -> None:
        """Remove every rule."""
        with self._lock:
            self._rules.clear()

    # -- request side --------------------------------------------------------------------------
    def intercept(
        self, environ: dict[str, Any], start_response: Any, endpoint: str
    ) -> Injected | None:
        """Apply the first rule that fires for this request, if any."""
        if not self._rules:
            return None
        operation = _peek_operation(environ)
        with self._lock:
            rule = next((r for r in self._rules if r.wants(operation)), None)
        if rule is None:
            return None
        injected = self._apply(rule, environ, start_response)
        injected.operation = operation
        return injected

    def _apply(self, rule: FaultRule, environ: dict[str, Any], start_response: Any) -> Injected:
        kind = rule.kind
        if kind == "latency":
            if rule.min_ms is not None and rule.max_ms is not None:
                wait = rule._rng.uniform(rule.min_ms, rule.max_ms)
            else:
                wait = float(rule.ms or 0)
            self.stopping.wait(wait / 1000)
            return Injected(kind)
        if kind == "hang":
            if self.stopping.wait((rule.ms or 120_000) / 1000):  # server stopping: just drop it
                environ[BROKEN_KEY] = True
                start_response("500 Internal Server Error", [("Content-Length", "0")])
                return Injected(kind, response=[], status=0)
            return Injected(kind)
        if kind == "http_status":
            status = rule.status or 503
            body = b""
            if rule.body == "soap":
                code = (
                    FaultCode.TIJDELIJK_NIET_BESCHIKBAAR
                    if status == 503
                    else FaultCode.INTERNE_FOUT
                )
                body = fault_bytes(code, rule.faultstring)
            return self._respond(kind, start_response, status, body)
        if kind == "uwlr_fault":
            body = fault_bytes(
                rule.faultcode or FaultCode.TIJDELIJK_NIET_BESCHIKBAAR, rule.faultstring
            )
            return self._respond(kind, start_response, 500, body)
        if kind == "malformed":
            return self._respond(kind, start_response, 200, _MALFORMED)
        if kind == "empty":
            return self._respond(kind, start_response, 200, b"")
        return self._break_connection(kind, environ, start_response)

    @staticmethod
    def _respond(kind: str, start_response: Any, status: int, body: bytes) -> Injected:
        response = plain_response(start_response, status, body, CONTENT_TYPE)
        return Injected(kind, response=response, status=status, body=body)

    @staticmethod
    def _break_connection(kind: str, environ: dict[str, Any], start_response: Any) -> Injected:
        sock = environ.get(SOCKET_KEY)
        if not isinstance(sock, socket.socket):
            # Not under our waitress server (e.g. a WSGI test client): the closest we can do.
            response = plain_response(start_response, 500, b"", CONTENT_TYPE)
            return Injected(kind, response=response, status=500)
        try:
            if kind == "garbage":
                sock.sendall(_GARBAGE)
            else:  # reset: closing with a zero linger time sends RST instead of FIN
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except OSError:
            pass
        environ[BROKEN_KEY] = True
        start_response("500 Internal Server Error", [("Content-Length", "0")])
        return Injected(kind, response=[], status=0)


def _peek_operation(environ: dict[str, Any]) -> str | None:
    """Read the body once, leave a fresh stream for spyne, and guess the operation from it."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    raw = environ["wsgi.input"].read(length) if length else b""
    environ["wsgi.input"] = BytesIO(raw)
    head = raw[:4096]
    best: tuple[int, str] | None = None
    for name, operation in OPERATIONS.items():
        position = head.find(name)
        if position >= 0 and (best is None or position < best[0]):
            best = (position, operation)
    return best[1] if best else None


def _rule_from(spec: dict[str, Any]) -> FaultRule:
    try:
        fields = checked_rule(spec)
    except RuleError as error:
        raise HttpError(400, str(error)) from None
    rule = FaultRule(id=0, **fields)
    rule.remaining = rule.count
    rule._rng = random.Random(rule.seed)
    return rule
