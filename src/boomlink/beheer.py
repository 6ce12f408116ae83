"""Getting the test centre's own data in: schools and users (the parts the link needs)."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from boomlink.audit import BOOM_SUPPORT, stap
from boomlink.brin import BrinFormaatFout, parse_brin
from boomlink.errors import (
    GebruikerBestaatAl,
    GebruikerOnbekend,
    OngeldigVeld,
    SchoolBestaatAl,
    SchoolOnbekend,
)
from boomlink.store import Gebruiker, Rol, School

__all__ = [
    "alle_scholen",
    "gebruiker_aanmaken",
    "gebruiker_met_email",
    "school_aanmaken",
    "school_met_brin",
]

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _brin(waarde: str) -> tuple[str, str]:
    try:
        brin, _ = parse_brin(waarde)
    except BrinFormaatFout as exc:
        raise OngeldigVeld("BRIN-code", exc.reden) from None
    return brin.brincode, brin.dependancecode


def school_met_brin(session: Session, brin: str) -> School:
    """The school with this BRIN (``99QQ`` means vestiging ``00``)."""
    brincode, dependancecode = _brin(brin)
    school = session.scalar(
        select(School).where(School.brincode == brincode, School.dependancecode == dependancecode)
    )
    if school is None:
        raise SchoolOnbekend(f"{brincode}{dependancecode}")
    return school


def gebruiker_met_email(session: Session, emailadres: str) -> Gebruiker:
    gebruiker = session.scalar(
        select(Gebruiker).where(Gebruiker.emailadres == emailadres.strip().lower())
    )
    if gebruiker is None:
        raise GebruikerOnbekend(emailadres.strip())
    return gebruiker


def school_aanmaken(session: Session, *, naam: str, brin: str) -> School:
    """A new school in the Boom testcentrum."""
    naam = naam.strip()
    with stap(session, actie="school aanmaken", actor=BOOM_SUPPORT, school_id=None):
        if not naam:
            raise OngeldigVeld("Naam", "de naam van de school is leeg.")
        brincode, dependancecode = _brin(brin)
        bestaand = session.scalar(
            select(School.id).where(
                School.brincode == brincode, School.dependancecode == dependancecode
            )
        )
        if bestaand is not None:
            raise SchoolBestaatAl(f"{brincode}{dependancecode}")
        school = School(naam=naam, brincode=brincode, dependancecode=dependancecode)
        session.add(school)
        session.flush()
    return school


def gebruiker_aanmaken(
    session: Session, *, school: School, emailadres: str, naam: str, rol: Rol
) -> Gebruiker:
    """A user of ``school`` with role beheerder or leerkracht; e-mail addresses are unique."""
    emailadres = emailadres.strip().lower()
    with stap(session, actie="gebruiker aanmaken", actor=BOOM_SUPPORT, school_id=school.id):
        if not _EMAIL.match(emailadres):
            raise OngeldigVeld("E-mailadres", f"‘{emailadres}’ is geen geldig e-mailadres.")
        if session.scalar(select(Gebruiker.id).where(Gebruiker.emailadres == emailadres)):
            raise GebruikerBestaatAl(emailadres)
        gebruiker = Gebruiker(
            emailadres=emailadres, naam=naam.strip() or emailadres, rol=rol, school=school
        )
        session.add(gebruiker)
        session.flush()
    return gebruiker


def alle_scholen(session: Session) -> list[School]:
    """Every school of the Boom testcentrum, by name (Boom support's overview)."""
    return list(session.scalars(select(School).order_by(School.naam, School.id)))
