"""Shared ground of the data changes between imports: the change moment, finders, JSON fields.

Every change stamps the records it touches with ``mutatiedatum`` = the mock's clock, as ESIS does.
The stamp is never earlier than a change already in the data (generated schools may be dated after
the machine's clock), so a client's ``laatstontvangengegevens`` from before the change never gives
``geenwijzigingen`` afterwards. Changes act on the school's current school year.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from mock_esis.soap.answers import last_change
from mock_esis.state.model import MockState, SchoolState
from mock_esis.web.http import HttpError
from uwlr.models import Groep, Leerkracht, Leerling, Leerlinggegevens, SamengesteldeGroep

__all__ = [
    "PERSON_TEXT_FIELDS",
    "all_groups",
    "apply_fields",
    "change_moment",
    "current",
    "find_groep_key",
    "find_leerkracht",
    "find_leerling",
    "matches_person",
]

#: Text fields a pupil or teacher record may get from JSON.
PERSON_TEXT_FIELDS = (
    "eckid",
    "achternaam",
    "voorvoegsel",
    "voornamen",
    "voorletters",
    "roepnaam",
    "gebruikersnaam",
    "emailadres",
)


def current(school: SchoolState) -> Leerlinggegevens:
    """The data of the school's current school year."""
    return school.jaren[school.schooljaar]


def all_groups(gegevens: Leerlinggegevens) -> list[Groep | SamengesteldeGroep]:
    """Stamgroepen and samengestelde groepen of one year, in one list."""
    return [*gegevens.groepen, *gegevens.samengestelde_groepen]


def change_moment(state: MockState, school: SchoolState) -> dt.datetime:
    """``state.now()``, or one second after the newest ``mutatiedatum`` if that is later.

    Callers make the whole change inside :meth:`MockState.change`, which bumps the data version
    so no cached answer outlives it.
    """
    now = state.now()
    latest = last_change(current(school))
    if latest is not None and latest >= now:
        return latest + dt.timedelta(seconds=1)
    return now


def matches_person(person: Leerling | Leerkracht, wanted: str) -> bool:
    """True for the key, the full eckid, or the eckid's last path segment (URLs hold slashes)."""
    if wanted in (person.key, person.eckid):
        return True
    return bool(person.eckid) and person.eckid.rsplit("/", 1)[-1] == wanted  # type: ignore[union-attr]


def find_leerling(school: SchoolState, wanted: str) -> Leerling:
    """A pupil of the current year (grouped or not); 404 if none."""
    for pupil in (*current(school).leerlingen, *school.fake.ongegroepeerde_leerlingen):
        if matches_person(pupil, wanted):
            return pupil
    raise HttpError(404, f"Onbekende leerling '{wanted}' op school {school.code}.")


def find_leerkracht(school: SchoolState, wanted: str) -> Leerkracht:
    """A teacher of the current year (of a group or not); 404 if none."""
    for teacher in (*current(school).leerkrachten, *school.fake.ongegroepeerde_leerkrachten):
        if matches_person(teacher, wanted):
            return teacher
    raise HttpError(404, f"Onbekende leerkracht '{wanted}' op school {school.code}.")


def find_groep_key(school: SchoolState, wanted: Any) -> Groep | SamengesteldeGroep:
    """A group of the current year by key or name; 422 if none (it is a field of the request)."""
    if isinstance(wanted, str):
        for groep in all_groups(current(school)):
            if wanted in (groep.key, groep.naam):
                return groep
    raise HttpError(422, f"Onbekende groep '{wanted}' op school {school.code}.")


def apply_fields(
    record: Leerling | Leerkracht, body: dict[str, Any], extra: tuple[str, ...]
) -> None:
    """Copy the known JSON fields of ``body`` onto ``record`` (422 for a wrong type)."""
    for name in (*PERSON_TEXT_FIELDS, *extra):
        if name not in body:
            continue
        value = body[name]
        if name == "geboortedatum":
            try:
                value = None if value is None else dt.date.fromisoformat(str(value))
            except ValueError:
                raise HttpError(
                    422, f"Ongeldige geboortedatum '{value}': gebruik JJJJ-MM-DD."
                ) from None
        elif name == "geslacht":
            if value not in (0, 1, 2, 9):
                raise HttpError(422, "Geslacht is 0, 1, 2 of 9.")
        elif name == "rollen":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise HttpError(422, 'Rollen is een lijst van teksten, bijvoorbeeld ["LRK"].')
        elif value is not None and not isinstance(value, str):
            raise HttpError(422, f"Veld '{name}' moet tekst zijn.")
        if name in ("achternaam", "roepnaam") and value is None:
            raise HttpError(422, f"Veld '{name}' kan niet leeg gemaakt worden.")
        setattr(record, name, value)
