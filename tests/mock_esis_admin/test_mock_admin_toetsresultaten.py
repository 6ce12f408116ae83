"""ESIS "Toetsresultaten invoeren" (H-S4-13): hand-entered DLEs apart from linked results."""

from __future__ import annotations

from mock_admin_testkit import brengen, oso_resultaat, refused
from test_mock_admin_mijn_groep import _groep_met_leraar

from mock_esis.testing.handle import MockEsisHandle
from uwlr.models import LeerresultatenBevestiging


def test_teacher_enters_dle_and_history_is_listed(actief: MockEsisHandle) -> None:
    code = actief.school.code
    _, pupils, login = _groep_met_leraar(actief)
    pupil = pupils[0]
    first = actief.esis.toetsresultaat_invoeren(
        code, login, leerlingid=pupil, toets="Boom Spelling M5", dle=28, datum="2026-10-01"
    )
    assert first["dle"] == "28" and first["ingevoerd_door"] == login
    actief.esis.toetsresultaat_invoeren(
        code, login, leerlingid=pupil, toets="Boom Spelling M5", dle="33", datum="2027-01-20"
    )
    listing = actief.esis.toetsresultaten(code, login, leerling=pupil)
    [entry] = listing["leerlingen"]
    assert entry["leerlingid"] == pupil
    assert [r["dle"] for r in entry["resultaten"]] == ["28", "33"]  # history, oldest first
    assert [r["datum"] for r in entry["resultaten"]] == ["2026-10-01", "2027-01-20"]


def test_linked_results_never_overwrite_hand_entries(actief: MockEsisHandle) -> None:
    code = actief.school.code
    _, pupils, login = _groep_met_leraar(actief)
    pupil = pupils[0]
    actief.esis.toetsresultaat_invoeren(code, login, leerlingid=pupil, toets="BOOM-SPEL-M5", dle=25)
    sent = brengen(
        actief, code, {pupil: [oso_resultaat("r-x", vaardigheidsscore="60", niveau="2F", dle="41")]}
    )
    assert isinstance(sent, LeerresultatenBevestiging)
    state = actief.admin.state()["scholen"][0]
    assert [h["dle"] for h in state["handmatig"]] == ["25"]
    assert [r["dle"] for r in state["resultaten"]] == ["41"]
    listing = actief.esis.toetsresultaten(code, actief.school.gebruiker("Directie"))
    assert [r["dle"] for e in listing["leerlingen"] for r in e["resultaten"]] == ["25"]


def test_checks_on_entry(actief: MockEsisHandle) -> None:
    code = actief.school.code
    _, pupils, login = _groep_met_leraar(actief)
    enter = actief.esis.toetsresultaat_invoeren
    assert refused(enter, code, login, leerlingid="nobody", toets="T", dle=20).status == 404
    assert refused(enter, code, login, leerlingid=pupils[0], toets="", dle=20).status == 422
    assert refused(enter, code, login, leerlingid=pupils[0], toets="T", dle="veel").status == 422
    assert (
        refused(
            enter, code, login, leerlingid=pupils[0], toets="T", dle=20, datum="gisteren"
        ).status
        == 422
    )
    admin = actief.school.gebruiker("Administratie")
    assert refused(enter, code, admin, leerlingid=pupils[0], toets="T", dle=20).status == 403


def test_a_leerkracht_enters_only_for_own_pupils(actief: MockEsisHandle) -> None:
    code = actief.school.code
    groep, _, login = _groep_met_leraar(actief)
    detail = actief.admin.school(code)
    taught = {
        g["key"]
        for t in detail["leerkrachten"]
        if t.get("gebruikersnaam") == login
        for g in t["groepen"]
    }
    stranger = next(
        p["key"]
        for p in detail["leerlingen"]
        if p.get("groep") not in taught and not set(p.get("samengestelde_groepen", [])) & taught
    )
    error = refused(
        actief.esis.toetsresultaat_invoeren, code, login, leerlingid=stranger, toets="T", dle=20
    )
    assert error.status == 403
    directie = actief.school.gebruiker("Directie")
    assert actief.esis.toetsresultaat_invoeren(
        code, directie, leerlingid=stranger, toets="T", dle=20
    )
