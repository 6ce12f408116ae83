"""The fake school before the walk-through: in ESIS (generated) and in the Boom testcentrum.

The school already used the Boom testcentrum with an older link, so Boom holds, all with extern
nummers of that old link: this year's group and last year's group, three pupils, two teachers
with an account, and normed test administrations (afnames) of last school year. They are made
from ESIS's own data (read over the mock's admin API), so the import meets them the way the
handbook describes:

* one pupil is the same person as in ESIS (name and birth date): matched automatically;
* one pupil has a mistyped birth date: only the beheerder can link it ("Koppel met bestaande
  leerling");
* one pupil has left the school and is not in ESIS any more; their test data stays;
* one teacher has the e-mail address ESIS has (matched by e-mail address), the other an old
  private address (matched by name);
* this year's group has ESIS's name and jaargroep (matched by naam and jaargroep).

The chosen ESIS group (the highest stamgroep with a teacher who can log in to ESIS) is the one
whose test result the walk-through shows in Mijn Groep.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from boomlink.beheer import gebruiker_aanmaken, school_aanmaken
from boomlink.importeren.weergave import persoonsnaam
from boomlink.schooljaar import huidig_schooljaar
from boomlink.store import (
    AccountStatus,
    Afname,
    Groep,
    Leerkracht,
    Leerling,
    Rol,
    School,
    Toets,
)
from demo.fouten import DemoFout
from mock_esis.testing.handle import MockEsisHandle

__all__ = ["BEHEERDER", "OUDE_TOETSEN", "Beginsituatie", "beginsituatie_maken", "slug"]

BEHEERDER = ("Anna de Vries", "a.devries")
OUDE_TOETSEN = (("BOOM-RW-M6", "Rekenen-Wiskunde M6"), ("BOOM-BL-M6", "Begrijpend lezen M6"))
_VERTROKKEN = {"roepnaam": "Sem", "achternaam": "Verhoeven", "voorletters": "S."}


class OngeschikteSchool(DemoFout):
    """The generated ESIS school lacks what the walk-through needs."""


def slug(tekst: str | None) -> str:
    """``Aimée van 't Erve`` → ``aimeevanterve``: for e-mail addresses."""
    plat = unicodedata.normalize("NFKD", tekst or "").encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", plat.lower())


@dataclass(frozen=True)
class Beginsituatie:
    """Where the walk-through starts; ids are Boom's, keys and logins ESIS's."""

    school_id: int
    school_naam: str
    code: str
    beheerder_id: int
    beheerder_email: str
    email_domein: str
    groep_key: str
    groep_naam: str
    leerkracht_login: str
    handmatig_key: str
    handmatig_id: int
    leerlingen: int
    groepen: int
    leerkrachten: int
    afnames: int


def _vorig(schooljaar: str) -> str:
    begin = int(schooljaar[:4])
    return f"{begin - 1}-{begin}"


def _verkeerd_getypt(datum: dt.date) -> dt.date:
    """The birth date as it was mistyped: day and month swapped, or else one day off."""
    if datum.day <= 12 and datum.day != datum.month:
        return datum.replace(day=datum.month, month=datum.day)
    return datum - dt.timedelta(days=1)


def _gewone_naam(persoon: dict[str, Any]) -> bool:
    """A pupil to show: roepnaam, achternaam and birth date, and a name that fits on a line (the
    generated schools also hold edge cases such as an achternaam of 200 characters)."""
    naam = f"{persoon.get('roepnaam') or ''} {persoon.get('achternaam') or ''}"
    return (
        bool(persoon.get("roepnaam") and persoon.get("achternaam") and persoon.get("geboortedatum"))
        and len(naam) <= 30
    )


def _kies_groep(school: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]], str]:
    """The highest stamgroep with two plainly named pupils and a teacher who can log in to
    ESIS."""
    logins = {g["gebruikersnaam"] for g in school["gebruikers"] if g["rol"] == "Leerkracht"}
    for groep in reversed(school["groepen"]):
        leerlingen = [
            p for p in school["leerlingen"] if p.get("groep") == groep["key"] and _gewone_naam(p)
        ]
        leraren = [
            t["gebruikersnaam"]
            for t in school["leerkrachten"]
            if {"soort": "groep", "key": groep["key"]} in t.get("groepen", [])
            and t.get("gebruikersnaam") in logins
        ]
        if len(leerlingen) >= 2 and leraren:
            return groep, leerlingen, leraren[0]
    raise OngeschikteSchool("de nep-school heeft geen groep met leerlingen en een eigen leerkracht")


def _stamleraren_met_email(school: dict[str, Any]) -> list[dict[str, Any]]:
    stam = {g["key"] for g in school["groepen"]}
    leraren = [
        t
        for t in school["leerkrachten"]
        if t.get("emailadres")
        and any(g["soort"] == "groep" and g["key"] in stam for g in t.get("groepen", []))
    ]
    if len(leraren) < 2:
        raise OngeschikteSchool("de nep-school heeft te weinig leerkrachten met een e-mailadres")
    return leraren


