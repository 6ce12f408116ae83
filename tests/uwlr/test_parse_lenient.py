"""Lenient parsing: real LASes send odd XML; every oddity becomes a warning with a path, or an error."""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal
from typing import TypeVar

import pytest
from lxml import etree

from uwlr.models import (
    GegevensStatus,
    LeerkrachtenAntwoord,
    Leerling,
    LeerlingenAntwoord,
    LeerlinggegevensAntwoord,
    LeerlinggegevensVerzoek,
    LeerresultatenVerzoek,
    StructuurAntwoord,
)
from uwlr.parse import (
    IssueKind,
    Parsed,
    ParseError,
    ParseWarning,
    parse,
    parse_as,
    parse_autorisatie,
    parse_with_warnings,
)

LG_NS = "http://www.edustandaard.nl/leerresultaten/2/leerlinggegevens"
LR_NS = "http://www.edustandaard.nl/leerresultaten/2/leerresultaten"
OSO_NS = "http://www.edustandaard.nl/oso_gegevensset/1.2/dossier"
AUT_NS = "http://www.edustandaard.nl/leerresultaten/2/autorisatie"


def xml(text: str) -> etree._Element:
    return etree.fromstring(text.strip().encode())


def leerlingen_antwoord(leerling_xml: str, *, school_xml: str | None = None) -> str:
    school_xml = school_xml or "<schooljaar>2025-2026</schooljaar><brincode>99XX</brincode>"
    return f"""
<leerlingen_antwoord xmlns="{LG_NS}">
 <leerlinggegevens-leerlingen>
  <school>{school_xml}</school>
  <leerlingen>{leerling_xml}</leerlingen>
 </leerlinggegevens-leerlingen>
</leerlingen_antwoord>"""


M = TypeVar("M")


def kinds(parsed: Parsed[M]) -> list[IssueKind]:
    return [warning.kind for warning in parsed.warnings]


# --------------------------------------------------------------------------------------------
# Namespaces and prefixes


def test_any_prefix_is_accepted() -> None:
    element = xml(f"""
<x:leerlinggegevens_verzoek xmlns:x="{LG_NS}">
  <x:schooljaar>2025-2026</x:schooljaar><x:schoolkey>S1</x:schoolkey><x:xsdversie>2.2</x:xsdversie>
</x:leerlinggegevens_verzoek>""")
    parsed = parse_with_warnings(element, strict=True)
    assert parsed.warnings == []
    assert parsed.message == LeerlinggegevensVerzoek(
        schooljaar="2025-2026", schoolkey="S1", xsdversie="2.2"
    )


def test_default_namespace_is_accepted() -> None:
    element = xml(
        leerlingen_antwoord(
            '<leerling key="L1" eckid="E1"><achternaam>Jansen</achternaam></leerling>'
        )
    )
    parsed = parse_with_warnings(element, strict=True)
    assert parsed.warnings == []
    assert isinstance(parsed.message, LeerlingenAntwoord)
    assert parsed.message.leerlingen == [Leerling(key="L1", eckid="E1", achternaam="Jansen")]


def test_mixed_prefixes_for_lr_and_oso() -> None:
    element = xml(f"""
<a:leerresultaten_verzoek xmlns:a="{LR_NS}" xmlns:b="{OSO_NS}">
 <a:school><a:schooljaar>2025-2026</a:schooljaar><a:schoolkey>S</a:schoolkey>
   <a:aanmaakdatum>2025-11-11T00:05:46Z</a:aanmaakdatum><a:xsdversie>2.2</a:xsdversie></a:school>
 <a:toetsafnames><a:toetsafname><a:leerlingid>L1</a:leerlingid><a:resultaten>
   <a:resultaat key="R1"><a:afnamedatum>2025-11-10</a:afnamedatum><a:toetscode>T</a:toetscode>
     <a:osoresultaat><b:toetsscore><b:vaardigheidsscore>12.50</b:vaardigheidsscore></b:toetsscore>
     </a:osoresultaat></a:resultaat></a:resultaten></a:toetsafname></a:toetsafnames>
 <a:toetsen><a:toets><a:toetscode>T</a:toetscode></a:toets></a:toetsen>
</a:leerresultaten_verzoek>""")
    parsed = parse_with_warnings(element, strict=True)
    assert parsed.warnings == []
    message = parsed.message
    assert isinstance(message, LeerresultatenVerzoek)
    assert message.school.aanmaakdatum == dt.datetime(2025, 11, 11, 0, 5, 46, tzinfo=dt.UTC)
    oso = message.toetsafnames[0].resultaten[0].osoresultaat
    assert oso is not None and oso.toetsscore is not None
    assert oso.toetsscore.vaardigheidsscore == Decimal("12.50")


