"""Steps of the fake ESIS's UWLR scenarios (``mock_esis_*.feature``): keys, leerlinggegevens, results.

Every scenario starts its own fake ESIS and talks SOAP to it over real HTTP as Boom testcentrum
would; every answer and fault is checked against our contract and the official schemas. Linking
a school goes through ESIS's own activation screen (the ESIS driver), so the screen's rules
decide, not the step.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from pytest_bdd import given, parsers, then, when
from wereld import Wereld
from wereld.soap import naam_van
from wereld.soap_checks import fault_of

from mock_esis.testing.handle import MockEsisHandle
from steps.patronen import stap
from uwlr.faults import FaultCode
from uwlr.models import (
    GegevensStatus,
    GroepRef,
    LeerkrachtenVerzoek,
    LeerlingenVerzoek,
    LeerlinggegevensVerzoek,
    LeerresultatenBevestiging,
    LeerresultatenVerzoek,
    Norm,
    Normering,
    Resultaat,
    ResultatenSchool,
    StructuurVerzoek,
    Toets,
    Toetsafname,
)

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
    school = wereld.soap.school(code)
    afnames = [
        Toetsafname(
            leerlingid=str(wereld.soap.leerling(naam).key),
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


@given(parsers.re(r"de nep-ESIS draait met de nepscholen van seed (?P<seed>\d+): (?P<codes>.+)"))
def _(
    wereld: Wereld, mock_esis_factory: Callable[..., MockEsisHandle], seed: str, codes: str
) -> None:
    wanted = re.findall(r'"([^"]+)"', codes)
    esis = mock_esis_factory(
        seed=int(seed), schools=len(wanted), students_per_group=LEERLINGEN_PER_GROEP
    )
    assert [s.code for s in esis.schools] == wanted
    assert all(s.autorisatiesleutel is None for s in esis.schools), "nog geen enkele koppeling"
    wereld.esis = esis


@given(stap('school "{code}" heet "{naam}"'))
def _(wereld: Wereld, code: str, naam: str) -> None:
    assert wereld.soap.school(code).naam == naam


@given(
    stap(
        '"{gebruiker}" activeert voor "{code}" de koppeling "Boom testcentrum" met verificatiecode "{verificatiecode}"'
    )
)
def _(wereld: Wereld, gebruiker: str, code: str, verificatiecode: str) -> None:
    activeer(wereld, gebruiker, code, verificatiecode)


@given(
    stap(
        '"{gebruiker}" activeert voor "{code}" de koppeling "Boom testcentrum" opnieuw met verificatiecode "{verificatiecode}"'
    )
)
def _(wereld: Wereld, gebruiker: str, code: str, verificatiecode: str) -> None:
    vorige = wereld.soap.sleutels[code]
    activeer(wereld, gebruiker, code, verificatiecode)
    wereld.soap.vorige_sleutels[code] = vorige
    assert wereld.soap.sleutels[code] != vorige


def activeer(wereld: Wereld, gebruiker: str, code: str, verificatiecode: str) -> None:
    """[Activeren] on ESIS's Boom testcentrum koppeling as ``gebruiker``; ESIS shows the key."""
    sleutel = wereld.esis_driver.activeren(code, gebruiker, verificatiecode, akkoord=True)
    wereld.soap.sleutels[code] = sleutel


@given(stap('"{gebruiker}" zet voor "{code}" de koppeling "Boom testcentrum" uit'))
def _(wereld: Wereld, gebruiker: str, code: str) -> None:
    wereld.esis_driver.deactiveren(code, gebruiker)


@given(stap('in ESIS staat leerling "{naam}" van "{code}" in geen enkele groep'))
def _(wereld: Wereld, naam: str, code: str) -> None:
    leerling = wereld.soap.leerling(naam)
    assert leerling in wereld.soap.school(code).fake.ongegroepeerde_leerlingen
    assert leerling.groep is None and not leerling.samengestelde_groepen


@given(stap('in ESIS staat leerkracht "{naam}" van "{code}" bij geen enkele groep'))
def _(wereld: Wereld, naam: str, code: str) -> None:
    zonder = wereld.soap.school(code).fake.ongegroepeerde_leerkrachten
    assert any(naam_van(t) == naam and not t.groepen for t in zonder)


# --------------------------------------------------------------------------------------------
# Als


@when(
    stap(
        'Boom testcentrum de leerlinggegevens van "{code}" voor schooljaar "{jaar}" opvraagt met de sleutel van "{van}"'
    )
)
def _(wereld: Wereld, code: str, jaar: str, van: str) -> None:
    wereld.soap.roep("HaalLeerlinggegevens", verzoek_voor(code, jaar), wereld.soap.sleutels[van])


