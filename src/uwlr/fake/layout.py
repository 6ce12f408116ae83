"""How a Dutch primary school splits groep 1 to 8 into stamgroepen, for any number of groups.

Kleuters sit in combined 1/2 groups ("Groep 1/2a", "Groep 1/2b"). Groep 3 to 8 get one group each,
combined ("Groep 5/6", "Groep 3 t/m 5") when there are too few groups, split into parallel groups ("Groep 4a",
"Groep 4b") when there are more. A combined group has jaargroep ``C``; its pupils carry their own.
"""

from __future__ import annotations

import random
import string
from collections import Counter
from dataclasses import dataclass

__all__ = ["MAX_GROEPEN", "GroepPlan", "plan_groepen"]

#: More groups would run out of suffix letters ("Groep 1/2z").
MAX_GROEPEN = 80


@dataclass(slots=True, frozen=True)
class GroepPlan:
    """One stamgroep to be: its name and the jaargroepen of its pupils."""

    naam: str
    jaargroepen: tuple[int, ...]

    @property
    def jaargroep(self) -> str:
        """The group's own jaargroep: the year, or ``C`` for a combination group."""
        return str(self.jaargroepen[0]) if len(self.jaargroepen) == 1 else "C"


#: Groep 3 to 8 in fewer than six groups.
_SMALL_MIDDLES: dict[int, tuple[tuple[int, ...], ...]] = {
    1: ((3, 4, 5, 6, 7, 8),),
    2: ((3, 4, 5), (6, 7, 8)),
    3: ((3, 4), (5, 6), (7, 8)),
    4: ((3,), (4,), (5, 6), (7, 8)),
    5: ((3,), (4,), (5, 6), (7,), (8,)),
}


def plan_groepen(aantal_groepen: int, rng: random.Random) -> list[GroepPlan]:
    """The stamgroepen of a school with ``aantal_groepen`` groups, in order of jaargroep."""
    if not 1 <= aantal_groepen <= MAX_GROEPEN:
        raise ValueError(f"Een school heeft 1 tot {MAX_GROEPEN} groepen, niet {aantal_groepen}.")
    if aantal_groepen == 1:
        return _named([tuple(range(1, 9))])
    kleuters = max(1, round(aantal_groepen / 4))
    middles = list(_SMALL_MIDDLES[min(aantal_groepen - kleuters, 5)])
    extra = aantal_groepen - kleuters - len(middles)
    order = [3, 4, 5, 6, 7, 8]
    rng.shuffle(order)
    for i in range(extra):  # parallel groups beside the base five
        middles.append((order[i % len(order)],))
    middles.sort()
    units = [(1, 2)] * kleuters + middles
    return _named(units)


def _named(units: list[tuple[int, ...]]) -> list[GroepPlan]:
    totals = Counter(units)
    seen: Counter[tuple[int, ...]] = Counter()
    plans = []
    for years in units:
        base = (
            f"Groep {years[0]} t/m {years[-1]}"
            if len(years) > 2
            else "Groep " + "/".join(str(y) for y in years)
        )
        suffix = string.ascii_lowercase[seen[years]] if totals[years] > 1 else ""
        seen[years] += 1
        plans.append(GroepPlan(base + suffix, years))
    return plans
