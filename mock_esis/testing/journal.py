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
    """A bounded, thread-safe list of :class:`JournalEntry` (oldest dropped first)."""

    def __init__(self, limit: int = 10_000) -> None:
        self.limit = limit
        self._entries: deque[JournalEntry] = deque(maxlen=limit)
        self._lock = threading.Lock()
        self._ids = itertools.count(1)

    def record(self, **fields: Any) -> JournalEntry:
        """Add an entry; ``tijd`` and ``id`` are filled in."""
        with self._lock:
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
        """Forget every entry."""
        with self._lock:
            self._entries.clear()


def _normalise(since: str) -> str:
    moment = dt.datetime.fromisoformat(since.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).isoformat(timespec="milliseconds")
