"""New pupils, teachers and groups for a school in the mock: fresh keys, generated Dutch names.

Names, birth dates, eckids and logins come from the fake-school builder, seeded by the school, the
school year and how many people the school has had (so the same changes give the same people,
whatever else ran before); keys never clash with any key the school used in any school year.
"""

from __future__ import annotations

import datetime as dt

from faker import Faker

from mock_esis.admin.changes import all_groups
from mock_esis.state.model import SchoolState
from uwlr.fake.builder import SchoolBuilder
from uwlr.fake.identity import start_year
from uwlr.models import Leerkracht, LeerkrachtGroep, Leerling

__all__ = ["builder_for", "free_group_key", "free_person_key", "new_leerkracht", "new_leerling"]


def builder_for(school: SchoolState, schooljaar: str | None = None) -> SchoolBuilder:
    """A builder for ``school`` seeded by its state: the next person differs from the last."""
    jaar = schooljaar or school.schooljaar
    fake = Faker("nl_NL")
    fake.seed_instance(f"mock_esis.people:{school.code}:{jaar}:{len(_person_keys(school))}")
    builder = SchoolBuilder(fake, start_year(schooljaar or school.schooljaar))
    builder.email_domein = school.fake.email_domein
    return builder


def _person_keys(school: SchoolState) -> set[str]:
    keys = {p.key for p in school.all_leerlingen() if p.key}
    for gegevens in school.jaren.values():
        keys |= {t.key for t in gegevens.leerkrachten if t.key}
    keys |= {t.key for t in school.fake.ongegroepeerde_leerkrachten if t.key}
    return keys


def free_person_key(school: SchoolState) -> str:
    """A six-digit key no pupil or teacher of the school has or had."""
    taken = _person_keys(school)
    numbers = [int(k) for k in taken if k.isdigit()]
    candidate = max(numbers, default=0) + 1
    while f"{candidate:06d}" in taken:
        candidate += 1
    return f"{candidate:06d}"


def free_group_key(school: SchoolState, prefix: str = "G") -> str:
    """``G0013``: a group key not used in any school year."""
    taken = {g.key for y in school.jaren.values() for g in all_groups(y)}
    n = 1
    while f"{prefix}{n:04d}" in taken:
        n += 1
    return f"{prefix}{n:04d}"


def new_leerling(
    school: SchoolState,
    *,
    jaargroep: int,
    groep: str | None,
    mutatiedatum: dt.datetime,
    schooljaar: str | None = None,
) -> Leerling:
    """A generated pupil of ``jaargroep`` with a fresh key."""
    pupil = builder_for(school, schooljaar).pupil(jaargroep=jaargroep, groep=groep)
    pupil.key = free_person_key(school)
    pupil.mutatiedatum = mutatiedatum
    return pupil


def new_leerkracht(
    school: SchoolState,
    *,
    rollen: list[str],
    groepen: list[LeerkrachtGroep],
    mutatiedatum: dt.datetime,
) -> Leerkracht:
    """A generated teacher with a fresh key, login and e-mail address."""
    leerkracht, _ = builder_for(school).teacher(rollen, groepen)
    leerkracht.key = free_person_key(school)
    leerkracht.mutatiedatum = mutatiedatum
    return leerkracht
