"""The request journal: every SOAP request the mock received, with its verdict (keys masked).

Each entry keeps the request and the answer as UTF-8 bytes (what arrived and what was sent), with
every autorisatiesleutel masked, and shows them as text only when somebody reads the entry: so a
request costs the journal O(1) in the size of its answer. The bodies of all entries together are
bounded in bytes (``max_body_bytes``, counted by the bytes' length): when a new exchange would go
over, the bodies of the OLDEST entries are dropped first (the entries themselves stay, marked
``bodies_dropped``, so the journal still holds one line per request). One exchange larger than the
whole bound keeps a version cut on a character boundary. The number of entries is bounded apart
(``limit``).
"""

from __future__ import annotations

import datetime as dt
import itertools
import threading
from collections import deque
from dataclasses import dataclass, field, fields
from typing import Any

__all__ = ["DEFAULT_BODY_BYTES", "Journal", "JournalEntry", "utf8_prefix"]

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
    #: The request and the answer as UTF-8 bytes, keys masked (None once dropped for the byte
    #: bound); read them as text through :attr:`request_body` and :attr:`answer_body`.
    masked_request: bytes | None = field(default=None, repr=False)
    masked_answer: bytes | None = field(default=None, repr=False)
    bodies_dropped: bool = False

    @property
    def request_body(self) -> str | None:
        """The request as text, keys masked (None once dropped for the byte bound)."""
        return _text(self.masked_request)

    @property
    def answer_body(self) -> str | None:
        """The answer as text, keys masked (None once dropped for the byte bound)."""
        return _text(self.masked_answer)

    def to_json(self, *, bodies: bool = True) -> dict[str, Any]:
        """A JSON-ready dict (without ``request_body``/``answer_body`` when ``bodies`` is False)."""
        data: dict[str, Any] = {}
        for item in fields(self):
            value = getattr(self, item.name)
            if item.name in _BODIES:
                if bodies:
                    data[_BODIES[item.name]] = _text(value)
            elif isinstance(value, list | dict):
                data[item.name] = value.copy()
            else:
                data[item.name] = value
        return data

    @property
    def body_size(self) -> int:
        """Bytes this entry's bodies count against the journal's bound (O(1))."""
        return len(self.masked_request or b"") + len(self.masked_answer or b"")


#: Each body field and its name in the entry's JSON.
_BODIES = {"masked_request": "request_body", "masked_answer": "answer_body"}


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

    def record(self, begun: int, **values: Any) -> JournalEntry:
        """Add the entry of the request :meth:`begin` returned ``begun`` for; ``tijd`` and ``id``
        are filled in. ``request_body`` and ``answer_body`` are UTF-8 bytes (text is encoded),
        keys already masked; they are cut to the bound."""
        request, answer = _fit(
            _utf8(values.pop("request_body", None)),
            _utf8(values.pop("answer_body", None)),
            self.max_body_bytes,
        )
        with self._lock:
            if begun != self._generation:
                self.requests += 1  # begun before a clear: it counts in this journal
            entry = JournalEntry(
                id=next(self._ids),
                tijd=dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds"),
                masked_request=request,
                masked_answer=answer,
                **values,
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
            if old.masked_request is not None or old.masked_answer is not None:
                old.bodies_dropped = True
            old.masked_request = old.masked_answer = None
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


def _utf8(body: str | bytes | None) -> bytes | None:
    return body.encode("utf-8") if isinstance(body, str) else body


def _text(body: bytes | None) -> str | None:
    return None if body is None else body.decode("utf-8", "replace")


def _fit(
    request: bytes | None, answer: bytes | None, bound: int
) -> tuple[bytes | None, bytes | None]:
    """Both bodies, cut so that together they fit ``bound`` (each gets at least half of it)."""
    request_size, answer_size = len(request or b""), len(answer or b"")
    if request_size + answer_size <= bound:
        return request, answer
    request_budget = min(request_size, max(bound // 2, bound - answer_size))
    return _cut(request, request_budget, bound), _cut(answer, bound - request_budget, bound)


def _cut(body: bytes | None, limit: int, bound: int) -> bytes | None:
    if body is None or len(body) <= limit:
        return body
    kept = utf8_prefix(body, limit)
    return body[:kept] + _CUT.format(len(body) - kept, bound).encode("utf-8")


def utf8_prefix(data: bytes, limit: int) -> int:
    """The length of the longest prefix of ``data[:limit]`` that ends on a character boundary
    (``data`` UTF-8; what comes after ``limit`` need not be there)."""
    limit = min(limit, len(data))
    start = limit  # back over (at most 3) continuation bytes to the last character's lead byte
    while start > 0 and limit - start < 3 and data[start - 1] & 0xC0 == 0x80:
        start -= 1
    if start == 0 or data[start - 1] & 0xC0 == 0x80:
        return limit  # not UTF-8 here: nothing to keep whole
    lead = data[start - 1]
    length = 1 if lead < 0x80 else 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4
    return limit if start - 1 + length <= limit else start - 1


def _normalise(moment_text: str) -> str:
    moment = dt.datetime.fromisoformat(moment_text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).isoformat(timespec="milliseconds")
