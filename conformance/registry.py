"""Binding check implementations to catalogue ids, and running them in order.

An implementation is a function ``(context) -> Verdict`` registered with ``@registry.check(id)``.
``phase`` 1 marks checks that judge what earlier checks sent (every answer, every request), so
they run last; results are still listed in catalogue order.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from conformance.catalogue import Check, by_id
from conformance.result import CheckResult, Evidence, Verdict

__all__ = ["Registry"]

C = TypeVar("C")


@dataclass(frozen=True)
class _Entry(Generic[C]):
    function: Callable[[C], Verdict]
    phase: int


class Registry(Generic[C]):
    """The implementations of one mode's checks."""

    def __init__(self) -> None:
        self._entries: dict[str, _Entry[C]] = {}

    def check(
        self, check_id: str, *, phase: int = 0
    ) -> Callable[[Callable[[C], Verdict]], Callable[[C], Verdict]]:
        """Decorator: ``function`` implements catalogue check ``check_id``."""
        by_id(check_id)  # KeyError for an id that is not in the catalogue

        def register(function: Callable[[C], Verdict]) -> Callable[[C], Verdict]:
            if check_id in self._entries:
                raise ValueError(f"{check_id} is al geregistreerd")
            self._entries[check_id] = _Entry(function, phase)
            return function

        return register

    def implementation(self, check_id: str) -> Callable[[C], Verdict]:
        """The function registered for ``check_id`` (the proxy runs single checks on one exchange)."""
        return self._entries[check_id].function

    def ids(self) -> set[str]:
        """Every id with an implementation."""
        return set(self._entries)

    def run(self, checks: Iterable[Check], context: C) -> list[CheckResult]:
        """Run ``checks`` (phase 0 first, then phase 1) and return results in the given order."""
        ordered = list(checks)
        results: dict[str, CheckResult] = {}
        for phase in sorted({self._entries[c.id].phase for c in ordered}):
            for check in ordered:
                entry = self._entries[check.id]
                if entry.phase == phase:
                    results[check.id] = self._run_one(check, entry, context)
        return [results[check.id] for check in ordered]

    @staticmethod
    def _run_one(check: Check, entry: _Entry[C], context: C) -> CheckResult:
        started = time.perf_counter()
        try:
            verdict = entry.function(context)
        except Exception as exc:  # a bug in the harness must not hide the other results
            verdict = Verdict.broken(
                f"De controle zelf liep vast ({type(exc).__name__}: {exc}); "
                "conformiteit is niet vastgesteld.",
                Evidence("traceback van de harness", note=traceback.format_exc(limit=8)),
            )
        return CheckResult.from_verdict(check, verdict, time.perf_counter() - started)
