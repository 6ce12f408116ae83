"""Steps of Stap 4 on the ESIS side (``esis_mijn_groep.feature``): Mijn Groep (H-S4-12) and
Onderwijs → Toetsresultaten invoeren (H-S4-13), worked through the ESIS driver.

Boom testcentrum's results arrive the way they do in real life, as ``BrengLeerresultaten`` over
UWLR; the group and its pupils are chosen through the tester's admin API (set-up only).
"""

from __future__ import annotations

import datetime as dt

from pytest_bdd import given, then, when
from wereld import Wereld
from wereld.scherm import antwoord_of_fout

from mock_esis.testing.resultaten import leerresultaten_verzoek, oso_resultaat
from steps.patronen import stap, tabel_rijen
from uwlr.models import (
    LeerresultatenBevestiging,
    Resultaat,
    Toets,
)


def _brengen(wereld: Wereld, afnames: dict[str, list[Resultaat]], toets: str) -> None:
    code = wereld.scherm.groep["school"]
    school = wereld.esis.school_by_code(code)
    verzoek = leerresultaten_verzoek(
        school,
        afnames,
        [Toets(toetscode=toets, toetsnaam="Boom Spelling M5")],
        aanmaakdatum=dt.datetime(2026, 11, 2, 14, 30, tzinfo=dt.UTC),
    )
    answer = antwoord_of_fout(wereld.esis.call("BrengLeerresultaten", verzoek))
    assert isinstance(answer, LeerresultatenBevestiging), answer


def _resultaat(
    key: str, toets: str, afnamedatum: str, *, vaardigheidsscore: str, niveau: str, dle: str
) -> Resultaat:
    return oso_resultaat(
        key,
        toetscode=toets,
        afnamedatum=dt.date.fromisoformat(afnamedatum),
        vaardigheidsscore=vaardigheidsscore,
        niveau=niveau,
        dle=dle,
    )


# --------------------------------------------------------------------------------------------
# Stel


@given(stap('een groep van "{code}" met minstens drie leerlingen en een eigen leerkracht'))
def _(wereld: Wereld, code: str) -> None:
    scherm = wereld.scherm
    detail = wereld.esis.admin.school(code)
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
            scherm.groep = {**groep, "school": code}
            scherm.leerlingen = pupils
            scherm.leerkracht = teachers[0]
            return
    raise AssertionError(f"{code} heeft geen groep met drie leerlingen en een leerkracht")


@given(
    stap(
        'Boom testcentrum brengt via de koppeling deze resultaten van toets "{toets}" voor die groep:'
    )
)
def _(wereld: Wereld, toets: str, datatable: list[list[str]]) -> None:
    afnames: dict[str, list[Resultaat]] = {}
    for n, values in enumerate(tabel_rijen(datatable)):
        pupil = wereld.scherm.leerlingen[int(values["leerling"]) - 1]
        afnames.setdefault(pupil, []).append(
            _resultaat(
                f"res-{n}",
                toets,
                values["afnamedatum"],
                vaardigheidsscore=values["vaardigheidsscore"],
                niveau=values["niveau"],
                dle="30",
            )
        )
    wereld.scherm.gebracht = afnames
    _brengen(wereld, afnames, toets)


# --------------------------------------------------------------------------------------------
# Als


@when("de leerkracht van die groep Mijn Groep opent")
def _(wereld: Wereld) -> None:
    scherm = wereld.scherm
    g = scherm.groep
    scherm.mijn_groep = wereld.esis_driver.mijn_groep(g["school"], g["key"], scherm.leerkracht)


@when("de leerkracht van die groep Mijn Groep van een groep opent die hij niet lesgeeft")
def _(wereld: Wereld) -> None:
    scherm = wereld.scherm
    school = scherm.groep["school"]
    mine = set(wereld.esis_driver.mijn_groepen(school, scherm.leerkracht))
    other = next(
        x["key"] for x in wereld.esis.admin.school(school)["groepen"] if x["key"] not in mine
    )
    scherm.probeer(lambda: wereld.esis_driver.mijn_groep(school, other, scherm.leerkracht))


