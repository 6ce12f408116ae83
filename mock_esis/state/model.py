"""What the mock ESIS knows: schools and their data, afnemers, link activations, received results.

All access goes through :class:`MockState`, which holds one lock, so the SOAP threads, the ESIS
screens and the admin API see one consistent picture. The clock can be moved forward (for the
1 August school-year rollover) without touching the machine's clock.

Every change goes through :meth:`MockState.change`: it holds the state lock and the locks of the
schools it changes, and when the change ends it bumps the data version (the answer-cache key)
and hands the changed schools to the store (``--db``), all before the locks are let go. An
answer is built under its school's lock only (:meth:`MockState.reading`), and a request finds
its school by key without the state lock (:mod:`mock_esis.state.key_index`), so building one
school's answer never blocks the other schools' cached answers or changes, not even while a
change to that school waits for the build (tests/mock_esis/test_mock_esis_school_locks.py). Two hooks watch the change path without being
part of it: :attr:`MockState.before_change` (the start point of ``reset --naar-start``) and
:attr:`MockState.observers` (the ``--state-file`` writer).
"""

from __future__ import annotations

import datetime as dt
import secrets
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from mock_esis.state.key_index import KeyIndex
from uwlr.fake import FakeSchool
from uwlr.models import Leerkracht, Leerling, Leerlinggegevens

__all__ = [
    "DEFAULT_KLANTCODE",
    "DEFAULT_KLANTNAAM",
    "HandmatigResultaat",
    "Koppeling",
    "MockState",
    "OntvangenResultaat",
    "SchoolState",
    "Store",
]

DEFAULT_KLANTNAAM = "Boom testcentrum"
DEFAULT_KLANTCODE = "BOOM-TC-UWLR"


@dataclass
class Koppeling:
    """ESIS' "Resultatenkoppeling Boom testcentrum" of one school."""

    actief: bool = False
    autorisatiesleutel: str | None = None
    verificatiecode: str | None = None
    geactiveerd_op: dt.datetime | None = None
    geactiveerd_door: str | None = None
    gedeactiveerd_op: dt.datetime | None = None

    def __repr__(self) -> str:
        return f"Koppeling(actief={self.actief}, geactiveerd_op={self.geactiveerd_op})"


@dataclass
class OntvangenResultaat:
    """One ``resultaat`` received through the link (replaced when the same key comes again)."""

    key: str
    leerlingid: str
    eckid: str | None
    toetscode: str
    toetsnaam: str | None
    toetsonderdeelcode: str | None
    afnamedatum: dt.date
    score: int | None
    vaardigheidsscore: Decimal | None
    dle: str | None
    niveau: str | None
    ontvangen_op: dt.datetime


@dataclass
class HandmatigResultaat:
    """A DLE typed in by a teacher under Onderwijs → Toetsresultaten invoeren (H-S4-13)."""

    id: int
    leerlingid: str
    toets: str
    dle: str
    datum: dt.date
    ingevoerd_door: str
    ingevoerd_op: dt.datetime


@dataclass
class SchoolState:
    """One school in the mock: its data per school year, its link and what arrived through it."""

    fake: FakeSchool
    schoolkey: str
    jaren: dict[str, Leerlinggegevens] = field(default_factory=dict)
    koppeling: Koppeling = field(default_factory=Koppeling)
    resultaten: dict[str, OntvangenResultaat] = field(default_factory=dict)
    handmatig: list[HandmatigResultaat] = field(default_factory=list)
    #: The state's data version at this school's last change (part of the answer-cache key).
    version: int = field(default=0, compare=False)
    #: Held while the school's data changes or an answer is built from it.
    lock: threading.RLock = field(default_factory=threading.RLock, compare=False, repr=False)

    @property
    def code(self) -> str:
        """BRIN + vestigingsnummer as ESIS writes it, e.g. ``99QQ00``."""
        return f"{self.fake.brincode}{self.fake.dependancecode}"

    @property
    def naam(self) -> str:
        return self.fake.naam

    @property
    def schooljaar(self) -> str:
        """The current school year of this school's data."""
        return self.fake.schooljaar

    def gegevens(self, schooljaar: str) -> Leerlinggegevens | None:
        """The data of ``schooljaar``, or None when the school has none for it."""
        return self.jaren.get(schooljaar)

    def all_leerlingen(self) -> Iterator[Leerling]:
        """Every pupil of every year, grouped or not."""
        for gegevens in self.jaren.values():
            yield from gegevens.leerlingen
        yield from self.fake.ongegroepeerde_leerlingen

    def all_leerkrachten(self) -> Iterator[Leerkracht]:
        """Every teacher of the current data, grouped or not."""
        yield from self.jaren[self.schooljaar].leerkrachten
        yield from self.fake.ongegroepeerde_leerkrachten


