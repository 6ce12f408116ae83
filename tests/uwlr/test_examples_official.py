"""uwlr.examples: every example message is valid for our contract AND the official 2.2 schemas.

The differential test builds every KIND for seeds 1..20 and both xsdversies in-process, serializes
it the way ``uwlr example`` prints it, parses it back with the hardened parser and asks both schema
sets. The other tests pin down what the examples contain, so the differential test is not vacuous.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Required, TypedDict

import pytest
from lxml import etree

from uwlr import examples
from uwlr.envelope import parse_envelope
from uwlr.fake import FakeSchool, generate_school
from uwlr.models import (
    LeerkrachtenAntwoord,
    LeerkrachtenVerzoek,
    LeerlingenAntwoord,
    LeerlingenVerzoek,
    LeerlinggegevensAntwoord,
    LeerlinggegevensVerzoek,
    LeerresultatenVerzoek,
    StructuurAntwoord,
)
from uwlr.namespaces import LG, LR, SOAP_ENV
from uwlr.official import OfficialSchemas, OfficialSchemasMissing, official_schemas
from uwlr.parse import parse_autorisatie_with_warnings, parse_with_warnings
from uwlr.safexml import parse_xml
from uwlr.validate import validate

SEEDS = range(1, 21)
REQUIRED_KINDS = {
    "leerlinggegevens-verzoek",
    "leerlinggegevens-antwoord",
    "structuur-antwoord",
    "leerlingen-antwoord",
    "leerkrachten-antwoord",
    "leerresultaten-verzoek",
}


@pytest.fixture(scope="module")
def official() -> OfficialSchemas:
    try:
        return official_schemas()
    except OfficialSchemasMissing as exc:
        pytest.skip(str(exc))


def _roundtrip(kind: str, school: FakeSchool, xsdversie: str) -> etree._Element:
    return parse_xml(examples.render(examples.example_envelope(kind, school, xsdversie=xsdversie)))


@pytest.mark.official
def test_every_example_is_valid_for_both_schema_sets(official: OfficialSchemas) -> None:
    start = time.perf_counter()
    failures: list[str] = []
    checked = 0
    for seed in SEEDS:
        school = examples.example_school(seed)
        for xsdversie in examples.XSDVERSIES:
            for kind in examples.KINDS:
                root = _roundtrip(kind, school, xsdversie)
                ours = [str(issue) for issue in validate(root)]
                theirs = official.errors(root)
                if ours or theirs:
                    failures.append(f"{kind} seed={seed} xsdversie={xsdversie}: {ours + theirs}")
                checked += 1
    elapsed = time.perf_counter() - start
    assert not failures, "\n".join(failures[:10])
    assert checked == len(SEEDS) * len(examples.XSDVERSIES) * len(examples.KINDS)
    print(f"{checked} voorbeeldberichten in {elapsed:.2f} s tegen beide schema's gevalideerd")


def test_every_required_kind_is_there() -> None:
    assert REQUIRED_KINDS <= set(examples.KINDS)
    assert set(examples.XSDVERSIES) == {"2.2", "2.3"}
    assert examples.DEFAULT_STUDENTS <= 5


@pytest.mark.parametrize("kind", examples.KINDS)
def test_requests_carry_a_fake_header_and_answers_none(kind: str) -> None:
    envelope = parse_envelope(_roundtrip(kind, examples.example_school(1), "2.3"))
    assert envelope.root.tag == f"{{{SOAP_ENV}}}Envelope"
    assert envelope.body is not None
    if kind.endswith("-verzoek"):
        assert envelope.header is not None
        (header,) = list(envelope.header)
        autorisatie = parse_autorisatie_with_warnings(header, strict=True).message
        assert autorisatie == examples.EXAMPLE_AUTORISATIE
        for value in (autorisatie.autorisatiesleutel, autorisatie.klantcode):
            assert "NEP" in value.upper()
    else:
        assert envelope.header is None
        assert envelope.autorisatie is None


@pytest.mark.parametrize("kind", examples.KINDS)
@pytest.mark.parametrize("xsdversie", ["2.2", "2.3"])
def test_xsdversie_goes_into_the_request_or_the_school(kind: str, xsdversie: str) -> None:
    root = _roundtrip(kind, examples.example_school(2), xsdversie)
    versions = [el.text for el in root.iter(f"{{{LG}}}xsdversie", f"{{{LR}}}xsdversie")]
    if kind == "leerresultaten-bevestiging":
        assert versions == []
    else:
        assert versions == [xsdversie]


@pytest.mark.parametrize("kind", examples.KINDS)
def test_examples_parse_strictly_into_the_models(kind: str) -> None:
    envelope = parse_envelope(_roundtrip(kind, examples.example_school(3), "2.2"))
    assert envelope.body is not None
    parsed = parse_with_warnings(envelope.body, strict=True)
    assert parsed.warnings == []
    assert parsed.message == examples.example_message(
        kind, examples.example_school(3), xsdversie="2.2"
    )


def test_answers_are_filled_from_the_fake_school() -> None:
    school = examples.example_school(4)
    gg = school.leerlinggegevens
    antwoord = examples.example_message("leerlinggegevens-antwoord", school)
    assert isinstance(antwoord, LeerlinggegevensAntwoord)
    assert antwoord.gegevens is not None
    assert antwoord.gegevens.leerlingen == gg.leerlingen
    assert antwoord.gegevens.groepen == gg.groepen
    assert antwoord.gegevens.leerkrachten == gg.leerkrachten

    structuur = examples.example_message("structuur-antwoord", school)
    assert isinstance(structuur, StructuurAntwoord)
    assert structuur.groepen == gg.groepen
    assert structuur.samengestelde_groepen == gg.samengestelde_groepen

    verzoek = examples.example_message("leerlinggegevens-verzoek", school)
    assert isinstance(verzoek, LeerlinggegevensVerzoek)
    assert (verzoek.schooljaar, verzoek.brincode) == (school.schooljaar, school.brincode)


def test_getrapte_answers_answer_the_getrapte_requests() -> None:
    school = examples.example_school(5)
    gg = school.leerlinggegevens
    for verzoek_kind, antwoord_kind in (
        ("leerlingen-verzoek", "leerlingen-antwoord"),
        ("leerkrachten-verzoek", "leerkrachten-antwoord"),
    ):
        verzoek = examples.example_message(verzoek_kind, school)
        antwoord = examples.example_message(antwoord_kind, school)
        assert isinstance(verzoek, LeerlingenVerzoek | LeerkrachtenVerzoek)
        asked = {(ref.soort, ref.key) for ref in verzoek.groepen}
        assert asked
        if isinstance(antwoord, LeerlingenAntwoord):
            assert antwoord.leerlingen
            for leerling in antwoord.leerlingen:
                mine = {("groep", leerling.groep)} | {
                    ("samengestelde_groep", key) for key in leerling.samengestelde_groepen
                }
                assert mine & asked
            expected = [
                leerling
                for leerling in gg.leerlingen
                if ("groep", leerling.groep) in asked
                or any(("samengestelde_groep", k) in asked for k in leerling.samengestelde_groepen)
            ]
            assert antwoord.leerlingen == expected
        else:
            assert isinstance(antwoord, LeerkrachtenAntwoord)
            assert antwoord.leerkrachten
            for leerkracht in antwoord.leerkrachten:
                assert {(ref.soort, ref.key) for ref in leerkracht.groepen} & asked


def test_leerresultaten_use_real_pupils_with_a_score_and_an_oso_result() -> None:
    school = examples.example_school(6)
    jaar = int(school.schooljaar[:4])
    pupils = {leerling.key: leerling for leerling in school.leerlinggegevens.leerlingen}
    message = examples.example_message("leerresultaten-verzoek", school, xsdversie="2.2")
    assert isinstance(message, LeerresultatenVerzoek)
    assert message.school.brincode == school.brincode
    assert message.school.schooljaar == school.schooljaar
    assert message.school.xsdversie == "2.2"
    assert dt.date(jaar, 8, 1) <= message.school.aanmaakdatum.date() <= dt.date(jaar + 1, 7, 31)
    assert len(message.toetsafnames) >= 3
    toetscodes = {toets.toetscode for toets in message.toetsen}
    keys: list[str] = []
    for afname in message.toetsafnames:
        leerling = pupils[afname.leerlingid]
        assert afname.eckid == leerling.eckid
        assert leerling.jaargroep in {"3", "4", "5", "6", "7", "8"}
        scores = [r for r in afname.resultaten if r.score is not None]
        osos = [r for r in afname.resultaten if r.osoresultaat is not None]
        assert len(scores) == 1 and len(osos) == 1
        oso = osos[0].osoresultaat
        assert oso is not None and oso.toetsscore is not None
        assert oso.toetsscore.vaardigheidsscore is not None
        (dle,) = oso.referentiescores
        assert (dle.codereferentiescore, dle.codevergelijkingsgroep) == ("DLE", "Landelijk")
        assert int(dle.waarde) >= 0
        for resultaat in afname.resultaten:
            assert resultaat.toetscode in toetscodes
            assert (
                dt.date(jaar, 8, 1) <= resultaat.afnamedatum <= message.school.aanmaakdatum.date()
            )
            keys.append(resultaat.key)
    assert len(keys) == len(set(keys))
    used = {r.toetscode for a in message.toetsafnames for r in a.resultaten}
    assert used == toetscodes


def test_same_arguments_give_the_same_bytes() -> None:
    for kind in examples.KINDS:
        first = examples.example_bytes(kind, seed=7, students=2, xsdversie="2.2")
        assert first == examples.example_bytes(kind, seed=7, students=2, xsdversie="2.2")
        assert first.startswith(b"<?xml version='1.0' encoding='utf-8'?>\n")
    assert examples.example_bytes("leerlinggegevens-antwoord", seed=7) != examples.example_bytes(
        "leerlinggegevens-antwoord", seed=8
    )


def test_students_is_pupils_per_group() -> None:
    assert examples.example_school(1, students=10) == generate_school(1, students_per_group=10)
    small = examples.example_bytes("leerlinggegevens-antwoord", seed=1, students=3)
    large = examples.example_bytes("leerlinggegevens-antwoord", seed=1, students=10)
    assert len(large) > len(small)


def test_output_is_indented_for_reading() -> None:
    text = examples.example_bytes("structuur-antwoord").decode("utf-8")
    assert "\n  <soap:Body>" in text
    assert text.endswith("</soap:Envelope>\n")


class _Arguments(TypedDict, total=False):
    """The keywords of :func:`examples.example_bytes`."""

    kind: Required[str]
    seed: int
    students: int
    xsdversie: str


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"kind": "iets-anders"}, "onbekend soort voorbeeld"),
        ({"kind": "leerlinggegevens-verzoek", "xsdversie": "9.9"}, "xsdversie"),
    ],
)
def test_unknown_kind_or_version_is_refused(kwargs: _Arguments, fragment: str) -> None:
    with pytest.raises(ValueError, match=fragment):
        examples.example_bytes(**kwargs)
