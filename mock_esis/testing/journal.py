"""The request journal: every SOAP request the mock received, with its verdict (keys masked)."""

from __future__ import annotations

import datetime as dt
import itertools
import threading
from collections import deque
from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["Journal", "JournalEntry"]


@dataclass
class JournalEntry:
    """One SOAP request and what became of it."""

    id: int
    tijd: str
    endpoint: str
    operation: str | None
    soapaction: str | None
    header: dict[str, str | None] | None
    verdict: str
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    faultcode: str | None = None
    http_status: int = 200
    answer_bytes: int = 0
    latency_ms: float = 0.0
    injected: str | None = None

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return asdict(self)


class Journal:
    """A bounded, thread-safe list of :class:`JournalEntry` (oldest dropped first).

    It also counts the SOAP requests received (:meth:`begin`), so the audit can tell whether
    every request got its entry. Clearing forgets entries and count together; a request begun
    before a clear and recorded after it is counted again in the new journal.
    """

    def __init__(self, limit: int = 10_000) -> None:
        self.limit = limit
        self._entries: deque[JournalEntry] = deque(maxlen=limit)
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._generation = 0
        #: SOAP requests received since the journal was made or last cleared.
        self.requests = 0

    def begin(self) -> int:
        """Count one received request; pass the returned token to :meth:`record`."""
        with self._lock:
            self.requests += 1
            return self._generation

    def record(self, begun: int, **fields: Any) -> JournalEntry:
        """Add the entry of the request :meth:`begin` returned ``begun`` for."""
        with self._lock:
            if begun != self._generation:
                self.requests += 1  # begun before a clear: it counts in this journal
            entry = JournalEntry(
                id=next(self._ids),
                tijd=dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds"),
                **fields,
            )
            self._entries.append(entry)
            return entry

    def entries(
        self,
        *,
        operation: str | None = None,
        verdict: str | None = None,
        since: str | None = None,
    ) -> list[JournalEntry]:
        """Entries, oldest first, filtered by operation, verdict and ISO time (``since``)."""
        with self._lock:
            items = list(self._entries)
        if operation:
            items = [e for e in items if e.operation == operation]
        if verdict:
            items = [e for e in items if e.verdict == verdict]
        if since:
            items = [e for e in items if e.tijd >= _normalise(since)]
        return items

    def clear(self) -> None:
        """Forget every entry and the request count."""
        with self._lock:
            self._entries.clear()
            self.requests = 0
            self._generation += 1


def _normalise(since: str) -> str:
    moment = dt.datetime.fromisoformat(since.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).isoformat(timespec="milliseconds")
