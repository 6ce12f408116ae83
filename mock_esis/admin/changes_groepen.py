"""Data changes to groups between imports: rename a group, split a stamgroep in two.

Renaming stamps the group. Splitting makes a new stamgroep (fresh key, default name: the old name
+ ``b``) and moves the pupils asked for (default: the second half, by key order) and any teachers
asked for; the new group and every moved record are stamped.
"""

from __future__ import annotations

from typing import Any

from mock_esis.admin.changes import (
    all_groups,
    change_moment,
    current,
    find_groep_key,
    find_leerkracht,
    find_leerling,
)
from mock_esis.state.model import MockState, SchoolState
from mock_esis.state.people import free_group_key
from mock_esis.web.http import HttpError
from uwlr.models import Groep, Leerkracht, LeerkrachtGroep, Leerling, SamengesteldeGroep

__all__ = ["rename_groep", "split_groep"]


def _group(school: SchoolState, wanted: str) -> Groep | SamengesteldeGroep:
    try:
        return find_groep_key(school, wanted)
    except HttpError as error:
        raise HttpError(404, error.fout) from None


def rename_groep(
    state: MockState, school: SchoolState, wanted: str, body: dict[str, Any]
) -> Groep | SamengesteldeGroep:
    """Give a group a new ``naam`` (and optionally ``omschrijving``)."""
    naam = body.get("naam")
    if not isinstance(naam, str) or not naam.strip():
        raise HttpError(422, "Geef de nieuwe naam op (veld 'naam').")
    with state.change(school):
        groep = _group(school, wanted)
        others = all_groups(current(school))
        if any(g is not groep and g.naam == naam.strip() for g in others):
            raise HttpError(409, f"Er is al een groep '{naam.strip()}'.")
        groep.naam = naam.strip()
        if "omschrijving" in body:
            groep.omschrijving = body["omschrijving"] or None
        groep.mutatiedatum = change_moment(state, school)
        return groep


def split_groep(
    state: MockState, school: SchoolState, wanted: str, body: dict[str, Any]
) -> tuple[Groep, Groep, list[Leerling], list[Leerkracht]]:
    """Split a stamgroep: (old group, new group, pupils moved, teachers moved)."""
    with state.change(school):
        oud = _group(school, wanted)
        if not isinstance(oud, Groep):
            raise HttpError(422, "Alleen een stamgroep kan gesplitst worden.")
        gegevens = current(school)
        members = sorted(
            (p for p in gegevens.leerlingen if p.groep == oud.key), key=lambda p: p.key or ""
        )
        if "leerlingen" in body:
            if not isinstance(body["leerlingen"], list):
                raise HttpError(422, "leerlingen is een lijst van leerlingkeys.")
            moving = [find_leerling(school, str(k)) for k in body["leerlingen"]]
            strangers = [p for p in moving if p.groep != oud.key]
            if strangers:
                raise HttpError(422, f"Leerling '{strangers[0].key}' zit niet in {oud.naam}.")
        else:
            moving = members[len(members) // 2 :]
        if not moving or len(moving) == len(members):
            raise HttpError(422, "Bij het splitsen blijven in beide groepen leerlingen over.")
        naam = body.get("naam") or f"{oud.naam}b"
        if any(g.naam == naam for g in all_groups(gegevens)):
            raise HttpError(409, f"Er is al een groep '{naam}'.")
        moment = change_moment(state, school)
        nieuw = Groep(
            key=free_group_key(school),
            naam=str(naam),
            jaargroep=oud.jaargroep,
            omschrijving=oud.omschrijving,
            mutatiedatum=moment,
        )
        gegevens.groepen.insert(gegevens.groepen.index(oud) + 1, nieuw)
        if body.get("oude_naam"):
            oud.naam = str(body["oude_naam"])
        oud.mutatiedatum = moment
        for pupil in moving:
            pupil.groep = nieuw.key
            pupil.mutatiedatum = moment
        teachers = [find_leerkracht(school, str(k)) for k in body.get("leerkrachten", [])]
        for teacher in teachers:
            teacher.groepen = [
                LeerkrachtGroep(soort="groep", key=nieuw.key) if ref.key == oud.key else ref
                for ref in teacher.groepen
            ]
            if not any(ref.key == nieuw.key for ref in teacher.groepen):
                teacher.groepen.append(LeerkrachtGroep(soort="groep", key=nieuw.key))
            teacher.mutatiedatum = moment
            if not any(t is teacher for t in gegevens.leerkrachten):
                ongegroepeerd = school.fake.ongegroepeerde_leerkrachten
                ongegroepeerd[:] = [t for t in ongegroepeerd if t is not teacher]
                gegevens.leerkrachten.append(teacher)
        return oud, nieuw, moving, teachers