@when(
    stap(
        'Boom testcentrum de leerlinggegevens van "{code}" voor schooljaar "{jaar}" opvraagt met de vorige sleutel van "{van}"'
    )
)
def _(wereld: Wereld, code: str, jaar: str, van: str) -> None:
    wereld.soap.roep(
        "HaalLeerlinggegevens", verzoek_voor(code, jaar), wereld.soap.vorige_sleutels[van]
    )


@when(
    stap(
        'Boom testcentrum de leerlinggegevens van "{code}" voor schooljaar "{jaar}" opvraagt met sleutel "{sleutel}"'
    )
)
def _(wereld: Wereld, code: str, jaar: str, sleutel: str) -> None:
    wereld.soap.roep("HaalLeerlinggegevens", verzoek_voor(code, jaar), sleutel)


@when(
    stap(
        'Boom testcentrum de leerlinggegevens van "{code}" voor schooljaar "{jaar}" opvraagt met laatst ontvangen gegevens "{moment}"'
    )
)
def _(wereld: Wereld, code: str, jaar: str, moment: str) -> None:
    since = dt.datetime.fromisoformat(moment)
    message = verzoek_voor(code, jaar, laatstontvangengegevens=since)
    wereld.soap.roep("HaalLeerlinggegevens", message, wereld.soap.sleutels[code])


@when(
    stap(
        'Boom testcentrum de leerlinggegevens van "{code}" voor schooljaar "{jaar}" opvraagt in xsdversie "{versie}"'
    )
)
def _(wereld: Wereld, code: str, jaar: str, versie: str) -> None:
    message = verzoek_voor(code, jaar, xsdversie=versie)
    wereld.soap.roep("HaalLeerlinggegevens", message, wereld.soap.sleutels[code])


@when(
    stap(
        '"{klantnaam}" met klantcode "{klantcode}" de leerlinggegevens van "{code}" voor schooljaar "{jaar}" opvraagt met de sleutel van "{van}"'
    )
)
def _(wereld: Wereld, klantnaam: str, klantcode: str, code: str, jaar: str, van: str) -> None:
    message = verzoek_voor(code, jaar)
    wereld.soap.roep(
        "HaalLeerlinggegevens",
        message,
        wereld.soap.sleutels[van],
        klantnaam=klantnaam,
        klantcode=klantcode,
    )


@when(
    stap(
        '"{klantnaam}" met klantcode "{klantcode}" de leerlinggegevens van "{code}" voor schooljaar "{jaar}" opvraagt met sleutel "{sleutel}"'
    )
)
def _(wereld: Wereld, klantnaam: str, klantcode: str, code: str, jaar: str, sleutel: str) -> None:
    message = verzoek_voor(code, jaar)
    wereld.soap.roep(
        "HaalLeerlinggegevens", message, sleutel, klantnaam=klantnaam, klantcode=klantcode
    )


@when(stap('Boom testcentrum de groepen van "{code}" opvraagt met sleutel "{sleutel}"'))
def _(wereld: Wereld, code: str, sleutel: str) -> None:
    message = verzoek_voor(code, wereld.soap.school(code).schooljaar, StructuurVerzoek)
    wereld.soap.roep("HaalStructuur", message, sleutel)


@when(
    stap(
        'Boom testcentrum daarna getrapt de groepen van "{code}" opvraagt, en dan de leerlingen en leerkrachten van al die groepen'
    )
)
def _(wereld: Wereld, code: str) -> None:
    wereld.soap.alles = wereld.soap.laatste().gegevens
    sleutel = wereld.soap.sleutels[code]
    jaar = wereld.soap.school(code).schooljaar
    wereld.soap.roep("HaalStructuur", verzoek_voor(code, jaar, StructuurVerzoek), sleutel)
    structuur = wereld.soap.laatste()
    refs = [GroepRef(soort="groep", key=g.key) for g in structuur.groepen] + [
        GroepRef(soort="samengestelde_groep", key=g.key) for g in structuur.samengestelde_groepen
    ]
    wereld.soap.roep(
        "HaalLeerlingen", verzoek_voor(code, jaar, LeerlingenVerzoek, groepen=refs), sleutel
    )
    leerlingen = wereld.soap.laatste()
    wereld.soap.roep(
        "HaalLeerkrachten", verzoek_voor(code, jaar, LeerkrachtenVerzoek, groepen=refs), sleutel
    )
    leerkrachten = wereld.soap.laatste()
    wereld.soap.getrapt = {
        "structuur": structuur,
        "leerlingen": leerlingen.leerlingen,
        "leerkrachten": leerkrachten.leerkrachten,
    }


