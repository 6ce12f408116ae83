"""The Toetsafnames of one school as the web screen lists them: normed or not, and where the
result is on its way to ESIS (wachtend / verstuurd / geweigerd with the reason).

:func:`afname_van_school` is the gate in front of [Normeren] on a school's page: an
administration of another school is "unknown" (the same answer as a missing one).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from boomlink.importeren.weergave import persoonsnaam
from boomlink.resultaten.errors import AfnameOnbekend
from boomlink.store import Afname, Leerling, Toets
from boomlink.store.resultaten_models import UitgaandResultaat

__all__ = ["Toetsafname", "afname_van_school", "aantal_toetsafnames", "toetsafnames"]


@dataclass(frozen=True, slots=True)
class Toetsafname:
    id: int
    leerling: str
    toets: str
    afnamedatum: dt.date
    score: int | None
    normed_at: dt.datetime | None
    vaardigheidsscore: Decimal | None
    dle: Decimal | None
    niveau: str | None
    naar_esis: str | None
    reden: str | None


def aantal_toetsafnames(session: Session, school_id: int) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(Afname)
            .join(Leerling, Afname.leerling_id == Leerling.id)
            .where(Leerling.school_id == school_id)
        )
        or 0
    )


def toetsafnames(
    session: Session, school_id: int, *, begin: int = 0, aantal: int = 50
) -> list[Toetsafname]:
    """Administrations of the school's pupils, newest first, ``aantal`` from ``begin``."""
    query = (
        select(Afname, Leerling, Toets, UitgaandResultaat)
        .join(Leerling, Afname.leerling_id == Leerling.id)
        .join(Toets, Afname.toets_id == Toets.id)
        .outerjoin(UitgaandResultaat, UitgaandResultaat.afname_id == Afname.id)
        .where(Leerling.school_id == school_id)
        .order_by(Afname.afnamedatum.desc(), Afname.id.desc())
        .offset(begin)
        .limit(aantal)
    )
    return [
        Toetsafname(
            id=afname.id,
            leerling=persoonsnaam(
                leerling.roepnaam, leerling.voorvoegsel, leerling.achternaam, leerling.voorletters
            ),
            toets=toets.naam,
            afnamedatum=afname.afnamedatum,
            score=afname.score,
            normed_at=afname.normed_at,
            vaardigheidsscore=afname.vaardigheidsscore,
            dle=afname.dle,
            niveau=afname.niveau,
            naar_esis=None if uit is None else uit.status.value,
            reden=None if uit is None else uit.reden,
        )
        for afname, leerling, toets, uit in session.execute(query)
    ]


def afname_van_school(session: Session, school_id: int, afname_id: int) -> None:
    """Refuse (:class:`AfnameOnbekend`) an administration that is not of this school's pupils."""
    gevonden = session.scalar(
        select(Afname.id)
        .join(Leerling, Afname.leerling_id == Leerling.id)
        .where(Afname.id == afname_id, Leerling.school_id == school_id)
    )
    if gevonden is None:
        raise AfnameOnbekend(afname_id)