def _persoon(bron: dict[str, Any]) -> dict[str, Any]:
    return {
        veld: bron.get(veld) for veld in ("roepnaam", "voorvoegsel", "achternaam", "voorletters")
    }


def _leraar(
    session: Session, school: School, bron: dict[str, Any], emailadres: str, groep: Groep
) -> None:
    """A teacher who already has an account in the Boom testcentrum."""
    leraar = Leerkracht(
        school_id=school.id,
        emailadres=emailadres,
        account_status=AccountStatus.ACTIEF,
        groepen=[groep],
        **_persoon(bron),
    )
    session.add(leraar)
    session.flush()
    naam = persoonsnaam(bron.get("roepnaam"), bron.get("voorvoegsel"), bron.get("achternaam"), None)
    account = gebruiker_aanmaken(
        session, school=school, emailadres=emailadres, naam=naam, rol=Rol.LEERKRACHT
    )
    account.leerkracht_id = leraar.id
    session.commit()


def beginsituatie_maken(session: Session, esis: MockEsisHandle) -> Beginsituatie:
    """Put the fake school's history in the Boom testcentrum (see the module doc)."""
    info = esis.school
    gegevens = esis.admin.school(info.code)
    groep, leerlingen, leerkracht_login = _kies_groep(gegevens)
    leraar_email, leraar_naam = _stamleraren_met_email(gegevens)[:2]
    domein = gegevens["email_domein"]
    jaar = huidig_schooljaar()
    vorig = _vorig(jaar)

    school = school_aanmaken(session, naam=info.naam, brin=info.code)
    beheerder = gebruiker_aanmaken(
        session,
        school=school,
        emailadres=f"{BEHEERDER[1]}@{domein}",
        naam=BEHEERDER[0],
        rol=Rol.BEHEERDER,
    )
    dit_jaar = Groep(
        school_id=school.id,
        schooljaar=jaar,
        naam=groep["naam"],
        jaargroep=groep.get("jaargroep"),
        extern_nummer="oud-g2",
    )
    vorig_jaar = Groep(
        school_id=school.id,
        schooljaar=vorig,
        naam=groep["naam"],
        jaargroep=groep.get("jaargroep"),
        extern_nummer="oud-g1",
    )
    session.add_all([dit_jaar, vorig_jaar])
    session.flush()
    _leraar(session, school, leraar_email, leraar_email["emailadres"], dit_jaar)
    prive = f"{slug(leraar_naam.get('roepnaam'))}.{slug(leraar_naam.get('achternaam'))}"
    _leraar(session, school, leraar_naam, f"{prive}@prive.example", dit_jaar)

    zelfde, getypt = leerlingen[0], leerlingen[1]
    boom_leerlingen = []
    for n, (bron, geboren, groepen) in enumerate(
        (
            (zelfde, dt.date.fromisoformat(zelfde["geboortedatum"]), [dit_jaar, vorig_jaar]),
            (
                getypt,
                _verkeerd_getypt(dt.date.fromisoformat(getypt["geboortedatum"])),
                [dit_jaar, vorig_jaar],
            ),
            (_VERTROKKEN, dt.date(int(vorig[:4]) - 11, 4, 3), [vorig_jaar]),
        ),
        start=1,
    ):
        leerling = Leerling(
            school_id=school.id,
            geboortedatum=geboren,
            extern_nummer=f"oud-{n}",
            groepen=groepen,
            **_persoon(bron),
        )
        boom_leerlingen.append(leerling)
    session.add_all(boom_leerlingen)

    afnamedatum = dt.date(int(vorig[5:]), 1, 20)
    genormeerd = dt.datetime.combine(afnamedatum, dt.time(15), tzinfo=dt.UTC) + dt.timedelta(1)
    toetsen = [Toets(code=code, naam=naam) for code, naam in OUDE_TOETSEN]
    afnames = [
        Afname(
            leerling=leerling,
            toets=toets,
            afnamedatum=afnamedatum,
            score=30 + 3 * i,
            normed_at=genormeerd,
            vaardigheidsscore=Decimal(60 + 5 * i),
            dle=Decimal(40 + 2 * i),
            niveau="1F",
        )
        for i, (leerling, toets) in enumerate(
            (leerling, toets) for leerling in boom_leerlingen for toets in toetsen
        )
    ]
    session.add_all(afnames)
    session.commit()
    return Beginsituatie(
        school_id=school.id,
        school_naam=school.naam,
        code=info.code,
        beheerder_id=beheerder.id,
        beheerder_email=beheerder.emailadres,
        email_domein=domein,
        groep_key=groep["key"],
        groep_naam=groep["naam"],
        leerkracht_login=leerkracht_login,
        handmatig_key=getypt["key"],
        handmatig_id=boom_leerlingen[1].id,
        leerlingen=len(boom_leerlingen),
        groepen=2,
        leerkrachten=2,
        afnames=len(afnames),
    )
