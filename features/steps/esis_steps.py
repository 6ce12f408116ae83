"""Steps of the ESIS-side features (handbook step 2, Mijn Groep, Toetsresultaten invoeren).

Every step drives the running mock ESIS over HTTP: the ESIS screens and the admin API through the
handle's clients, UWLR calls as SOAP. The state of one scenario lives in :class:`EsisScherm`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import httpx
from pytest_bdd import given, parsers, then, when

from mock_esis.testing.client import MockEsisError
from mock_esis.testing.handle import MockEsisHandle
from uwlr.envelope import parse_envelope
from uwlr.models import (
    Autorisatie,
    LeerlinggegevensAntwoord,
    LeerlinggegevensVerzoek,
    LeerresultatenBevestiging,
    LeerresultatenVerzoek,
    OsoResultaat,
    Referentiescore,
    Resultaat,
    ResultatenSchool,
    Toets,
    Toetsafname,
    Toetsscore,
)
from uwlr.parse import parse

_SEEDS = 40  # seed of the first school; the next get 41, 42, ...


def _step(text: str) -> Any:
    """A fullmatch parser: ``"{naam}"`` is a quoted value, ``{naam:d}`` a number."""
    pattern = re.escape(text)
    pattern = re.sub(r"\\\{(\w+):d\\\}", r"(?P<\1>-?\\d+)", pattern)
    pattern = re.sub(r"\\\{(\w+)\\\}", r'(?P<\1>[^"]*)', pattern)
    return parsers.re(pattern)


@dataclass
class EsisScherm:
    """One scenario: the running mock, the keys ESIS showed, the last refusal, a chosen group."""

    esis: MockEsisHandle
    sleutels: list[str] = field(default_factory=list)
    weigering: MockEsisError | None = None
    groep: dict[str, Any] = field(default_factory=dict)
    leerlingen: list[str] = field(default_factory=list)
    leerkracht: str = ""
    scherm: dict[str, Any] = field(default_factory=dict)

    def gebruiker(self, code: str, rol: str) -> str:
        return self.esis.school_by_code(code).gebruiker(rol)

    def attempt(self, call: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        self.weigering = None
        try:
            return call(*args, **kwargs)
        except MockEsisError as error:
            self.weigering = error
            return None

    def haal(self, code: str, key: str) -> Any:
        """``HaalLeerlinggegevens`` of ``code`` with ``key``: the answer, or the faultcode."""
        school = self.esis.school_by_code(code)
        verzoek = LeerlinggegevensVerzoek(
            schooljaar=school.schooljaar,
            brincode=school.brincode,
            dependancecode=school.dependancecode,
        )
        autorisatie = Autorisatie(
            autorisatiesleutel=key, klantcode=self.esis.klantcode, klantnaam=self.esis.klantnaam
        )
        return _answer(self.esis.call("HaalLeerlinggegevens", verzoek, autorisatie))


def _answer(response: httpx.Response) -> Any:
    envelope = parse_envelope(response.content)
    if envelope.fault is not None:
        return str(envelope.fault.faultcode)
    assert envelope.body is not None, response.text[:500]
    return parse(envelope.body)


# --------------------------------------------------------------------------------------------
# Stel


@given(
    _step('in de nep-ESIS staan de scholen "{eerste}" en "{tweede}"'), target_fixture="esis_scherm"
)
def esis_scherm_fixture(
    mock_esis_factory: Callable[..., MockEsisHandle], eerste: str, tweede: str
) -> EsisScherm:
    esis = mock_esis_factory(seed=_SEEDS, schools=1, students_per_group=6)
    esis.admin.reset()
    for i, code in enumerate((eerste, tweede)):
        esis.admin.seed(seed=_SEEDS + i, brincode=code[:4], dependancecode=code[4:] or "00")
    return EsisScherm(esis=esis)


@given(_step('de directie van "{code}" heeft de koppeling Boom testcentrum geactiveerd'))
def _(esis_scherm: EsisScherm, code: str) -> None:
    shown = esis_scherm.esis.esis.activeren(
        code, esis_scherm.gebruiker(code, "Directie"), f"{code}-boomtestcentrum-2026"
    )
    esis_scherm.sleutels.append(shown["autorisatiesleutel"])


@given(_step('een groep van "{code}" met minstens drie leerlingen en een eigen leerkracht'))
def _(esis_scherm: EsisScherm, code: str) -> None:
    detail = esis_scherm.esis.admin.school(code)
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
            esis_scherm.groep = {**groep, "school": code}
            esis_scherm.leerlingen = pupils
            esis_scherm.leerkracht = teachers[0]
            return
    raise AssertionError(f"{code} heeft geen groep met drie leerlingen en een leerkracht")


def _brengen(esis_scherm: EsisScherm, afnames: dict[str, list[Resultaat]], toets: str) -> None:
    code = esis_scherm.groep["school"]
    school = esis_scherm.esis.school_by_code(code)
    verzoek = LeerresultatenVerzoek(
        school=ResultatenSchool(
            schooljaar=school.schooljaar,
            aanmaakdatum=dt.datetime(2026, 11, 2, 14, 30, tzinfo=dt.UTC),
            brincode=school.brincode,
            dependancecode=school.dependancecode,
            auteur="Boom testcentrum",
        ),
        toetsafnames=[Toetsafname(leerlingid=k, resultaten=v) for k, v in afnames.items()],
        toetsen=[Toets(toetscode=toets, toetsnaam="Boom Spelling M5")],
    )
    answer = _answer(esis_scherm.esis.call("BrengLeerresultaten", verzoek))
    assert isinstance(answer, LeerresultatenBevestiging), answer


def _resultaat(
    key: str, toets: str, afnamedatum: str, *, vaardigheidsscore: str, niveau: str, dle: str
) -> Resultaat:
    return Resultaat(
        key=key,
        afnamedatum=dt.date.fromisoformat(afnamedatum),
        toetscode=toets,
        osoresultaat=OsoResultaat(
            toetsscore=Toetsscore(vaardigheidsscore=Decimal(vaardigheidsscore)),
            referentiescores=[
                Referentiescore(
                    codereferentiescore="DLE",
                    codevergelijkingsgroep="Landelijk",
                    waarde=dle,
                    kwalificatie=niveau,
                )
            ],
        ),
    )


@given(
    _step(
        'Boom testcentrum brengt via de koppeling deze resultaten van toets "{toets}" voor die groep:'
    )
)
def _(esis_scherm: EsisScherm, toets: str, datatable: list[list[str]]) -> None:
    header, *rows = datatable
    afnames: dict[str, list[Resultaat]] = {}
    for n, row in enumerate(rows):
        values = dict(zip(header, row, strict=True))
        pupil = esis_scherm.leerlingen[int(values["leerling"]) - 1]
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
    esis_scherm.scherm["gebracht"] = afnames
    _brengen(esis_scherm, afnames, toets)


# --------------------------------------------------------------------------------------------
# Als


@when(
    _step(
        'de gebruiker met rol "{rol}" van "{code}" de koppeling activeert met verificatiecode '
        '"{verificatiecode}" {akkoord}'
    )
)
def _(esis_scherm: EsisScherm, rol: str, code: str, verificatiecode: str, akkoord: str) -> None:
    assert akkoord in ("en akkoord", "zonder akkoord")
    shown = esis_scherm.attempt(
        esis_scherm.esis.esis.activeren,
        code,
        esis_scherm.gebruiker(code, rol),
        verificatiecode,
        akkoord=akkoord == "en akkoord",
    )
    esis_scherm.scherm = shown or {}
    if shown:
        esis_scherm.sleutels.append(shown["autorisatiesleutel"])


@when(
    _step(
        'de gebruiker met rol "{rol}" van "{code}" de koppeling activeert met een verificatiecode '
        "van {lengte:d} tekens en akkoord"
    )
)
def _(esis_scherm: EsisScherm, rol: str, code: str, lengte: str) -> None:
    verificatiecode = (code + "1234567890abcdefghij" * 3)[: int(lengte)]
    shown = esis_scherm.attempt(
        esis_scherm.esis.esis.activeren, code, esis_scherm.gebruiker(code, rol), verificatiecode
    )
    esis_scherm.scherm = shown or {}
    if shown:
        esis_scherm.sleutels.append(shown["autorisatiesleutel"])


@when(_step('de gebruiker met rol "{rol}" van "{code}" de koppeling deactiveert'))
def _(esis_scherm: EsisScherm, rol: str, code: str) -> None:
    esis_scherm.esis.esis.deactiveren(code, esis_scherm.gebruiker(code, rol))


@when("de leerkracht van die groep Mijn Groep opent")
def _(esis_scherm: EsisScherm) -> None:
    g = esis_scherm.groep
    esis_scherm.scherm = esis_scherm.esis.esis.mijn_groep(
        g["school"], g["key"], esis_scherm.leerkracht
    )


@when("de leerkracht van die groep Mijn Groep van een groep opent die hij niet lesgeeft")
def _(esis_scherm: EsisScherm) -> None:
    g = esis_scherm.groep
    mine = {
        x["key"]
        for x in esis_scherm.esis.esis.groepen(g["school"], esis_scherm.leerkracht)["groepen"]
    }
    other = next(
        x["key"]
        for x in esis_scherm.esis.admin.school(g["school"])["groepen"]
        if x["key"] not in mine
    )
    esis_scherm.attempt(
        esis_scherm.esis.esis.mijn_groep, g["school"], other, esis_scherm.leerkracht
    )


@when(
    _step(
        'de leerkracht van die groep voor leerling {n:d} bij toets "{toets}" de DLE "{dle}" '
        'invoert op "{datum}"'
    )
)
def _(esis_scherm: EsisScherm, n: str, toets: str, dle: str, datum: str) -> None:
    esis_scherm.esis.esis.toetsresultaat_invoeren(
        esis_scherm.groep["school"],
        esis_scherm.leerkracht,
        leerlingid=esis_scherm.leerlingen[int(n) - 1],
        toets=toets,
        dle=dle,
        datum=datum,
    )


@when(
    _step(
        'Boom testcentrum via de koppeling voor leerling {n:d} een resultaat van toets "{toets}" '
        'brengt met DLE "{dle}"'
    )
)
def _(esis_scherm: EsisScherm, n: str, toets: str, dle: str) -> None:
    pupil = esis_scherm.leerlingen[int(n) - 1]
    resultaat = _resultaat(
        "res-dle", toets, "2027-01-21", vaardigheidsscore="55", niveau="2F", dle=dle
    )
    _brengen(esis_scherm, {pupil: [resultaat]}, toets)


# --------------------------------------------------------------------------------------------
# Dan


@then("toont ESIS een nieuwe autorisatiesleutel")
def _(esis_scherm: EsisScherm) -> None:
    assert esis_scherm.weigering is None, esis_scherm.weigering
    key = esis_scherm.scherm["autorisatiesleutel"]
    assert len(key) >= 43 and "•" not in key  # 256 random bits, shown in full this once


@then(_step('weigert ESIS met status {status:d} en een melding die "{tekst}" noemt'))
def _(esis_scherm: EsisScherm, status: str, tekst: str) -> None:
    assert esis_scherm.weigering is not None, "ESIS weigerde niet"
    assert esis_scherm.weigering.status == int(status), esis_scherm.weigering
    assert tekst in esis_scherm.weigering.fout, esis_scherm.weigering.fout


@then(_step('is de koppeling van "{code}" {actief}'))
def _(esis_scherm: EsisScherm, code: str, actief: str) -> None:
    assert actief in ("actief", "niet actief")
    shown = esis_scherm.esis.esis.koppeling(code, esis_scherm.gebruiker(code, "Directie"))
    assert shown["actief"] is (actief == "actief")


@then(_step('heeft "{code}" geen werkende sleutel'))
def _(esis_scherm: EsisScherm, code: str) -> None:
    state = esis_scherm.esis.admin.state()
    [school] = [s for s in state["scholen"] if s["code"] == code]
    assert school["koppeling"]["autorisatiesleutel"] is None
    assert "autorisatiesleutel" not in esis_scherm.scherm


@then(
    _step('beantwoordt de nep-ESIS een verzoek om de leerlinggegevens van "{code}" met die sleutel')
)
def _(esis_scherm: EsisScherm, code: str) -> None:
    answer = esis_scherm.haal(code, esis_scherm.sleutels[-1])
    assert isinstance(answer, LeerlinggegevensAntwoord), answer
    assert answer.gegevens is not None and answer.gegevens.school.brincode == code[:4]


@then(
    _step(
        'weigert de nep-ESIS een verzoek om de leerlinggegevens van "{code}" met {welke} '
        'met SOAP-fout "{fout}"'
    )
)
def _(esis_scherm: EsisScherm, code: str, welke: str, fout: str) -> None:
    assert welke in ("die sleutel", "de eerste sleutel")
    key = esis_scherm.sleutels[-1 if welke == "die sleutel" else 0]
    assert esis_scherm.haal(code, key) == fout


@then(
    _step(
        'weigert de nep-ESIS een verzoek om de leerlinggegevens van "{code}" met sleutel '
        '"{sleutel}" met SOAP-fout "{fout}"'
    )
)
def _(esis_scherm: EsisScherm, code: str, sleutel: str, fout: str) -> None:
    assert esis_scherm.haal(code, sleutel) == fout


@then("verschillen de getoonde sleutels")
def _(esis_scherm: EsisScherm) -> None:
    assert len(esis_scherm.sleutels) >= 2
    assert len(set(esis_scherm.sleutels)) == len(esis_scherm.sleutels)


@then(_step('toont het koppelingsscherm van "{code}" de sleutel niet meer voluit'))
def _(esis_scherm: EsisScherm, code: str) -> None:
    shown = esis_scherm.esis.esis.koppeling(code, esis_scherm.gebruiker(code, "Directie"))
    assert shown["actief"] is True
    assert all(key not in str(shown) for key in esis_scherm.sleutels)
    assert shown["autorisatiesleutel"].endswith(esis_scherm.sleutels[-1][-4:])


def _toets(esis_scherm: EsisScherm, toets: str) -> dict[str, Any]:
    return next(t for t in esis_scherm.scherm["toetsen"] if t["toetscode"] == toets)


@then(
    _step(
        'toont Mijn Groep voor toets "{toets}" {aantal:d} leerlingen met gemiddelde '
        'vaardigheidsscore "{gemiddelde}"'
    )
)
def _(esis_scherm: EsisScherm, toets: str, aantal: str, gemiddelde: str) -> None:
    shown = _toets(esis_scherm, toets)
    assert shown["aantal_leerlingen"] == int(aantal)
    assert shown["gemiddelde_vaardigheidsscore"] == gemiddelde


@then(_step('toont Mijn Groep voor toets "{toets}" de niveauverdeling "{verdeling}"'))
def _(esis_scherm: EsisScherm, toets: str, verdeling: str) -> None:
    expected = {k: int(v) for k, v in (p.split("=") for p in verdeling.split(", "))}
    assert _toets(esis_scherm, toets)["verdeling_niveaus"] == expected


@then("toont Mijn Groep geen resultaten van afzonderlijke leerlingen en geen eerdere resultaten")
def _(esis_scherm: EsisScherm) -> None:
    text = str(esis_scherm.scherm)
    for pupil in esis_scherm.leerlingen:
        assert pupil not in text
    for afnames in esis_scherm.scherm.get("gebracht", {}).values():
        for r in afnames:
            assert r.key not in text
    assert "<1F" not in text and "2026-09-01" not in text  # the older result is not shown


@then(_step('toont Toetsresultaten invoeren bij leerling {n:d} de DLE\'s "{dles}" met hun datum'))
def _(esis_scherm: EsisScherm, n: str, dles: str) -> None:
    pupil = esis_scherm.leerlingen[int(n) - 1]
    listing = esis_scherm.esis.esis.toetsresultaten(
        esis_scherm.groep["school"], esis_scherm.leerkracht, leerling=pupil
    )
    [entry] = listing["leerlingen"]
    assert [r["dle"] for r in entry["resultaten"]] == dles.split(", ")
    assert all(r["datum"] for r in entry["resultaten"])


@then(_step('staat de DLE "{dle}" van de koppeling apart bij de ontvangen resultaten van "{code}"'))
def _(esis_scherm: EsisScherm, dle: str, code: str) -> None:
    [school] = [s for s in esis_scherm.esis.admin.state()["scholen"] if s["code"] == code]
    assert dle in [r["dle"] for r in school["resultaten"]]
    assert dle not in [h["dle"] for h in school["handmatig"]]
