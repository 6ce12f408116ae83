"""Test helpers for the Boom side: a school with its beheerder and leerkracht."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from boomlink.beheer import gebruiker_aanmaken, school_aanmaken
from boomlink.store import Gebruiker, Rol, School


@dataclass
class SchoolOpzet:
    school: School
    beheerder: Gebruiker
    leerkracht: Gebruiker


def maak_school(
    session: Session, *, naam: str = "OBS De Regenboog", brin: str = "99QQ"
) -> SchoolOpzet:
    school = school_aanmaken(session, naam=naam, brin=brin)
    beheerder = gebruiker_aanmaken(
        session,
        school=school,
        emailadres=f"beheer@{brin.lower()}.example.nl",
        naam="Anna de Vries",
        rol=Rol.BEHEERDER,
    )
    leerkracht = gebruiker_aanmaken(
        session,
        school=school,
        emailadres=f"juf@{brin.lower()}.example.nl",
        naam="Juf Bram",
        rol=Rol.LEERKRACHT,
    )
    return SchoolOpzet(school=school, beheerder=beheerder, leerkracht=leerkracht)
