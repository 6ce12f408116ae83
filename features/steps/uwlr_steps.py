"""Steps for the UWLR scenarios against the nep-ESIS (mock ESIS): keys, leerlinggegevens, results.

Every scenario starts its own mock ESIS (the plugin's ``mock_esis_factory``) and talks to it over
real HTTP; every answer and fault it gets is checked against our contract and the official schemas.
The ESIS activation screen comes later; until then activating and switching off a link go straight
to the mock's state, as ESIS would after the user pressed the button.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
from pytest_bdd import given, parsers, then, when

from mock_esis.state.model import SchoolState
from mock_esis.testing.handle import MockEsisHandle
from uwlr.faults import FaultCode
from uwlr.models import (
    Autorisatie,
    GegevensStatus,
    GroepRef,
    Leerkracht,
    LeerkrachtenVerzoek,
    Leerling,
    LeerlingenVerzoek,
    Leerlinggegevens,
    LeerlinggegevensVerzoek,
    LeerresultatenBevestiging,
    LeerresultatenVerzoek,
    Message,
    Norm,
    Normering,
    Resultaat,
    ResultatenSchool,
    StructuurVerzoek,
    Toets,
    Toetsafname,
)

from .soap_checks import answer_of, fault_of

#: Pupils per group of the seeded schools: the counts in the scenarios follow from it.
LEERLINGEN_PER_GROEP = 5
#: The toets the scenarios send results of, normed 0 to 50.
TOETSEN = {
    "BOOM-REK-M5": Toets(
        toetscode="BOOM-REK-M5",
        toetsnaam="Boom Rekenen M5",
        toetsnormering=Normering(
            normen=[
                Norm(term="onvoldoende", beginnormwaarde=0, eindnormwaarde=24),
                Norm(term="voldoende", beginnormwaarde=25, eindnormwaarde=50),
            ]
        ),
    )
}
MAG_ACTIVEREN = {"Directie", "Applicatiebeheerder"}


def step(text: str) -> Any:
    """A fullmatch parser for ``text``: ``"{naam}"`` is a quoted value, ``{naam:d}`` a number."""
    pattern = re.escape(text)
    pattern = re.sub(r"\\\{(\w+):d\\\}", r"(?P<\1>-?\\d+)", pattern)
    pattern = re.sub(r"\\\{(\w+)\\\}", r'(?P<\1>[^"]*)', pattern)
    return parsers.re(pattern)


def naam_van(persoon: Leerling | Leerkracht) -> str:
    return " ".join(p for p in (persoon.roepnaam, persoon.voorvoegsel, persoon.achternaam) if p)


@dataclass
class Wereld:
    """What a scenario has: the running nep-ESIS, the keys handed out, the last answer."""

    esis: MockEsisHandle
    sleutels: dict[str, str] = field(default_factory=dict)
    vorige_sleutels: dict[str, str] = field(default_factory=dict)
    gebruikte_sleutels: set[str] = field(default_factory=set)
    antwoord: httpx.Response | None = None
    alles: Leerlinggegevens | None = None
    getrapt: dict[str, Any] = field(default_factory=dict)

    def school(self, code: str) -> SchoolState:
        school = self.esis.app.state.school(code)
        assert school is not None, f"de nep-ESIS kent school {code} niet"
        return school

    def leerling(self, naam: str) -> Leerling:
        for school in self.esis.app.state.schools.values():
            for leerling in school.all_leerlingen():
                if naam_van(leerling) == naam:
                    return leerling
        raise AssertionError(f"geen leerling {naam!r} in de nep-ESIS")

    def roep(self, operation: str, message: Message, sleutel: str, **klant: str) -> None:
        self.gebruikte_sleutels.add(sleutel)
        autorisatie = Autorisatie(
            autorisatiesleutel=sleutel,
            klantcode=klant.get("klantcode", self.esis.klantcode),
            klantnaam=klant.get("klantnaam", self.esis.klantnaam),
        )
        self.antwoord = self.esis.call(operation, message, autorisatie=autorisatie)

    def laatste(self) -> Any:
        assert self.antwoord is not None, "er is nog niets gevraagd"
        return answer_of(self.antwoord)


def verzoek_voor(
    code: str,
    schooljaar: str,
    soort: type[LeerlinggegevensVerzoek] = LeerlinggegevensVerzoek,
    **velden: Any,
) -> Any:
    velden.setdefault("xsdversie", "2.2")
    return soort(schooljaar=schooljaar, brincode=code[:4], dependancecode=code[4:], **velden)


def resultaten_voor(wereld: Wereld, code: str, items: list[tuple[str, str, int, str]]) -> Any:
    """A leerresultaten_verzoek for ``code``: (resultaat key, leerling naam, score, toetscode)."""
    school = wereld.school(code)
    afnames = [
        Toetsafname(
            leerlingid=str(wereld.leerling(naam).key),
            resultaten=[
                Resultaat(
                    key=key, afnamedatum=dt.date(2026, 11, 2), toetscode=toetscode, score=score
                )
            ],
        )
        for key, naam, score, toetscode in items
    ]
    return LeerresultatenVerzoek(
        school=ResultatenSchool(
            schooljaar=school.schooljaar,
            aanmaakdatum=dt.datetime(2026, 11, 2, 15, 0, tzinfo=dt.UTC),
            brincode=school.fake.brincode,
            dependancecode=school.fake.dependancecode,
            auteur="Boom testcentrum",
            xsdversie="2.2",
        ),
        toetsafnames=afnames,
        toetsen=[TOETSEN[t] for t in sorted({item[3] for item in items})],
    )


# --------------------------------------------------------------------------------------------
# Stel


@given(
    parsers.re(r"de nep-ESIS draait met de nepscholen van seed (?P<seed>\d+): (?P<codes>.+)"),
    target_fixture="wereld",
)
def wereld_fixture(
    mock_esis_factory: Callable[..., MockEsisHandle], seed: str, codes: str
) -> Wereld:
    wanted = re.findall(r'"([^"]+)"', codes)
    esis = mock_esis_factory(
        seed=int(seed), schools=len(wanted), students_per_group=LEERLINGEN_PER_GROEP
    )
    assert [s.code for s in esis.schools] == wanted
    assert all(s.autorisatiesleutel is None for s in esis.schools), "nog geen enkele koppeling"
    return Wereld(esis=esis)


@given(step('school "{code}" heet "{naam}"'))
def _(wereld: Wereld, code: str, naam: str) -> None:
    assert wereld.school(code).naam == naam


@given(
    step(
        '"{gebruiker}" activeert voor "{code}" de koppeling "Boom testcentrum" met verificatiecode "{verificatiecode}"'
    )
)
def _(wereld: Wereld, gebruiker: str, code: str, verificatiecode: str) -> None:
    activeer(wereld, gebruiker, code, verificatiecode)


@given(
    step(
        '"{gebruiker}" activeert voor "{code}" de koppeling "Boom testcentrum" opnieuw met verificatiecode "{verificatiecode}"'
    )
)
def _(wereld: Wereld, gebruiker: str, code: str, verificatiecode: str) -> None:
    vorige = wereld.sleutels[code]
    activeer(wereld, gebruiker, code, verificatiecode)
    wereld.vorige_sleutels[code] = vorige
    assert wereld.sleutels[code] != vorige


def activeer(wereld: Wereld, gebruiker: str, code: str, verificatiecode: str) -> None:
    school = wereld.school(code)
    rollen = {g.rol for g in school.fake.gebruikers if g.gebruikersnaam == gebruiker}
    assert rollen & MAG_ACTIVEREN, f"{gebruiker} mag de koppeling van {code} niet activeren"
    assert verificatiecode.startswith(code)
    state = wereld.esis.app.state
    wereld.sleutels[code] = state.activate(school, verificatiecode=verificatiecode, door=gebruiker)


@given(step('"{gebruiker}" zet voor "{code}" de koppeling "Boom testcentrum" uit'))
def _(wereld: Wereld, gebruiker: str, code: str) -> None:
    school = wereld.school(code)
    assert any(g.gebruikersnaam == gebruiker for g in school.fake.gebruikers)
    wereld.esis.app.state.deactivate(school)


@given(step('in ESIS staat leerling "{naam}" van "{code}" in geen enkele groep'))
def _(wereld: Wereld, naam: str, code: str) -> None:
    leerling = wereld.leerling(naam)
    assert leerling in wereld.school(code).fake.ongegroepeerde_leerlingen
    assert leerling.groep is None and not leerling.samengestelde_groepen


@given(step('in ESIS staat leerkracht "{naam}" van "{code}" bij geen enkele groep'))
def _(wereld: Wereld, naam: str, code: str) -> None:
    zonder = wereld.school(code).fake.ongegroepeerde_leerkrachten
    assert any(naam_van(t) == naam and not t.groepen for t in zonder)


# --------------------------------------------------------------------------------------------
# Als


@when(
    step(
        'Boom testcentrum de leerlinggegevens van "{code}" voor schooljaar "{jaar}" opvraagt met de sleutel van "{van}"'
    )
)
def _(wereld: Wereld, code: str, jaar: str, van: str) -> None:
    wereld.roep("HaalLeerlinggegevens", verzoek_voor(code, jaar), wereld.sleutels[van])


@when(
    step(
        'Boom testcentrum de leerlinggegevens van "{code}" voor schooljaar "{jaar}" opvraagt met de vorige sleutel van "{van}"'
    )
)
def _(wereld: Wereld, code: str, jaar: str, van: str) -> None:
    wereld.roep("HaalLeerlinggegevens", verzoek_voor(code, jaar), wereld.vorige_sleutels[van])


@when(
    step(
        'Boom testcentrum de leerlinggegevens van "{code}" voor schooljaar "{jaar}" opvraagt met sleutel "{sleutel}"'
    )
)
def _(wereld: Wereld, code: str, jaar: str, sleutel: str) -> None:
    wereld.roep("HaalLeerlinggegevens", verzoek_voor(code, jaar), sleutel)


@when(
    step(
        'Boom testcentrum de leerlinggegevens van "{code}" voor schooljaar "{jaar}" opvraagt met laatst ontvangen gegevens "{moment}"'
    )
)
def _(wereld: Wereld, code: str, jaar: str, moment: str) -> None:
    since = dt.datetime.fromisoformat(moment)
    message = verzoek_voor(code, jaar, laatstontvangengegevens=since)
    wereld.roep("HaalLeerlinggegevens", message, wereld.sleutels[code])


@when(
    step(
        'Boom testcentrum de leerlinggegevens van "{code}" voor schooljaar "{jaar}" opvraagt in xsdversie "{versie}"'
    )
)
def _(wereld: Wereld, code: str, jaar: str, versie: str) -> None:
    message = verzoek_voor(code, jaar, xsdversie=versie)
    wereld.roep("HaalLeerlinggegevens", message, wereld.sleutels[code])


@when(
    step(
        '"{klantnaam}" met klantcode "{klantcode}" de leerlinggegevens van "{code}" voor schooljaar "{jaar}" opvraagt met de sleutel van "{van}"'
    )
)
def _(wereld: Wereld, klantnaam: str, klantcode: str, code: str, jaar: str, van: str) -> None:
    message = verzoek_voor(code, jaar)
    wereld.roep(
        "HaalLeerlinggegevens",
        message,
        wereld.sleutels[van],
        klantnaam=klantnaam,
        klantcode=klantcode,
    )


@when(
    step(
        '"{klantnaam}" met klantcode "{klantcode}" de leerlinggegevens van "{code}" voor schooljaar "{jaar}" opvraagt met sleutel "{sleutel}"'
    )
)
def _(wereld: Wereld, klantnaam: str, klantcode: str, code: str, jaar: str, sleutel: str) -> None:
    message = verzoek_voor(code, jaar)
    wereld.roep("HaalLeerlinggegevens", message, sleutel, klantnaam=klantnaam, klantcode=klantcode)


@when(step('Boom testcentrum de groepen van "{code}" opvraagt met sleutel "{sleutel}"'))
def _(wereld: Wereld, code: str, sleutel: str) -> None:
    message = verzoek_voor(code, wereld.school(code).schooljaar, StructuurVerzoek)
    wereld.roep("HaalStructuur", message, sleutel)


@when(
    step(
        'Boom testcentrum daarna getrapt de groepen van "{code}" opvraagt, en dan de leerlingen en leerkrachten van al die groepen'
    )
)
def _(wereld: Wereld, code: str) -> None:
    wereld.alles = wereld.laatste().gegevens
    sleutel = wereld.sleutels[code]
    jaar = wereld.school(code).schooljaar
    wereld.roep("HaalStructuur", verzoek_voor(code, jaar, StructuurVerzoek), sleutel)
    structuur = wereld.laatste()
    refs = [GroepRef(soort="groep", key=g.key) for g in structuur.groepen] + [
        GroepRef(soort="samengestelde_groep", key=g.key) for g in structuur.samengestelde_groepen
    ]
    wereld.roep(
        "HaalLeerlingen", verzoek_voor(code, jaar, LeerlingenVerzoek, groepen=refs), sleutel
    )
    leerlingen = wereld.laatste()
    wereld.roep(
        "HaalLeerkrachten", verzoek_voor(code, jaar, LeerkrachtenVerzoek, groepen=refs), sleutel
    )
    leerkrachten = wereld.laatste()
    wereld.getrapt = {
        "structuur": structuur,
        "leerlingen": leerlingen.leerlingen,
        "leerkrachten": leerkrachten.leerkrachten,
    }


@when(step('Boom testcentrum getrapt de leerlingen van "{code}" zonder groep opvraagt'))
def _(wereld: Wereld, code: str) -> None:
    jaar = wereld.school(code).schooljaar
    message = verzoek_voor(code, jaar, LeerlingenVerzoek, groepen=[GroepRef(soort="groep")])
    wereld.roep("HaalLeerlingen", message, wereld.sleutels[code])


@when(
    step(
        'Boom testcentrum voor "{code}" score {score:d} op toets "{toets}" van leerling "{naam}" brengt met sleutel "{sleutel}"'
    )
)
def _(wereld: Wereld, code: str, score: str, toets: str, naam: str, sleutel: str) -> None:
    message = resultaten_voor(wereld, code, [("BOOM-2026-0999", naam, int(score), toets)])
    wereld.roep("BrengLeerresultaten", message, sleutel)


@when(
    step(
        'Boom testcentrum voor "{code}" score {score:d} op toets "{toets}" van leerling "{naam}" brengt als resultaat "{key}"'
    )
)
def _(wereld: Wereld, code: str, score: str, toets: str, naam: str, key: str) -> None:
    message = resultaten_voor(wereld, code, [(key, naam, int(score), toets)])
    wereld.roep("BrengLeerresultaten", message, wereld.sleutels[code])


@when(
    step(
        'Boom testcentrum voor "{code}" in één bericht score {a:d} van leerling "{x}" en score {b:d} van leerling "{y}" brengt'
    )
)
def _(wereld: Wereld, code: str, a: str, x: str, b: str, y: str) -> None:
    items = [
        ("BOOM-2026-0101", x, int(a), "BOOM-REK-M5"),
        ("BOOM-2026-0102", y, int(b), "BOOM-REK-M5"),
    ]
    wereld.roep("BrengLeerresultaten", resultaten_voor(wereld, code, items), wereld.sleutels[code])


# --------------------------------------------------------------------------------------------
# Dan


@then(step('antwoordt de nep-ESIS met de leerlinggegevens van "{naam}"'))
def _(wereld: Wereld, naam: str) -> None:
    gegevens = wereld.laatste().gegevens
    assert gegevens is not None
    school = wereld.school(gegevens.school.brincode + (gegevens.school.dependancecode or "00"))
    assert school.naam == naam
    assert gegevens.leerlingen


@then(step('is de sleutel van "{a}" een andere dan die van "{b}"'))
def _(wereld: Wereld, a: str, b: str) -> None:
    assert wereld.sleutels[a] != wereld.sleutels[b]


@then(step('weigert de nep-ESIS het verzoek met SOAP-fout "{code}"'))
def _(wereld: Wereld, code: str) -> None:
    assert wereld.antwoord is not None
    assert fault_of(wereld.antwoord).code is FaultCode(code)


@then("staat geen sleutel in de foutmelding")
def _(wereld: Wereld) -> None:
    assert wereld.antwoord is not None
    sleutels = {*wereld.sleutels.values(), *wereld.vorige_sleutels.values()}
    for sleutel in sleutels | wereld.gebruikte_sleutels:
        assert sleutel not in wereld.antwoord.text


@then(step('antwoordt de nep-ESIS met "{status}"'))
def _(wereld: Wereld, status: str) -> None:
    antwoord = wereld.laatste()
    assert antwoord.status is GegevensStatus(status)
    assert antwoord.gegevens is None


@then(step("bevestigt de nep-ESIS de ontvangst"))
def _(wereld: Wereld) -> None:
    assert isinstance(wereld.laatste(), LeerresultatenBevestiging)


@then(step('heeft de nep-ESIS voor "{code}" geen resultaten ontvangen'))
def _(wereld: Wereld, code: str) -> None:
    assert wereld.school(code).resultaten == {}


@then(
    step(
        'heeft de nep-ESIS voor "{code}" {n:d} resultaat ontvangen: score {score:d} van leerling "{naam}"'
    )
)
def _(wereld: Wereld, code: str, n: str, score: str, naam: str) -> None:
    ontvangen = list(wereld.school(code).resultaten.values())
    assert len(ontvangen) == int(n)
    assert [(r.leerlingid, r.score) for r in ontvangen] == [(wereld.leerling(naam).key, int(score))]


@then(
    step(
        "bevat het antwoord {groepen:d} groepen, {samengesteld:d} samengestelde groepen, "
        "{leerlingen:d} leerlingen en {leerkrachten:d} leerkrachten"
    )
)
def _(wereld: Wereld, groepen: str, samengesteld: str, leerlingen: str, leerkrachten: str) -> None:
    gegevens = wereld.laatste().gegevens
    assert gegevens is not None
    counts = (
        len(gegevens.groepen),
        len(gegevens.samengestelde_groepen),
        len(gegevens.leerlingen),
        len(gegevens.leerkrachten),
    )
    assert counts == (int(groepen), int(samengesteld), int(leerlingen), int(leerkrachten))


@then(step('zit leerling "{naam}" in het antwoord in "{groep}"'))
def _(wereld: Wereld, naam: str, groep: str) -> None:
    gegevens = wereld.laatste().gegevens
    groepen = {g.key: g.naam for g in gegevens.groepen}
    gevonden = [p for p in gegevens.leerlingen if naam_van(p) == naam]
    assert len(gevonden) == 1
    assert groepen[gevonden[0].groep] == groep


@then(step('zit leerling "{naam}" niet in het antwoord'))
def _(wereld: Wereld, naam: str) -> None:
    gegevens = wereld.laatste().gegevens
    assert naam not in {naam_van(p) for p in gegevens.leerlingen}
    assert wereld.leerling(naam).key not in {p.key for p in gegevens.leerlingen}


@then(step('zit leerkracht "{naam}" niet in het antwoord'))
def _(wereld: Wereld, naam: str) -> None:
    gegevens = wereld.laatste().gegevens
    assert naam not in {naam_van(t) for t in gegevens.leerkrachten}


@then("zit elke geleverde leerling en leerkracht in een geleverde groep")
def _(wereld: Wereld) -> None:
    gegevens = wereld.laatste().gegevens
    groepen = {g.key for g in gegevens.groepen} | {g.key for g in gegevens.samengestelde_groepen}
    for leerling in gegevens.leerlingen:
        assert leerling.groep in groepen or set(leerling.samengestelde_groepen) & groepen
    for leerkracht in gegevens.leerkrachten:
        assert {g.key for g in leerkracht.groepen} & groepen


def _keys(people: list[Any]) -> list[str]:
    return sorted(str(p.key) for p in people)


@then("levert getrapt opvragen dezelfde groepen, leerlingen en leerkrachten als alles in één keer")
def _(wereld: Wereld) -> None:
    alles, getrapt = wereld.alles, wereld.getrapt
    assert alles is not None and getrapt
    assert getrapt["structuur"].groepen == alles.groepen
    assert getrapt["structuur"].samengestelde_groepen == alles.samengestelde_groepen
    assert _keys(getrapt["leerlingen"]) == _keys(alles.leerlingen)
    assert _keys(getrapt["leerkrachten"]) == _keys(alles.leerkrachten)
    assert sorted(getrapt["leerlingen"], key=lambda p: p.key) == sorted(
        alles.leerlingen, key=lambda p: p.key
    )


@then(step('zit leerling "{naam}" niet in het getrapte antwoord'))
def _(wereld: Wereld, naam: str) -> None:
    assert naam not in {naam_van(p) for p in wereld.getrapt["leerlingen"]}


@then(step('bevat het antwoord alleen leerling "{naam}"'))
def _(wereld: Wereld, naam: str) -> None:
    assert [naam_van(p) for p in wereld.laatste().leerlingen] == [naam]


@then("heeft elke groep, leerling en leerkracht in het antwoord een mutatiedatum")
def _(wereld: Wereld) -> None:
    gegevens = wereld.laatste().gegevens
    records = [
        *gegevens.groepen,
        *gegevens.samengestelde_groepen,
        *gegevens.leerlingen,
        *gegevens.leerkrachten,
    ]
    assert records and all(r.mutatiedatum is not None for r in records)


@then(step('heeft leerling "{naam}" in het antwoord {eckid}'))
def _(wereld: Wereld, naam: str, eckid: str) -> None:
    gegevens = wereld.laatste().gegevens
    (leerling,) = [p for p in gegevens.leerlingen if naam_van(p) == naam]
    if eckid == "geen ECK-iD":
        assert leerling.eckid is None
        assert wereld.antwoord is not None and b"eckid" not in wereld.antwoord.content
    else:
        assert eckid == "een ECK-iD"
        assert leerling.eckid == wereld.leerling(naam).eckid is not None
