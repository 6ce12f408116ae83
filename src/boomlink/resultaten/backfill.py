"""H-S4-11: results of the previous school year go to ESIS only by a Boom support action.

:func:`vorig_schooljaar_terugzetten` queues every normed administration of the school in that
school year that is not in the outbox yet. It is a step of the audit log (who, which school,
which year, how many), also when it is refused. Only Boom support may run it: a school user
(a :class:`~boomlink.store.Gebruiker`, beheerder or not) is refused and that refusal is audited
too. Only the previous school year can be named, and only while the school's link is active.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from boomlink.audit import BOOM_SUPPORT, stap
from boomlink.errors import KoppelingNietActief, OngeldigVeld
from boomlink.koppeling.stap3 import huidige_koppeling
from boomlink.resultaten.errors import AlleenBoomSupport, GeenVorigSchooljaar
from boomlink.resultaten.outbox import zet_in_wachtrij
from boomlink.resultaten.schooljaren import vorig_schooljaar
from boomlink.schooljaar import geldig_schooljaar_formaat, huidig_schooljaar
from boomlink.store import Afname, Gebruiker, KoppelingStatus, Leerling, School
from boomlink.store.resultaten_models import ResultaatBron, UitgaandResultaat

__all__ = ["ACTIE", "TerugzetUitkomst", "vorig_schooljaar_terugzetten"]

ACTIE = "resultaten terugzetten"


@dataclass(frozen=True, slots=True)
class TerugzetUitkomst:
    school_naam: str
    schooljaar: str
    in_wachtrij: int
    al_in_wachtrij: int


def _grenzen(schooljaar: str) -> tuple[dt.date, dt.date]:
    start = int(schooljaar[:4])
    return dt.date(start, 8, 1), dt.date(start + 1, 8, 1)


def vorig_schooljaar_terugzetten(
    session: Session,
    *,
    school: School,
    schooljaar: str,
    uitvoerder: str | Gebruiker = BOOM_SUPPORT,
    now: dt.datetime | None = None,
) -> TerugzetUitkomst:
    """Boom support: queue the normed results of ``school`` in ``schooljaar`` (the previous one)."""
    moment = now or dt.datetime.now(dt.UTC)
    actor = uitvoerder.emailadres if isinstance(uitvoerder, Gebruiker) else uitvoerder
    with stap(session, actie=ACTIE, actor=actor, school_id=school.id) as uit:
        if isinstance(uitvoerder, Gebruiker) or uitvoerder != BOOM_SUPPORT:
            raise AlleenBoomSupport(actor)
        jaar = schooljaar.strip()
        if not geldig_schooljaar_formaat(jaar):
            raise OngeldigVeld("schooljaar", f"‘{jaar}’ is geen schooljaar zoals 2025-2026.")
        vorig = vorig_schooljaar(huidig_schooljaar(moment))
        if jaar != vorig:
            raise GeenVorigSchooljaar(jaar, vorig)
        koppeling = huidige_koppeling(session, school)
        if koppeling is None or koppeling.status is not KoppelingStatus.ACTIEF:
            raise KoppelingNietActief(school.naam)
        begin, einde = _grenzen(jaar)
        al = select(UitgaandResultaat.afname_id)
        query = (
            select(Afname)
            .join(Leerling, Afname.leerling_id == Leerling.id)
            .where(
                Leerling.school_id == school.id,
                Afname.normed_at.is_not(None),
                Afname.afnamedatum >= begin,
                Afname.afnamedatum < einde,
            )
            .order_by(Afname.id)
        )
        afnames = list(session.scalars(query))
        bekend = set(
            session.scalars(al.where(UitgaandResultaat.afname_id.in_([a.id for a in afnames])))
        )
        nieuw = [a for a in afnames if a.id not in bekend]
        for afname in nieuw:
            zet_in_wachtrij(
                session,
                afname,
                school_id=school.id,
                schooljaar=jaar,
                bron=ResultaatBron.TERUGZETTEN,
                now=moment,
            )
        uit.detail = (
            f"{len(nieuw)} genormeerde resultaten van schooljaar {jaar} in de wachtrij voor ESIS"
            + (f"; {len(bekend)} stonden er al in" if bekend else "")
        )
    return TerugzetUitkomst(school.naam, jaar, len(nieuw), len(bekend))
