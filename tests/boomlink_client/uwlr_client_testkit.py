"""Helpers for the UWLR client tests: the mock's own data, a results message, a closed port."""

from __future__ import annotations

import datetime as dt
from typing import TypedDict

from mock_esis.testing.handle import MockEsisHandle, SchoolInfo
from uwlr.models import (
    Leerkracht,
    Leerling,
    Leerlinggegevens,
    LeerresultatenVerzoek,
    Norm,
    Normering,
    Resultaat,
    ResultatenSchool,
    Toets,
    Toetsafname,
)

__all__ = [
    "leerresultaten",
    "person_id",
    "school_data",
    "sleutel_of",
]


class Adres(TypedDict):
    """Which school a ``haal_*`` call asks about: the keywords every one of them takes."""

    schooljaar: str
    brincode: str
    dependancecode: str


def sleutel_of(handle: MockEsisHandle, school: SchoolInfo | None = None) -> str:
    """The active autorisatiesleutel of ``school`` (the first school by default)."""
    key = (school or handle.school).autorisatiesleutel
    assert key, "the mock school has no active link"
    return key


def school_data(handle: MockEsisHandle, school: SchoolInfo | None = None) -> Leerlinggegevens:
    """The data the mock holds for ``school`` in its current school year."""
    school = school or handle.school
    state = handle.app.state.school(school.code)
    assert state is not None
    gegevens = state.gegevens(school.schooljaar)
    assert gegevens is not None
    return gegevens


def person_id(person: Leerling | Leerkracht) -> tuple[str | None, str | None]:
    """A leerling or leerkracht as the 2.3 rule identifies it: key and eckid."""
    return (person.key, person.eckid)


def leerresultaten(
    school: SchoolInfo, leerlingid: str, *, key: str = "BOOM-R-1"
) -> LeerresultatenVerzoek:
    """A one-result ``leerresultaten_verzoek`` for ``leerlingid`` at ``school``."""
    toets = Toets(
        toetscode="BOOM-REK-M5",
        toetsnaam="Rekenen midden groep 5",
        toetsnormering=Normering(
            normen=[
                Norm(term="I", beginnormwaarde=40, eindnormwaarde=60),
                Norm(term="V", beginnormwaarde=0, eindnormwaarde=39),
            ]
        ),
    )
    return LeerresultatenVerzoek(
        school=ResultatenSchool(
            schooljaar=school.schooljaar,
            aanmaakdatum=dt.datetime(2026, 11, 2, 14, 30, tzinfo=dt.UTC),
            brincode=school.brincode,
            dependancecode=school.dependancecode,
            auteur="Boom testcentrum",
        ),
        toetsafnames=[
            Toetsafname(
                leerlingid=leerlingid,
                resultaten=[
                    Resultaat(
                        key=key,
                        afnamedatum=dt.date(2026, 11, 2),
                        toetscode=toets.toetscode,
                        score=47,
                    )
                ],
            )
        ],
        toetsen=[toets],
    )
