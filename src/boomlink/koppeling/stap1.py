"""Stap 1: Beheer → Koppelen met LAS in the Boom testcentrum (H-S1-01..05).

* :func:`koppelformulier`: what the form shows: the link types, the school's BRIN and the current
  school year, how many extern nummers are filled, and the current link.
* :func:`nummers_verwijderen`: "Verwijder nummers": empties ``extern_nummer`` (and ``eckid``) of
  every leerling and groep of the school; no test data is touched.
* :func:`koppeling_aanvragen`: "Aanvragen": refused while extern nummers remain; otherwise the
  request is filed and at once approved ("goedgekeurd") when every field is right, or rejected
  ("afgewezen", stored with the field and the reason) when one is not.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, func, select, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from boomlink.audit import stap
from boomlink.brin import BrinFormaatFout, parse_brin
from boomlink.errors import (
    AanvraagAfgewezen,
    KoppelingBestaatAl,
    KoppelingIsActief,
    NummersNietLeeg,
)
from boomlink.koppeling.stap3 import huidige_koppeling
from boomlink.koppeling.toegang import vereis_beheerder, vereis_koppeling_toegestaan
from boomlink.schooljaar import geldig_schooljaar_formaat, huidig_schooljaar
from boomlink.store import Gebruiker, Groep, Koppeling, KoppelingStatus, Leerling, School

__all__ = [
    "ESIS_UWLR",
    "TYPEN_KOPPELING",
    "ExternNummers",
    "Koppelformulier",
    "koppelformulier",
    "koppeling_aanvragen",
    "nummers_verwijderen",
    "tel_extern_nummers",
]

ESIS_UWLR = "ESIS UWLR"
TYPEN_KOPPELING = (ESIS_UWLR,)
# The handbook calls the same type "ESIS" in stap 3 (H-S1-01).
_TYPE_ALIASSEN = {"esis uwlr": ESIS_UWLR, "esis": ESIS_UWLR}


@dataclass(frozen=True, slots=True)
class ExternNummers:
    leerlingen: int
    groepen: int

    @property
    def totaal(self) -> int:
        return self.leerlingen + self.groepen


@dataclass(frozen=True, slots=True)
class Koppelformulier:
    """Beheer → Koppelen met LAS, as the beheerder sees it (H-S1-02, H-S3-01)."""

    school_naam: str
    typen_koppeling: tuple[str, ...]
    brincode: str
    dependancecode: str
    schooljaar: str
    extern_nummers: ExternNummers
    koppeling: Koppeling | None


def _gevuld(kolom: InstrumentedAttribute[str | None]) -> ColumnElement[bool]:
    return and_(kolom.is_not(None), kolom != "")


def tel_extern_nummers(session: Session, school: School) -> ExternNummers:
    """How many leerlingen and groepen of the school still carry an extern nummer."""
    leerlingen = session.scalar(
        select(func.count())
        .select_from(Leerling)
        .where(Leerling.school_id == school.id, _gevuld(Leerling.extern_nummer))
    )
    groepen = session.scalar(
        select(func.count())
        .select_from(Groep)
        .where(Groep.school_id == school.id, _gevuld(Groep.extern_nummer))
    )
    return ExternNummers(leerlingen=leerlingen or 0, groepen=groepen or 0)


def koppelformulier(
    session: Session, school: School, gebruiker: Gebruiker, *, now: dt.datetime | None = None
) -> Koppelformulier:
    """The form of Beheer → Koppelen met LAS (only for the school's beheerder, once enabled)."""
    vereis_beheerder(school, gebruiker)
    vereis_koppeling_toegestaan(session, school)
    return Koppelformulier(
        school_naam=school.naam,
        typen_koppeling=TYPEN_KOPPELING,
        brincode=school.brincode,
        dependancecode=school.dependancecode,
        schooljaar=huidig_schooljaar(now),
        extern_nummers=tel_extern_nummers(session, school),
        koppeling=huidige_koppeling(session, school),
    )


def nummers_verwijderen(session: Session, school: School, gebruiker: Gebruiker) -> ExternNummers:
    """ "Verwijder nummers": empty the school's extern nummers; returns how many were emptied."""
    with stap(
        session, actie="nummers verwijderen", actor=gebruiker.emailadres, school_id=school.id
    ) as uit:
        vereis_beheerder(school, gebruiker)
        vereis_koppeling_toegestaan(session, school)
        koppeling = huidige_koppeling(session, school)
        if koppeling is not None and koppeling.status is KoppelingStatus.ACTIEF:
            raise KoppelingIsActief()
        geleegd = tel_extern_nummers(session, school)
        session.execute(
            update(Leerling)
            .where(Leerling.school_id == school.id)
            .values(extern_nummer=None, eckid=None)
            .execution_options(synchronize_session="fetch")
        )
        session.execute(
            update(Groep)
            .where(Groep.school_id == school.id)
            .values(extern_nummer=None)
            .execution_options(synchronize_session="fetch")
        )
        uit.detail = f"{geleegd.leerlingen} leerlingen, {geleegd.groepen} groepen geleegd"
    return geleegd


def _controleer_velden(
    school: School, *, type_koppeling: str, brincode: str, schooljaar: str, huidig: str
) -> tuple[str, str] | None:
    """The first wrong field, in form order, as (veld, reden); ``None`` when all are right."""
    if _TYPE_ALIASSEN.get(" ".join(type_koppeling.split()).casefold()) is None:
        return (
            "Type koppeling",
            f"‘{type_koppeling.strip()}’ wordt niet ondersteund; kies ‘{ESIS_UWLR}’.",
        )
    try:
        brin, met_vestiging = parse_brin(brincode)
    except BrinFormaatFout as exc:
        return "BRIN-code", exc.reden
    if brin.brincode != school.brincode or (
        met_vestiging and brin.dependancecode != school.dependancecode
    ):
        eigen = f"{school.brincode}{school.dependancecode}" if met_vestiging else school.brincode
        return (
            "BRIN-code",
            f"de BRIN-code van {school.naam} is {eigen}, niet {brincode.strip()}.",
        )
    if not geldig_schooljaar_formaat(schooljaar.strip()):
        return (
            "Schooljaar",
            f"‘{schooljaar.strip()}’ is geen schooljaar; schrijf het als {huidig}.",
        )
    if schooljaar.strip() != huidig:
        return (
            "Schooljaar",
            f"{schooljaar.strip()} is niet het huidige schooljaar; het huidige schooljaar is "
            f"{huidig}.",
        )
    return None


def koppeling_aanvragen(
    session: Session,
    school: School,
    gebruiker: Gebruiker,
    *,
    type_koppeling: str,
    brincode: str,
    schooljaar: str,
    now: dt.datetime | None = None,
) -> Koppeling:
    """ "Aanvragen": file a request; returns it approved, or raises :class:`AanvraagAfgewezen`
    after storing it rejected (with the field and the reason)."""
    moment = now or dt.datetime.now(dt.UTC)
    huidig = huidig_schooljaar(moment)
    afwijzing: tuple[str, str] | None = None
    with stap(
        session, actie="koppeling aanvragen", actor=gebruiker.emailadres, school_id=school.id
    ) as uit:
        vereis_beheerder(school, gebruiker)
        vereis_koppeling_toegestaan(session, school)
        bestaand = huidige_koppeling(session, school)
        if bestaand is not None and bestaand.status in (
            KoppelingStatus.AANGEVRAAGD,
            KoppelingStatus.GOEDGEKEURD,
            KoppelingStatus.ACTIEF,
        ):
            raise KoppelingBestaatAl(bestaand.status.value)
        gevuld = tel_extern_nummers(session, school)
        if gevuld.totaal:
            raise NummersNietLeeg(gevuld.leerlingen, gevuld.groepen)
        afwijzing = _controleer_velden(
            school,
            type_koppeling=type_koppeling,
            brincode=brincode,
            schooljaar=schooljaar,
            huidig=huidig,
        )
        koppeling = Koppeling(
            school_id=school.id,
            type=ESIS_UWLR if afwijzing is None else type_koppeling.strip()[:32],
            status=KoppelingStatus.GOEDGEKEURD if afwijzing is None else KoppelingStatus.AFGEWEZEN,
            brincode=school.brincode if afwijzing is None else brincode.strip()[:16],
            dependancecode=school.dependancecode,
            schooljaar=schooljaar.strip()[:16],
            afwijzing_veld=None if afwijzing is None else afwijzing[0],
            afwijzing_reden=None if afwijzing is None else afwijzing[1],
            aangevraagd_door_id=gebruiker.id,
            requested_at=moment,
            decided_at=moment,
        )
        session.add(koppeling)
        session.flush()
        if afwijzing is None:
            uit.detail = f"koppeling {koppeling.id} goedgekeurd"
        else:
            uit.uitkomst = "afgewezen"
            uit.detail = f"koppeling {koppeling.id} afgewezen: {afwijzing[0]}: {afwijzing[1]}"
    if afwijzing is not None:
        raise AanvraagAfgewezen(*afwijzing)
    return koppeling