class Store(Protocol):
    """Where changes are kept (``--db``): called at the end of every change, under the locks."""

    def commit(self, state: MockState, codes: set[str] | None) -> None:
        """Save the state's fields and the schools ``codes`` (None: every school, and forget
        schools no longer in the state)."""


def nieuwe_sleutel() -> str:
    """A new unguessable autorisatiesleutel (256 random bits, URL-safe), never starting with
    ``-``: a tester types it after ``--sleutel`` and a command line would read it as an option."""
    while (key := secrets.token_urlsafe(32)).startswith("-"):
        pass
    return key


class MockState:
    """Every school, key and afnemer of the mock, behind one re-entrant lock."""

    def __init__(
        self,
        *,
        klantnaam: str = DEFAULT_KLANTNAAM,
        klantcode: str = DEFAULT_KLANTCODE,
    ) -> None:
        self.lock = threading.RLock()
        self.klantnaam = klantnaam
        self.klantcode = klantcode
        self.afnemers: dict[str, str] = {klantnaam: klantcode}
        self.schools: dict[str, SchoolState] = {}
        #: Active key → school, read by every request without the state lock (key_index).
        self._keys: KeyIndex[SchoolState] = KeyIndex()
        self.clock_offset = dt.timedelta()
        self._handmatig_ids = 0
        #: Bumped by every change (see :meth:`change`).
        self.version = 0
        #: Where every change is saved, if anywhere (``--db``).
        self.store: Store | None = None
        #: Called when a change begins, with the schools it names (None: every school), under
        #: the locks and before the change applies (the start point for ``reset --naar-start``).
        self.before_change: list[Callable[[list[SchoolState] | None], None]] = []
        #: Called when the outermost change ends, after the store, under the locks (the
        #: ``--state-file`` writer).
        self.observers: list[Callable[[MockState], None]] = []
        self._depth = 0
        self._touched: set[str] = set()
        self._everything = False

    # -- clock -------------------------------------------------------------------------------
    def now(self) -> dt.datetime:
        """The mock's time: UTC now plus any offset the tester set."""
        return dt.datetime.now(dt.UTC).replace(microsecond=0) + self.clock_offset

    @contextmanager
    def locked(self) -> Iterator[MockState]:
        """Hold the state lock for a multi-step change."""
        with self.lock:
            yield self

    @contextmanager
    def change(self, *schools: SchoolState, everything: bool = False) -> Iterator[MockState]:
        """The one way to change the state: validate and apply inside the ``with`` block.

        Holds the state lock and the named schools' locks (every school's with ``everything``).
        When the outermost change ends, also after an error part-way, the data version is
        bumped and the store saves what changed, so memory and file never differ.
        """
        with self.lock:
            targets = list(self.schools.values()) if everything else list(schools)
            held = sorted({id(s): s for s in targets}.values(), key=lambda s: s.code)
            for school in held:
                school.lock.acquire()
            self._depth += 1
            self._everything = self._everything or everything
            self._touched.update(s.code for s in schools)
            try:
                for hook in self.before_change:
                    hook(None if everything else list(schools))
                yield self
            finally:
                self._depth -= 1
                try:
                    if self._depth == 0:
                        self._finish()
                finally:
                    for school in reversed(held):
                        school.lock.release()

    def _finish(self) -> None:
        codes = None if self._everything else set(self._touched)
        self._touched.clear()
        self._everything = False
        self.version += 1
        for school in self.schools.values() if codes is None else self._present(codes):
            school.version = self.version
        if self.store is not None:
            self.store.commit(self, codes)
        for observer in self.observers:
            observer(self)

    def _present(self, codes: set[str]) -> list[SchoolState]:
        return [self.schools[c] for c in codes if c in self.schools]

    @contextmanager
    def reading(self, school: SchoolState) -> Iterator[SchoolState]:
        """Read one school's data without blocking other schools (changes to it wait)."""
        with school.lock:
            yield school

    # -- schools -----------------------------------------------------------------------------
    def add_school(self, fake: FakeSchool) -> SchoolState:
        """Add (or replace) a school with its data for its school year."""
        school = SchoolState(
            fake=fake,
            schoolkey=f"ESIS-{fake.brincode}{fake.dependancecode}",
            jaren={fake.schooljaar: fake.leerlinggegevens},
        )
        with self.change(school):
            old = self.schools.get(school.code)
            if old is not None:
                self._forget_key(old)
            self.schools[school.code] = school
            return school

    def restore_school(self, school: SchoolState) -> None:
        """Put back a school as it was saved (its active key works again); not a change."""
        with self.lock:
            self.schools[school.code] = school
            key = school.koppeling.autorisatiesleutel
            if school.koppeling.actief and key:
                self._keys.put(key, school)
            self.version += 1
            school.version = self.version

    def school(self, code: str) -> SchoolState | None:
        """A school by BRIN + vestigingsnummer (``99QQ00``; ``99QQ`` means vestiging 00)."""
        code = code.strip().upper()
        if len(code) == 4:
            code += "00"
        return self.schools.get(code)

    def reset(self) -> None:
        """Forget every school, key and result; the clock goes back to real time."""
        with self.change(everything=True):
            self.schools.clear()
            self._keys.replace(())
            self.clock_offset = dt.timedelta()

    def replace_schools(
        self, schools: Iterable[SchoolState], *, clock_offset: dt.timedelta
    ) -> None:
        """Put ``schools`` in place of every school (their active keys work again) and set the
        clock offset: one change (``reset --naar-start``)."""
        with self.change(everything=True):
            self.schools.clear()
            active = []
            for school in schools:
                self.schools[school.code] = school
                key = school.koppeling.autorisatiesleutel
                if school.koppeling.actief and key:
                    active.append((key, school))
            self._keys.replace(active)
            self.clock_offset = clock_offset

    # -- the link ----------------------------------------------------------------------------
    def activate(self, school: SchoolState, *, verificatiecode: str, door: str) -> str:
        """Activate the Boom testcentrum link: a new unguessable key, the previous one revoked."""
        with self.change(school):
            self._forget_key(school)
            key = nieuwe_sleutel()
            school.koppeling = Koppeling(
                actief=True,
                autorisatiesleutel=key,
                verificatiecode=verificatiecode,
                geactiveerd_op=self.now(),
                geactiveerd_door=door,
            )
            self._keys.put(key, school)
            return key

    def deactivate(self, school: SchoolState) -> None:
        """Switch the link off: the key stops working at once."""
        with self.change(school):
            self._forget_key(school)
            school.koppeling = Koppeling(gedeactiveerd_op=self.now())

    def _forget_key(self, school: SchoolState) -> None:
        key = school.koppeling.autorisatiesleutel
        if key is not None:
            self._keys.drop(key)

    def school_for_key(self, key: str) -> SchoolState | None:
        """The school an active key belongs to (never waits for the state lock)."""
        return self._keys.get(key)

    def is_afnemer(self, klantnaam: str, klantcode: str) -> bool:
        """True when klantnaam and klantcode form a known pair."""
        return secrets.compare_digest(self.afnemers.get(klantnaam, "\0"), klantcode)

    # -- manual entries ----------------------------------------------------------------------
    def next_handmatig_id(self) -> int:
        """A new id for a hand-entered result (call inside the change that stores it)."""
        with self.lock:
            self._handmatig_ids += 1
            return self._handmatig_ids
