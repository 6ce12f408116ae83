"""Data changes to pupils between imports: add, change, remove, move, key → eckid.

A pupil with a stamgroep or a samengestelde groep sits in the year's ``leerlingen``; one without
any group among the school's ``ongegroepeerde_leerlingen`` (never sent, H-P-07). Removing a pupil
stamps the groups it was in, so the next import sees a change.

Key → eckid: the record keeps its eckid and loses its key. UWLR allows that from ``xsdversie`` 2.3
on; a 2.1 or 2.2 answer cannot carry such a pupil (see docs/mock-esis-admin.md).
"""

from __future__ import annotations

from typing import Any

from mock_esis.admin.changes import (
    all_groups,
    apply_fields,
    change_moment,
    current,
    find_groep_key,
    find_leerling,
)
from mock_esis.state.model import MockState, SchoolState
from mock_esis.state.people import new_leerling
from mock_esis.web.http import HttpError
from uwlr.models import Groep, Leerling, SamengesteldeGroep

__all__ = [
    "add_leerling",
    "leerling_eckid_als_sleutel",
    "move_leerling",
    "remove_leerling",
    "update_leerling",
]

_EXTRA = ("jaargroep", "geboortedatum", "geslacht")


def _place(school: SchoolState, pupil: Leerling) -> None:
    gegevens = current(school)
    for people in (gegevens.leerlingen, school.fake.ongegroepeerde_leerlingen):
        if any(p is pupil for p in people):
            people[:] = [p for p in people if p is not pupil]
    if pupil.groep or pupil.samengestelde_groepen:
        gegevens.leerlingen.append(pupil)
    else:
        school.fake.ongegroepeerde_leerlingen.append(pupil)


def _samengesteld(school: SchoolState, value: Any) -> list[str]:
    if not isinstance(value, list):
        raise HttpError(422, "samengestelde_groepen is een lijst van groepkeys.")
    keys = []
    for item in value:
        groep = find_groep_key(school, item)
        if not isinstance(groep, SamengesteldeGroep):
            raise HttpError(422, f"'{item}' is geen samengestelde groep.")
        keys.append(groep.key)
    return keys


def _stamgroep(school: SchoolState, value: Any) -> Groep | None:
    if value is None:
        return None
    groep = find_groep_key(school, value)
    if not isinstance(groep, Groep):
        raise HttpError(422, f"'{value}' is geen stamgroep; gebruik samengestelde_groepen.")
    return groep


def add_leerling(state: MockState, school: SchoolState, body: dict[str, Any]) -> Leerling:
    """A new pupil: fields from ``body``, the rest generated; the key is fresh unless given."""
    with state.change(school):
        moment = change_moment(state, school)
        groep = _stamgroep(school, body.get("groep"))
        jaargroep = body.get("jaargroep") or (
            groep.jaargroep if groep and groep.jaargroep.isdigit() else "1"
        )
        if not str(jaargroep).isdigit():
            raise HttpError(422, "jaargroep is een getal van 1 tot en met 8.")
        pupil = new_leerling(
            school,
            jaargroep=int(jaargroep),
            groep=groep.key if groep else None,
            mutatiedatum=moment,
        )
        key = body.get("key")
        if key is not None:
            if not isinstance(key, str) or not key:
                raise HttpError(422, "key is een niet-lege tekst.")
            if any(key == p.key for p in school.all_leerlingen()):
                raise HttpError(409, f"Er is al een leerling met key '{key}'.")
            pupil.key = key
        apply_fields(pupil, body, _EXTRA)
        if "samengestelde_groepen" in body:
            pupil.samengestelde_groepen = _samengesteld(school, body["samengestelde_groepen"])
        pupil.mutatiedatum = moment
        _place(school, pupil)
        return pupil


def update_leerling(
    state: MockState, school: SchoolState, wanted: str, body: dict[str, Any]
) -> Leerling:
    """Change fields of a pupil (names, birth date, eckid, ...); moving goes by ``verplaatsen``."""
    if "groep" in body or "key" in body:
        raise HttpError(422, "Wijzig de groep met 'verplaatsen' en de key met 'eckid-als-sleutel'.")
    with state.change(school):
        pupil = find_leerling(school, wanted)
        moment = change_moment(state, school)
        apply_fields(pupil, body, _EXTRA)
        if "samengestelde_groepen" in body:
            pupil.samengestelde_groepen = _samengesteld(school, body["samengestelde_groepen"])
            _place(school, pupil)
        pupil.mutatiedatum = moment
        return pupil


def remove_leerling(state: MockState, school: SchoolState, wanted: str) -> Leerling:
    """The pupil leaves the school; its groups are stamped as changed."""
    with state.change(school):
        pupil = find_leerling(school, wanted)
        moment = change_moment(state, school)
        gegevens = current(school)
        touched = {pupil.groep, *pupil.samengestelde_groepen}
        for groep in all_groups(gegevens):
            if groep.key in touched:
                groep.mutatiedatum = moment
        gegevens.leerlingen[:] = [p for p in gegevens.leerlingen if p is not pupil]
        ongegroepeerd = school.fake.ongegroepeerde_leerlingen
        ongegroepeerd[:] = [p for p in ongegroepeerd if p is not pupil]
        return pupil


def move_leerling(
    state: MockState, school: SchoolState, wanted: str, body: dict[str, Any]
) -> Leerling:
    """Move a pupil to another stamgroep (``groep``: key or name; null takes it out of any)."""
    if "groep" not in body:
        raise HttpError(422, "Geef de nieuwe groep op (veld 'groep').")
    with state.change(school):
        pupil = find_leerling(school, wanted)
        groep = _stamgroep(school, body["groep"])
        moment = change_moment(state, school)
        pupil.groep = groep.key if groep else None
        if groep is not None and groep.jaargroep.isdigit() and "jaargroep" not in body:
            pupil.jaargroep = groep.jaargroep
        if "jaargroep" in body:
            apply_fields(pupil, {"jaargroep": body["jaargroep"]}, _EXTRA)
        if "samengestelde_groepen" in body:
            pupil.samengestelde_groepen = _samengesteld(school, body["samengestelde_groepen"])
        pupil.mutatiedatum = moment
        _place(school, pupil)
        return pupil


def leerling_eckid_als_sleutel(state: MockState, school: SchoolState, wanted: str) -> Leerling:
    """The pupil is known by its eckid only from now on: its key becomes None."""
    with state.change(school):
        pupil = find_leerling(school, wanted)
        if not pupil.eckid:
            raise HttpError(409, "Deze leerling heeft geen eckid; de key kan niet vervallen.")
        if pupil.key is None:
            raise HttpError(409, "Deze leerling heeft al alleen een eckid als sleutel.")
        pupil.key = None
        pupil.mutatiedatum = change_moment(state, school)
        return pupil
