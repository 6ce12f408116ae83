"""Getrapte overdracht: the group batches to ask for, and one all-in-one answer from the parts.

The LAS sends only pupils and teachers of the groups it lists (H-P-07), so asking for every
groep and samengestelde groep of the structuur, batch by batch, gives the same records as the
all-in-one ``HaalLeerlinggegevens``. A pupil in a stamgroep and a samengestelde groep, or a
teacher of groups in two batches, comes back more than once: each is kept once, first seen first.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar

from uwlr.models import (
    GegevensStatus,
    GroepRef,
    Leerkracht,
    LeerkrachtenAntwoord,
    Leerling,
    LeerlingenAntwoord,
    Leerlinggegevens,
    LeerlinggegevensAntwoord,
    StructuurAntwoord,
)

__all__ = ["assemble", "group_batches"]

_Person = TypeVar("_Person", Leerling, Leerkracht)


def group_batches(structuur: StructuurAntwoord, size: int) -> Iterator[list[GroepRef]]:
    """Every groep and samengestelde groep of ``structuur``, ``size`` per batch."""
    refs = [GroepRef(soort="groep", key=g.key) for g in structuur.groepen]
    refs += [
        GroepRef(soort="samengestelde_groep", key=g.key) for g in structuur.samengestelde_groepen
    ]
    for start in range(0, len(refs), size):
        yield refs[start : start + size]


def assemble(
    structuur: StructuurAntwoord,
    leerlingen: Sequence[LeerlingenAntwoord],
    leerkrachten: Sequence[LeerkrachtenAntwoord],
) -> LeerlinggegevensAntwoord:
    """The all-in-one answer made of a structuur answer and the per-batch answers."""
    if structuur.status is not GegevensStatus.GEGEVENS or structuur.school is None:
        status = structuur.status
        if status is GegevensStatus.GEGEVENS:  # gegevens without a school: nothing usable
            status = GegevensStatus.GEENGEGEVENS
        return LeerlinggegevensAntwoord(status=status)
    pupils = _unique(p for answer in leerlingen for p in answer.leerlingen)
    if not pupils:
        unchanged = any(a.status is GegevensStatus.GEENWIJZIGINGEN for a in leerlingen)
        return LeerlinggegevensAntwoord(
            status=GegevensStatus.GEENWIJZIGINGEN if unchanged else GegevensStatus.GEENGEGEVENS
        )
    return LeerlinggegevensAntwoord(
        gegevens=Leerlinggegevens(
            school=structuur.school,
            groepen=list(structuur.groepen),
            samengestelde_groepen=list(structuur.samengestelde_groepen),
            leerlingen=pupils,
            leerkrachten=_unique(t for answer in leerkrachten for t in answer.leerkrachten),
        )
    )


def _unique(people: Iterable[_Person]) -> list[_Person]:
    """People by identity (key and eckid, the 2.3 rule), first occurrence kept."""
    seen: set[tuple[str | None, str | None]] = set()
    kept: list[_Person] = []
    for person in people:
        identity = (person.key, person.eckid)
        if identity in seen:
            continue
        seen.add(identity)
        kept.append(person)
    return kept
