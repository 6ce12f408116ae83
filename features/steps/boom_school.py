"""Steps that set up the Boom testcentrum of the link scenarios, and read the refusal a user got.

The school, its users and its test data are put in the store directly: that is the world as it
is before the scenario starts (``Stel``), not something a user does in it.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from pytest_bdd import given, parsers, then
from sqlalchemy import select
from sqlalchemy.orm import Session
from wereld import Wereld

from boomlink.beheer import gebruiker_aanmaken, school_aanmaken
from boomlink.store import Afname, Groep, Leerling, Rol, School, Toets
from steps.patronen import nl_moment, stap, tabel_rijen


def toetsgegevens(wereld: Wereld) -> list[tuple[Any, ...]]:
    """Every administration with its scores, to compare before and after."""
    with wereld.boom.store.session() as session:
        return [
            (a.id, a.leerling_id, a.toets_id, a.afnamedatum, a.score, a.normed_at)
            + (a.vaardigheidsscore, a.dle, a.niveau)
            for a in session.scalars(select(Afname).order_by(Afname.id))
        ]


def _leerling(session: Session, volledige_naam: str) -> Leerling:
    roepnaam, achternaam = volledige_naam.split(" ", 1)
    leerling = session.scalar(
        select(Leerling).where(Leerling.roepnaam == roepnaam, Leerling.achternaam == achternaam)
    )
    assert leerling is not None, f"geen leerling {volledige_naam}"
    return leerling


# --------------------------------------------------------------------------------------------
# Stel


@given(stap('in ESIS staat de school "{naam}" met BRIN "{code}"'))
def _(wereld: Wereld, naam: str, code: str) -> None:
    esis = wereld.koppelen.esis
    esis.admin.seed(seed=5, brincode=code[:4], dependancecode=code[4:] or "00", naam=naam)


@given(stap('in het Boom testcentrum staat de school "{naam}" met BRIN "{brin}"'))
def _(wereld: Wereld, naam: str, brin: str) -> None:
    with wereld.koppelen.boom.store.session() as session:
        school_aanmaken(session, naam=naam, brin=brin)


@given(parsers.re(r'"(?P<email>[^"]+)" is (?P<rol>beheerder|leerkracht) van "(?P<naam>[^"]+)"'))
def _(wereld: Wereld, email: str, rol: str, naam: str) -> None:
    school_id = wereld.koppelen.school(naam).id
    with wereld.boom.store.session() as session:
        gebruiker_aanmaken(
            session,
            school=session.get_one(School, school_id),
            emailadres=email,
            naam=email.split("@")[0].capitalize(),
            rol=Rol(rol),
        )


@given(stap("het is {moment}"))
def _(wereld: Wereld, moment: str) -> None:
    wereld.koppelen.boom.nu = nl_moment(moment)


@given(stap('alle externe nummers van "{naam}" zijn leeg'))
def _(wereld: Wereld, naam: str) -> None:
    school_id = wereld.koppelen.school(naam).id
    with wereld.boom.store.session() as session:
        gevuld = session.scalars(
            select(Leerling.extern_nummer).where(
                Leerling.school_id == school_id, Leerling.extern_nummer.is_not(None)
            )
        ).all()
        assert not gevuld


@given(
    stap(
        '"{naam}" heeft in het Boom testcentrum groep "{groep}" met extern nummer "{nummer}" '
        "en deze leerlingen:"
    )
)
def _(wereld: Wereld, naam: str, groep: str, nummer: str, datatable: list[list[str]]) -> None:
    school_id = wereld.koppelen.school(naam).id
    with wereld.boom.store.session() as session:
        g = Groep(
            school_id=school_id,
            schooljaar="2026-2027",
            naam=groep,
            jaargroep=re.sub(r"\D", "", groep)[:2] or None,
            extern_nummer=nummer or None,
        )
        session.add(g)
        for velden in tabel_rijen(datatable):
            session.add(
                Leerling(
                    school_id=school_id,
                    roepnaam=velden["roepnaam"],
                    achternaam=velden["achternaam"],
                    extern_nummer=velden["extern nummer"] or None,
                    eckid=f"https://ketenid.nl/201703/{velden['roepnaam'].lower()}"
                    if velden["extern nummer"]
                    else None,
                    groepen=[g],
                )
            )
        session.commit()


@given(
    stap(
        '"{leerling}" heeft toets "{toets}" gemaakt op {datum} met score {score:d}, '
        'vaardigheidsscore "{vs}", DLE "{dle}" en niveau "{niveau}"'
    )
)
def _(
    wereld: Wereld,
    leerling: str,
    toets: str,
    datum: str,
    score: int,
    vs: str,
    dle: str,
    niveau: str,
) -> None:
    afname = nl_moment(datum)
    with wereld.koppelen.boom.store.session() as session:
        session.add(
            Afname(
                leerling=_leerling(session, leerling),
                toets=Toets(code=toets.upper().replace(" ", "-"), naam=toets),
                afnamedatum=afname.date(),
                score=score,
                normed_at=afname + dt.timedelta(days=1),
                vaardigheidsscore=Decimal(vs),
                dle=Decimal(dle),
                niveau=niveau,
            )
        )
        session.commit()
    wereld.koppelen.toetsgegevens = toetsgegevens(wereld)
    assert wereld.koppelen.toetsgegevens


# --------------------------------------------------------------------------------------------
# Dan


@then(parsers.re(r'krijgt (?:zij|hij|Boom) de melding "(?P<tekst>[^"]+)"'))
def _(wereld: Wereld, tekst: str) -> None:
    fout = wereld.koppelen.fout
    assert fout is not None, "de actie werd niet geweigerd"
    assert tekst in fout.melding, fout.melding


@then(stap('noemt de melding "{tekst}"'))
def _(wereld: Wereld, tekst: str) -> None:
    fout = wereld.koppelen.fout
    assert fout is not None and tekst in fout.melding, fout


@then(stap("is ESIS daarvoor niet benaderd"))
def _(wereld: Wereld) -> None:
    assert len(wereld.esis.journal()) == wereld.koppelen.journaal_voor
