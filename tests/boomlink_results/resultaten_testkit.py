"""Helpers for the result-push tests: the mock's school mirrored into Boom, administrations,
and a counter of what ESIS stored per request."""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

import mock_esis.soap.las
from boomlink.crypto import Autorisatiesleutel
from boomlink.resultaten import Normscores, afnames_normeren
from boomlink.store import (
    Afname,
    Groep,
    Koppeling,
    KoppelingStatus,
    Leerling,
    School,
    Store,
    Toets,
)
from boomlink.store.resultaten_models import ResultaatStatus, UitgaandResultaat
from mock_esis.soap.results import store_leerresultaten
from mock_esis.state.model import SchoolState
from mock_esis.testing.handle import MockEsisHandle

TOETSCODE = "BOOM-SPEL-M5"
TOETSNAAM = "Boom Spelling M5"
VANDAAG = dt.date(2026, 11, 2)  # in school year 2026-2027, like the mock's data


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=dt.UTC)


@dataclass
class BoomSchool:
    """The Boom side of the mock's first school."""

    school_id: int
    koppeling_id: int
    toets_id: int
    code: str
    leerlingen: dict[str, int] = field(default_factory=dict)  # ESIS key → Boom leerling id
    groepen: dict[str, list[str]] = field(default_factory=dict)  # ESIS groep key → pupil keys

    def leerling(self, nummer: int) -> int:
        """The Boom id of the ``nummer``-th pupil (0-based) in ESIS' order."""
        return list(self.leerlingen.values())[nummer]


def esis_school(handle: MockEsisHandle) -> SchoolState:
    state = handle.app.state.school(handle.school.code)
    assert state is not None
    return state


def boom_school_uit(
    store: Store,
    handle: MockEsisHandle,
    *,
    activated_at: dt.datetime | None = None,
    status: KoppelingStatus = KoppelingStatus.ACTIEF,
    schoolkey: str | None = None,
) -> BoomSchool:
    """Mirror the mock's first school into Boom (what the import does) and store its key."""
    info = handle.school
    esis = esis_school(handle)
    gegevens = esis.jaren[info.schooljaar]
    with store.session() as session:
        school = School(naam=info.naam, brincode=info.brincode, dependancecode=info.dependancecode)
        school.uwlr_enabled_at = utc(2026, 9, 1)
        session.add(school)
        toets = session.scalar(select(Toets).where(Toets.code == TOETSCODE))
        if toets is None:
            toets = Toets(code=TOETSCODE, naam=TOETSNAAM)
            session.add(toets)
        session.flush()
        groepen = {}
        for g in gegevens.groepen:
            groep = Groep(
                school_id=school.id,
                schooljaar=info.schooljaar,
                naam=g.naam,
                jaargroep=g.jaargroep,
                extern_nummer=g.key,
            )
            session.add(groep)
            groepen[g.key] = groep
        ids: dict[str, Leerling] = {}
        per_groep: dict[str, list[str]] = {}
        for p in gegevens.leerlingen:
            assert p.key is not None
            leerling = Leerling(
                school_id=school.id,
                roepnaam=p.roepnaam,
                achternaam=p.achternaam,
                extern_nummer=p.key,
                eckid=p.eckid,
                jaargroep=p.jaargroep,
            )
            if p.groep in groepen:
                leerling.groepen.append(groepen[p.groep])
                per_groep.setdefault(p.groep, []).append(p.key)
            session.add(leerling)
            ids[p.key] = leerling
        sleutel = info.autorisatiesleutel
        assert sleutel is not None
        koppeling = Koppeling(
            school_id=school.id,
            type="ESIS UWLR",
            status=status,
            brincode=info.brincode,
            dependancecode=info.dependancecode,
            schooljaar=info.schooljaar,
            autorisatiesleutel_versleuteld=store.kluis().versleutel(Autorisatiesleutel(sleutel)),
            schoolkey=schoolkey,
            requested_at=utc(2026, 9, 1),
            activated_at=activated_at or utc(2026, 9, 2),
        )
        session.add(koppeling)
        session.commit()
        return BoomSchool(
            school_id=school.id,
            koppeling_id=koppeling.id,
            toets_id=toets.id,
            code=info.code,
            leerlingen={k: v.id for k, v in ids.items()},
            groepen=per_groep,
        )


