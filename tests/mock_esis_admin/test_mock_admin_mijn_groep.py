"""ESIS dashboard "Mijn Groep" (H-S4-12): group results only, latest per pupil, own groups."""

from __future__ import annotations

import datetime as dt
from typing import Any

from mock_admin_testkit import TOETS, brengen, oso_resultaat, refused

from mock_esis.testing.handle import MockEsisHandle
from uwlr.models import LeerresultatenBevestiging


def _groep_met_leraar(handle: MockEsisHandle) -> tuple[dict[str, Any], list[str], str]:
    """A stamgroep with 3+ pupils, its pupils' keys and the login of a teacher of it."""
    detail = handle.admin.school(handle.school.code)
    users = {g["gebruikersnaam"] for g in detail["gebruikers"] if g["rol"] == "Leerkracht"}
    for groep in detail["groepen"]:
        pupils = [p["key"] for p in detail["leerlingen"] if p.get("groep") == groep["key"]]
        teachers = [
            t["gebruikersnaam"]
            for t in detail["leerkrachten"]
            if {"soort": "groep", "key": groep["key"]} in t.get("groepen", [])
            and t.get("gebruikersnaam") in users
        ]
        if len(pupils) >= 3 and teachers:
            return groep, pupils, teachers[0]
    raise AssertionError("no group with pupils and a teacher")


def test_group_results_are_means_and_niveaus_of_latest_results(actief: MockEsisHandle) -> None:
    code = actief.school.code
    groep, pupils, _ = _groep_met_leraar(actief)
    a, b, c = pupils[:3]
    sent = brengen(
        actief,
        code,
        {
            a: [
                oso_resultaat(
                    "r-a-old", vaardigheidsscore="10", niveau="<1F", afnamedatum=dt.date(2026, 9, 1)
                ),
                oso_resultaat(
                    "r-a-new", vaardigheidsscore="40", niveau="1F", afnamedatum=dt.date(2026, 11, 1)
                ),
            ],
            b: [oso_resultaat("r-b", vaardigheidsscore="50", niveau="2F")],
            c: [oso_resultaat("r-c", vaardigheidsscore="45", niveau="1F")],
        },
    )
    assert isinstance(sent, LeerresultatenBevestiging)
    view = actief.esis.mijn_groep(code, groep["key"], actief.school.gebruiker("Directie"))
    assert view["groep"] == {"key": groep["key"], "naam": groep["naam"]}
    [toets] = view["toetsen"]
    assert toets["toetscode"] == TOETS.toetscode and toets["toetsnaam"] == TOETS.toetsnaam
    assert toets["aantal_leerlingen"] == 3
    assert toets["gemiddelde_vaardigheidsscore"] == "45.0"  # (40 + 50 + 45) / 3; the old 10 is gone
    assert toets["verdeling_niveaus"] == {"1F": 2, "2F": 1}
    text = str(view)
    for pupil in (a, b, c):
        assert pupil not in text, "no per-pupil results in Mijn Groep"
    assert "r-a-old" not in text and "<1F" not in text, "no history"


def test_by_group_name_and_other_group_stays_empty(actief: MockEsisHandle) -> None:
    code = actief.school.code
    groep, pupils, _ = _groep_met_leraar(actief)
    brengen(actief, code, {pupils[0]: [oso_resultaat("r1", vaardigheidsscore="33", niveau="1F")]})
    directie = actief.school.gebruiker("Directie")
    assert (
        actief.esis.mijn_groep(code, groep["naam"], directie)["toetsen"][0]["aantal_leerlingen"]
        == 1
    )
    other = next(g for g in actief.admin.school(code)["groepen"] if g["key"] != groep["key"])
    assert actief.esis.mijn_groep(code, other["key"], directie)["toetsen"] == []


def test_a_leerkracht_sees_own_groups_only(actief: MockEsisHandle) -> None:
    code = actief.school.code
    groep, _, login = _groep_met_leraar(actief)
    assert actief.esis.mijn_groep(code, groep["key"], login)["groep"]["key"] == groep["key"]
    mine = {g["key"] for g in actief.esis.groepen(code, login)["groepen"]}
    assert groep["key"] in mine
    all_groups = {
        g["key"] for g in actief.esis.groepen(code, actief.school.gebruiker("Directie"))["groepen"]
    }
    assert mine < all_groups
    other = sorted(all_groups - mine)[0]
    error = refused(actief.esis.mijn_groep, code, other, login)
    assert error.status == 403 and "geen leerkracht" in error.fout


def test_administratie_has_no_mijn_groep(actief: MockEsisHandle) -> None:
    code = actief.school.code
    groep, _, _ = _groep_met_leraar(actief)
    error = refused(
        actief.esis.mijn_groep, code, groep["key"], actief.school.gebruiker("Administratie")
    )
    assert error.status == 403


def test_unknown_group_is_404(actief: MockEsisHandle) -> None:
    error = refused(
        actief.esis.mijn_groep, actief.school.code, "Groep 99", actief.school.gebruiker("Directie")
    )
    assert error.status == 404
