"""A small cache of serialized answers: identical reads of unchanged data get the same bytes.

The key holds everything an answer depends on: the school, the operation and its parameters and
the school's data version (bumped by every change of it). The ``aanmaakdatum`` is left as a
placeholder in the cached bytes and filled in per answer (:mod:`mock_esis.soap.las`), so a
served answer is byte-for-byte what a fresh one would be, only cheaper.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable

__all__ = ["AnswerCache"]


class AnswerCache:
    """A thread-safe LRU of ``key → envelope bytes``; ``size`` 0 disables it."""

    def __init__(self, size: int = 64) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, bytes] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable) -> bytes | None:
        if not self.size:
            return None
        with self._lock:
            value = self._items.get(key)
            if value is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return value

    def put(self, key: Hashable, value: bytes) -> None:
        if not self.size:
            return
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
