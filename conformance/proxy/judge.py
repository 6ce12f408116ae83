"""The proxy's judge: off the hot path, one thread takes each exchange from a queue, records it
(keys masked) and runs every check that applies to it; the tallies become a normal report.

Each check's result sums up all exchanges: FAIL (or WARN for a SHOULD) when any exchange broke
it, with the first few as evidence; PASS when some were judged and none broke it; SKIP when no
exchange gave it anything to judge. The message starts with the side that is at fault:
``LAS:`` for LAS checks, ``afnemer:`` for client checks (and the JSON report has ``kant``).
"""

from __future__ import annotations

import datetime as dt
import queue
import statistics
import threading
import time
from dataclasses import dataclass, field
from typing import Final

from conformance.catalogue import Check, Mode, by_id
from conformance.official import OFFICIAL_NOT_GIVEN
from conformance.proxy.exchange import ProxyExchange
from conformance.proxy.fault_rules import FAULT_RULE_CHECKS, fault_rule_verdicts
from conformance.proxy.session import GETRAPT_CHECKS, GetraptSession
from conformance.proxy.single import (
    CLIENT_REQUEST_CHECKS,
    LAS_ANSWER_CHECKS,
    LAS_DATA_CHECKS,
    client_verdicts,
    las_verdicts,
    secret_of,
)
from conformance.result import CheckResult, Evidence, Report, Verdict
from uwlr.masking import Masker
from uwlr.official import OfficialSchemas
from uwlr.recording import RecordingWriter, mask_keys

__all__ = ["PROXY_CHECKS", "Judge", "side_of"]

#: Every check the proxy can judge, afnemer side first.
PROXY_CHECKS: Final = (
    *CLIENT_REQUEST_CHECKS,
    *LAS_ANSWER_CHECKS,
    *FAULT_RULE_CHECKS,
    *LAS_DATA_CHECKS,
    *GETRAPT_CHECKS,
)
_EVIDENCE_KEPT = 5


def side_of(check: Check) -> str:
    """Who broke it: ``LAS`` or ``afnemer``."""
    return "LAS" if check.mode is Mode.LAS else "afnemer"


@dataclass
class _Tally:
    check: Check
    judged: int = 0
    failures: list[tuple[int, str]] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    last_ok: str = ""
    skip_reason: str = ""

    def add(self, number: int, verdict: Verdict) -> None:
        if verdict.passed is None:
            self.skip_reason = verdict.message
            return
        self.judged += 1
        if verdict.passed:
            self.last_ok = verdict.message
            return
        self.failures.append((number, verdict.message))
        if len(self.evidence) < _EVIDENCE_KEPT:
            self.evidence.extend(verdict.evidence[: _EVIDENCE_KEPT - len(self.evidence)])

    def result(self) -> CheckResult:
        side = f"{side_of(self.check)}:"
        if self.failures:
            number, message = self.failures[0]
            verdict = Verdict.broken(
                f"{side} {len(self.failures)} van {self.judged} uitwisselingen fout; "
                f"eerste (#{number}): {message}",
                *self.evidence,
            )
        elif self.judged:
            verdict = Verdict.ok(
                f"{side} {self.judged} uitwisselingen in orde; laatste: {self.last_ok}"
            )
        else:
            reason = self.skip_reason or "geen uitwisseling om te beoordelen"
            verdict = Verdict.skipped(f"{side} {reason}")
        return CheckResult.from_verdict(self.check, verdict)