def test_element_in_the_wrong_namespace_is_read_with_a_warning() -> None:
    element = xml(
        leerlingen_antwoord(
            f'<leerling key="L1"><achternaam xmlns="{LR_NS}">Jansen</achternaam></leerling>'
        )
    )
    parsed = parse_with_warnings(element)
    assert kinds(parsed) == [IssueKind.WRONG_NAMESPACE]
    warning = parsed.warnings[0]
    assert warning.path.endswith("/leerlingen/leerling[1]/achternaam")
    assert "achternaam" in warning.message
    assert warning.line == 4
    assert isinstance(parsed.message, LeerlingenAntwoord)
    assert parsed.message.leerlingen[0].achternaam == "Jansen"
    with pytest.raises(ParseError) as caught:
        parse_with_warnings(element, strict=True)
    assert caught.value.kind is IssueKind.WRONG_NAMESPACE
    assert caught.value.path == warning.path


def test_unqualified_children_are_read_with_warnings() -> None:
    element = xml(f"""
<lg:leerlinggegevens_verzoek xmlns:lg="{LG_NS}">
  <schooljaar>2025-2026</schooljaar><schoolkey>S1</schoolkey><xsdversie>2.2</xsdversie>
</lg:leerlinggegevens_verzoek>""")
    parsed = parse_with_warnings(element)
    assert kinds(parsed) == [IssueKind.WRONG_NAMESPACE] * 3
    assert parsed.message == LeerlinggegevensVerzoek(
        schooljaar="2025-2026", schoolkey="S1", xsdversie="2.2"
    )


# --------------------------------------------------------------------------------------------
# Order, empty, unknown


def test_out_of_order_elements_are_still_read() -> None:
    """The Iddink demo answer: dependancecode before brincode, roepnaam before achternaam."""
    element = xml(
        leerlingen_antwoord(
            '<leerling key="L1"><roepnaam>Piet</roepnaam><achternaam>Jansen</achternaam>'
            "<voorvoegsel></voorvoegsel><geslacht>1</geslacht></leerling>",
            school_xml="<schooljaar>2025-2026</schooljaar><dependancecode>01</dependancecode>"
            "<brincode>99XX</brincode>",
        )
    )
    parsed = parse_with_warnings(element)
    assert isinstance(parsed.message, LeerlingenAntwoord)
    school = parsed.message.school
    assert school is not None and (school.brincode, school.dependancecode) == ("99XX", "01")
    assert parsed.message.leerlingen == [
        Leerling(key="L1", roepnaam="Piet", achternaam="Jansen", geslacht=1)
    ]
    by_path = {w.path: w.kind for w in parsed.warnings}
    assert by_path == {
        "/leerlingen_antwoord/leerlinggegevens-leerlingen/school/brincode": IssueKind.MISPLACED,
        "/leerlingen_antwoord/leerlinggegevens-leerlingen/leerlingen/leerling[1]/achternaam": (
            IssueKind.MISPLACED
        ),
        "/leerlingen_antwoord/leerlinggegevens-leerlingen/leerlingen/leerling[1]/voorvoegsel": (
            IssueKind.EMPTY
        ),
    }
    with pytest.raises(ParseError, match="brincode"):
        parse_with_warnings(element, strict=True)


