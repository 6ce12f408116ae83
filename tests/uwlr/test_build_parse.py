"""Round trips build → parse for every UWLR message kind, checked against the official schemas."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from lxml import etree
from uwlr_contract_order import contract_problems

from uwlr.build import build, build_autorisatie
from uwlr.models import (
    Autorisatie,
    GegevensStatus,
    Groep,
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
    LeerresultatenVerzoek,
    Message,
    Norm,
    Normering,
    OsoResultaat,
    Referentiescore,
    Resultaat,
    ResultatenSchool,
    SamengesteldeGroep,
    School,
    StructuurAntwoord,
    StructuurVerzoek,
    Toets,
    Toetsafname,
    Toetsonderdeel,
    Toetsscore,
)
from uwlr.namespaces import AUT, LG, LR, OSO
from uwlr.official import OfficialSchemasMissing, official_schemas
from uwlr.parse import parse, parse_autorisatie, parse_with_warnings

TZ = dt.timezone(dt.timedelta(hours=2))


# --------------------------------------------------------------------------------------------
# Sample messages


def school() -> School:
    return School(
        schooljaar="2025-2026",
        brincode="99XX",
        dependancecode="00",
        peildatum=dt.date(2025, 10, 1),
        aanmaakdatum=dt.datetime(2025, 10, 1, 6, 30, 5),
        auteur="Fake LAS",
        xsdversie="2.2",
        commentaar="test",
    )


def leerling_vol() -> Leerling:
    return Leerling(
        key="L1",
        eckid="https://ketenid.nl/201703/abc",
        achternaam="Vries",
        voorvoegsel="de",
        voornamen="Pieter Jan",
        voorletters="PJ",
        roepnaam="Piet",
        geboortedatum=dt.date(2017, 3, 4),
        geslacht=1,
        jaargroep="4",
        groep="G1",
        samengestelde_groepen=["SG1", "SG2"],
        gebruikersnaam="pdevries",
        emailadres="piet@school.example",
        mutatiedatum=dt.datetime(2025, 9, 1, 8, 0, tzinfo=TZ),
    )


def leerling_roepnaam() -> Leerling:
    return Leerling(key="L2", roepnaam="Sam")


def groepen() -> list[Groep]:
    return [
        Groep(key="G1", naam="Groep 4a", jaargroep="4"),
        Groep(
            key="G2",
            naam="Groep 5/6",
            jaargroep="C",
            omschrijving="combinatiegroep",
            mutatiedatum=dt.datetime(2025, 8, 20, 12, 0),
        ),
    ]


def samengestelde_groepen() -> list[SamengesteldeGroep]:
    return [
        SamengesteldeGroep(key="SG1", naam="Zorg"),
        SamengesteldeGroep(
            key="SG2",
            naam="Plusklas",
            omschrijving="verrijking",
            mutatiedatum=dt.datetime(2025, 8, 21, 9, 15),
        ),
    ]


def leerkrachten() -> list[Leerkracht]:
    return [
        Leerkracht(
            key="T1",
            eckid="https://ketenid.nl/201703/t1",
            achternaam="Bakker",
            voorvoegsel="van",
            voornamen="Anna",
            voorletters="A",
            roepnaam="An",
            gebruikersnaam="abakker",
            emailadres="a.bakker@school.example",
            rollen=["LRK", "IB"],
            groepen=[
                LeerkrachtGroep(soort="groep", key="G1"),
                LeerkrachtGroep(soort="samengestelde_groep", key="SG1"),
                LeerkrachtGroep(soort="groep", key="G2"),
            ],
            mutatiedatum=dt.datetime(2025, 9, 2, 7, 0),
        ),
        Leerkracht(key="T2", roepnaam="Kim"),
    ]


def leerlinggegevens() -> Leerlinggegevens:
    combi = Leerling(
        key="L3", achternaam="Jansen", jaargroep="5", groep="G2", geslacht=2
    )  # jaargroep per leerling in a combinatiegroep
    return Leerlinggegevens(
        school=school(),
        groepen=groepen(),
        samengestelde_groepen=samengestelde_groepen(),
        leerlingen=[leerling_vol(), leerling_roepnaam(), combi],
        leerkrachten=leerkrachten(),
    )


def verzoek_basis() -> dict[str, Any]:
    return {
        "schooljaar": "2025-2026",
        "brincode": "99XX",
        "dependancecode": "00",
        "xsdversie": "2.2",
        "gegevenssetid": "Smalle-set-PO",
        "laatstontvangengegevens": dt.datetime(2025, 9, 1, 6, 0),
    }


def resultaten_verzoek() -> LeerresultatenVerzoek:
    normering = Normering(
        toetscategorie="methode",
        toetsniveau="M4",
        wegingsfactor=Decimal("1.5"),
        normen=[
            Norm(term="V", beginnormwaarde=0, eindnormwaarde=20, omschrijving="onvoldoende"),
            Norm(term="G", beginnormwaarde=21, eindnormwaarde=40),
        ],
    )
    return LeerresultatenVerzoek(
        school=ResultatenSchool(
            schooljaar="2025-2026",
            brincode="99XX",
            dependancecode="00",
            aanmaakdatum=dt.datetime(2025, 11, 11, 0, 5, 46),
            auteur="Boom testcentrum",
            xsdversie="2.2",
            commentaar="resultaten",
        ),
        toetsafnames=[
            Toetsafname(
                leerlingid="L1",
                eckid="https://ketenid.nl/201703/abc",
                resultaatverwerkerid="RV1",
                resultaten=[
                    Resultaat(
                        key="R1",
                        afnamedatum=dt.date(2025, 11, 10),
                        toetscode="REK-M4",
                        versie="2025",
                        score=42,
                        infourl="https://boom.example/r/1",
                    ),
                    Resultaat(
                        key="R2",
                        afnamedatum=dt.date(2025, 11, 10),
                        toetscode="REK-M4",
                        toetsonderdeelcode="O1",
                        osoresultaat=OsoResultaat(
                            toetsscore=Toetsscore(
                                aantalopgaven=40,
                                aantalgoed=30,
                                aantalfout=10,
                                vaardigheidsscore=Decimal("123.5"),
                                codevaardigheidsschaal="BOOM-REK",
                            ),
                            referentiescores=[
                                Referentiescore(
                                    codereferentiescore="DLE",
                                    codevergelijkingsgroep="Landelijk",
                                    waarde="14",
                                ),
                                Referentiescore(
                                    codereferentiescore="IV",
                                    codevergelijkingsgroep="Landelijk",
                                    waarde="II",
                                    kwalificatie="boven gemiddeld",
                                ),
                            ],
                        ),
                    ),
                ],
            ),
            Toetsafname(
                leerlingid="L2",
                resultaten=[
                    Resultaat(
                        key="R3",
                        afnamedatum=dt.date(2025, 11, 12),
                        toetscode="TAAL-M4",
                        osoresultaat=OsoResultaat(),
                    )
                ],
            ),
        ],
        toetsen=[
            Toets(
                toetscode="REK-M4",
                versie="2025",
                toetsnaam="Rekenen M4",
                leerjaar="4",
                vakgebied="rekenen",
                toetsnormering=normering,
                toetsonderdelen=[
                    Toetsonderdeel(volgnummer=1, code="O1", naam="Getallen", normering=normering),
                    Toetsonderdeel(volgnummer=2, code="O2"),
                ],
            ),
            Toets(toetscode="TAAL-M4"),
        ],
    )


ALL_MESSAGES: dict[str, Message] = {
    "leerlinggegevens_verzoek": LeerlinggegevensVerzoek(**verzoek_basis()),
    "leerlinggegevens_verzoek_schoolkey": LeerlinggegevensVerzoek(
        schooljaar="2025-2026", schoolkey="SCHOOL-1", xsdversie="2.3"
    ),
    "structuur_verzoek": StructuurVerzoek(**verzoek_basis()),
    "leerlingen_verzoek": LeerlingenVerzoek(
        **verzoek_basis(),
        groepen=[
            GroepRef(soort="groep", key="G1"),
            GroepRef(soort="samengestelde_groep", key="SG1"),
            GroepRef(soort="groep"),
        ],
    ),
    "leerkrachten_verzoek": LeerkrachtenVerzoek(
        schooljaar="2025-2026",
        brincode="99XX",
        groepen=[GroepRef(soort="samengestelde_groep")],
    ),
    "leerlinggegevens_antwoord": LeerlinggegevensAntwoord(gegevens=leerlinggegevens()),
    "leerlinggegevens_antwoord_minimaal": LeerlinggegevensAntwoord(
        gegevens=Leerlinggegevens(
            school=School(schooljaar="2025-2026", schoolkey="S1"),
            leerlingen=[leerling_roepnaam()],
        )
    ),
    "structuur_antwoord": StructuurAntwoord(
        school=school(), groepen=groepen(), samengestelde_groepen=samengestelde_groepen()
    ),
    "structuur_antwoord_zonder_groepen": StructuurAntwoord(school=school()),
    "leerlingen_antwoord": LeerlingenAntwoord(
        school=school(), leerlingen=[leerling_vol(), leerling_roepnaam()]
    ),
    "leerkrachten_antwoord": LeerkrachtenAntwoord(school=school(), leerkrachten=leerkrachten()),
    "leerkrachten_antwoord_zonder_leerkrachten": LeerkrachtenAntwoord(school=school()),
    "leerresultaten_verzoek": resultaten_verzoek(),
    "leerresultaten_bevestiging": LeerresultatenBevestiging(),
}
for _status in (GegevensStatus.GEENGEGEVENS, GegevensStatus.GEENWIJZIGINGEN):
    ALL_MESSAGES[f"leerlinggegevens_antwoord_{_status.value}"] = LeerlinggegevensAntwoord(
        status=_status
    )
    ALL_MESSAGES[f"structuur_antwoord_{_status.value}"] = StructuurAntwoord(status=_status)
    ALL_MESSAGES[f"leerlingen_antwoord_{_status.value}"] = LeerlingenAntwoord(status=_status)
    ALL_MESSAGES[f"leerkrachten_antwoord_{_status.value}"] = LeerkrachtenAntwoord(status=_status)


def _official_errors(element: etree._Element) -> list[str]:
    try:
        schemas = official_schemas()
    except OfficialSchemasMissing as missing:
        pytest.skip(str(missing))
    return schemas.errors(element)


# --------------------------------------------------------------------------------------------
# Round trips


@pytest.mark.parametrize("name", sorted(ALL_MESSAGES))
def test_round_trip_gives_back_an_equal_message(name: str) -> None:
    message = ALL_MESSAGES[name]
    element = build(message)
    parsed = parse_with_warnings(element, strict=True)
    assert parsed.warnings == []
    assert type(parsed.message) is type(message)
    assert parsed.message == message


@pytest.mark.parametrize("name", sorted(ALL_MESSAGES))
def test_round_trip_through_bytes(name: str) -> None:
    message = ALL_MESSAGES[name]
    data = etree.tostring(build(message))
    assert parse(etree.fromstring(data), strict=True) == message


@pytest.mark.official
@pytest.mark.parametrize("name", sorted(ALL_MESSAGES))
def test_built_message_is_valid_against_the_official_schemas(name: str) -> None:
    assert _official_errors(build(ALL_MESSAGES[name])) == []


def test_every_message_class_is_covered() -> None:
    import uwlr.models as models

    kinds = {type(m) for m in ALL_MESSAGES.values()}
    message_classes = set(models.Message.__args__)
    assert message_classes <= kinds


def test_xsdversie_23_leerling_with_eckid_and_no_key_round_trips() -> None:
    eck_only = Leerling(key=None, eckid="https://ketenid.nl/201703/eck", roepnaam="Noor")
    message = LeerlingenAntwoord(
        school=School(schooljaar="2025-2026", brincode="99XX", xsdversie="2.3"),
        leerlingen=[eck_only],
    )
    element = build(message)
    leerling = element.find(f".//{{{LG}}}leerling")
    assert leerling is not None
    assert dict(leerling.attrib.items()) == {"eckid": "https://ketenid.nl/201703/eck"}
    assert parse(element, strict=True) == message


def test_autorisatie_round_trip_and_validates() -> None:
    aut = Autorisatie(autorisatiesleutel="SLEUTEL", klantcode="BOOM-CODE", klantnaam="Boom")
    element = build_autorisatie(aut)
    assert element.tag == f"{{{AUT}}}autorisatie"
    assert element.prefix == "aut"
    assert [child.tag.split("}")[1] for child in element] == [
        "autorisatiesleutel",
        "klantcode",
        "klantnaam",
    ]
    assert parse_autorisatie(element, strict=True) == aut
    assert _official_errors(element) == []


# --------------------------------------------------------------------------------------------
# Wire details


def _locals(element: etree._Element) -> list[str]:
    """The children's local names; their ORDER is checked against the contract XSD
    (:func:`test_every_built_element_follows_the_contract_order`), not repeated here."""
    return [etree.QName(child).localname for child in element]


def test_answer_uses_lg_prefix_and_unqualified_attributes() -> None:
    element = build(ALL_MESSAGES["leerlinggegevens_antwoord"])
    assert element.prefix == "lg"
    assert element.nsmap == {"lg": LG}
    for node in element.iter():
        assert etree.QName(node).namespace == LG
        for attribute in node.attrib:
            assert isinstance(attribute, str) and not attribute.startswith("{")


def test_leerling_elements_are_all_there() -> None:
    element = build(LeerlingenAntwoord(school=school(), leerlingen=[leerling_vol()]))
    leerling = element.find(f".//{{{LG}}}leerling")
    assert leerling is not None
    assert leerling.get("key") == "L1"
    assert leerling.get("eckid") == "https://ketenid.nl/201703/abc"
    assert sorted(_locals(leerling)) == sorted(
        [
            "achternaam",
            "voorvoegsel",
            "voornamen",
            "voorletters-1",
            "roepnaam",
            "geboortedatum",
            "geslacht",
            "jaargroep",
            "groep",
            "samengestelde_groepen",
            "gebruikersnaam",
            "emailadres",
            "mutatiedatum",
        ]
    )
    assert leerling.findtext(f"{{{LG}}}geboortedatum") == "2017-03-04"
    assert leerling.findtext(f"{{{LG}}}mutatiedatum") == "2025-09-01T08:00:00+02:00"
    groep = leerling.find(f"{{{LG}}}groep")
    assert groep is not None and dict(groep.attrib.items()) == {"key": "G1"} and len(groep) == 0


def test_school_puts_peildatum_before_the_identification() -> None:
    element = build(StructuurAntwoord(school=school()))
    school_el = element.find(f".//{{{LG}}}school")
    assert school_el is not None
    assert sorted(_locals(school_el)) == sorted(
        [
            "schooljaar",
            "peildatum",
            "brincode",
            "dependancecode",
            "aanmaakdatum",
            "auteur",
            "xsdversie",
            "commentaar",
        ]
    )


def test_answer_groepen_hold_groep_then_samengestelde_groep() -> None:
    element = build(ALL_MESSAGES["structuur_antwoord"])
    groepen_el = element.find(f".//{{{LG}}}groepen")
    assert groepen_el is not None
    assert sorted(_locals(groepen_el)) == sorted(
        ["groep", "groep", "samengestelde_groep", "samengestelde_groep"]
    )
    combi = groepen_el[1]
    assert combi.findtext(f"{{{LG}}}jaargroep") == "C"
    assert sorted(_locals(combi)) == sorted(["naam", "jaargroep", "omschrijving", "mutatiedatum"])


def test_leerkracht_rollen_and_groepen() -> None:
    element = build(LeerkrachtenAntwoord(school=school(), leerkrachten=leerkrachten()[:1]))
    leerkracht = element.find(f".//{{{LG}}}leerkracht")
    assert leerkracht is not None
    assert sorted(_locals(leerkracht)) == sorted(
        [
            "achternaam",
            "voorvoegsel",
            "voornamen",
            "voorletters-1",
            "roepnaam",
            "gebruikersnaam",
            "emailadres",
            "rol",
            "rol",
            "groepen",
            "mutatiedatum",
        ]
    )
    groepen_el = leerkracht.find(f"{{{LG}}}groepen")
    assert groepen_el is not None
    assert [(etree.QName(g).localname, g.get("key")) for g in groepen_el] == [
        ("groep", "G1"),
        ("samengestelde_groep", "SG1"),
        ("groep", "G2"),
    ]


def test_request_element_order_and_groepen() -> None:
    element = build(ALL_MESSAGES["leerlingen_verzoek"])
    assert element.tag == f"{{{LG}}}leerlingen_verzoek"
    assert sorted(_locals(element)) == sorted(
        [
            "schooljaar",
            "brincode",
            "dependancecode",
            "xsdversie",
            "gegevenssetid",
            "laatstontvangengegevens",
            "groepen",
        ]
    )
    assert element.findtext(f"{{{LG}}}laatstontvangengegevens") == "2025-09-01T06:00:00"
    groepen_el = element.find(f"{{{LG}}}groepen")
    assert groepen_el is not None
    assert [dict(g.attrib) for g in groepen_el] == [{"key": "G1"}, {"key": "SG1"}, {}]


def test_subclassed_requests_get_their_own_root() -> None:
    assert build(StructuurVerzoek(schooljaar="2025-2026", schoolkey="S")).tag == (
        f"{{{LG}}}structuur_verzoek"
    )
    assert build(LeerlinggegevensVerzoek(schooljaar="2025-2026", schoolkey="S")).tag == (
        f"{{{LG}}}leerlinggegevens_verzoek"
    )


@pytest.mark.parametrize(
    ("status", "local"),
    [
        (GegevensStatus.GEENGEGEVENS, "geengegevens"),
        (GegevensStatus.GEENWIJZIGINGEN, "geenwijzigingen"),
    ],
)
def test_status_answers_hold_one_empty_marker(status: GegevensStatus, local: str) -> None:
    for cls in (
        LeerlinggegevensAntwoord,
        StructuurAntwoord,
        LeerlingenAntwoord,
        LeerkrachtenAntwoord,
    ):
        element = build(cls(status=status))
        assert len(element) == 1
        assert element[0].tag == f"{{{LG}}}{local}"
        assert len(element[0]) == 0 and element[0].text is None


def test_leerresultaten_use_lr_and_oso_prefixes() -> None:
    element = build(resultaten_verzoek())
    assert element.prefix == "lr"
    assert element.nsmap == {"lr": LR, "oso": OSO}
    toetsscore = element.find(f".//{{{OSO}}}toetsscore")
    assert toetsscore is not None and toetsscore.prefix == "oso"
    assert toetsscore.findtext(f"{{{OSO}}}vaardigheidsscore") == "123.5"
    assert sorted(_locals(toetsscore)) == sorted(
        [
            "aantalopgaven",
            "aantalgoed",
            "aantalfout",
            "vaardigheidsscore",
            "codevaardigheidsschaal",
        ]
    )
    resultaat = element.find(f".//{{{LR}}}resultaat")
    assert resultaat is not None
    assert dict(resultaat.attrib.items()) == {"key": "R1"}
    assert sorted(_locals(resultaat)) == sorted(
        ["afnamedatum", "toetscode", "versie", "score", "infourl"]
    )
    onderdeel = element.find(f".//{{{LR}}}toetsonderdeel")
    assert onderdeel is not None
    assert sorted(_locals(onderdeel)) == sorted(
        [
            "toetsonderdeelvolgnummer",
            "toetsonderdeelcode",
            "toetsonderdeelnaam",
            "toetsonderdeelnormering",
        ]
    )
    normering = element.find(f".//{{{LR}}}toetsnormering")
    assert normering is not None
    assert sorted(_locals(normering)) == sorted(
        ["toetscategorie", "toetsniveau", "wegingsfactor", "norm", "norm"]
    )


def test_decimal_is_written_as_plain_decimal_text() -> None:
    message = resultaten_verzoek()
    oso = message.toetsafnames[0].resultaten[1].osoresultaat
    assert oso is not None and oso.toetsscore is not None
    oso.toetsscore.vaardigheidsscore = Decimal("1.25E+2")
    element = build(message)
    assert element.findtext(f".//{{{OSO}}}vaardigheidsscore") == "125"


def test_datetime_without_microseconds() -> None:
    verzoek = LeerlinggegevensVerzoek(
        schooljaar="2025-2026",
        schoolkey="S",
        laatstontvangengegevens=dt.datetime(2025, 9, 1, 6, 0, 0, 123456, tzinfo=dt.UTC),
    )
    element = build(verzoek)
    assert element.findtext(f"{{{LG}}}laatstontvangengegevens") == "2025-09-01T06:00:00+00:00"


def test_no_empty_elements_are_emitted() -> None:
    for message in ALL_MESSAGES.values():
        for node in build(message).iter():
            local = etree.QName(node).localname
            if (
                len(node) == 0
                and not node.attrib
                and local
                not in {
                    "geengegevens",
                    "geenwijzigingen",
                    "leerresultaten_bevestiging",
                    "osoresultaat",
                    "groep",
                    "samengestelde_groep",
                }
            ):
                assert node.text, f"leeg element {local}"


# --------------------------------------------------------------------------------------------
# Messages that are not valid UWLR are refused while building


@pytest.mark.parametrize(
    ("message", "fragment"),
    [
        (
            LeerlinggegevensAntwoord(gegevens=Leerlinggegevens(school=school())),
            "geengegevens",
        ),
        (LeerlinggegevensAntwoord(), "gegevens"),
        (LeerlingenAntwoord(school=school()), "geengegevens"),
        (StructuurAntwoord(), "school"),
        (
            LeerlinggegevensAntwoord(
                status=GegevensStatus.GEENGEGEVENS, gegevens=leerlinggegevens()
            ),
            "geengegevens",
        ),
        (LeerlingenVerzoek(schooljaar="2025-2026", brincode="99XX"), "groepen"),
        (LeerlinggegevensVerzoek(schooljaar="2025-2026"), "brincode"),
        (
            LeerlinggegevensVerzoek(schooljaar="2025-2026", brincode="99XX", schoolkey="S"),
            "schoolkey",
        ),
        (
            LeerlingenAntwoord(school=school(), leerlingen=[Leerling(key="L", voorvoegsel="de")]),
            "achternaam",
        ),
        (
            LeerlingenAntwoord(school=school(), leerlingen=[Leerling(key=None, roepnaam="X")]),
            "eckid",
        ),
        (
            LeerlingenAntwoord(school=school(), leerlingen=[Leerling(key="L", achternaam="")]),
            "achternaam",
        ),
    ],
)
def test_invalid_messages_raise_value_error(message: Message, fragment: str) -> None:
    with pytest.raises(ValueError, match=fragment):
        build(message)


def test_resultaat_needs_exactly_one_score_kind() -> None:
    message = resultaten_verzoek()
    message.toetsafnames[0].resultaten[0].osoresultaat = OsoResultaat()
    with pytest.raises(ValueError, match="score"):
        build(message)
    message.toetsafnames[0].resultaten[0].score = None
    message.toetsafnames[0].resultaten[0].osoresultaat = None
    with pytest.raises(ValueError, match="score"):
        build(message)


def test_leerresultaten_without_toetsafnames_are_refused() -> None:
    message = resultaten_verzoek()
    message.toetsafnames = []
    with pytest.raises(ValueError, match="toetsafname"):
        build(message)


def test_unknown_message_type_is_refused() -> None:
    with pytest.raises(TypeError, match="School"):
        build(school())  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------
# Speed


def _big_answer(count: int) -> LeerlinggegevensAntwoord:
    pupils = [
        Leerling(
            key=f"L{i}",
            eckid=f"https://ketenid.nl/201703/{i:08d}",
            achternaam=f"Achternaam{i}",
            voorvoegsel="van" if i % 3 == 0 else None,
            voornamen=f"Voornaam{i} Tweede",
            voorletters="VT",
            roepnaam=f"Roep{i}",
            geboortedatum=dt.date(2015 + i % 6, 1 + i % 12, 1 + i % 28),
            geslacht=1 + i % 2,
            jaargroep=str(1 + i % 8),
            groep=f"G{i % 8}",
            samengestelde_groepen=[f"SG{i % 5}"],
            gebruikersnaam=f"user{i}",
            emailadres=f"user{i}@school.example",
            mutatiedatum=dt.datetime(2025, 9, 1, 8, 0),
        )
        for i in range(count)
    ]
    return LeerlinggegevensAntwoord(
        gegevens=Leerlinggegevens(
            school=school(),
            groepen=[Groep(key=f"G{i}", naam=f"Groep {i}", jaargroep=str(1 + i)) for i in range(8)],
            samengestelde_groepen=[
                SamengesteldeGroep(key=f"SG{i}", naam=f"SG {i}") for i in range(5)
            ],
            leerlingen=pupils,
        )
    )


def test_thousand_pupil_answer_is_valid_and_round_trips() -> None:
    """Speed lives in benchmarks/bench_uwlr.py; here only that the big answer is right."""
    message = _big_answer(1000)
    element = build(message)
    assert _official_errors(element) == []
    assert parse(element, strict=True) == message


@pytest.mark.parametrize("name", sorted(ALL_MESSAGES))
def test_every_built_element_follows_the_contract_order(name: str) -> None:
    """The order comes from ``src/uwlr/contract/*.xsd``: build and contract must agree."""
    assert contract_problems(build(ALL_MESSAGES[name])) == []


def test_the_contract_order_check_sees_a_swap() -> None:
    element = build(LeerlingenAntwoord(school=school(), leerlingen=[leerling_vol()]))
    leerling = element.find(f".//{{{LG}}}leerling")
    assert leerling is not None
    roepnaam, achternaam = leerling[4], leerling[0]
    leerling.remove(roepnaam)
    leerling.insert(0, roepnaam)
    assert etree.QName(achternaam).localname == "achternaam"
    assert contract_problems(element) == ["leerling: achternaam staat te laat"]
