"""What Boom support sees of the result push: counts per state and every refusal with its reason."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from boomlink.store import Afname, Leerling, School, Toets
from boomlink.store.resultaten_models import ResultaatStatus, UitgaandResultaat

__all__ = ["GeweigerdResultaat", "ResultatenOverzicht", "SchoolFout", "resultaten_overzicht"]


@dataclass(frozen=True, slots=True)
class GeweigerdResultaat:
    afname_id: int
    school: str
    leerling: str
    extern_nummer: str | None
    toets: str
    afnamedatum: dt.date
    reden: str
    refused_at: dt.datetime | None


@dataclass(frozen=True, slots=True)
class SchoolFout:
    """The last delivery error of one school whose results are waiting because of it."""

    school: str
    brin: str
    fout: str
    wachtend: int


@dataclass
class ResultatenOverzicht:
    wachtend: int = 0
    verstuurd: int = 0
    geweigerd: int = 0
    laatste_fout: str | None = None
    geweigerde: list[GeweigerdResultaat] = field(default_factory=list)
    fouten_per_school: list[SchoolFout] = field(default_factory=list)


def _naam(leerling: Leerling) -> str:
    delen = [leerling.roepnaam, leerling.voorvoegsel, leerling.achternaam]
    return " ".join(d for d in delen if d) or f"leerling {leerling.id}"


def resultaten_overzicht(session: Session, *, school_id: int | None = None) -> ResultatenOverzicht:
    """The outbox of one school (or all): counts, the last delivery error, the refused results."""
    overzicht = ResultatenOverzicht()
    counts = select(UitgaandResultaat.status, func.count()).group_by(UitgaandResultaat.status)
    if school_id is not None:
        counts = counts.where(UitgaandResultaat.school_id == school_id)
    for status, aantal in session.execute(counts):
        setattr(overzicht, ResultaatStatus(status).value, int(aantal))
    fout = select(UitgaandResultaat.last_error).where(
        UitgaandResultaat.status == ResultaatStatus.WACHTEND,
        UitgaandResultaat.last_error.is_not(None),
    )
    if school_id is not None:
        fout = fout.where(UitgaandResultaat.school_id == school_id)
    overzicht.laatste_fout = session.scalar(fout.order_by(UitgaandResultaat.id.desc()).limit(1))
    overzicht.fouten_per_school = _fouten_per_school(session, school_id)
    geweigerd = (
        select(UitgaandResultaat, Afname, Leerling, Toets, School)
        .join(Afname, UitgaandResultaat.afname_id == Afname.id)
        .join(Leerling, Afname.leerling_id == Leerling.id)
        .join(Toets, Afname.toets_id == Toets.id)
        .join(School, UitgaandResultaat.school_id == School.id)
        .where(UitgaandResultaat.status == ResultaatStatus.GEWEIGERD)
        .order_by(UitgaandResultaat.id)
    )
    if school_id is not None:
        geweigerd = geweigerd.where(UitgaandResultaat.school_id == school_id)
    for rij, afname, leerling, toets, school in session.execute(geweigerd):
        overzicht.geweigerde.append(
            GeweigerdResultaat(
                afname_id=afname.id,
                school=school.naam,
                leerling=_naam(leerling),
                extern_nummer=leerling.extern_nummer,
                toets=toets.code,
                afnamedatum=afname.afnamedatum,
                reden=rij.reden or "",
                refused_at=rij.refused_at,
            )
        )
    return overzicht


def _fouten_per_school(session: Session, school_id: int | None) -> list[SchoolFout]:
    """Per school with waiting rows that carry an error: the error of the row given back last
    (the latest ``available_at``), and how many rows wait."""
    query = (
        select(UitgaandResultaat.school_id, UitgaandResultaat.last_error, School)
        .join(School, UitgaandResultaat.school_id == School.id)
        .where(
            UitgaandResultaat.status == ResultaatStatus.WACHTEND,
            UitgaandResultaat.last_error.is_not(None),
        )
        .order_by(UitgaandResultaat.available_at, UitgaandResultaat.id)
    )
    if school_id is not None:
        query = query.where(UitgaandResultaat.school_id == school_id)
    laatste: dict[int, tuple[str, School]] = {}
    for sid, fout, school in session.execute(query):
        laatste[int(sid)] = (str(fout), school)
    if not laatste:
        return []
    wachtend: dict[int, int] = {}
    for sid, aantal in session.execute(
        select(UitgaandResultaat.school_id, func.count())
        .where(
            UitgaandResultaat.status == ResultaatStatus.WACHTEND,
            UitgaandResultaat.school_id.in_(list(laatste)),
        )
        .group_by(UitgaandResultaat.school_id)
    ):
        wachtend[int(sid)] = int(aantal)
    return [
        SchoolFout(
            school=school.naam,
            brin=f"{school.brincode}{school.dependancecode or ''}",
            fout=fout,
            wachtend=int(wachtend.get(sid, 0)),
        )
        for sid, (fout, school) in sorted(laatste.items(), key=lambda item: item[1][1].naam)
    ]
