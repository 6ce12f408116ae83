"""Data changes between imports through the admin API: each shows in the next HaalLeerlinggegevens,
with a newer mutatiedatum, and a ``laatstontvangengegevens`` from before no longer gives
``geenwijzigingen``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from mock_admin_testkit import haal, refused

from mock_esis.soap.answers import last_change
from mock_esis.testing.handle import MockEsisHandle
from uwlr.models import (
    GegevensStatus,
    Groep,
    Leerkracht,
    Leerling,
    Leerlinggegevens,
    LeerlinggegevensAntwoord,
)


def _data(handle: MockEsisHandle, **fields: Any) -> LeerlinggegevensAntwoord:
    answer = haal(handle, handle.school.code, **fields)
    assert isinstance(answer, LeerlinggegevensAntwoord), answer
    return answer


def _pupil(gegevens: Leerlinggegevens, key: str | None) -> Leerling | None:
    return next((p for p in gegevens.leerlingen if p.key == key), None)


def _teacher(gegevens: Leerlinggegevens, key: str | None) -> Leerkracht | None:
    return next((t for t in gegevens.leerkrachten if t.key == key), None)


def _key_of(person: Leerling | Leerkracht) -> str:
    """The key the admin API knows ``person`` by (a person known by eckid only has none)."""
    assert person.key is not None, person
    return person.key


# what a change changed, as the next import gives it (None: it is not in that import)
Changed = Leerling | Leerkracht | Groep | None
Check = Callable[[Leerlinggegevens], Changed]
Change = Callable[[MockEsisHandle, Leerlinggegevens], Check]


def _add_pupil(h: MockEsisHandle, g: Leerlinggegevens) -> Check:
    groep = g.groepen[0]
    made = h.admin.add_leerling(h.school.code, groep=groep.key, achternaam="Nieuw", roepnaam="Noor")
    key = made["leerling"]["key"]
    return lambda after: _pupil(after, key)


def _change_pupil(h: MockEsisHandle, g: Leerlinggegevens) -> Check:
    key = _key_of(g.leerlingen[0])
    h.admin.update_leerling(h.school.code, key, achternaam="Gewijzigd", geboortedatum="2018-05-05")
    return lambda after: _pupil(after, key)


def _remove_pupil(h: MockEsisHandle, g: Leerlinggegevens) -> Check:
    pupil = g.leerlingen[0]
    h.admin.remove_leerling(h.school.code, _key_of(pupil))

    def check(after: Leerlinggegevens) -> Changed:
        assert _pupil(after, pupil.key) is None
        return next(gr for gr in after.groepen if gr.key == pupil.groep)

    return check


def _move_pupil(h: MockEsisHandle, g: Leerlinggegevens) -> Check:
    pupil = g.leerlingen[0]
    target = next(gr for gr in g.groepen if gr.key != pupil.groep)
    h.admin.move_leerling(h.school.code, _key_of(pupil), target.key)

    def check(after: Leerlinggegevens) -> Changed:
        moved = _pupil(after, pupil.key)
        assert moved is not None and moved.groep == target.key
        return moved

    return check


def _add_teacher(h: MockEsisHandle, g: Leerlinggegevens) -> Check:
    made = h.admin.add_leerkracht(h.school.code, groepen=[g.groepen[1].key], achternaam="Docent")
    return lambda after: _teacher(after, made["leerkracht"]["key"])


def _change_teacher(h: MockEsisHandle, g: Leerlinggegevens) -> Check:
    key = _key_of(g.leerkrachten[0])
    h.admin.update_leerkracht(h.school.code, key, emailadres="nieuw@example.nl")
    return lambda after: _teacher(after, key)


def _remove_teacher(h: MockEsisHandle, g: Leerlinggegevens) -> Check:
    teacher = g.leerkrachten[0]
    h.admin.remove_leerkracht(h.school.code, _key_of(teacher))

    def check(after: Leerlinggegevens) -> Changed:
        assert _teacher(after, teacher.key) is None
        return next(gr for gr in after.groepen if gr.key == teacher.groepen[0].key)

    return check


def _rename_group(h: MockEsisHandle, g: Leerlinggegevens) -> Check:
    groep = g.groepen[0]
    h.admin.rename_groep(h.school.code, groep.key, "De Dolfijnen")

    def check(after: Leerlinggegevens) -> Changed:
        renamed = next(gr for gr in after.groepen if gr.key == groep.key)
        assert renamed.naam == "De Dolfijnen"
        return renamed

    return check


def _split_group(h: MockEsisHandle, g: Leerlinggegevens) -> Check:
    groep = g.groepen[-1]
    made = h.admin.split_groep(h.school.code, groep.key, naam="Groep X")
    moved = made["verplaatste_leerlingen"]

    def check(after: Leerlinggegevens) -> Changed:
        nieuw = next(gr for gr in after.groepen if gr.naam == "Groep X")
        assert {p.key for p in after.leerlingen if p.groep == nieuw.key} == set(moved)
        assert any(p.groep == groep.key for p in after.leerlingen)
        return nieuw

    return check


def _eckid_as_key(h: MockEsisHandle, g: Leerlinggegevens) -> Check:
    pupil = next(p for p in g.leerlingen if p.eckid)
    h.admin.leerling_eckid_als_sleutel(h.school.code, _key_of(pupil))

    def check(after: Leerlinggegevens) -> Changed:
        assert _pupil(after, pupil.key) is None
        found = next(p for p in after.leerlingen if p.eckid == pupil.eckid)
        assert found.key is None and found.achternaam == pupil.achternaam
        return found

    return check


def _teacher_eckid(h: MockEsisHandle, g: Leerlinggegevens) -> Check:
    teacher = next(t for t in g.leerkrachten if t.eckid)
    h.admin.leerkracht_eckid_als_sleutel(h.school.code, _key_of(teacher))
    return lambda after: next(
        t for t in after.leerkrachten if t.eckid == teacher.eckid and t.key is None
    )


CHANGES: dict[str, Change] = {
    "leerling toevoegen": _add_pupil,
    "leerling wijzigen": _change_pupil,
    "leerling verwijderen": _remove_pupil,
    "leerling verplaatsen": _move_pupil,
    "leerkracht toevoegen": _add_teacher,
    "leerkracht wijzigen": _change_teacher,
    "leerkracht verwijderen": _remove_teacher,
    "groep hernoemen": _rename_group,
    "groep splitsen": _split_group,
    "leerling eckid als sleutel": _eckid_as_key,
    "leerkracht eckid als sleutel": _teacher_eckid,
}


@pytest.mark.parametrize("name", list(CHANGES))
def test_change_shows_in_next_import(actief: MockEsisHandle, name: str) -> None:
    first = _data(actief).gegevens
    assert first is not None
    since = last_change(first)
    assert since is not None
    assert _data(actief, laatstontvangengegevens=since).status is GegevensStatus.GEENWIJZIGINGEN
    check = CHANGES[name](actief, first)
    again = _data(actief, laatstontvangengegevens=since)
    assert again.status is GegevensStatus.GEGEVENS and again.gegevens is not None
    changed = check(again.gegevens)
    assert changed is not None and changed.mutatiedatum is not None
    assert changed.mutatiedatum > since
    latest = last_change(again.gegevens)
    assert latest is not None
    assert _data(actief, laatstontvangengegevens=latest).status is GegevensStatus.GEENWIJZIGINGEN


def test_mutatiedatum_is_the_mock_clock(actief: MockEsisHandle) -> None:
    first = _data(actief).gegevens
    assert first is not None
    before = dt.datetime.fromisoformat(actief.admin.klok()["klok"])
    made = actief.admin.update_leerling(
        actief.school.code, _key_of(first.leerlingen[0]), roepnaam="Bo"
    )
    stamp = dt.datetime.fromisoformat(made["leerling"]["mutatiedatum"])
    assert before <= stamp <= before + dt.timedelta(seconds=5)


def test_eckid_pupils_in_older_xsdversie_answers(actief: MockEsisHandle) -> None:
    """A pupil known by eckid only cannot be carried by a 2.1/2.2 answer: it is left out."""
    first = _data(actief).gegevens
    assert first is not None
    pupil = next(p for p in first.leerlingen if p.eckid)
    actief.admin.leerling_eckid_als_sleutel(actief.school.code, _key_of(pupil))
    for version in ("2.1", "2.2"):
        answer = _data(actief, xsdversie=version)
        assert answer.gegevens is not None
        assert all(p.key for p in answer.gegevens.leerlingen)
        assert len(answer.gegevens.leerlingen) == len(first.leerlingen) - 1


def test_add_pupil_without_group_is_not_sent(actief: MockEsisHandle) -> None:
    made = actief.admin.add_leerling(actief.school.code, achternaam="Zonder", roepnaam="Groep")
    gegevens = _data(actief).gegevens
    assert gegevens is not None and _pupil(gegevens, made["leerling"]["key"]) is None
    detail = actief.admin.school(actief.school.code)
    assert made["leerling"]["key"] in {p["key"] for p in detail["ongegroepeerde_leerlingen"]}


def test_added_teacher_is_an_esis_user_and_removed_with_the_teacher(actief: MockEsisHandle) -> None:
    code = actief.school.code
    groep = actief.admin.school(code)["groepen"][0]
    made = actief.admin.add_leerkracht(code, groepen=[groep["naam"]], gebruikersnaam="j.nieuw")
    assert actief.esis.mijn_groep(code, groep["key"], "j.nieuw")["groep"]["key"] == groep["key"]
    actief.admin.remove_leerkracht(code, made["leerkracht"]["key"])
    assert refused(actief.esis.mijn_groep, code, groep["key"], "j.nieuw").status == 403


def test_refusals_of_changes(actief: MockEsisHandle) -> None:
    code = actief.school.code
    a = actief.admin
    assert refused(a.update_leerling, code, "000000-nope", roepnaam="X").status == 404
    assert refused(a.add_leerling, code, groep="G9999").status == 422
    some = a.school(code)["leerlingen"][0]["key"]
    assert refused(a.add_leerling, code, key=some).status == 409
    assert refused(a.update_leerling, code, some, groep="G0001").status == 422
    assert refused(a.update_leerling, code, some, geslacht=5).status == 422
    assert refused(a.move_leerling, code, some, "G9999").status == 422
    assert refused(a.rename_groep, code, "G9999", "Nieuw").status == 404
    assert refused(a.rename_groep, code, "G0001", "").status == 422
    assert refused(a.split_groep, code, "S0001").status == 422
    assert refused(a.update_leerling, "99ZZ99", some, roepnaam="X").status == 404


def test_no_cached_answer_outlives_a_change(actief: MockEsisHandle) -> None:
    for i in range(3):
        first = _data(actief).gegevens
        assert first is not None
        key = _key_of(first.leerlingen[0])
        actief.admin.update_leerling(actief.school.code, key, roepnaam=f"Snel{i}")
        again = _data(actief).gegevens
        assert again is not None
        changed = _pupil(again, key)
        assert changed is not None and changed.roepnaam == f"Snel{i}"
