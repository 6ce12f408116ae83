"""Expected failures (as in the OpenID suite's CI files): listed checks are reported, not counted.

The file is plain text, one check per line: the id, then optionally the reason::

    # our LAS offers no getrapte overdracht yet (ticket LAS-123)
    LAS-GETR-001  getrapt nog niet gebouwd

A JSON file (``{"LAS-GETR-001": "reason"}`` or a list of ids) works too. Unknown ids are an error,
so a typo cannot silently hide a failure. A listed check that passes is noted in the report,
so the list does not outlive the bug.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from conformance.catalogue import CATALOGUE
from conformance.result import Outcome, Report

__all__ = ["ExpectedFailuresError", "apply_expected", "load_expected_failures"]

_KNOWN = {check.id for check in CATALOGUE}


class ExpectedFailuresError(ValueError):
    """The expected-failures file cannot be used (a Dutch message)."""


def load_expected_failures(path: Path) -> dict[str, str]:
    """``{check id: reason}`` from ``path``."""
    try:
        text = path.read_text("utf-8")
    except OSError as exc:
        raise ExpectedFailuresError(f"{path} is niet te lezen: {exc}") from None
    entries: dict[str, str] = {}
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise ExpectedFailuresError(f"{path} is geen geldige JSON: {exc}") from None
        if isinstance(data, list):
            entries = {str(item): "verwacht" for item in data}
        elif isinstance(data, dict):
            entries = {str(k): str(v or "verwacht") for k, v in data.items()}
        else:
            raise ExpectedFailuresError(f"{path}: verwacht een lijst of een object")
    else:
        for line in text.splitlines():
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            check_id, _, reason = line.partition(" ")
            entries[check_id.strip()] = reason.strip() or "verwacht"
    unknown = sorted(set(entries) - _KNOWN)
    if unknown:
        raise ExpectedFailuresError(
            f"{path} noemt onbekende controles: {', '.join(unknown)} (zie uwlr-conformance checks)"
        )
    return entries


def apply_expected(report: Report, expected: dict[str, str]) -> Report:
    """Mark listed FAIL/WARN results as expected; note listed checks that passed."""
    results = []
    for result in report.results:
        reason = expected.get(result.check.id)
        if reason is not None and result.outcome in (Outcome.FAIL, Outcome.WARN):
            result = dataclasses.replace(result, expected_failure=reason)
        elif reason is not None and result.outcome is Outcome.PASS:
            report.notes.append(
                f"{result.check.id} staat bij de verwachte fouten maar slaagde nu: "
                "haal hem uit de lijst"
            )
        results.append(result)
    report.results = results
    return report
