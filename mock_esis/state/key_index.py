"""Which school an active autorisatiesleutel opens, readable without the state lock.

Every SOAP request looks its key up first. That lookup must not wait for the state lock: a change
to a school holds that lock while it waits for the school's own lock, which a long answer build
holds, and then every other school's request would wait too. The index has its own lock, held
only for a dictionary step and never while taking another lock. It is changed only inside
:meth:`MockState.change` (or with the state lock held), so it always agrees with the schools.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import Generic, TypeVar

__all__ = ["KeyIndex"]

School = TypeVar("School")


class KeyIndex(Generic[School]):
    """``autorisatiesleutel → school``, thread-safe, with a leaf lock."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._schools: dict[str, School] = {}

    def get(self, key: str) -> School | None:
        with self._lock:
            return self._schools.get(key)

    def put(self, key: str, school: School) -> None:
        with self._lock:
            self._schools[key] = school

    def drop(self, key: str) -> None:
        with self._lock:
            self._schools.pop(key, None)

    def replace(self, entries: Iterable[tuple[str, School]]) -> None:
        """Every key at once: readers see the old index or the new one, never a mix."""
        fresh = dict(entries)
        with self._lock:
            self._schools = fresh
