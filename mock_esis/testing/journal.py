"""The request journal: every SOAP request the mock received, with its verdict (keys masked).

Each entry keeps the request and the answer as text, with every autorisatiesleutel masked. The
bodies of all entries together are bounded in bytes (``max_body_bytes``): when a new exchange
would go over, the bodies of the OLDEST entries are dropped first (the entries themselves stay,
marked ``bodies_dropped``, so the journal still holds one line per request). One exchange larger
than the whole bound keeps a cut version. The number of entries is bounded apart (``limit``).
"""

from __future__ import annotations

import datetime as dt
import itertools
import threading
from collections import deque
from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["DEFAULT_BODY_BYTES", "Journal", "JournalEntry"]

#: Default bound on the bodies kept by the journal, all entries together (32 MiB).
DEFAULT_BODY_BYTES = 32 * 1024 * 1024
_CUT = "\n… (afgekapt: {} bytes weggelaten; het journaal bewaart hooguit {} bytes)"


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
    faultstring: str | None = None
    http_status: int = 200
    answer_bytes: int = 0
    latency_ms: float = 0.0
    injected: str | None = None
    #: BRIN + vestiging the request was for (by its key, else by the brincode it names).
    school: str | None = None
    #: The request and the answer as text, keys masked (None once dropped for the byte bound).
    request_body: str | None = None
    answer_body: str | None = None
    bodies_dropped: bool = False
    #: :attr:`body_size` once known (-1: not yet); not part of the entry's JSON.
    _body_size: int = field(default=-1, init=False, repr=False, compare=False)

    def to_json(self, *, bodies: bool = True) -> dict[str, Any]:
        """A JSON-ready dict (without ``request_body``/``answer_body`` when ``bodies`` is False)."""
        data = asdict(self)
        del data["_body_size"]
        if not bodies:
            del data["request_body"], data["answer_body"]
        return data

    @property
    def body_size(self) -> int:
        """Bytes this entry's bodies count against the journal's bound."""
        if self._body_size < 0:
            self._body_size = _size(self.request_body) + _size(self.answer_body)
        return self._body_size


class Journal:
    """A bounded, thread-safe list of :class:`JournalEntry` (oldest dropped first).

    It also counts the SOAP requests received (:meth:`begin`), so the audit can tell whether
    every request got its entry. Clearing forgets entries and count together; a request begun
    before a clear and recorded after it is counted again in the new journal.
    """

    def __init__(self, limit: int = 10_000, max_body_bytes: int = DEFAULT_BODY_BYTES) -> None:
        self.limit = limit
        self.max_body_bytes = max_body_bytes
        self._entries: deque[JournalEntry] = deque(maxlen=limit)
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self.body_bytes = 0
        #: Index in ``_entries`` of the oldest entry that may still hold bodies.
        self._oldest_with_bodies = 0
        self._generation = 0
        #: SOAP requests received since the journal was made or last cleared.
        self.requests = 0

    def begin(self) -> int:
        """Count one received request; pass the returned token to :meth:`record`."""
        with self._lock:
            self.requests += 1
            return self._generation

    def record(self, begun: int, **fields: Any) -> JournalEntry:
        """Add the entry of the request :meth:`begin` returned ``begun`` for; ``tijd`` and ``id``
        are filled in; bodies are cut to the bound."""
        request_body, answer_body = _fit(
            fields.pop("request_body", None), fields.pop("answer_body", None), self.max_body_bytes
        )
        with self._lock:
            if begun != self._generation:
                self.requests += 1  # begun before a clear: it counts in this journal
            entry = JournalEntry(
                id=next(self._ids),
                tijd=dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds"),
                request_body=request_body,
                answer_body=answer_body,
                **fields,
            )
            if len(self._entries) == self._entries.maxlen:
                self.body_bytes -= self._entries[0].body_size
                self._oldest_with_bodies = max(0, self._oldest_with_bodies - 1)
            self._entries.append(entry)
            self.body_bytes += entry.body_size
            self._drop_bodies()
            return entry

    def _drop_bodies(self) -> None:
        """Drop the oldest entries' bodies until the rest fits the bound (lock held)."""
        while self.body_bytes > self.max_body_bytes and self._oldest_with_bodies < len(
            self._entries
        ):
            old = self._entries[self._oldest_with_bodies]
            if old is self._entries[-1]:
                break  # the newest one stays (cut to the bound already)
            self.body_bytes -= old.body_size
            if old.request_body is not None or old.answer_body is not None:
                old.bodies_dropped = True
            old.request_body = old.answer_body = None
            old._body_size = 0
            self._oldest_with_bodies += 1

    def entries(
        self,
        *,
        operation: str | None = None,
        verdict: str | None = None,
        since: str | None = None,
        until: str | None = None,
        school: str | None = None,
    ) -> list[JournalEntry]:
        """Entries, oldest first, filtered by operation, verdict, school and ISO time
        (``since`` ≤ tijd ≤ ``until``); a bad time raises ValueError."""
        lower = _normalise(since) if since else None
        upper = _normalise(until) if until else None
        with self._lock:
            items = list(self._entries)
        if operation:
            items = [e for e in items if e.operation == operation]
        if verdict:
            items = [e for e in items if e.verdict == verdict]
        if school:
            code = school.strip().upper()
            code = code + "00" if len(code) == 4 else code
            items = [e for e in items if e.school == code]
        if lower:
            items = [e for e in items if e.tijd >= lower]
        if upper:
            items = [e for e in items if e.tijd <= upper]
        return items

    def entry(self, entry_id: int) -> JournalEntry | None:
        """One entry by its id (None: unknown or no longer kept)."""
        with self._lock:
            if not self._entries:
                return None
            index = entry_id - self._entries[0].id  # ids are consecutive within the deque
            if 0 <= index < len(self._entries) and self._entries[index].id == entry_id:
                return self._entries[index]
            return next((e for e in self._entries if e.id == entry_id), None)

    def clear(self) -> None:
        """Forget every entry and the request count."""
        with self._lock:
            self._entries.clear()
            self.body_bytes = 0
            self._oldest_with_bodies = 0
            self.requests = 0
            self._generation += 1


def _size(text: str | None) -> int:
    if text is None:
        return 0
    return len(text) if text.isascii() else len(text.encode("utf-8"))


def _fit(request: str | None, answer: str | None, bound: int) -> tuple[str | None, str | None]:
    """Both bodies, cut so that together they fit ``bound`` (each gets at least half of it)."""
    request_size, answer_size = _size(request), _size(answer)
    if request_size + answer_size <= bound:
        return request, answer
    request_budget = min(request_size, max(bound // 2, bound - answer_size))
    return _cut(request, request_budget, bound), _cut(answer, bound - request_budget, bound)


def _cut(text: str | None, limit: int, bound: int) -> str | None:
    if text is None:
        return None
    raw = text.encode("utf-8")
    if len(raw) <= limit:
        return text
    return raw[:limit].decode("utf-8", "ignore") + _CUT.format(len(raw) - limit, bound)


def _normalise(moment_text: str) -> str:
    moment = dt.datetime.fromisoformat(moment_text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).isoformat(timespec="milliseconds")