@when(stap('Boom testcentrum getrapt de leerlingen van "{code}" zonder groep opvraagt'))
def _(wereld: Wereld, code: str) -> None:
    jaar = wereld.soap.school(code).schooljaar
    message = verzoek_voor(code, jaar, LeerlingenVerzoek, groepen=[GroepRef(soort="groep")])
    wereld.soap.roep("HaalLeerlingen", message, wereld.soap.sleutels[code])


@when(
    stap(
        'Boom testcentrum voor "{code}" score {score:d} op toets "{toets}" van leerling "{naam}" brengt met sleutel "{sleutel}"'
    )
)
def _(wereld: Wereld, code: str, score: str, toets: str, naam: str, sleutel: str) -> None:
    message = resultaten_voor(wereld, code, [("BOOM-2026-0999", naam, int(score), toets)])
    wereld.soap.roep("BrengLeerresultaten", message, sleutel)


@when(
    stap(
        'Boom testcentrum voor "{code}" score {score:d} op toets "{toets}" van leerling "{naam}" brengt als resultaat "{key}"'
    )
)
def _(wereld: Wereld, code: str, score: str, toets: str, naam: str, key: str) -> None:
    message = resultaten_voor(wereld, code, [(key, naam, int(score), toets)])
    wereld.soap.roep("BrengLeerresultaten", message, wereld.soap.sleutels[code])


@when(
    stap(
        'Boom testcentrum voor "{code}" in één bericht score {a:d} van leerling "{x}" en score {b:d} van leerling "{y}" brengt'
    )
)
def _(wereld: Wereld, code: str, a: str, x: str, b: str, y: str) -> None:
    items = [
        ("BOOM-2026-0101", x, int(a), "BOOM-REK-M5"),
        ("BOOM-2026-0102", y, int(b), "BOOM-REK-M5"),
    ]
    wereld.soap.roep(
        "BrengLeerresultaten", resultaten_voor(wereld, code, items), wereld.soap.sleutels[code]
    )


# --------------------------------------------------------------------------------------------
# Dan


@then(stap('antwoordt de nep-ESIS met de leerlinggegevens van "{naam}"'))
def _(wereld: Wereld, naam: str) -> None:
    gegevens = wereld.soap.laatste().gegevens
    assert gegevens is not None
    school = wereld.soap.school(gegevens.school.brincode + (gegevens.school.dependancecode or "00"))
    assert school.naam == naam
    assert gegevens.leerlingen


@then(stap('is de sleutel van "{a}" een andere dan die van "{b}"'))
def _(wereld: Wereld, a: str, b: str) -> None:
    assert wereld.soap.sleutels[a] != wereld.soap.sleutels[b]


@then(stap('weigert de nep-ESIS het verzoek met SOAP-fout "{code}"'))
def _(wereld: Wereld, code: str) -> None:
    assert wereld.soap.antwoord is not None
    assert fault_of(wereld.soap.antwoord).code is FaultCode(code)


@then("staat geen sleutel in de foutmelding")
def _(wereld: Wereld) -> None:
    assert wereld.soap.antwoord is not None
    sleutels = {*wereld.soap.sleutels.values(), *wereld.soap.vorige_sleutels.values()}
    for sleutel in sleutels | wereld.soap.gebruikte_sleutels:
        assert sleutel not in wereld.soap.antwoord.text


@then(stap('antwoordt de nep-ESIS met "{status}"'))
def _(wereld: Wereld, status: str) -> None:
    antwoord = wereld.soap.laatste()
    assert antwoord.status is GegevensStatus(status)
    assert antwoord.gegevens is None


@then(stap("bevestigt de nep-ESIS de ontvangst"))
def _(wereld: Wereld) -> None:
    assert isinstance(wereld.soap.laatste(), LeerresultatenBevestiging)


@then(stap('heeft de nep-ESIS voor "{code}" geen resultaten ontvangen'))
def _(wereld: Wereld, code: str) -> None:
    assert wereld.soap.school(code).resultaten == {}


@then(
    stap(
        'heeft de nep-ESIS voor "{code}" {n:d} resultaat ontvangen: score {score:d} van leerling "{naam}"'
    )
)
def _(wereld: Wereld, code: str, n: str, score: str, naam: str) -> None:
    ontvangen = list(wereld.soap.school(code).resultaten.values())
    assert len(ontvangen) == int(n)
    assert [(r.leerlingid, r.score) for r in ontvangen] == [
        (wereld.soap.leerling(naam).key, int(score))
    ]