def onbekende_leerling(store: Store, boom: BoomSchool, nummer: str = "999999") -> int:
    """A pupil in Boom whose extern nummer ESIS does not know (Client.LeerlingOngeldig)."""
    with store.session() as session:
        leerling = Leerling(
            school_id=boom.school_id, roepnaam="Onbekend", achternaam="Kind", extern_nummer=nummer
        )
        session.add(leerling)
        session.commit()
        return leerling.id


def maak_afnames(
    store: Store,
    boom: BoomSchool,
    leerling_ids: list[int],
    *,
    datum: dt.date = VANDAAG,
    per_leerling: int = 1,
    toets_id: int | None = None,
) -> list[int]:
    """Unnormed administrations of the toets, ``per_leerling`` for every pupil."""
    with store.session() as session:
        afnames = [
            Afname(
                leerling_id=leerling_id,
                toets_id=toets_id or boom.toets_id,
                afnamedatum=datum - dt.timedelta(days=n),
            )
            for leerling_id in leerling_ids
            for n in range(per_leerling)
        ]
        session.add_all(afnames)
        session.commit()
        return [a.id for a in afnames]


def scores(nummer: int = 0, *, score: int | None = 30) -> Normscores:
    return Normscores(
        vaardigheidsscore=Decimal(100 + nummer % 50) + Decimal("0.5"),
        dle=Decimal(10 + nummer % 30),
        niveau=["<1F", "1F", "2F"][nummer % 3],
        score=score,
    )


def normeer(
    store: Store, afname_ids: list[int], *, now: dt.datetime | None = None, score: int | None = 30
) -> None:
    with store.session() as session:
        afnames_normeren(
            session,
            [(a, scores(i, score=score)) for i, a in enumerate(afname_ids)],
            now=now or utc(2026, 11, 3, 10),
        )


def rijen(store: Store) -> list[UitgaandResultaat]:
    with store.session() as session:
        return list(session.scalars(select(UitgaandResultaat).order_by(UitgaandResultaat.id)))


def per_status(store: Store) -> Counter[str]:
    return Counter(r.status.value for r in rijen(store))


def verwachte_keys(store: Store, status: ResultaatStatus = ResultaatStatus.VERSTUURD) -> set[str]:
    """The resultaat keys of the rows in ``status`` (score and norm parts)."""
    from boomlink.resultaten import resultaat_keys

    with store.session() as session:
        query = (
            select(Afname.id, Afname.score)
            .join(UitgaandResultaat, UitgaandResultaat.afname_id == Afname.id)
            .where(UitgaandResultaat.status == status)
        )
        return {
            key
            for afname_id, score in session.execute(query)
            for key in resultaat_keys(afname_id, met_score=score is not None)
        }


@dataclass
class Ontvangsten:
    """Every message the mock ESIS stored, as the list of resultaat keys in it."""

    berichten: list[list[str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def per_key(self) -> Counter[str]:
        with self.lock:
            return Counter(k for bericht in self.berichten for k in bericht)


@contextmanager
def tel_ontvangsten(monkeypatch: pytest.MonkeyPatch) -> Iterator[Ontvangsten]:
    """Record what the LAS of the mock stored, per accepted message (wraps its store step)."""
    ontvangsten = Ontvangsten()

    def recording(school: Any, verzoek: Any, now: dt.datetime) -> Any:
        stored = store_leerresultaten(school, verzoek, now)
        with ontvangsten.lock:
            ontvangsten.berichten.append([r.key for r in stored])
        return stored

    monkeypatch.setattr(mock_esis.soap.las, "store_leerresultaten", recording)
    yield ontvangsten
