"""Reading the journal for the admin API and the dashboard: filters from a query, one entry by id.

Query fields: ``operation``, ``verdict``, ``school`` (BRIN + vestiging), ``since`` and ``until``
(ISO 8601), ``limit`` (only the newest N, still oldest first). A bad value is a 422 in Dutch.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from mock_esis.testing.journal import Journal, JournalEntry
from mock_esis.web.http import HttpError

__all__ = ["journal_entries", "journal_entry"]


def journal_entries(journal: Journal, query: Mapping[str, str]) -> list[JournalEntry]:
    """The entries ``query`` asks for, oldest first."""
    for name in ("since", "until"):
        if query.get(name):
            try:
                _check_time(query[name])
            except ValueError:
                raise HttpError(422, f"Ongeldig tijdstip voor {name}: '{query[name]}'.") from None
    entries = journal.entries(
        operation=query.get("operation") or None,
        verdict=query.get("verdict") or None,
        school=query.get("school") or None,
        since=query.get("since") or None,
        until=query.get("until") or None,
    )
    limit = query.get("limit")
    if limit:
        if not limit.isdigit() or int(limit) < 1:
            raise HttpError(422, f"limit is een geheel getal van minstens 1, niet '{limit}'.")
        entries = entries[-int(limit) :]
    return entries


def journal_entry(journal: Journal, entry_id: str) -> JournalEntry:
    """One entry with its bodies; 404 when unknown or no longer kept."""
    entry = journal.entry(int(entry_id)) if entry_id.isdigit() else None
    if entry is None:
        raise HttpError(404, f"Geen uitwisseling {entry_id} in het journaal.")
    return entry


def _check_time(value: str) -> None:
    dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