def test_empty_elements_read_as_none() -> None:
    element = xml(
        leerlingen_antwoord(
            '<leerling key="L1"><achternaam>Jansen</achternaam><voorvoegsel/>'
            "<voornamen>  </voornamen><emailadres></emailadres></leerling>"
        )
    )
    parsed = parse_with_warnings(element)
    assert kinds(parsed) == [IssueKind.EMPTY] * 3
    assert [w.path.rsplit("/", 1)[1] for w in parsed.warnings] == [
        "voorvoegsel",
        "voornamen",
        "emailadres",
    ]
    assert isinstance(parsed.message, LeerlingenAntwoord)
    assert parsed.message.leerlingen == [Leerling(key="L1", achternaam="Jansen")]
    with pytest.raises(ParseError, match="voorvoegsel"):
        parse(element, strict=True)


def test_unknown_elements_are_reported_not_dropped_silently() -> None:
    element = xml(
        leerlingen_antwoord(
            '<leerling key="L1"><achternaam>Jansen</achternaam><leerlingnummer>7</leerlingnummer>'
            "</leerling>"
        )
    )
    parsed = parse_with_warnings(element)
    assert kinds(parsed) == [IssueKind.UNKNOWN_ELEMENT]
    assert parsed.warnings[0].path.endswith("leerling[1]/leerlingnummer")
    assert "leerlingnummer" in parsed.warnings[0].message
    with pytest.raises(ParseError, match="leerlingnummer") as caught:
        parse(element, strict=True)
    assert caught.value.line == 4


def test_schema_valid_elements_we_do_not_model_are_warned_even_in_strict_mode() -> None:
    element = xml(
        leerlingen_antwoord(
            '<leerling key="L1"><achternaam>Jansen</achternaam>'
            "<start_ondw_jgr3>2020-08-01</start_ondw_jgr3><bsn_ondwnr-4>1234</bsn_ondwnr-4>"
            "</leerling>"
        )
    )
    parsed = parse_with_warnings(element, strict=True)
    assert kinds(parsed) == [IssueKind.UNSUPPORTED, IssueKind.UNSUPPORTED]
    assert "1234" not in str(parsed.warnings)  # never copy personal data into warnings


def test_duplicate_element_is_reported_and_the_first_is_kept() -> None:
    element = xml(
        leerlingen_antwoord(
            '<leerling key="L1"><achternaam>Jansen</achternaam><achternaam>Pietersen</achternaam>'
            "</leerling>"
        )
    )
    parsed = parse_with_warnings(element)
    assert kinds(parsed) == [IssueKind.DUPLICATE]
    assert isinstance(parsed.message, LeerlingenAntwoord)
    assert parsed.message.leerlingen[0].achternaam == "Jansen"


def test_unknown_attribute_and_stray_text_are_reported() -> None:
    element = xml(
        leerlingen_antwoord(
            '<leerling key="L1" kleur="rood">tekst<achternaam>Jansen</achternaam></leerling>'
        )
    )
    parsed = parse_with_warnings(element)
    assert sorted(kinds(parsed)) == sorted([IssueKind.UNKNOWN_ATTRIBUTE, IssueKind.STRAY_TEXT])
    assert any("kleur" in w.message for w in parsed.warnings)


def test_comments_are_ignored() -> None:
    element = xml(
        leerlingen_antwoord(
            '<leerling key="L1"><!-- opmerking --><achternaam>Jansen</achternaam></leerling>'
        )
    )
    assert parse_with_warnings(element, strict=True).warnings == []


def test_leerling_without_any_identifier_is_reported() -> None:
    element = xml(leerlingen_antwoord("<leerling><achternaam>Jansen</achternaam></leerling>"))
    parsed = parse_with_warnings(element)
    assert kinds(parsed) == [IssueKind.MISSING]
    with pytest.raises(ParseError, match="key"):
        parse(element, strict=True)