class Judge:
    """Judges and records exchanges in a background thread; :meth:`report` at any moment."""

    def __init__(
        self,
        *,
        target: str,
        official: OfficialSchemas | None = None,
        official_note: str = OFFICIAL_NOT_GIVEN,
        recorder: RecordingWriter | None = None,
    ) -> None:
        self.target = target
        self.official = official
        self.official_note = official_note
        self.recorder = recorder
        self.masker = Masker(min_length=4)
        self.session = GetraptSession(self.masker)
        self.started = dt.datetime.now(dt.UTC)
        self._clock = time.perf_counter()
        self._queue: queue.SimpleQueue[ProxyExchange | None] = queue.SimpleQueue()
        self._tallies = {check_id: _Tally(by_id(check_id)) for check_id in PROXY_CHECKS}
        self._latency: dict[str, list[float]] = {}
        self._notes: list[str] = []
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)
        self._submitted = 0
        self._done = 0
        self._thread = threading.Thread(target=self._loop, name="uwlr-proxy-judge", daemon=True)

    # -- the queue -----------------------------------------------------------------------------
    def start(self) -> Judge:
        """Start the judging thread (once)."""
        with self._lock:
            if self._thread.ident is None:
                self._thread.start()
        return self

    def submit(self, exchange: ProxyExchange) -> None:
        """Hand over an exchange (called on the hot path: never blocks)."""
        with self._lock:
            self._submitted += 1
        self._queue.put(exchange)

    def wait_idle(self, timeout: float = 60.0) -> bool:
        """Wait until every submitted exchange is judged (True) or ``timeout`` passed (False)."""
        with self._idle:
            return self._idle.wait_for(lambda: self._done >= self._submitted, timeout)

    def stop(self, timeout: float = 60.0) -> None:
        """Judge what is queued, then end the thread."""
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join(timeout)

    def _loop(self) -> None:
        while True:
            exchange = self._queue.get()
            if exchange is None:
                return
            try:
                self._handle(exchange)
            except Exception as exc:  # never let one exchange stop the judging
                with self._lock:
                    self._notes.append(
                        f"uitwisseling #{exchange.number} niet beoordeeld: {type(exc).__name__}"
                    )
            finally:
                with self._idle:
                    self._done += 1
                    self._idle.notify_all()

    # -- judging -------------------------------------------------------------------------------
    def _handle(self, exchange: ProxyExchange) -> None:
        self.masker.add(secret_of(exchange.request))
        if self.recorder is not None:
            self._record(exchange)
        judged = client_verdicts(exchange, self.masker, self.official, self.official_note)
        las, parsed, context = las_verdicts(
            exchange, self.masker, self.official, self.official_note
        )
        judged += las
        judged += fault_rule_verdicts(exchange, context)
        judged += self.session.observe(exchange, parsed.message if parsed else None)
        with self._lock:
            for check_id, verdict in judged:
                self._tallies[check_id].add(exchange.number, verdict)
            if exchange.status is not None:
                operation = exchange.operation or "?"
                self._latency.setdefault(operation, []).append(exchange.seconds * 1000)
            if exchange.error is not None:
                self._notes.append(
                    f"uitwisseling #{exchange.number} ({exchange.operation or '?'}): "
                    f"{exchange.error}; de afnemer kreeg Server.TijdelijkNietBeschikbaar"
                )

    def _record(self, exchange: ProxyExchange) -> None:
        assert self.recorder is not None
        secrets = set(self.masker.secrets)
        answered = exchange.status is not None
        self.recorder.add(
            nummer=exchange.number,
            endpoint=exchange.endpoint,
            operatie=exchange.operation,
            begonnen=exchange.started,
            duur_ms=exchange.seconds * 1000,
            http_status=exchange.status,
            soapaction=exchange.soapaction,
            verzoek_content_type=exchange.request_content_type,
            antwoord_content_type=exchange.content_type,
            verzoek=mask_keys(exchange.request, secrets),
            antwoord=mask_keys(exchange.response, secrets) if answered else None,
            fout=exchange.error,
        )

    # -- the report ----------------------------------------------------------------------------
    def report(self) -> Report:
        """Everything judged so far, as a report the harness's writers understand."""
        with self._lock:
            results = [self._tallies[check_id].result() for check_id in PROXY_CHECKS]
            latency = {
                operation: {
                    "count": len(times),
                    "p50_ms": round(statistics.median(times), 1),
                    "max_ms": round(max(times), 1),
                }
                for operation, times in sorted(self._latency.items())
            }
            notes = [f"{self._done} uitwisselingen beoordeeld", *self._notes]
        return Report(
            mode=Mode.PROXY,
            target=self.target,
            results=results,
            latency=latency,
            started=self.started,
            seconds=time.perf_counter() - self._clock,
            notes=notes,
        )