@when(
    stap(
        'de leerkracht van die groep voor leerling {n:d} bij toets "{toets}" de DLE "{dle}" '
        'invoert op "{datum}"'
    )
)
def _(wereld: Wereld, n: int, toets: str, dle: str, datum: str) -> None:
    scherm = wereld.scherm
    wereld.esis_driver.toetsresultaat_invoeren(
        scherm.groep["school"],
        scherm.leerkracht,
        leerlingid=scherm.leerlingen[n - 1],
        toets=toets,
        dle=dle,
        datum=datum,
    )


@when(
    stap(
        'Boom testcentrum via de koppeling voor leerling {n:d} een resultaat van toets "{toets}" '
        'brengt met DLE "{dle}"'
    )
)
def _(wereld: Wereld, n: int, toets: str, dle: str) -> None:
    pupil = wereld.scherm.leerlingen[n - 1]
    resultaat = _resultaat(
        "res-dle", toets, "2027-01-21", vaardigheidsscore="55", niveau="2F", dle=dle
    )
    _brengen(wereld, {pupil: [resultaat]}, toets)


# --------------------------------------------------------------------------------------------
# Dan


@then(
    stap(
        'toont Mijn Groep voor toets "{toets}" {aantal:d} leerlingen met gemiddelde '
        'vaardigheidsscore "{gemiddelde}"'
    )
)
def _(wereld: Wereld, toets: str, aantal: int, gemiddelde: str) -> None:
    assert wereld.scherm.mijn_groep is not None, wereld.scherm.weigering
    getoond = wereld.scherm.mijn_groep.toets(toets)
    assert getoond.aantal_leerlingen == aantal
    assert getoond.gemiddelde_vaardigheidsscore == gemiddelde


@then(stap('toont Mijn Groep voor toets "{toets}" de niveauverdeling "{verdeling}"'))
def _(wereld: Wereld, toets: str, verdeling: str) -> None:
    assert wereld.scherm.mijn_groep is not None, wereld.scherm.weigering
    expected = {k: int(v) for k, v in (p.split("=") for p in verdeling.split(", "))}
    assert wereld.scherm.mijn_groep.toets(toets).verdeling_niveaus == expected


@then("toont Mijn Groep geen resultaten van afzonderlijke leerlingen en geen eerdere resultaten")
def _(wereld: Wereld) -> None:
    scherm = wereld.scherm
    assert scherm.mijn_groep is not None, scherm.weigering
    text = scherm.mijn_groep.tekst
    for pupil in scherm.leerlingen:
        assert pupil not in text
    for afnames in scherm.gebracht.values():
        for r in afnames:
            assert r.key not in text
    assert "<1F" not in text and "2026-09-01" not in text  # the older result is not shown


@then(stap('toont Toetsresultaten invoeren bij leerling {n:d} de DLE\'s "{dles}" met hun datum'))
def _(wereld: Wereld, n: int, dles: str) -> None:
    scherm = wereld.scherm
    pupil = scherm.leerlingen[n - 1]
    regels = wereld.esis_driver.toetsresultaten(scherm.groep["school"], scherm.leerkracht, pupil)
    assert {r.leerlingid for r in regels} == {pupil}
    assert [r.dle for r in regels] == dles.split(", ")
    assert all(r.datum for r in regels)


@then(stap('staat de DLE "{dle}" van de koppeling apart bij de ontvangen resultaten van "{code}"'))
def _(wereld: Wereld, dle: str, code: str) -> None:
    [school] = [s for s in wereld.esis.admin.state()["scholen"] if s["code"] == code]
    assert dle in [r["dle"] for r in school["resultaten"]]
    assert dle not in [h["dle"] for h in school["handmatig"]]