def test_missing_leerlingen_is_reported() -> None:
    element = xml(f"""
<leerlinggegevens_antwoord xmlns="{LG_NS}"><leerlinggegevens>
  <school><schooljaar>2025-2026</schooljaar><schoolkey>S</schoolkey></school>
</leerlinggegevens></leerlinggegevens_antwoord>""")
    parsed = parse_with_warnings(element)
    assert kinds(parsed) == [IssueKind.MISSING]
    assert isinstance(parsed.message, LeerlinggegevensAntwoord)
    assert parsed.message.gegevens is not None and parsed.message.gegevens.leerlingen == []


def test_status_answer_with_prefix() -> None:
    element = xml(
        f'<p:structuur_antwoord xmlns:p="{LG_NS}"><p:geenwijzigingen/></p:structuur_antwoord>'
    )
    assert parse(element, strict=True) == StructuurAntwoord(status=GegevensStatus.GEENWIJZIGINGEN)


def test_parse_logs_the_warnings(caplog: pytest.LogCaptureFixture) -> None:
    element = xml(
        leerlingen_antwoord('<leerling key="L1"><achternaam>J</achternaam><x/></leerling>')
    )
    with caplog.at_level(logging.WARNING, logger="uwlr.parse"):
        parse(element)
    assert any("leerling[1]/x" in record.getMessage() for record in caplog.records)


# --------------------------------------------------------------------------------------------
# Errors in both modes


@pytest.mark.parametrize("strict", [False, True])
@pytest.mark.parametrize(
    ("leerling_xml", "element_name"),
    [
        (
            '<leerling key="L1"><roepnaam>A</roepnaam><geboortedatum>4-3-2017</geboortedatum></leerling>',
            "geboortedatum",
        ),
        (
            '<leerling key="L1"><roepnaam>A</roepnaam><geslacht>jongen</geslacht></leerling>',
            "geslacht",
        ),
        (
            '<leerling key="L1"><roepnaam>A</roepnaam><mutatiedatum>2025-09-01</mutatiedatum></leerling>',
            "mutatiedatum",
        ),
    ],
)
def test_bad_values_raise_with_path_and_line(
    strict: bool, leerling_xml: str, element_name: str
) -> None:
    element = xml(leerlingen_antwoord(leerling_xml))
    with pytest.raises(ParseError) as caught:
        parse_with_warnings(element, strict=strict)
    error = caught.value
    assert error.kind is IssueKind.BAD_VALUE
    assert error.path.endswith(f"/leerling[1]/{element_name}")
    assert error.line == 4
    assert element_name in str(error)


def test_bad_decimal_and_negative_score_raise() -> None:
    base = f"""
<leerresultaten_verzoek xmlns="{LR_NS}" xmlns:oso="{OSO_NS}">
 <school><schooljaar>2025-2026</schooljaar><schoolkey>S</schoolkey>
   <aanmaakdatum>2025-11-11T00:05:46</aanmaakdatum><xsdversie>2.2</xsdversie></school>
 <toetsafnames><toetsafname><leerlingid>L1</leerlingid><resultaten>
   <resultaat key="R1"><afnamedatum>2025-11-10</afnamedatum><toetscode>T</toetscode>RESULT</resultaat>
 </resultaten></toetsafname></toetsafnames>
 <toetsen><toets><toetscode>T</toetscode></toets></toetsen>
</leerresultaten_verzoek>"""
    bad_decimal = base.replace(
        "RESULT",
        "<osoresultaat><oso:toetsscore><oso:vaardigheidsscore>12,5</oso:vaardigheidsscore>"
        "</oso:toetsscore></osoresultaat>",
    )
    with pytest.raises(ParseError, match="vaardigheidsscore"):
        parse(xml(bad_decimal))
    with pytest.raises(ParseError, match="score"):
        parse(xml(base.replace("RESULT", "<score>-1</score>")))
    with pytest.raises(ParseError, match="score"):
        parse(xml(base.replace("RESULT", "<score>42.5</score>")))
    good = parse(xml(base.replace("RESULT", "<score>42</score>")))
    assert isinstance(good, LeerresultatenVerzoek)
    assert good.toetsafnames[0].resultaten[0].score == 42


