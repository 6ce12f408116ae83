"""Checks that a journal tells the truth: one entry per SOAP request, verdicts that fit the answer."""

from __future__ import annotations

from mock_esis.testing.journal import JournalEntry
from mock_esis.web.app import MockEsisApp

__all__ = ["journal_problems"]

_VALID_FAULTS = {"Client.OngeldigBericht", "Client.XsdVersieOngeldig"}


def _problem(entry: JournalEntry) -> str | None:
    where = f"journaalregel {entry.id} ({entry.operation or '?'})"
    if entry.verdict == "ok" and (entry.http_status != 200 or entry.faultcode):
        return f"{where}: oordeel ok maar HTTP {entry.http_status} / fout {entry.faultcode}"
    if entry.verdict == "fault" and (entry.http_status != 500 or not entry.faultcode):
        return f"{where}: oordeel fault zonder SOAP-fout met HTTP 500"
    if entry.verdict in ("invalid", "unmatched") and entry.faultcode not in _VALID_FAULTS:
        return f"{where}: oordeel {entry.verdict} maar foutcode {entry.faultcode}"
    if entry.verdict == "invalid" and not entry.errors:
        return f"{where}: oordeel invalid zonder fouten"
    if entry.verdict == "injected" and not entry.injected:
        return f"{where}: oordeel injected zonder ingespoten fout"
    if entry.verdict not in ("ok", "fault", "invalid", "unmatched", "injected"):
        return f"{where}: onbekend oordeel {entry.verdict!r}"
    if entry.header and entry.header.get("autorisatiesleutel"):
        shown = entry.header["autorisatiesleutel"] or ""
        if not shown.startswith("•"):
            return f"{where}: de autorisatiesleutel staat niet gemaskeerd in het journaal"
    return None


def journal_problems(app: MockEsisApp) -> list[str]:
    """Everything wrong with ``app``'s journal; empty when it is complete and consistent."""
    entries = app.journal.entries()
    problems = [p for p in (_problem(e) for e in entries) if p]
    limit = app.journal.limit
    if app.soap_requests <= limit and len(entries) != app.soap_requests:
        problems.append(
            f"het journaal heeft {len(entries)} regels voor {app.soap_requests} SOAP-verzoeken"
        )
    return problems
