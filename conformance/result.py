"""Results of a conformance run: one :class:`CheckResult` per check, with evidence, in a :class:`Report`.

Outcomes follow the OpenID conformance suite: PASS, FAIL (a MUST broken), WARN (a SHOULD broken),
SKIP (could not be tested here). Evidence is the exchange that shows it: the request sent and the
answer received, as text with every secret already masked (see :class:`uwlr.masking.Masker`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from conformance.catalogue import Check, Level, Mode

__all__ = ["CheckResult", "Evidence", "Outcome", "Report", "Verdict"]


class Outcome(StrEnum):
    """The result of one check."""

    PASS = "PASS"
    FAIL = "FAIL"
    WARN = "WARN"
    SKIP = "SKIP"


@dataclass(frozen=True, slots=True)
class Verdict:
    """What a check implementation decides: passed (True/False) or not testable (None)."""

    passed: bool | None
    message: str
    evidence: tuple[Evidence, ...] = ()

    @classmethod
    def ok(cls, message: str, *evidence: Evidence) -> Verdict:
        return cls(True, message, evidence)

    @classmethod
    def broken(cls, message: str, *evidence: Evidence) -> Verdict:
        return cls(False, message, evidence)

    @classmethod
    def skipped(cls, message: str, *evidence: Evidence) -> Verdict:
        return cls(None, message, evidence)


@dataclass(frozen=True, slots=True)
class Evidence:
    """One piece of evidence: usually an HTTP exchange (texts masked), or a note / program output."""

    label: str
    request: str | None = None
    response: str | None = None
    http_status: int | None = None
    note: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "request": self.request,
            "response": self.response,
            "http_status": self.http_status,
            "note": self.note,
        }


@dataclass(frozen=True, slots=True)
class CheckResult:
    """A check with its outcome. ``expected_failure`` holds the reason from the expected-failures
    file when this FAIL (or WARN) was listed there: it is reported but not counted."""

    check: Check
    outcome: Outcome
    message: str
    evidence: tuple[Evidence, ...] = ()
    expected_failure: str | None = None
    seconds: float = 0.0

    @classmethod
    def from_verdict(cls, check: Check, verdict: Verdict, seconds: float = 0.0) -> CheckResult:
        """PASS, SKIP, or FAIL/WARN depending on the level of ``check``."""
        if verdict.passed is None:
            outcome = Outcome.SKIP
        elif verdict.passed:
            outcome = Outcome.PASS
        else:
            outcome = Outcome.FAIL if check.level is Level.MUST else Outcome.WARN
        return cls(check, outcome, verdict.message, verdict.evidence, seconds=seconds)

    @property
    def not_run(self) -> bool:
        """A SKIP: the check could not be carried out here ("niet uitgevoerd")."""
        return self.outcome is Outcome.SKIP and self.expected_failure is None

    @property
    def counts_as_failure(self) -> bool:
        """A FAIL that was not expected: it makes the run fail."""
        return self.outcome is Outcome.FAIL and self.expected_failure is None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.check.id,
            "title": self.check.title,
            "rule": self.check.rule,
            "source": self.check.source,
            "level": self.check.level.value,
            "kant": "LAS" if self.check.mode is Mode.LAS else "afnemer",
            "outcome": self.outcome.value,
            "message": self.message,
            "expected_failure": self.expected_failure,
            "not_run": self.not_run,
            "seconds": round(self.seconds, 3),
            "evidence": [e.to_json() for e in self.evidence],
        }


@dataclass
class Report:
    """Everything a run found: the target, each result, and latency per operation (ms)."""

    mode: Mode
    target: str
    results: list[CheckResult] = field(default_factory=list)
    latency: dict[str, dict[str, float]] = field(default_factory=dict)
    started: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)
    strict: bool = False

    def counts(self) -> dict[str, int]:
        """How many of each outcome, plus ``XFAIL`` for expected failures."""
        counter: Counter[str] = Counter()
        for result in self.results:
            key = "XFAIL" if result.expected_failure is not None else result.outcome.value
            counter[key] += 1
        return {name: counter.get(name, 0) for name in ("PASS", "FAIL", "WARN", "SKIP", "XFAIL")}

    def must_not_run(self) -> list[CheckResult]:
        """The MUST checks that were not run (SKIP): with :attr:`strict` they fail the run."""
        return [r for r in self.results if r.not_run and r.check.level is Level.MUST]

    @property
    def passed(self) -> bool:
        """True when every MUST passed (or its failure was expected) and, when :attr:`strict`
        (``--streng``), every MUST was run."""
        if any(result.counts_as_failure for result in self.results):
            return False
        return not (self.strict and self.must_not_run())

    def verdict(self) -> str:
        """The verdict line: GESLAAGD or GEZAKT, and how many MUST checks were not run."""
        missing = len(self.must_not_run())
        not_run = f"{missing} MUST-controle{'s' if missing != 1 else ''} niet uitgevoerd"
        if any(result.counts_as_failure for result in self.results):
            verdict = "GEZAKT: minstens één MUST is niet gehaald"
            return f"{verdict}; {not_run}" if missing else verdict
        if not missing:
            return "GESLAAGD: elke MUST is gehaald"
        if self.strict:
            return f"GEZAKT (--streng): {not_run}"
        return (
            f"GESLAAGD: elke uitgevoerde MUST is gehaald; {not_run} (--streng telt die als gezakt)"
        )

    @property
    def exit_code(self) -> int:
        """0 when :attr:`passed`, else 1."""
        return 0 if self.passed else 1

    def result(self, check_id: str) -> CheckResult:
        """The result of one check; KeyError when it was not run."""
        for result in self.results:
            if result.check.id == check_id:
                return result
        raise KeyError(check_id)

    def outcomes(self) -> dict[str, Outcome]:
        """``{check id: outcome}``, handy in tests."""
        return {result.check.id: result.outcome for result in self.results}

    def to_json(self) -> dict[str, Any]:
        return {
            "tool": "uwlr-conformance",
            "mode": self.mode.value,
            "target": self.target,
            "started": self.started.isoformat(timespec="seconds"),
            "seconds": round(self.seconds, 3),
            "passed": self.passed,
            "strict": self.strict,
            "verdict": self.verdict(),
            "counts": self.counts(),
            "must_not_run": len(self.must_not_run()),
            "latency_ms": self.latency,
            "notes": self.notes,
            "results": [result.to_json() for result in self.results],
        }