def test_missing_required_element_raises() -> None:
    element = xml(f"""
<leerlinggegevens_verzoek xmlns="{LG_NS}"><schoolkey>S</schoolkey><xsdversie>2.2</xsdversie>
</leerlinggegevens_verzoek>""")
    with pytest.raises(ParseError, match="schooljaar") as caught:
        parse(element)
    assert caught.value.kind is IssueKind.MISSING


def test_unknown_root_names_the_qname() -> None:
    with pytest.raises(ParseError, match=r"\{urn:x\}iets") as caught:
        parse(xml('<iets xmlns="urn:x"/>'))
    assert caught.value.kind is IssueKind.UNKNOWN_ROOT
    with pytest.raises(ParseError, match="leerlinggegevens_verzoek"):
        parse(
            xml(
                "<leerlinggegevens_verzoek><schooljaar>2025-2026</schooljaar></leerlinggegevens_verzoek>"
            )
        )


def test_parse_as_checks_the_expected_type() -> None:
    element = xml(f'<leerlingen_antwoord xmlns="{LG_NS}"><geengegevens/></leerlingen_antwoord>')
    parsed = parse_as(element, LeerlingenAntwoord)
    assert parsed.message.status is GegevensStatus.GEENGEGEVENS
    with pytest.raises(ParseError, match="structuur_antwoord"):
        parse_as(element, StructuurAntwoord)


def test_answer_without_content_raises() -> None:
    with pytest.raises(ParseError, match="leeg"):
        parse(xml(f'<leerlingen_antwoord xmlns="{LG_NS}"/>'))


def test_autorisatie_lenient_and_strict() -> None:
    element = xml(f"""
<a:autorisatie xmlns:a="{AUT_NS}"><a:klantcode>K</a:klantcode>
  <a:autorisatiesleutel>S</a:autorisatiesleutel><a:klantnaam>N</a:klantnaam></a:autorisatie>""")
    aut = parse_autorisatie(element)
    assert (aut.autorisatiesleutel, aut.klantcode, aut.klantnaam) == ("S", "K", "N")
    with pytest.raises(ParseError, match="autorisatiesleutel"):
        parse_autorisatie(element, strict=True)
    empty_key = xml(f"""
<autorisatie xmlns="{AUT_NS}"><autorisatiesleutel/><klantcode>K</klantcode><klantnaam>N</klantnaam>
</autorisatie>""")
    with pytest.raises(ParseError, match="autorisatiesleutel"):
        parse_autorisatie(empty_key)


def test_parse_warning_is_readable() -> None:
    warning = ParseWarning(path="/a/b", line=3, message="iets", kind=IssueKind.EMPTY)
    assert str(warning) == "/a/b (regel 3): iets"
    with pytest.raises(AttributeError):
        warning.path = "/c"  # type: ignore[misc]


def test_unsupported_leerresultaten_parts_are_warned() -> None:
    element = xml(f"""
<leerresultaten_verzoek xmlns="{LR_NS}" xmlns:oso="{OSO_NS}">
 <school><schooljaar>2025-2026</schooljaar><brincode>99XX</brincode>
   <aanmaakdatum>2025-11-11T00:05:46+01:00</aanmaakdatum><xsdversie>2.2</xsdversie></school>
 <toetsafnames><toetsafname><leerlingid>L1</leerlingid><resultaten>
   <resultaat key="R1"><afnamedatum>2025-11-10</afnamedatum><toetscode>T</toetscode>
     <osoresultaat><oso:toetsscore><oso:tijd>12.5</oso:tijd></oso:toetsscore></osoresultaat>
   </resultaat></resultaten></toetsafname></toetsafnames>
 <toetsen><toets><toetscode vocabulaire="urn:v">T</toetscode>
   <toetshierarchie><ingang niveau="1">Rekenen</ingang></toetshierarchie></toets></toetsen>
</leerresultaten_verzoek>""")
    parsed = parse_with_warnings(element, strict=True)
    assert [(w.kind, w.path) for w in parsed.warnings] == [
        (
            IssueKind.UNSUPPORTED,
            "/leerresultaten_verzoek/toetsafnames/toetsafname[1]/resultaten/resultaat[1]"
            "/osoresultaat/toetsscore/tijd",
        ),
        (IssueKind.UNSUPPORTED, "/leerresultaten_verzoek/toetsen/toets[1]/toetshierarchie"),
        (IssueKind.UNSUPPORTED, "/leerresultaten_verzoek/toetsen/toets[1]/toetscode"),
    ]
    assert isinstance(parsed.message, LeerresultatenVerzoek)
    assert parsed.message.toetsen[0].toetscode == "T"


