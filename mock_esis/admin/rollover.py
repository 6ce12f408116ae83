"""The 1 August rollover: the clock moves to the next school year and each school's data follows.

As ESIS' "groepen doorzetten": every pupil moves up one jaargroep and keeps its key and eckid;
pupils of groep 8 leave; every stamgroep carries on with the same key, its name and jaargroep
following ("Groep 4a" → "Groep 5a", "Groep 1/2a" → "Groep 2/3a", "Groep 7/8" → "Groep 8"); a
group of only groep 8 ends. New groep 1 pupils (as many as left, at least one) arrive in a new
"Groep 1", taught by the teachers whose groups ended. Samengestelde groepen carry on. Every
record of the new year has ``mutatiedatum`` = the rollover moment. The old year's data stays as
it was and is still answered for that ``schooljaar``.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

from mock_esis.state.model import MockState, SchoolState
from mock_esis.state.people import free_group_key, new_leerling
from uwlr.fake.identity import start_year
from uwlr.models import Groep, LeerkrachtGroep, Leerling, Leerlinggegevens

__all__ = ["next_name", "next_schooljaar", "roll_school"]

_LOCAL = ZoneInfo("Europe/Amsterdam")
_NAME = re.compile(r"^Groep (\d)(?:/(\d)| t/m (\d))?([a-z]?)$")


def next_name(naam: str, jaargroep: str) -> tuple[str, str] | None:
    """(name, jaargroep) of a group one year on, or None when the group ends (groep 8 only)."""
    match = _NAME.match(naam)
    if match is None:
        if jaargroep.isdigit():
            return None if int(jaargroep) >= 8 else (naam, str(int(jaargroep) + 1))
        return naam, jaargroep
    first = int(match[1])
    last = int(match[2] or match[3] or first)
    years = [y + 1 for y in range(first, last + 1) if y + 1 <= 8]
    if not years:
        return None
    if len(years) == 1:
        base = f"Groep {years[0]}"
    elif len(years) == 2:
        base = f"Groep {years[0]}/{years[1]}"
    else:
        base = f"Groep {years[0]} t/m {years[-1]}"
    return base + match[4], str(years[0]) if len(years) == 1 else "C"


def _next(schooljaar: str) -> str:
    year = start_year(schooljaar)
    return f"{year + 1}-{year + 2}"


def roll_school(state: MockState, school: SchoolState, moment: dt.datetime) -> dict[str, Any]:
    """Make the next school year current for ``school``; returns what happened."""
    oud_jaar = school.schooljaar
    nieuw_jaar = _next(oud_jaar)
    oud = school.jaren[oud_jaar]
    groepen: list[Groep] = []
    ended: set[str] = set()
    for groep in oud.groepen:
        follows = next_name(groep.naam, groep.jaargroep)
        if follows is None:
            ended.add(groep.key)
            continue
        groepen.append(
            Groep(
                key=groep.key,
                naam=follows[0],
                jaargroep=follows[1],
                omschrijving=groep.omschrijving,
                mutatiedatum=moment,
            )
        )
    samengesteld = [copy.deepcopy(g) for g in oud.samengestelde_groepen]
    for sg in samengesteld:
        sg.mutatiedatum = moment
    leerlingen = []
    vertrokken = 0
    for pupil in oud.leerlingen:
        if pupil.jaargroep and pupil.jaargroep.isdigit() and int(pupil.jaargroep) >= 8:
            vertrokken += 1
            continue
        nieuw = copy.deepcopy(pupil)
        if nieuw.jaargroep and nieuw.jaargroep.isdigit():
            nieuw.jaargroep = str(int(nieuw.jaargroep) + 1)
        if nieuw.groep in ended:
            nieuw.groep = None
        nieuw.mutatiedatum = moment
        leerlingen.append(nieuw)
    gegevens = Leerlinggegevens(
        school=copy.deepcopy(oud.school),
        groepen=groepen,
        samengestelde_groepen=samengesteld,
        leerlingen=[p for p in leerlingen if p.groep or p.samengestelde_groepen],
        leerkrachten=[],
    )
    start = start_year(nieuw_jaar)
    gegevens.school.schooljaar = nieuw_jaar
    gegevens.school.peildatum = dt.date(start, 10, 1)
    gegevens.school.aanmaakdatum = moment
    placed = {id(p) for p in gegevens.leerlingen}
    school.fake.ongegroepeerde_leerlingen += [p for p in leerlingen if id(p) not in placed]
    school.jaren[nieuw_jaar] = gegevens
    school.fake.schooljaar = nieuw_jaar
    school.fake.leerlinggegevens = gegevens
    groep1 = Groep(key=free_group_key(school), naam="Groep 1", jaargroep="1", mutatiedatum=moment)
    groepen.insert(0, groep1)
    nieuwkomers: list[Leerling] = []
    for _ in range(max(1, vertrokken)):  # one at a time: each new key must see the previous one
        pupil = new_leerling(
            school, jaargroep=1, groep=groep1.key, mutatiedatum=moment, schooljaar=nieuw_jaar
        )
        gegevens.leerlingen.insert(len(nieuwkomers), pupil)
        nieuwkomers.append(pupil)
    _teachers(school, oud, gegevens, ended, groep1, moment)
    return {
        "van": oud_jaar,
        "naar": nieuw_jaar,
        "vertrokken": vertrokken,
        "nieuw": [p.key for p in nieuwkomers],
        "groepen_beeindigd": sorted(ended),
        "nieuwe_groep": groep1.key,
    }


def _teachers(
    school: SchoolState,
    oud: Leerlinggegevens,
    gegevens: Leerlinggegevens,
    ended: set[str],
    groep1: Groep,
    moment: dt.datetime,
) -> None:
    zonder = school.fake.ongegroepeerde_leerkrachten
    for teacher in oud.leerkrachten:
        nieuw = copy.deepcopy(teacher)
        nieuw.mutatiedatum = moment
        lost = any(ref.key in ended for ref in nieuw.groepen)
        nieuw.groepen = [ref for ref in nieuw.groepen if ref.key not in ended]
        if lost and not nieuw.groepen:
            nieuw.groepen = [LeerkrachtGroep(soort="groep", key=groep1.key)]
        (gegevens.leerkrachten if nieuw.groepen else zonder).append(nieuw)


def next_schooljaar(state: MockState) -> dict[str, Any]:
    """Move the clock to 1 August of the next school year (never back) and roll every school."""
    with state.change(everything=True):
        years = [start_year(s.schooljaar) + 1 for s in state.schools.values()]
        now = state.now()
        if years:
            target_year = max(years)
        else:
            target_year = now.astimezone(_LOCAL).year
            if now.astimezone(_LOCAL).date() >= dt.date(target_year, 8, 1):
                target_year += 1
        target = dt.datetime(target_year, 8, 1, tzinfo=_LOCAL).astimezone(dt.UTC)
        if target > now:
            state.clock_offset += target - now
        moment = state.now()
        scholen = {
            code: roll_school(state, school, moment) for code, school in state.schools.items()
        }
        return {"klok": moment.isoformat(), "scholen": scholen}
