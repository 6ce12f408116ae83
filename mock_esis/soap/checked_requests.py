"""Requests already checked: identical request bytes are not read into a message and checked
against the contract a second time.

What is kept is a pure function of the request's bytes (and the LAS's ``lenient`` setting): that
the contract check passed and its warnings, the ``autorisatie`` header's fields, and the message
read from the body with its warnings. What depends on the mock's state (is the afnemer known,
does the key cover the school, the answer) is decided again for every request, and every request
gets its own journal entry with the same verdict and warnings as the first. Only requests that
passed every check are kept (a refused one is checked again each time), only for the read
operations (``BrengLeerresultaten`` changes the state) and only up to
:data:`MAX_REQUEST_BYTES`. See docs/adr/0027-mock-answers-as-bytes-lean-spyne-transport.md.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from uwlr.envelope import HeaderFields

__all__ = ["MAX_REQUEST_BYTES", "Checked", "CheckedRequests"]

#: Larger requests are always checked (a read request is well under 2 KiB).
MAX_REQUEST_BYTES = 16 * 1024

_Key = tuple[str, bool, bytes]


@dataclass(frozen=True, slots=True)
class Checked:
    """What the checks found for one request's bytes (the LAS never changes the message)."""

    fields: HeaderFields
    message: Any
    contract_warnings: tuple[str, ...]
    parse_warnings: tuple[str, ...]


class CheckedRequests:
    """A thread-safe LRU of ``(operation, lenient, request bytes) → Checked``; size 0: off."""

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._items: OrderedDict[_Key, Checked] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0

    def key(self, operation: str, lenient: bool, request: bytes) -> _Key | None:
        """The key for this request, or None when it is not to be kept."""
        if not self.size or not request or len(request) > MAX_REQUEST_BYTES:
            return None
        if operation == "BrengLeerresultaten":
            return None
        return operation, lenient, request

    def get(self, key: _Key) -> Checked | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                self.hits += 1
            return found

    def put(self, key: _Key, checked: Checked) -> None:
        with self._lock:
            self._items[key] = checked
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
