"""The state a mock ESIS started with, for ``mock-esis admin reset --naar-start``.

Copying every school at start would double the start-up time of a large state, so the copy is
made per school, just before the first change that touches it (:attr:`MockState.before_change`):
a school never changed is still the start's own object. :meth:`StartPoint.restore` puts back
the start's schools (same data, same keys, same link state) and the start's clock, as one
change. The copies are pickles of the school's fields: in memory only, never read from outside.
"""

from __future__ import annotations

import pickle
from dataclasses import fields

from mock_esis.state.model import MockState, SchoolState

__all__ = ["StartPoint"]

_NOT_COPIED = ("lock", "version")


def _freeze(school: SchoolState) -> bytes:
    values = {f.name: getattr(school, f.name) for f in fields(school) if f.name not in _NOT_COPIED}
    return pickle.dumps(values, protocol=pickle.HIGHEST_PROTOCOL)


def _thaw(frozen: bytes) -> SchoolState:
    return SchoolState(**pickle.loads(frozen))


class StartPoint:
    """Remembers ``state`` as it is now; see the module doc."""

    def __init__(self, state: MockState) -> None:
        self.state = state
        with state.lock:
            self._schools = dict(state.schools)
            self._clock = state.clock_offset
            self._afnemers = dict(state.afnemers)
        self._frozen: dict[str, bytes] = {}
        self._restoring = False
        state.before_change.append(self._before_change)

    @property
    def codes(self) -> list[str]:
        """The schools of the start (BRIN + vestiging)."""
        return list(self._schools)

    def _before_change(self, schools: list[SchoolState] | None) -> None:
        if self._restoring:
            return
        codes = list(self._schools) if schools is None else [s.code for s in schools]
        for code in codes:
            if code in self._schools and code not in self._frozen:
                self._frozen[code] = _freeze(self._schools[code])

    def restore(self) -> None:
        """Back to the start: the start's schools with their keys, the start's clock."""
        state = self.state
        with state.lock:
            schools = [
                _thaw(self._frozen[code]) if code in self._frozen else school
                for code, school in self._schools.items()
            ]
            self._restoring = True
            try:
                state.replace_schools(schools, clock_offset=self._clock)
                state.afnemers = dict(self._afnemers)
            finally:
                self._restoring = False
