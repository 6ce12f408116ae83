"""Deterministic fake Dutch primary schools: ``generate_school`` and ``generate_schools``.

``generate_school(seed, index=...)`` gives the same school for the same arguments on every day and
every machine: all randomness comes from one :class:`faker.Faker` ``nl_NL`` instance seeded with
``(seed, index)``, and dates are derived from the schooljaar, never from the clock.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Final

from faker import Faker

from uwlr.fake import identity
from uwlr.fake.builder import SchoolBuilder
from uwlr.fake.layout import MAX_GROEPEN, plan_groepen
from uwlr.fake.names import HARD_CASES, ascii_fold
from uwlr.fake.records import GEBRUIKERSROLLEN, FakeSchool, Gebruiker, Gebruikersrol

__all__ = [
    "DEFAULT_SCHOOLJAAR",
    "GEBRUIKERSROLLEN",
    "FakeSchool",
    "Gebruiker",
    "Gebruikersrol",
    "generate_school",
    "generate_schools",
]

DEFAULT_SCHOOLJAAR: Final = "2026-2027"


def generate_school(
    seed: int,
    *,
    index: int = 0,
    students_per_group: int = 25,
    schooljaar: str | None = None,
    peildatum: dt.date | None = None,
    aantal_groepen: int | None = None,
    aantal_leerlingen: int | None = None,
) -> FakeSchool:
    """The fake school number ``index`` of ``seed``; equal arguments give an equal school.

    ``aantal_groepen`` defaults to 8 to 12 (chosen by the seed), or to ``aantal_leerlingen /
    students_per_group`` when ``aantal_leerlingen`` is given; then the school has exactly that many
    grouped pupils, otherwise each group has ``students_per_group`` ± 1/8. ``peildatum`` defaults to
    1 October of the schooljaar. A school of two or more groups holds all
    :data:`~uwlr.fake.names.HARD_CASES`, so it has at least that many pupils.
    """
    jaar = identity.start_year(schooljaar or DEFAULT_SCHOOLJAAR)
    if index < 0:
        raise ValueError(f"index moet 0 of hoger zijn, niet {index}.")
    if students_per_group < 1:
        raise ValueError(f"students_per_group moet minstens 1 zijn, niet {students_per_group}.")
    if aantal_leerlingen is not None and aantal_leerlingen < 1:
        raise ValueError(f"aantal_leerlingen moet minstens 1 zijn, niet {aantal_leerlingen}.")
    fake = Faker("nl_NL")
    fake.seed_instance(f"uwlr.fake:{seed}:{index}")
    builder = SchoolBuilder(fake, jaar)
    if aantal_groepen is None:
        if aantal_leerlingen is None:
            aantal_groepen = 8 + builder.rng.randrange(5)
        else:
            aantal_groepen = min(MAX_GROEPEN, max(1, round(aantal_leerlingen / students_per_group)))
    plans = plan_groepen(aantal_groepen, builder.rng)
    sizes = _group_sizes(builder.rng, len(plans), students_per_group, aantal_leerlingen)
    prefix, name = identity.school_name(seed, index)
    brincode = identity.brincode(seed, index)
    builder.email_domein = f"{ascii_fold(prefix)}{ascii_fold(name)}-{brincode.lower()}.nl"
    return builder.build(
        naam=f"{prefix} {name}",
        brincode=brincode,
        schooljaar=f"{jaar}-{jaar + 1}",
        peildatum=peildatum or dt.date(jaar, 10, 1),
        plans=plans,
        sizes=sizes,
    )


def generate_schools(
    seed: int,
    count: int,
    *,
    students_per_group: int = 25,
    schooljaar: str | None = None,
    peildatum: dt.date | None = None,
    aantal_groepen: int | None = None,
    aantal_leerlingen: int | None = None,
) -> list[FakeSchool]:
    """``count`` schools of one seed (indexes 0 .. count-1), each with its own BRIN and name.

    Names repeat only beyond 216 schools; more than 676 schools per seed is refused.
    """
    if count > identity.MAX_SCHOLEN:
        raise ValueError(f"Hoogstens {identity.MAX_SCHOLEN} nepscholen per seed, niet {count}.")
    return [
        generate_school(
            seed,
            index=i,
            students_per_group=students_per_group,
            schooljaar=schooljaar,
            peildatum=peildatum,
            aantal_groepen=aantal_groepen,
            aantal_leerlingen=aantal_leerlingen,
        )
        for i in range(count)
    ]


def _group_sizes(rng: random.Random, groups: int, per_group: int, total: int | None) -> list[int]:
    if total is not None:
        if groups > 1 and total < len(HARD_CASES):
            raise ValueError(
                f"Een school met meerdere groepen heeft minstens {len(HARD_CASES)} leerlingen."
            )
        base, rest = divmod(total, groups)
        bigger = set(rng.sample(range(groups), rest))
        return [base + (i in bigger) for i in range(groups)]
    spread = per_group // 8
    sizes = [max(1, per_group + rng.randint(-spread, spread)) for _ in range(groups)]
    i = 0
    while groups > 1 and sum(sizes) < len(HARD_CASES):  # room for every hard case
        sizes[i % groups] += 1
        i += 1
    return sizes
