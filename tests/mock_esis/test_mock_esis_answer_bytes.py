"""The mock's answer writer gives the bytes uwlr.build + to_bytes give, and refuses what they refuse."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from mock_esis.soap.answer_bytes import answer_bytes, writes
from mock_esis.soap.answers import (
    answer_leerkrachten,
    answer_leerlingen,
    answer_leerlinggegevens,
    answer_structuur,
)
from mock_esis.state.model import MockState, SchoolState
from uwlr.build import build
from uwlr.envelope import build_envelope, to_bytes
from uwlr.fake import generate_schools
from uwlr.models import (
    GegevensStatus,
    GroepRef,
    Leerkracht,
    LeerkrachtenAntwoord,
    LeerkrachtenVerzoek,
    LeerkrachtGroep,
    Leerling,
    LeerlingenAntwoord,
    LeerlingenVerzoek,
    Leerlinggegevens,
    LeerlinggegevensAntwoord,
    LeerlinggegevensVerzoek,
    LeerresultatenBevestiging,
    School,
    StructuurAntwoord,
    StructuurVerzoek,
)

NOW = dt.datetime(2026, 12, 6, 20, 1, 2, 345678, tzinfo=dt.UTC)


def _reference(message: Any) -> bytes:
    return to_bytes(build_envelope(build(message)))


def _school(seed: int, **kwargs: Any) -> SchoolState:
    state = MockState()
    return state.add_school(generate_schools(seed, 1, **kwargs)[0])


def _answers(school: SchoolState, xsdversie: str) -> list[Any]:
    jaar = school.schooljaar
    brin = school.fake.brincode
    groepen = [GroepRef(soort="groep", key=g.key) for g in school.gegevens(jaar).groepen]  # type: ignore[union-attr]
    samengesteld = [
        GroepRef(soort="samengestelde_groep", key=g.key)
        for g in school.gegevens(jaar).samengestelde_groepen  # type: ignore[union-attr]
    ]
    refs = [*groepen, *samengesteld, GroepRef(soort="groep", key=None)]
    basis: dict[str, Any] = {"schooljaar": jaar, "brincode": brin, "xsdversie": xsdversie}
    return [
        answer_leerlinggegevens(school, LeerlinggegevensVerzoek(**basis), NOW),
        answer_structuur(school, StructuurVerzoek(**basis), NOW),
        answer_leerlingen(school, LeerlingenVerzoek(**basis, groepen=refs), NOW),
        answer_leerkrachten(school, LeerkrachtenVerzoek(**basis, groepen=refs), NOW),
        answer_leerlingen(school, LeerlingenVerzoek(**basis, groepen=refs[:1]), NOW),
    ]


@pytest.mark.parametrize("seed", [1, 2, 7])
@pytest.mark.parametrize("xsdversie", ["2.1", "2.2", "2.3"])
def test_generated_answers_are_byte_identical_to_uwlr_build(seed: int, xsdversie: str) -> None:
    school = _school(seed, students_per_group=4)
    for message in _answers(school, xsdversie):
        assert writes(message)
        assert answer_bytes(message) == _reference(message), type(message).__name__


@pytest.mark.parametrize(
    "message",
    [
        LeerlinggegevensAntwoord(status=GegevensStatus.GEENGEGEVENS),
        LeerlinggegevensAntwoord(status=GegevensStatus.GEENWIJZIGINGEN),
        StructuurAntwoord(status=GegevensStatus.GEENGEGEVENS),
        LeerlingenAntwoord(status=GegevensStatus.GEENWIJZIGINGEN),
        LeerkrachtenAntwoord(status=GegevensStatus.GEENGEGEVENS),
    ],
)
def test_status_answers_are_byte_identical(message: Any) -> None:
    assert answer_bytes(message) == _reference(message)


AWKWARD = [
    "Jan & Piet",
    "<script>",
    "a > b",
    'zei "hallo"',
    "d'Artagnan",
    "regel\nnieuw",
    "tab\there",
    "terug\rloop",
    "Çelik-Öztürk ñ ß",
    "😀 emoji",
    "\x7f\x85",
    "  spaties  ",
]


@pytest.mark.parametrize("value", AWKWARD)
def test_awkward_strings_are_escaped_as_lxml_does(value: str) -> None:
    school = School(
        schooljaar="2026-2027",
        brincode="99ZZ",
        peildatum=dt.date(2026, 10, 1),
        aanmaakdatum=NOW,
        commentaar=value,
    )
    leerling = Leerling(
        key=f"K{value}",
        eckid=value,
        achternaam=value,
        voorvoegsel=value,
        voornamen=value,
        voorletters=value,
        roepnaam=value,
        geboortedatum=dt.date(2018, 2, 3),
        geslacht=2,
        jaargroep=value,
        groep=value,
        samengestelde_groepen=[value],
        gebruikersnaam=value,
        emailadres=value,
        mutatiedatum=NOW,
    )
    leerkracht = Leerkracht(
        key=value,
        achternaam=value,
        rollen=[value, "IB"],
        groepen=[LeerkrachtGroep(soort="samengestelde_groep", key=value)],
    )
    gegevens = Leerlinggegevens(school=school, leerlingen=[leerling], leerkrachten=[leerkracht])
    for message in (
        LeerlinggegevensAntwoord(gegevens=gegevens),
        LeerlingenAntwoord(school=school, leerlingen=[leerling]),
        LeerkrachtenAntwoord(school=school, leerkrachten=[leerkracht]),
    ):
        assert answer_bytes(message) == _reference(message)


def _one_pupil(**changes: Any) -> LeerlinggegevensAntwoord:
    school = School(schooljaar="2026-2027", brincode="99ZZ", aanmaakdatum=NOW)
    leerling = dataclasses.replace(Leerling(key="1", achternaam="Jansen"), **changes)
    return LeerlinggegevensAntwoord(gegevens=Leerlinggegevens(school=school, leerlingen=[leerling]))


@pytest.mark.parametrize(
    "message",
    [
        _one_pupil(achternaam=""),
        _one_pupil(key=None),
        _one_pupil(key=""),
        _one_pupil(achternaam=None),
        _one_pupil(achternaam=None, roepnaam="Bo", voornamen="Bo"),
        _one_pupil(achternaam="nul\x00byte"),
        _one_pupil(roepnaam="bel\x07"),
        _one_pupil(emailadres="\ufffe"),
        LeerlinggegevensAntwoord(status=GegevensStatus.GEGEVENS),
        LeerlingenAntwoord(status=GegevensStatus.GEGEVENS),
        LeerlingenAntwoord(
            status=GegevensStatus.GEENGEGEVENS, school=School(schooljaar="2026-2027")
        ),
    ],
)
def test_what_uwlr_build_refuses_the_writer_refuses_with_the_same_text(message: Any) -> None:
    with pytest.raises(ValueError) as reference:
        _reference(message)
    with pytest.raises(ValueError) as written:
        answer_bytes(message)
    assert str(written.value)[:40] == str(reference.value)[:40]


def test_other_messages_are_not_written() -> None:
    assert not writes(LeerresultatenBevestiging())
    with pytest.raises(TypeError):
        answer_bytes(LeerresultatenBevestiging())
