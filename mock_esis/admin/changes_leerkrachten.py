"""Data changes to teachers between imports: add, change, remove, key → eckid.

A teacher of at least one group sits in the year's ``leerkrachten``, one of no group among the
school's ``ongegroepeerde_leerkrachten`` (never sent, H-P-07). A teacher with a login is also an
ESIS user with the role Leerkracht, so the ESIS screens know them; removing the teacher removes
that user, and stamps the groups they taught.
"""

from __future__ import annotations

from typing import Any

from mock_esis.admin.changes import (
    all_groups,
    apply_fields,
    change_moment,
    current,
    find_groep_key,
    find_leerkracht,
)
from mock_esis.state.model import MockState, SchoolState
from mock_esis.state.people import new_leerkracht
from mock_esis.web.http import HttpError
from uwlr.fake import Gebruiker
from uwlr.models import Groep, Leerkracht, LeerkrachtGroep

__all__ = [
    "add_leerkracht",
    "leerkracht_eckid_als_sleutel",
    "remove_leerkracht",
    "update_leerkracht",
]

_EXTRA = ("rollen",)


def _groepen(school: SchoolState, value: Any) -> list[LeerkrachtGroep]:
    if not isinstance(value, list):
        raise HttpError(422, "groepen is een lijst van groepkeys of -namen.")
    refs = []
    for item in value:
        wanted = item.get("key") if isinstance(item, dict) else item
        groep = find_groep_key(school, wanted)
        if isinstance(groep, Groep):
            refs.append(LeerkrachtGroep(soort="groep", key=groep.key))
        else:
            refs.append(LeerkrachtGroep(soort="samengestelde_groep", key=groep.key))
    return refs


def _place(school: SchoolState, teacher: Leerkracht) -> None:
    gegevens = current(school)
    for people in (gegevens.leerkrachten, school.fake.ongegroepeerde_leerkrachten):
        people[:] = [t for t in people if t is not teacher]
    if teacher.groepen:
        gegevens.leerkrachten.append(teacher)
    else:
        school.fake.ongegroepeerde_leerkrachten.append(teacher)


def _display(teacher: Leerkracht) -> str:
    parts = [teacher.roepnaam, teacher.voorvoegsel, teacher.achternaam]
    return " ".join(p for p in parts if p)


def _sync_user(school: SchoolState, old_login: str | None, teacher: Leerkracht | None) -> None:
    """Keep the ESIS user of a teacher in step with the record (None: the teacher left)."""
    users = school.fake.gebruikers
    if old_login:
        users[:] = [
            u for u in users if not (u.rol == "Leerkracht" and u.gebruikersnaam == old_login)
        ]
    if teacher is not None and teacher.gebruikersnaam:
        users.append(
            Gebruiker(
                naam=_display(teacher), rol="Leerkracht", gebruikersnaam=teacher.gebruikersnaam
            )
        )


def _check_login_free(school: SchoolState, login: str | None, teacher: Leerkracht) -> None:
    if not login:
        return
    for other in school.all_leerkrachten():
        if other is not teacher and (other.gebruikersnaam or "").lower() == login.lower():
            raise HttpError(409, f"De gebruikersnaam '{login}' is al in gebruik.")
    for user in school.fake.gebruikers:
        if user.rol != "Leerkracht" and user.gebruikersnaam.lower() == login.lower():
            raise HttpError(409, f"De gebruikersnaam '{login}' is al in gebruik.")


def add_leerkracht(state: MockState, school: SchoolState, body: dict[str, Any]) -> Leerkracht:
    """A new teacher: fields from ``body`` (``groepen``: keys or names), the rest generated."""
    with state.change(school):
        moment = change_moment(state, school)
        groepen = _groepen(school, body.get("groepen", []))
        teacher = new_leerkracht(school, rollen=["LRK"], groepen=groepen, mutatiedatum=moment)
        key = body.get("key")
        if key is not None:
            if not isinstance(key, str) or not key:
                raise HttpError(422, "key is een niet-lege tekst.")
            if any(key == t.key for t in school.all_leerkrachten()):
                raise HttpError(409, f"Er is al een leerkracht met key '{key}'.")
            teacher.key = key
        apply_fields(teacher, body, _EXTRA)
        taken = {(t.gebruikersnaam or "").lower() for t in school.all_leerkrachten()}
        taken |= {u.gebruikersnaam.lower() for u in school.fake.gebruikers}
        if "gebruikersnaam" not in body and teacher.gebruikersnaam:
            base, n = teacher.gebruikersnaam, 1
            while (teacher.gebruikersnaam or "").lower() in taken:
                n += 1
                teacher.gebruikersnaam = f"{base}{n}"
        _check_login_free(school, teacher.gebruikersnaam, teacher)
        teacher.mutatiedatum = moment
        _place(school, teacher)
        _sync_user(school, None, teacher)
        return teacher


def update_leerkracht(
    state: MockState, school: SchoolState, wanted: str, body: dict[str, Any]
) -> Leerkracht:
    """Change fields of a teacher, including their ``groepen`` (keys or names)."""
    if "key" in body:
        raise HttpError(422, "Wijzig de key met 'eckid-als-sleutel'.")
    with state.change(school):
        teacher = find_leerkracht(school, wanted)
        moment = change_moment(state, school)
        old_login = teacher.gebruikersnaam
        if "gebruikersnaam" in body and body["gebruikersnaam"] != old_login:
            _check_login_free(school, body["gebruikersnaam"], teacher)
        was_user = any(
            u.rol == "Leerkracht" and u.gebruikersnaam == old_login for u in school.fake.gebruikers
        )
        if "groepen" in body:
            teacher.groepen = _groepen(school, body["groepen"])
        apply_fields(teacher, body, _EXTRA)
        teacher.mutatiedatum = moment
        _place(school, teacher)
        if was_user:
            _sync_user(school, old_login, teacher)
        return teacher


def remove_leerkracht(state: MockState, school: SchoolState, wanted: str) -> Leerkracht:
    """The teacher leaves: gone from the data and from ESIS' users; their groups are stamped."""
    with state.change(school):
        teacher = find_leerkracht(school, wanted)
        moment = change_moment(state, school)
        gegevens = current(school)
        touched = {ref.key for ref in teacher.groepen}
        for groep in all_groups(gegevens):
            if groep.key in touched:
                groep.mutatiedatum = moment
        for people in (gegevens.leerkrachten, school.fake.ongegroepeerde_leerkrachten):
            people[:] = [t for t in people if t is not teacher]
        _sync_user(school, teacher.gebruikersnaam, None)
        return teacher


def leerkracht_eckid_als_sleutel(state: MockState, school: SchoolState, wanted: str) -> Leerkracht:
    """The teacher is known by eckid only from now on: its key becomes None."""
    with state.change(school):
        teacher = find_leerkracht(school, wanted)
        if not teacher.eckid:
            raise HttpError(409, "Deze leerkracht heeft geen eckid; de key kan niet vervallen.")
        if teacher.key is None:
            raise HttpError(409, "Deze leerkracht heeft al alleen een eckid als sleutel.")
        teacher.key = None
        teacher.mutatiedatum = change_moment(state, school)
        return teacher