@then(
    stap(
        "bevat het antwoord {groepen:d} groepen, {samengesteld:d} samengestelde groepen, "
        "{leerlingen:d} leerlingen en {leerkrachten:d} leerkrachten"
    )
)
def _(wereld: Wereld, groepen: str, samengesteld: str, leerlingen: str, leerkrachten: str) -> None:
    gegevens = wereld.soap.laatste().gegevens
    assert gegevens is not None
    counts = (
        len(gegevens.groepen),
        len(gegevens.samengestelde_groepen),
        len(gegevens.leerlingen),
        len(gegevens.leerkrachten),
    )
    assert counts == (int(groepen), int(samengesteld), int(leerlingen), int(leerkrachten))


@then(stap('zit leerling "{naam}" in het antwoord in "{groep}"'))
def _(wereld: Wereld, naam: str, groep: str) -> None:
    gegevens = wereld.soap.laatste().gegevens
    groepen = {g.key: g.naam for g in gegevens.groepen}
    gevonden = [p for p in gegevens.leerlingen if naam_van(p) == naam]
    assert len(gevonden) == 1
    assert groepen[gevonden[0].groep] == groep


@then(stap('zit leerling "{naam}" niet in het antwoord'))
def _(wereld: Wereld, naam: str) -> None:
    gegevens = wereld.soap.laatste().gegevens
    assert naam not in {naam_van(p) for p in gegevens.leerlingen}
    assert wereld.soap.leerling(naam).key not in {p.key for p in gegevens.leerlingen}


@then(stap('zit leerkracht "{naam}" niet in het antwoord'))
def _(wereld: Wereld, naam: str) -> None:
    gegevens = wereld.soap.laatste().gegevens
    assert naam not in {naam_van(t) for t in gegevens.leerkrachten}


@then("zit elke geleverde leerling en leerkracht in een geleverde groep")
def _(wereld: Wereld) -> None:
    gegevens = wereld.soap.laatste().gegevens
    groepen = {g.key for g in gegevens.groepen} | {g.key for g in gegevens.samengestelde_groepen}
    for leerling in gegevens.leerlingen:
        assert leerling.groep in groepen or set(leerling.samengestelde_groepen) & groepen
    for leerkracht in gegevens.leerkrachten:
        assert {g.key for g in leerkracht.groepen} & groepen


def _keys(people: list[Any]) -> list[str]:
    return sorted(str(p.key) for p in people)


@then("levert getrapt opvragen dezelfde groepen, leerlingen en leerkrachten als alles in één keer")
def _(wereld: Wereld) -> None:
    alles, getrapt = wereld.soap.alles, wereld.soap.getrapt
    assert alles is not None and getrapt
    assert getrapt["structuur"].groepen == alles.groepen
    assert getrapt["structuur"].samengestelde_groepen == alles.samengestelde_groepen
    assert _keys(getrapt["leerlingen"]) == _keys(alles.leerlingen)
    assert _keys(getrapt["leerkrachten"]) == _keys(alles.leerkrachten)
    assert sorted(getrapt["leerlingen"], key=lambda p: p.key or "") == sorted(
        alles.leerlingen, key=lambda p: p.key or ""
    )


@then(stap('zit leerling "{naam}" niet in het getrapte antwoord'))
def _(wereld: Wereld, naam: str) -> None:
    assert naam not in {naam_van(p) for p in wereld.soap.getrapt["leerlingen"]}


@then(stap('bevat het antwoord alleen leerling "{naam}"'))
def _(wereld: Wereld, naam: str) -> None:
    assert [naam_van(p) for p in wereld.soap.laatste().leerlingen] == [naam]


@then("heeft elke groep, leerling en leerkracht in het antwoord een mutatiedatum")
def _(wereld: Wereld) -> None:
    gegevens = wereld.soap.laatste().gegevens
    records = [
        *gegevens.groepen,
        *gegevens.samengestelde_groepen,
        *gegevens.leerlingen,
        *gegevens.leerkrachten,
    ]
    assert records and all(r.mutatiedatum is not None for r in records)


@then(stap('heeft leerling "{naam}" in het antwoord {eckid}'))
def _(wereld: Wereld, naam: str, eckid: str) -> None:
    gegevens = wereld.soap.laatste().gegevens
    (leerling,) = [p for p in gegevens.leerlingen if naam_van(p) == naam]
    if eckid == "geen ECK-iD":
        assert leerling.eckid is None
        assert wereld.soap.antwoord is not None and b"eckid" not in wereld.soap.antwoord.content
    else:
        assert eckid == "een ECK-iD"
        assert leerling.eckid == wereld.soap.leerling(naam).eckid is not None
