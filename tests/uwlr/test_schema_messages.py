"""libxml2's English XML Schema errors as Dutch lines (what the mock ESIS puts in a fault string)."""

from __future__ import annotations

import pytest
from lxml import etree

from uwlr import examples
from uwlr.namespaces import LG, LR
from uwlr.schema_messages import dutch_schema_message, is_follow_up
from uwlr.validate import validate


@pytest.mark.parametrize(
    ("english", "dutch"),
    [
        (
            "Element 'brincode': [facet 'pattern'] The value '99sy' is not accepted by the "
            "pattern '[0-9]{2}[A-Z]{2}'.",
            "element 'brincode': de waarde '99sy' past niet bij het patroon '[0-9]{2}[A-Z]{2}'",
        ),
        (
            "Element 'dependancecode': This element is not expected. Expected is one of "
            "( brincode, schoolkey ).",
            "element 'dependancecode': dit element hoort hier niet; verwacht een van: brincode, "
            "schoolkey",
        ),
        (
            "Element 'schoolkey': This element is not expected. Expected is ( xsdversie ).",
            "element 'schoolkey': dit element hoort hier niet; verwacht: xsdversie",
        ),
        ("Element 'x': This element is not expected.", "element 'x': dit element hoort hier niet"),
        (
            "Element 'geslacht': [facet 'enumeration'] The value '3' is not an element of the "
            "set {'0', '1', '2', '9'}.",
            "element 'geslacht': de waarde '3' is niet toegestaan; kies uit '0', '1', '2', '9'",
        ),
        (
            "Element 'achternaam': [facet 'maxLength'] The value has a length of '300'; this "
            "exceeds the allowed maximum length of '200'.",
            "element 'achternaam': de waarde is 300 tekens lang; hooguit 200 mag",
        ),
        (
            "Element 'voorvoegsel': [facet 'minLength'] The value has a length of '0'; this "
            "underruns the allowed minimum length of '1'.",
            "element 'voorvoegsel': de waarde is leeg; laat het element weg of vul het",
        ),
        (
            "Element 'score': '42.5' is not a valid value of the atomic type 'Score'.",
            "element 'score': '42.5' is geen geldige waarde van type Score",
        ),
        (
            "Element 'schooljaar', attribute 'foo': The attribute 'foo' is not allowed.",
            "attribuut 'foo' van element 'schooljaar': attribuut 'foo' is hier niet toegestaan",
        ),
        (
            "Element 'resultaat': Duplicate key-sequence ['VB-1'] in key identity-constraint "
            "'unieke-resultaatkey'.",
            "element 'resultaat': de waarde 'VB-1' komt twee keer voor; die moet uniek zijn "
            "(unieke-resultaatkey)",
        ),
        (
            "Element 'resultaat': No match found for key-sequence ['VB-X'] of keyref "
            "'resultaat-toets-bestaat'.",
            "element 'resultaat': de waarde 'VB-X' verwijst naar iets dat niet in het bericht "
            "staat (resultaat-toets-bestaat)",
        ),
        (
            "Element 'leerlingen': Character content other than whitespace is not allowed "
            "because the content type is 'element-only'.",
            "element 'leerlingen': hier mag geen tekst staan, alleen elementen",
        ),
        (
            "Element 'brincode': Element content is not allowed, because the type definition "
            "is simple.",
            "element 'brincode': hier mogen geen elementen in staan, alleen een waarde",
        ),
        (
            "Element 'groep': Missing child element(s). Expected is ( naam ).",
            "element 'groep': er ontbreken kindelementen; verwacht: naam",
        ),
        (
            "Element 'x': Some future libxml2 wording.",
            "element 'x': voldoet niet aan het schema",
        ),
        (
            "schooljaar '2026-2028': het tweede jaar moet direct op het eerste volgen",
            "schooljaar '2026-2028': het tweede jaar moet direct op het eerste volgen",
        ),
    ],
)
def test_each_form_becomes_one_dutch_line(english: str, dutch: str) -> None:
    assert dutch_schema_message(english) == dutch


def test_every_message_validate_gives_on_common_mistakes_is_translated() -> None:
    """Real messages from our contract, not copies: each one has its own Dutch form."""
    school = examples.example_school(1)
    changes = [
        ("leerlinggegevens-verzoek", LG, "brincode", "99sy"),
        ("leerresultaten-verzoek", LR, "afnamedatum", "2026-13-45"),
        ("leerresultaten-verzoek", LR, "score", "-5"),
        ("leerresultaten-verzoek", LR, "toetscode", ""),
        ("leerlingen-antwoord", LG, "geslacht", "3"),
        ("leerlingen-antwoord", LG, "achternaam", "x" * 300),
    ]
    for kind, namespace, name, text in changes:
        envelope = examples.example_envelope(kind, school)
        next(envelope.iter(f"{{{namespace}}}{name}")).text = text
        messages = [i.message for i in validate(envelope) if not is_follow_up(i.message)]
        assert messages, (kind, name)
        for message in messages:
            assert "voldoet niet aan het schema" not in dutch_schema_message(message), message
            assert dutch_schema_message(message) != message


def test_the_no_precomputed_value_warning_is_a_follow_up() -> None:
    envelope = examples.example_envelope("leerresultaten-verzoek", examples.example_school(1))
    next(envelope.iter(f"{{{LR}}}toetscode")).text = ""
    messages = [i.message for i in validate(etree.fromstring(examples.render(envelope)))]
    assert any(is_follow_up(m) for m in messages)
    assert not all(is_follow_up(m) for m in messages)
