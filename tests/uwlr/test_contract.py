"""Our own UWLR 2.x contract: it compiles, every message validates, and the WSDLs are complete.

Each valid example is checked against our contract *and* the official 2.2 schemas (skipped when
``../shared/uwlr-xsd`` is absent), so our contract accepts what the standard accepts.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from uwlr.namespaces import AUT, LG, LR, SOAP_ACTIONS
from uwlr.official import OfficialSchemas, OfficialSchemasMissing, official_schemas
from uwlr.validate import Contract, contract_dir, load_contract, validate

WSDL_NS = "http://schemas.xmlsoap.org/wsdl/"
WSDL_SOAP_NS = "http://schemas.xmlsoap.org/wsdl/soap/"
XS_NS = "http://www.w3.org/2001/XMLSchema"
NS = {"wsdl": WSDL_NS, "soap": WSDL_SOAP_NS, "xs": XS_NS}

HEADER = f"""
<aut:autorisatie xmlns:aut="{AUT}">
  <aut:autorisatiesleutel>SLEUTEL-VAN-DE-SCHOOL</aut:autorisatiesleutel>
  <aut:klantcode>BOOM-CODE</aut:klantcode>
  <aut:klantnaam>Boom testcentrum</aut:klantnaam>
</aut:autorisatie>"""

SCHOOL = """
  <school>
    <schooljaar>2025-2026</schooljaar><peildatum>2025-10-01</peildatum>
    <brincode>99XX</brincode><dependancecode>00</dependancecode>
    <aanmaakdatum>2025-10-01T10:00:00</aanmaakdatum><auteur>ESIS</auteur>
    <xsdversie>2.2</xsdversie><commentaar>proef</commentaar>
  </school>"""

GROEPEN = """
  <groepen>
    <groep key="G1"><naam>Groep 1</naam><jaargroep>1</jaargroep>
      <omschrijving>Kleuters</omschrijving><mutatiedatum>2025-09-01T08:00:00</mutatiedatum></groep>
    <samengestelde_groep key="SG1"><naam>Zorg</naam><omschrijving>Instructie</omschrijving></samengestelde_groep>
    <groep key="G2"><naam>3/4</naam><jaargroep>C</jaargroep></groep>
  </groepen>"""

LEERLINGEN = """
  <leerlingen>
    <leerling key="L1" eckid="https://ketenid.nl/201703/abc">
      <achternaam>Jansen</achternaam><voorvoegsel>de</voorvoegsel><voornamen>Pieter Jan</voornamen>
      <voorletters-1>P.J.</voorletters-1><roepnaam>Piet</roepnaam>
      <geboortedatum>2018-03-04</geboortedatum><geslacht>1</geslacht>
      <start_ondw_jgr3>2021-08-01</start_ondw_jgr3><jaargroep>1</jaargroep><groep key="G1"/>
      <samengestelde_groepen><samengestelde_groep key="SG1"/></samengestelde_groepen>
      <vestiging key="V1"/><gebruikersnaam>pjansen</gebruikersnaam><emailadres>p@x.nl</emailadres>
      <fotourl>https://x.nl/p.jpg</fotourl><etniciteit>9</etniciteit><land>NL</land>
      <land_vader>?</land_vader><land_moeder>BE</land_moeder><bsn_ondwnr-4>1234</bsn_ondwnr-4>
      <gewicht_nieuw>0</gewicht_nieuw><gewicht>0.00</gewicht><postcodenl>1234AB</postcodenl>
      <instroomdatum>2022-08-20</instroomdatum><uitstroomdatum>2030-07-01</uitstroomdatum>
      <mutatiedatum>2025-09-01T08:00:00</mutatiedatum>
    </leerling>
    <leerling key="L2"><roepnaam>Sam</roepnaam><geslacht>9</geslacht><jaargroep>4</jaargroep>
      <groep key="G2"/><bsn>123456789</bsn><postnummerbe>1000</postnummerbe></leerling>
  </leerlingen>"""

LEERKRACHTEN = """
  <leerkrachten>
    <leerkracht key="T1" eckid="https://ketenid.nl/201703/t1">
      <achternaam>Vries</achternaam><voorvoegsel>de</voorvoegsel><roepnaam>An</roepnaam>
      <gebruikersnaam>avries</gebruikersnaam><emailadres>a@x.nl</emailadres>
      <rol>LRK</rol><rolomschrijving>Bouwcoordinator</rolomschrijving><rol>IB</rol>
      <groepen><groep key="G1"><rol>LRK</rol></groep><samengestelde_groep key="SG1"/></groepen>
      <mutatiedatum>2025-09-01T08:00:00</mutatiedatum>
    </leerkracht>
  </leerkrachten>"""


def _verzoek(root: str, extra: str = "", school: str = "<brincode>99XX</brincode>") -> str:
    return (
        f'<{root} xmlns="{LG}"><schooljaar>2025-2026</schooljaar>{school}'
        f"<xsdversie>2.2</xsdversie>{extra}</{root}>"
    )


def _envelope(body: str, header: str = HEADER) -> str:
    return (
        '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">'
        f"<soapenv:Header>{header}</soapenv:Header><soapenv:Body>{body}</soapenv:Body>"
        "</soapenv:Envelope>"
    )


GROEPEN_VERZOEK = '<groepen><groep key="G1"/><samengestelde_groep key="SG1"/><groep/></groepen>'

VALID_EXAMPLES: dict[str, str] = {
    "autorisatie": HEADER,
    "leerlinggegevens_verzoek": _envelope(
        _verzoek(
            "leerlinggegevens_verzoek",
            "<gegevenssetid>Smalle-set-PO</gegevenssetid>"
            "<laatstontvangengegevens>2025-09-01T06:00:00</laatstontvangengegevens>",
            "<brincode>99XX</brincode><dependancecode>01</dependancecode>",
        )
    ),
    "structuur_verzoek": _envelope(
        _verzoek("structuur_verzoek", school="<schoolkey>school-42</schoolkey>")
    ),
    "leerlingen_verzoek": _envelope(_verzoek("leerlingen_verzoek", GROEPEN_VERZOEK)),
    "leerkrachten_verzoek": _envelope(
        _verzoek("leerkrachten_verzoek", '<groepen><samengestelde_groep key="SG1"/></groepen>')
    ),
    "leerlinggegevens_antwoord": (
        f'<leerlinggegevens_antwoord xmlns="{LG}"><leerlinggegevens>{SCHOOL}'
        '<vestigingen><vestiging key="V1"><naam>Hoofdgebouw</naam></vestiging></vestigingen>'
        f"{GROEPEN}{LEERLINGEN}{LEERKRACHTEN}</leerlinggegevens></leerlinggegevens_antwoord>"
    ),
    "leerlinggegevens_antwoord_geengegevens": (
        f'<leerlinggegevens_antwoord xmlns="{LG}"><geengegevens/></leerlinggegevens_antwoord>'
    ),
    "structuur_antwoord": (
        f'<structuur_antwoord xmlns="{LG}"><leerlinggegevens-structuur>{SCHOOL}{GROEPEN}'
        "</leerlinggegevens-structuur></structuur_antwoord>"
    ),
    "structuur_antwoord_geenwijzigingen": (
        f'<structuur_antwoord xmlns="{LG}"><geenwijzigingen/></structuur_antwoord>'
    ),
    "leerlingen_antwoord": (
        f'<leerlingen_antwoord xmlns="{LG}"><leerlinggegevens-leerlingen>{SCHOOL}{LEERLINGEN}'
        "</leerlinggegevens-leerlingen></leerlingen_antwoord>"
    ),
    "leerkrachten_antwoord": (
        f'<leerkrachten_antwoord xmlns="{LG}"><leerlinggegevens-leerkrachten>{SCHOOL}'
        f"{LEERKRACHTEN}</leerlinggegevens-leerkrachten></leerkrachten_antwoord>"
    ),
    "leerkrachten_antwoord_geengegevens": (
        f'<leerkrachten_antwoord xmlns="{LG}"><geengegevens/></leerkrachten_antwoord>'
    ),
    "leerresultaten_verzoek": _envelope(
        f"""<leerresultaten_verzoek xmlns="{LR}"
            xmlns:oso="http://www.edustandaard.nl/oso_gegevensset/1.2/dossier">
          <school><schooljaar>2025-2026</schooljaar><brincode>99XX</brincode>
            <dependancecode>00</dependancecode><aanmaakdatum>2025-11-11T00:05:46</aanmaakdatum>
            <auteur>Boom</auteur><xsdversie>2.2</xsdversie><commentaar>M4</commentaar></school>
          <toetsafnames><toetsafname>
            <leerlingid>L1</leerlingid><eckid>https://ketenid.nl/201703/abc</eckid>
            <resultaatverwerkerid>RV1</resultaatverwerkerid>
            <resultaten>
              <resultaat key="R1"><afnamedatum>2025-11-10</afnamedatum><toetscode>REK-M4</toetscode>
                <versie>2</versie><score>42</score><infourl>https://boom.nl/r1</infourl></resultaat>
              <resultaat key="R2"><afnamedatum>2025-11-10</afnamedatum><toetscode>REK-M4</toetscode>
                <toetsonderdeelcode>O1</toetsonderdeelcode>
                <osoresultaat>
                  <oso:toetsscore><oso:aantalopgaven>40</oso:aantalopgaven><oso:aantalgoed>30</oso:aantalgoed>
                    <oso:aantalfout>10</oso:aantalfout><oso:tijd>1800</oso:tijd>
                    <oso:vaardigheidsscore>123.5</oso:vaardigheidsscore>
                    <oso:codevaardigheidsschaal>REK</oso:codevaardigheidsschaal>
                    <oso:betrouwbaarheidsinterval><oso:bivlaag>118</oso:bivlaag><oso:bivhoog>129</oso:bivhoog>
                    </oso:betrouwbaarheidsinterval></oso:toetsscore>
                  <oso:referentiescore><oso:codereferentiescore>DLE</oso:codereferentiescore>
                    <oso:codevergelijkingsgroep>Landelijk</oso:codevergelijkingsgroep>
                    <oso:waarde>14</oso:waarde><oso:kwalificatie>boven</oso:kwalificatie>
                  </oso:referentiescore>
                </osoresultaat></resultaat>
            </resultaten></toetsafname></toetsafnames>
          <toetsen><toets><toetscode vocabulaire="urn:boom">REK-M4</toetscode><versie>2</versie>
            <toetsnaam>Rekenen M4</toetsnaam><leerjaar>4</leerjaar><vakgebied>Rekenen</vakgebied>
            <toetsnormering><toetscategorie>methode</toetscategorie><wegingsfactor>1.5</wegingsfactor>
              <norm><term>V</term><omschrijving>onvoldoende</omschrijving><beginnormwaarde>0</beginnormwaarde>
                <eindnormwaarde>20</eindnormwaarde><normkleur><rood_code>255</rood_code>
                <groen_code>0</groen_code><blauw_code>0</blauw_code><transparantie>0.5</transparantie>
                </normkleur><schoolcijfer_vanaf>1.0</schoolcijfer_vanaf>
                <schoolcijfer_totenmet>5.4</schoolcijfer_totenmet></norm>
              <norm><term>G</term><beginnormwaarde>21</beginnormwaarde><eindnormwaarde>40</eindnormwaarde></norm>
            </toetsnormering>
            <toetshierarchie><ingang niveau="1">Rekenen</ingang><ingang niveau="2">M4</ingang></toetshierarchie>
            <toetsonderdelen><toetsonderdeel><toetsonderdeelvolgnummer>1</toetsonderdeelvolgnummer>
              <toetsonderdeelcode>O1</toetsonderdeelcode><toetsonderdeelnaam>Getallen</toetsonderdeelnaam>
              <toetsonderdeelnormering><norm><term>G</term><beginnormwaarde>0</beginnormwaarde>
                <eindnormwaarde>10</eindnormwaarde></norm></toetsonderdeelnormering>
            </toetsonderdeel></toetsonderdelen>
          </toets></toetsen>
        </leerresultaten_verzoek>"""
    ),
    "leerresultaten_bevestiging": f'<lr:leerresultaten_bevestiging xmlns:lr="{LR}"/>',
    "fault": (
        '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'
        "<soap:Fault><faultcode>soap:Client.AutorisatieOngeldig</faultcode>"
        "<faultstring>Autorisatiesleutel is ongeldig</faultstring>"
        "<faultactor>http://las.example/uwlr</faultactor>"
        "<detail><reden>onbekende sleutel</reden></detail>"
        "</soap:Fault></soap:Body></soap:Envelope>"
    ),
}


def _official() -> OfficialSchemas:
    try:
        return official_schemas()
    except OfficialSchemasMissing as exc:
        pytest.skip(str(exc))


def _parse(text: str) -> etree._Element:
    return etree.fromstring(text.encode())


# --------------------------------------------------------------------------------------------
# The contract files


def test_contract_files_are_ours_and_complete() -> None:
    folder = contract_dir()
    names = {p.name for p in folder.iterdir()}
    for name in (
        "autorisatie.xsd",
        "leerlinggegevens.xsd",
        "leerresultaten.xsd",
        "oso.xsd",
        "soap-envelope.xsd",
        "leerlinggegevens.wsdl",
        "leerresultaten.wsdl",
    ):
        assert name in names
        text = (folder / name).read_text(encoding="utf-8")
        assert "boomlink" in text  # our own documentation comment heads every file
        assert "Jos van der Arend" not in text  # not the official file


def test_contract_compiles_once_and_is_cached() -> None:
    contract = load_contract()
    assert isinstance(contract, Contract)
    assert isinstance(contract.schema, etree.XMLSchema)
    assert load_contract() is contract


@pytest.mark.parametrize(
    ("name", "namespace"),
    [
        ("autorisatie.xsd", AUT),
        ("leerlinggegevens.xsd", LG),
        ("leerresultaten.xsd", LR),
        ("oso.xsd", "http://www.edustandaard.nl/oso_gegevensset/1.2/dossier"),
        ("soap-envelope.xsd", "http://schemas.xmlsoap.org/soap/envelope/"),
    ],
)
def test_each_xsd_compiles_on_its_own(name: str, namespace: str) -> None:
    doc = etree.parse(str(contract_dir() / name))
    assert doc.getroot().get("targetNamespace") == namespace
    # UWLR elements are qualified; SOAP 1.1 Fault children (faultcode, ...) are not
    expected = "unqualified" if name == "soap-envelope.xsd" else "qualified"
    assert doc.getroot().get("elementFormDefault") == expected
    etree.XMLSchema(doc)


def test_no_unicode_property_patterns_are_left() -> None:
    for path in contract_dir().glob("*.xsd"):
        assert r"\p{" not in path.read_text(encoding="utf-8"), path.name


# --------------------------------------------------------------------------------------------
# Valid examples: ours and the official schemas agree


@pytest.mark.parametrize("name", sorted(VALID_EXAMPLES))
def test_valid_example_passes_our_contract(name: str) -> None:
    document = _parse(VALID_EXAMPLES[name])
    assert validate(document) == []


@pytest.mark.official
@pytest.mark.parametrize("name", sorted(VALID_EXAMPLES))
def test_valid_example_passes_the_official_schemas(name: str) -> None:
    official = _official()
    assert official.errors(_parse(VALID_EXAMPLES[name])) == []


def test_every_message_root_has_an_example() -> None:
    roots = {etree.QName(_message_root(_parse(text))).localname for text in VALID_EXAMPLES.values()}
    assert roots >= {
        "autorisatie",
        "leerlinggegevens_verzoek",
        "structuur_verzoek",
        "leerlingen_verzoek",
        "leerkrachten_verzoek",
        "leerlinggegevens_antwoord",
        "structuur_antwoord",
        "leerlingen_antwoord",
        "leerkrachten_antwoord",
        "leerresultaten_verzoek",
        "leerresultaten_bevestiging",
        "Fault",
    }


def _message_root(element: etree._Element) -> etree._Element:
    if etree.QName(element).localname == "Envelope":
        body = element[-1]
        return body[0]
    return element


# --------------------------------------------------------------------------------------------
# Deliberate differences from the official 2.2 files (see docs/adr/0001-own-contract.md)


def test_school_year_after_2024_2025_is_valid_in_answers() -> None:
    text = VALID_EXAMPLES["structuur_antwoord"].replace("2025-2026", "2026-2027")
    assert validate(_parse(text)) == []


def test_school_year_second_part_must_be_four_digits() -> None:
    text = VALID_EXAMPLES["structuur_antwoord"].replace("2025-2026", "2026-207")
    issues = validate(_parse(text))
    assert [i.kind for i in issues] == ["schema"]
    assert "schooljaar" in issues[0].message


def _keyless_leerling_answer(xsdversie: str) -> str:
    return (
        f'<leerlingen_antwoord xmlns="{LG}"><leerlinggegevens-leerlingen><school>'
        "<schooljaar>2025-2026</schooljaar><brincode>99XX</brincode>"
        f"<xsdversie>{xsdversie}</xsdversie></school><leerlingen>"
        '<leerling eckid="https://ketenid.nl/201703/abc"><roepnaam>Sam</roepnaam></leerling>'
        "</leerlingen></leerlinggegevens-leerlingen></leerlingen_antwoord>"
    )


def test_keyless_leerling_with_eckid_is_valid_for_2_3() -> None:
    assert validate(_parse(_keyless_leerling_answer("2.3"))) == []


def test_keyless_leerling_is_invalid_for_2_2() -> None:
    issues = validate(_parse(_keyless_leerling_answer("2.2")))
    assert [i.kind for i in issues] == ["semantic"]
    assert "key" in issues[0].message
    assert issues[0].path.endswith("/leerling")


@pytest.mark.official
def test_official_schemas_always_demand_the_key() -> None:
    assert _official().errors(_parse(_keyless_leerling_answer("2.3")))


def test_our_group_references_are_enforced_where_the_official_ones_never_match() -> None:
    text = VALID_EXAMPLES["leerlinggegevens_antwoord"].replace(
        '<groep key="G2"/>', '<groep key="NOPE"/>'
    )
    issues = validate(_parse(text))
    assert issues and all(i.kind == "schema" for i in issues)
    assert "NOPE" in issues[0].message


@pytest.mark.official
def test_official_group_reference_check_is_toothless() -> None:
    text = VALID_EXAMPLES["leerlinggegevens_antwoord"].replace(
        '<groep key="G2"/>', '<groep key="NOPE"/>'
    )
    assert _official().errors(_parse(text)) == []


@pytest.mark.parametrize(
    ("old", "new", "constraint"),
    [
        ('<groep key="G1"><rol>', '<groep key="X"><rol>', "leerkracht-groep-bestaat"),
        (
            '<samengestelde_groep key="SG1"/></groepen>',
            '<samengestelde_groep key="X"/></groepen>',
            "leerkracht-samengestelde_groep-bestaat",
        ),
        (
            '<samengestelde_groepen><samengestelde_groep key="SG1"/>',
            '<samengestelde_groepen><samengestelde_groep key="X"/>',
            "leerling-samengestelde_groep-bestaat",
        ),
        ('<vestiging key="V1"/>', '<vestiging key="X"/>', "leerling-vestiging-bestaat"),
        ('<groep key="G1"/>', '<groep key="SG1"/>', "leerling-groep-bestaat"),  # wrong kind
        ('<leerling key="L2">', '<leerling key="L1">', "unieke-leerlingkey"),
    ],
)
def test_every_reference_and_key_constraint_is_enforced(
    old: str, new: str, constraint: str
) -> None:
    text = VALID_EXAMPLES["leerlinggegevens_antwoord"]
    assert text.count(old) == 1
    issues = validate(_parse(text.replace(old, new)))
    assert [i.kind for i in issues] == ["schema"]
    assert constraint in issues[0].message


def test_duplicate_leerling_eckid_is_rejected() -> None:
    text = VALID_EXAMPLES["leerlinggegevens_antwoord"].replace(
        '<leerling key="L2">', '<leerling key="L2" eckid="https://ketenid.nl/201703/abc">'
    )
    issues = validate(_parse(text))
    assert issues and "leerling" in issues[0].message


def test_duplicate_group_key_across_kinds_is_rejected() -> None:
    text = VALID_EXAMPLES["structuur_antwoord"].replace('key="SG1"', 'key="G1"')
    assert validate(_parse(text))


def _with_school(text: str, school: str) -> etree._Element:
    return _parse(
        text.replace("<brincode>99XX</brincode><dependancecode>01</dependancecode>", school)
    )


def test_empty_dependancecode_means_00_in_requests_as_in_the_standard() -> None:
    text = VALID_EXAMPLES["leerlinggegevens_verzoek"]
    document = _with_school(text, "<brincode>99XX</brincode><dependancecode/>")
    before = etree.tostring(document)
    assert validate(document) == []
    assert etree.tostring(document) == before  # validation never fills in the default


def test_brincode_digits_and_capitals_are_ascii_only() -> None:
    text = VALID_EXAMPLES["leerlinggegevens_verzoek"]
    issues = validate(_with_school(text, "<brincode>\uff19\uff19XX</brincode>"))
    assert [i.path.rsplit("/", 1)[-1] for i in issues] == ["brincode"]


@pytest.mark.official
def test_official_schemas_accept_any_unicode_digit_in_brincode() -> None:
    text = VALID_EXAMPLES["leerlinggegevens_verzoek"]
    assert _official().errors(_with_school(text, "<brincode>\uff19\uff19XX</brincode>")) == []


@pytest.mark.parametrize(("land", "ok"), [("NL", True), ("?", True), ("QQ", True), ("nl", False)])
def test_land_is_a_pattern_not_a_list(land: str, ok: bool) -> None:
    text = VALID_EXAMPLES["leerlinggegevens_antwoord"].replace(
        "<land>NL</land>", f"<land>{land}</land>"
    )
    assert (validate(_parse(text)) == []) is ok


# --------------------------------------------------------------------------------------------
# The WSDLs


def _wsdl(name: str) -> etree._ElementTree:
    return etree.parse(str(contract_dir() / name))


XPathContext = etree._Element | etree._ElementTree


def _elements(node: XPathContext, path: str) -> list[etree._Element]:
    """The elements ``path`` (with the prefixes of ``NS``) selects below ``node``."""
    found = node.xpath(path, namespaces=NS)
    assert isinstance(found, list), path
    elements = [e for e in found if isinstance(e, etree._Element)]
    assert len(elements) == len(found), path
    return elements


def _strings(node: XPathContext, path: str) -> list[str]:
    """The attribute values or texts ``path`` (with the prefixes of ``NS``) selects."""
    found = node.xpath(path, namespaces=NS)
    assert isinstance(found, list), path
    strings = [str(v) for v in found if isinstance(v, str)]
    assert len(strings) == len(found), path
    return strings


@pytest.mark.parametrize(
    ("name", "operations", "service", "ports"),
    [
        (
            "leerlinggegevens.wsdl",
            {"HaalLeerlinggegevens", "HaalStructuur", "HaalLeerlingen", "HaalLeerkrachten"},
            "LeerlinggegevensService",
            {"prtLeerlinggegevensService", "prtLeerlinggegevensService-getrapt"},
        ),
        (
            "leerresultaten.wsdl",
            {"BrengLeerresultaten"},
            "LeerresultatenService",
            {"prtLeerresultatenService"},
        ),
    ],
)
def test_wsdl_names_operations_actions_header_and_ports(
    name: str, operations: set[str], service: str, ports: set[str]
) -> None:
    wsdl = _wsdl(name)
    bound = _elements(wsdl, "/wsdl:definitions/wsdl:binding/wsdl:operation")
    assert {op.get("name") for op in bound} == operations
    for op in bound:
        action = _strings(op, "soap:operation/@soapAction")
        assert action == [SOAP_ACTIONS[op.get("name", "")]]
        headers = _elements(op, "wsdl:input/soap:header")
        assert len(headers) == 1 and headers[0].get("use") == "literal"
        assert _strings(op, "wsdl:input/soap:body/@use") == ["literal"]
    for binding in _elements(wsdl, "/wsdl:definitions/wsdl:binding"):
        assert _strings(binding, "soap:binding/@style") == ["document"]
        assert _strings(binding, "soap:binding/@transport") == [
            "http://schemas.xmlsoap.org/soap/http"
        ]
    header_parts = _strings(
        wsdl, "/wsdl:definitions/wsdl:message[@name='msgHeader']/wsdl:part/@element"
    )
    assert [p.split(":")[-1] for p in header_parts] == ["autorisatie"]
    assert _strings(wsdl, "/wsdl:definitions/wsdl:service/@name") == [service]
    port_nodes = _elements(wsdl, "/wsdl:definitions/wsdl:service/wsdl:port")
    assert {p.get("name") for p in port_nodes} == ports
    for port in port_nodes:
        assert _strings(port, "soap:address/@location") == ["http://localhost:8080/NOTDEFINEDYET"]


@pytest.mark.parametrize("name", ["leerlinggegevens.wsdl", "leerresultaten.wsdl"])
def test_wsdl_imports_the_xsds_by_relative_location(name: str) -> None:
    imports = _strings(_wsdl(name), "//xs:import/@schemaLocation")
    assert imports
    for location in imports:
        assert "/" not in location and not re.match(r"^\w+:", location)
        assert (contract_dir() / location).is_file()


def test_wsdl_message_elements_exist_in_the_contract() -> None:
    declared = {
        (LG, "leerlinggegevens.xsd"),
        (LR, "leerresultaten.xsd"),
        (AUT, "autorisatie.xsd"),
    }
    globals_by_ns = {
        ns: set(_strings(etree.parse(str(contract_dir() / f)), "/xs:schema/xs:element/@name"))
        for ns, f in declared
    }
    for name in ("leerlinggegevens.wsdl", "leerresultaten.wsdl"):
        root = _wsdl(name).getroot()
        for part in _elements(root, "/wsdl:definitions/wsdl:message/wsdl:part"):
            prefix, local = part.get("element", "").split(":")
            assert local in globals_by_ns[part.nsmap[prefix]], local


@pytest.mark.parametrize(
    ("name", "operations"),
    [
        (
            "leerlinggegevens.wsdl",
            {"HaalLeerlinggegevens", "HaalStructuur", "HaalLeerlingen", "HaalLeerkrachten"},
        ),
        ("leerresultaten.wsdl", {"BrengLeerresultaten"}),
    ],
)
def test_zeep_loads_the_wsdl(name: str, operations: set[str]) -> None:
    zeep = pytest.importorskip("zeep")
    client = zeep.Client(str(contract_dir() / name))
    found: set[str] = set()
    for service in client.wsdl.services.values():
        for port in service.ports.values():
            for operation in port.binding._operations.values():
                found.add(operation.name)
                assert operation.input.header.signature()  # the aut:autorisatie header
    assert found == operations


def test_contract_dir_is_inside_the_package() -> None:
    import uwlr

    assert contract_dir() == Path(uwlr.__file__).parent / "contract"


def test_zeep_builds_requests_that_our_contract_accepts() -> None:
    zeep = pytest.importorskip("zeep")
    header = {"autorisatiesleutel": "K", "klantcode": "C", "klantnaam": "Boom"}
    client = zeep.Client(str(contract_dir() / "leerlinggegevens.wsdl"))
    alles = client.create_message(
        client.service,
        "HaalLeerlinggegevens",
        schooljaar="2025-2026",
        brincode="99XX",
        xsdversie="2.3",
        _soapheaders={"msgpHeader": header},
    )
    assert validate(alles) == []
    getrapt = client.bind("LeerlinggegevensService", "prtLeerlinggegevensService-getrapt")
    leerlingen = client.create_message(
        getrapt,
        "HaalLeerlingen",
        schooljaar="2025-2026",
        schoolkey="S1",
        xsdversie="2.3",
        groepen={"_value_1": [{"groep": {"key": "G1"}}]},
        _soapheaders={"msgpHeader": header},
    )
    assert validate(leerlingen) == []
