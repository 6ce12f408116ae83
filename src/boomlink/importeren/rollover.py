"""The school-year change (H-X-01): the new year's groups are new, the old ones stay as history.

Groups are per school year (``Groep.schooljaar``) and matched only within the year of the import,
so the first import after 1 August creates the new year's groups and leaves the old year's groups
and their memberships untouched (results hang on pupils, who keep their identity: they match by
extern nummer or eckid across years). Pupils who did not come along (groep 8 left) are marked as
left by the commit, like any departed pupil.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from boomlink.store import Groep, School
from boomlink.store.import_models import ImportStand

__all__ = ["groepen_per_schooljaar", "schooljaarwissel"]


def schooljaarwissel(session: Session, school_id: int, schooljaar: str) -> str | None:
    """The note for the review when this import is the first of a new school year, else None."""
    stand = session.get(ImportStand, school_id)
    vorig = None if stand is None else stand.laatste_schooljaar
    if vorig is None or vorig == schooljaar:
        return None
    return (
        f"Nieuw schooljaar {schooljaar}: de groepen van {schooljaar} worden nieuw aangemaakt. "
        f"De groepen van {vorig} en hun resultaten blijven als geschiedenis bewaard in het Boom "
        "testcentrum; leerlingen houden hun gegevens en resultaten."
    )


def groepen_per_schooljaar(session: Session, school: School) -> dict[str, list[Groep]]:
    """Every group of the school by school year, oldest year first, names sorted."""
    per_jaar: dict[str, list[Groep]] = defaultdict(list)
    for groep in session.scalars(
        select(Groep).where(Groep.school_id == school.id).order_by(Groep.schooljaar, Groep.naam)
    ):
        per_jaar[groep.schooljaar].append(groep)
    return dict(per_jaar)