def test_qualified_key_attribute_is_read_with_a_warning() -> None:
    element = xml(
        leerlingen_antwoord(
            f'<leerling xmlns:lg="{LG_NS}" lg:key="L1"><achternaam>Jansen</achternaam></leerling>'
        )
    )
    parsed = parse_with_warnings(element)
    assert kinds(parsed) == [IssueKind.WRONG_NAMESPACE]
    assert isinstance(parsed.message, LeerlingenAntwoord)
    assert parsed.message.leerlingen[0].key == "L1"


def test_child_inside_a_value_element_is_reported() -> None:
    element = xml(
        leerlingen_antwoord(
            '<leerling key="L1"><achternaam>Jansen<b>vet</b></achternaam></leerling>'
        )
    )
    parsed = parse_with_warnings(element)
    assert kinds(parsed) == [IssueKind.UNKNOWN_ELEMENT]
    assert parsed.warnings[0].path.endswith("leerling[1]/achternaam/b")


@pytest.mark.parametrize(
    ("root", "hint"),
    [
        ('<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"/>', "SOAP-body"),
        (f'<autorisatie xmlns="{AUT_NS}"/>', "parse_autorisatie"),
        (
            '<leerlinggegevens_verzoek xmlns="http://www.edustandaard.nl/leerresultaten/1/leerlinggegevens"/>',
            LG_NS,
        ),
    ],
)
def test_unknown_root_gives_a_hint(root: str, hint: str) -> None:
    with pytest.raises(ParseError, match=hint):
        parse(xml(root))


def test_parse_autorisatie_refuses_another_root() -> None:
    with pytest.raises(ParseError, match="autorisatie"):
        parse_autorisatie(
            xml(f'<leerlingen_antwoord xmlns="{LG_NS}"><geengegevens/></leerlingen_antwoord>')
        )


def test_leerkracht_rolomschrijving_and_group_roles_are_unsupported() -> None:
    element = xml(f"""
<leerkrachten_antwoord xmlns="{LG_NS}"><leerlinggegevens-leerkrachten>
 <school><schooljaar>2025-2026</schooljaar></school>
 <leerkrachten><leerkracht key="T1"><roepnaam>An</roepnaam><rol>LRK</rol>
   <rolomschrijving>Groepsleraar</rolomschrijving>
   <groepen><groep key="G1"><rol>LRK</rol></groep><samengestelde_groep key="SG1"/></groepen>
 </leerkracht></leerkrachten>
</leerlinggegevens-leerkrachten></leerkrachten_antwoord>""")
    parsed = parse_with_warnings(element, strict=True)
    assert kinds(parsed) == [IssueKind.UNSUPPORTED, IssueKind.UNSUPPORTED]
    assert isinstance(parsed.message, LeerkrachtenAntwoord)
    leerkracht = parsed.message.leerkrachten[0]
    assert leerkracht.rollen == ["LRK"]
    assert [(g.soort, g.key) for g in leerkracht.groepen] == [
        ("groep", "G1"),
        ("samengestelde_groep", "SG1"),
    ]


def test_unicode_digits_are_not_numbers() -> None:
    element = xml(
        leerlingen_antwoord(
            '<leerling key="L1"><roepnaam>A</roepnaam><geslacht>\u0661</geslacht></leerling>'
        )
    )
    with pytest.raises(ParseError, match="geslacht"):
        parse(element)
