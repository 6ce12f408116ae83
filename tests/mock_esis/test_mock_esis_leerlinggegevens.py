"""HaalLeerlinggegevens and the getrapt operations against a running mock ESIS, over real HTTP.

Covers: the all-in-one answer equals the seeded school's grouped data (H-P-07: nobody without a
group), geengegevens / geenwijzigingen, mutatiedatum on every record, the getrapt split, and the
eckids per xsdversie. Every answer is checked against our contract and the official schemas.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from mock_esis_testkit import answer_of, assert_valid_answer, later, verzoek, without_aanmaakdatum

from mock_esis.state.model import SchoolState
from mock_esis.testing.handle import MockEsisHandle, SchoolInfo
from uwlr.models import (
    GegevensStatus,
    Groep,
    GroepRef,
    Leerkracht,
    LeerkrachtenAntwoord,
    Leerling,
    LeerlingenAntwoord,
    Leerlinggegevens,
    LeerlinggegevensAntwoord,
    SamengesteldeGroep,
    StructuurAntwoord,
)


def seeded(esis: MockEsisHandle, school: SchoolInfo) -> SchoolState:
    return esis.app.state.schools[school.code]


def by_key(people: list[Any]) -> list[Any]:
    return sorted(people, key=lambda p: p.key or p.eckid or "")


def alles_in_een(esis: MockEsisHandle, school: SchoolInfo, **fields: Any) -> Leerlinggegevens:
    antwoord = answer_of(esis.call("HaalLeerlinggegevens", verzoek(school, **fields)))
    assert isinstance(antwoord, LeerlinggegevensAntwoord)
    assert antwoord.status is GegevensStatus.GEGEVENS
    assert antwoord.gegevens is not None
    return antwoord.gegevens


def all_group_refs(gegevens: Leerlinggegevens) -> list[GroepRef]:
    return [GroepRef(soort="groep", key=g.key) for g in gegevens.groepen] + [
        GroepRef(soort="samengestelde_groep", key=g.key) for g in gegevens.samengestelde_groepen
    ]


# --------------------------------------------------------------------------------------------
# All in one


def test_answer_is_200_text_xml_and_valid(esis: MockEsisHandle, school: SchoolInfo) -> None:
    response = esis.call("HaalLeerlinggegevens", verzoek(school))
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/xml; charset=utf-8"
    assert_valid_answer(response)


def test_answer_is_the_seeded_schools_grouped_data(
    esis: MockEsisHandle, school: SchoolInfo
) -> None:
    gegevens = alles_in_een(esis, school)
    expected = seeded(esis, school).fake.leerlinggegevens
    assert gegevens.school.brincode == school.brincode
    assert gegevens.school.dependancecode == school.dependancecode
    assert gegevens.school.schooljaar == school.schooljaar
    assert gegevens.school.xsdversie == "2.2"
    assert gegevens.groepen == expected.groepen
    assert gegevens.samengestelde_groepen == expected.samengestelde_groepen
    assert by_key(gegevens.leerlingen) == by_key(expected.leerlingen)
    assert by_key(gegevens.leerkrachten) == by_key(expected.leerkrachten)


def test_pupils_and_teachers_without_a_group_are_left_out(
    esis: MockEsisHandle, school: SchoolInfo
) -> None:
    """H-P-07: only pupils and teachers of the groups found are in the answer."""
    fake = seeded(esis, school).fake
    assert fake.ongegroepeerde_leerlingen, "the seeded school should have a pupil without a group"
    assert fake.ongegroepeerde_leerkrachten, "the seeded school should have a teacher of no group"
    gegevens = alles_in_een(esis, school)
    sent_pupils = {p.key for p in gegevens.leerlingen}
    sent_teachers = {t.key for t in gegevens.leerkrachten}
    assert not sent_pupils & {p.key for p in fake.ongegroepeerde_leerlingen}
    assert not sent_teachers & {t.key for t in fake.ongegroepeerde_leerkrachten}
    groups = {g.key for g in gegevens.groepen} | {g.key for g in gegevens.samengestelde_groepen}
    for leerling in gegevens.leerlingen:
        assert leerling.groep in groups or set(leerling.samengestelde_groepen) & groups
    for leerkracht in gegevens.leerkrachten:
        assert {g.key for g in leerkracht.groepen} & groups


def test_the_second_school_gets_its_own_data(
    esis: MockEsisHandle, other_school: SchoolInfo
) -> None:
    gegevens = alles_in_een(esis, other_school)
    expected = seeded(esis, other_school).fake.leerlinggegevens
    assert gegevens.school.brincode == other_school.brincode
    assert by_key(gegevens.leerlingen) == by_key(expected.leerlingen)


def test_every_record_carries_a_mutatiedatum(esis: MockEsisHandle, school: SchoolInfo) -> None:
    gegevens = alles_in_een(esis, school)
    records: list[Groep | SamengesteldeGroep | Leerling | Leerkracht] = [
        *gegevens.groepen,
        *gegevens.samengestelde_groepen,
        *gegevens.leerlingen,
        *gegevens.leerkrachten,
    ]
    assert records
    assert all(isinstance(r.mutatiedatum, dt.datetime) for r in records)


def test_unknown_schooljaar_gives_geengegevens(esis: MockEsisHandle, school: SchoolInfo) -> None:
    response = esis.call("HaalLeerlinggegevens", verzoek(school, schooljaar="2019-2020"))
    antwoord = answer_of(response)
    assert antwoord.status is GegevensStatus.GEENGEGEVENS
    assert antwoord.gegevens is None


@pytest.mark.parametrize("operation", ["HaalStructuur", "HaalLeerlingen", "HaalLeerkrachten"])
def test_unknown_schooljaar_gives_geengegevens_getrapt(
    esis: MockEsisHandle, school: SchoolInfo, operation: str
) -> None:
    extra: dict[str, Any] = {}
    if operation != "HaalStructuur":
        extra["groepen"] = [GroepRef(soort="groep", key=None)]
    antwoord = answer_of(
        esis.call(operation, verzoek(school, operation, schooljaar="2019-2020", **extra))
    )
    assert antwoord.status is GegevensStatus.GEENGEGEVENS


def test_laatstontvangengegevens_in_the_future_gives_geenwijzigingen(
    esis: MockEsisHandle, school: SchoolInfo
) -> None:
    request = verzoek(school, laatstontvangengegevens=later(days=1))
    antwoord = answer_of(esis.call("HaalLeerlinggegevens", request))
    assert antwoord.status is GegevensStatus.GEENWIJZIGINGEN
    assert antwoord.gegevens is None


def test_laatstontvangengegevens_in_the_past_gives_data(
    esis: MockEsisHandle, school: SchoolInfo
) -> None:
    since = dt.datetime(2000, 1, 1, 12, 0, tzinfo=dt.UTC)
    gegevens = alles_in_een(esis, school, laatstontvangengegevens=since)
    assert gegevens.leerlingen


def test_geenwijzigingen_exactly_from_the_last_change(
    esis: MockEsisHandle, school: SchoolInfo
) -> None:
    gegevens = alles_in_een(esis, school)
    records: list[Groep | Leerling | Leerkracht] = [
        *gegevens.groepen,
        *gegevens.leerlingen,
        *gegevens.leerkrachten,
    ]
    latest = max(r.mutatiedatum for r in records if r.mutatiedatum is not None)
    at = answer_of(
        esis.call("HaalLeerlinggegevens", verzoek(school, laatstontvangengegevens=latest))
    )
    assert at.status is GegevensStatus.GEENWIJZIGINGEN
    before = verzoek(school, laatstontvangengegevens=latest - dt.timedelta(seconds=1))
    assert answer_of(esis.call("HaalLeerlinggegevens", before)).status is GegevensStatus.GEGEVENS


# --------------------------------------------------------------------------------------------
# xsdversie and eckids


def test_xsdversie_2_1_answers_carry_no_eckids(esis: MockEsisHandle, school: SchoolInfo) -> None:
    response = esis.call("HaalLeerlinggegevens", verzoek(school, xsdversie="2.1"))
    assert_valid_answer(response)
    assert b"eckid" not in response.content
    gegevens = alles_in_een(esis, school, xsdversie="2.1")
    assert gegevens.school.xsdversie == "2.1"
    personen: list[Leerling | Leerkracht] = [*gegevens.leerlingen, *gegevens.leerkrachten]
    assert all(p.eckid is None for p in personen)


@pytest.mark.parametrize("xsdversie", ["2.2", "2.3"])
def test_xsdversie_2_2_and_2_3_answers_carry_eckids(
    esis: MockEsisHandle, school: SchoolInfo, xsdversie: str
) -> None:
    gegevens = alles_in_een(esis, school, xsdversie=xsdversie)
    assert gegevens.school.xsdversie == xsdversie
    expected = {p.key: p.eckid for p in seeded(esis, school).fake.leerlinggegevens.leerlingen}
    assert any(expected.values()), "the seeded pupils should have eckids"
    assert {p.key: p.eckid for p in gegevens.leerlingen} == expected


@pytest.mark.parametrize("operation", ["HaalLeerlingen", "HaalLeerkrachten"])
def test_xsdversie_2_1_getrapt_answers_carry_no_eckids(
    esis: MockEsisHandle, school: SchoolInfo, operation: str
) -> None:
    refs = all_group_refs(seeded(esis, school).fake.leerlinggegevens)
    request = verzoek(school, operation, xsdversie="2.1", groepen=refs)
    response = esis.call(operation, request)
    assert_valid_answer(response)
    assert b"eckid" not in response.content


# --------------------------------------------------------------------------------------------
# Getrapt: the same data, split


def test_structuur_has_the_groups_of_the_all_in_one_answer(
    esis: MockEsisHandle, school: SchoolInfo
) -> None:
    gegevens = alles_in_een(esis, school)
    antwoord = answer_of(esis.call("HaalStructuur", verzoek(school, "HaalStructuur")))
    assert isinstance(antwoord, StructuurAntwoord)
    assert antwoord.status is GegevensStatus.GEGEVENS
    assert antwoord.school is not None and antwoord.school.brincode == school.brincode
    assert antwoord.groepen == gegevens.groepen
    assert antwoord.samengestelde_groepen == gegevens.samengestelde_groepen


def test_leerlingen_of_all_groups_are_the_all_in_one_leerlingen(
    esis: MockEsisHandle, school: SchoolInfo
) -> None:
    gegevens = alles_in_een(esis, school)
    request = verzoek(school, "HaalLeerlingen", groepen=all_group_refs(gegevens))
    antwoord = answer_of(esis.call("HaalLeerlingen", request))
    assert isinstance(antwoord, LeerlingenAntwoord)
    assert by_key(antwoord.leerlingen) == by_key(gegevens.leerlingen)


def test_leerkrachten_of_all_groups_are_the_all_in_one_leerkrachten(
    esis: MockEsisHandle, school: SchoolInfo
) -> None:
    gegevens = alles_in_een(esis, school)
    request = verzoek(school, "HaalLeerkrachten", groepen=all_group_refs(gegevens))
    antwoord = answer_of(esis.call("HaalLeerkrachten", request))
    assert isinstance(antwoord, LeerkrachtenAntwoord)
    assert by_key(antwoord.leerkrachten) == by_key(gegevens.leerkrachten)


def test_leerlingen_of_one_group_are_only_that_groups_pupils(
    esis: MockEsisHandle, school: SchoolInfo
) -> None:
    gegevens = alles_in_een(esis, school)
    groep = gegevens.groepen[0].key
    request = verzoek(school, "HaalLeerlingen", groepen=[GroepRef(soort="groep", key=groep)])
    antwoord = answer_of(esis.call("HaalLeerlingen", request))
    expected = [p for p in gegevens.leerlingen if p.groep == groep]
    assert expected
    assert by_key(antwoord.leerlingen) == by_key(expected)


def test_leerlingen_of_a_samengestelde_groep(esis: MockEsisHandle, school: SchoolInfo) -> None:
    gegevens = alles_in_een(esis, school)
    assert gegevens.samengestelde_groepen, "the seeded school should have a samengestelde groep"
    key = gegevens.samengestelde_groepen[0].key
    ref = GroepRef(soort="samengestelde_groep", key=key)
    antwoord = answer_of(
        esis.call("HaalLeerlingen", verzoek(school, "HaalLeerlingen", groepen=[ref]))
    )
    expected = [p for p in gegevens.leerlingen if key in p.samengestelde_groepen]
    assert by_key(antwoord.leerlingen) == by_key(expected)


def test_keyless_groep_gives_the_pupils_bound_to_no_group(
    esis: MockEsisHandle, school: SchoolInfo
) -> None:
    fake = seeded(esis, school).fake
    everyone: list[Leerling] = [*fake.leerlinggegevens.leerlingen, *fake.ongegroepeerde_leerlingen]
    expected = [p for p in everyone if p.groep is None]
    assert expected
    request = verzoek(school, "HaalLeerlingen", groepen=[GroepRef(soort="groep", key=None)])
    antwoord = answer_of(esis.call("HaalLeerlingen", request))
    assert by_key(antwoord.leerlingen) == by_key(expected)
    assert {p.key for p in fake.ongegroepeerde_leerlingen} <= {p.key for p in antwoord.leerlingen}


def test_keyless_groep_gives_the_teachers_of_no_stamgroep(
    esis: MockEsisHandle, school: SchoolInfo
) -> None:
    fake = seeded(esis, school).fake
    everyone: list[Leerkracht] = [
        *fake.leerlinggegevens.leerkrachten,
        *fake.ongegroepeerde_leerkrachten,
    ]
    expected = [t for t in everyone if not any(g.soort == "groep" for g in t.groepen)]
    request = verzoek(school, "HaalLeerkrachten", groepen=[GroepRef(soort="groep", key=None)])
    antwoord = answer_of(esis.call("HaalLeerkrachten", request))
    assert by_key(antwoord.leerkrachten) == by_key(expected)


def test_answers_differ_only_in_aanmaakdatum(esis: MockEsisHandle, school: SchoolInfo) -> None:
    first = answer_of(esis.call("HaalLeerlinggegevens", verzoek(school)))
    second = answer_of(esis.call("HaalLeerlinggegevens", verzoek(school)))
    assert without_aanmaakdatum(first) == without_aanmaakdatum(second)
