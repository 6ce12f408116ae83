"""What the mock ESIS knows: schools and their data, afnemers, link activations, received results.

All access goes through :class:`MockState`, which holds one lock, so the SOAP threads, the ESIS
screens and the admin API see one consistent picture. The clock can be moved forward (for the
1 August school-year rollover) without touching the machine's clock.
"""

from __future__ import annotations

import datetime as dt
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal

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
        self._keys: dict[str, str] = {}
        self.clock_offset = dt.timedelta()
        self._handmatig_ids = 0
        #: Bumped by every change of data (see :meth:`touch`); part of the answer-cache key.
        self.version = 0

    # -- clock -------------------------------------------------------------------------------
    def now(self) -> dt.datetime:
        """The mock's time: UTC now plus any offset the tester set."""
        return dt.datetime.now(dt.UTC).replace(microsecond=0) + self.clock_offset

    @contextmanager
    def locked(self) -> Iterator[MockState]:
        """Hold the state lock for a multi-step change."""
        with self.lock:
            yield self

    def touch(self) -> None:
        """Record that data changed (answers built before are no longer current)."""
        with self.lock:
            self.version += 1

    # -- schools -----------------------------------------------------------------------------
    def add_school(self, fake: FakeSchool) -> SchoolState:
        """Add (or replace) a school with its data for its school year."""
        with self.lock:
            school = SchoolState(
                fake=fake,
                schoolkey=f"ESIS-{fake.brincode}{fake.dependancecode}",
                jaren={fake.schooljaar: fake.leerlinggegevens},
            )
            old = self.schools.get(school.code)
            if old is not None:
                self._forget_key(old)
            self.schools[school.code] = school
            self.version += 1
            return school

    def restore_school(self, school: SchoolState) -> None:
        """Put back a school as it was saved (its active key works again)."""
        with self.lock:
            self.schools[school.code] = school
            key = school.koppeling.autorisatiesleutel
            if school.koppeling.actief and key:
                self._keys[key] = school.code
            self.version += 1

    def school(self, code: str) -> SchoolState | None:
        """A school by BRIN + vestigingsnummer (``99QQ00``; ``99QQ`` means vestiging 00)."""
        code = code.strip().upper()
        if len(code) == 4:
            code += "00"
        return self.schools.get(code)

    def reset(self) -> None:
        """Forget every school, key and result; the clock goes back to real time."""
        with self.lock:
            self.schools.clear()
            self._keys.clear()
            self.clock_offset = dt.timedelta()
            self.version += 1

    # -- the link ----------------------------------------------------------------------------
    def activate(self, school: SchoolState, *, verificatiecode: str, door: str) -> str:
        """Activate the Boom testcentrum link: a new unguessable key, the previous one revoked."""
        with self.lock:
            self._forget_key(school)
            key = secrets.token_urlsafe(32)  # 256 random bits
            school.koppeling = Koppeling(
                actief=True,
                autorisatiesleutel=key,
                verificatiecode=verificatiecode,
                geactiveerd_op=self.now(),
                geactiveerd_door=door,
            )
            self._keys[key] = school.code
            return key

    def deactivate(self, school: SchoolState) -> None:
        """Switch the link off: the key stops working at once."""
        with self.lock:
            self._forget_key(school)
            school.koppeling = Koppeling(gedeactiveerd_op=self.now())

    def _forget_key(self, school: SchoolState) -> None:
        key = school.koppeling.autorisatiesleutel
        if key is not None:
            self._keys.pop(key, None)

    def school_for_key(self, key: str) -> SchoolState | None:
        """The school an active key belongs to."""
        with self.lock:
            code = self._keys.get(key)
            return None if code is None else self.schools.get(code)

    def is_afnemer(self, klantnaam: str, klantcode: str) -> bool:
        """True when klantnaam and klantcode form a known pair."""
        return secrets.compare_digest(self.afnemers.get(klantnaam, "\0"), klantcode)

    # -- manual entries ----------------------------------------------------------------------
    def next_handmatig_id(self) -> int:
        with self.lock:
            self._handmatig_ids += 1
            return self._handmatig_ids
