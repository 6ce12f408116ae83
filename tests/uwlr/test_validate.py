"""uwlr.validate: readable issues from our contract, plus the checks an XSD cannot express.

Every invalid example must be rejected by our contract with a message that names the element;
where the official 2.2 schemas can catch the same mistake, they must reject it too.
"""

from __future__ import annotations

import threading

import pytest
from lxml import etree

from uwlr.namespaces import AUT, LG, LR, SOAP_ENV, SUPPORTED_XSDVERSIES
from uwlr.official import OfficialSchemas, OfficialSchemasMissing, official_schemas
from uwlr.validate import (
    ContractValidator,
    ValidationIssue,
    is_valid,
    load_contract,
    validate,
    validate_bytes,
)

HEADER = (
    f'<aut:autorisatie xmlns:aut="{AUT}"><aut:autorisatiesleutel>K</aut:autorisatiesleutel>'
    "<aut:klantcode>C</aut:klantcode><aut:klantnaam>Boom</aut:klantnaam></aut:autorisatie>"
)


def verzoek(
    *,
    schooljaar: str = "2025-2026",
    school: str = "<lg:brincode>99XX</lg:brincode><lg:dependancecode>00</lg:dependancecode>",
    xsdversie: str = "2.2",
    header: str | None = HEADER,
) -> str:
    """A HaalLeerlinggegevens request envelope with prefixed elements."""
    head = f"<soapenv:Header>{header}</soapenv:Header>" if header is not None else ""
    return (
        f'<soapenv:Envelope xmlns:soapenv="{SOAP_ENV}" xmlns:lg="{LG}">{head}<soapenv:Body>\n'
        f"<lg:leerlinggegevens_verzoek><lg:schooljaar>{schooljaar}</lg:schooljaar>\n"
        f"{school}\n<lg:xsdversie>{xsdversie}</lg:xsdversie>\n"
        "</lg:leerlinggegevens_verzoek></soapenv:Body></soapenv:Envelope>"
    )


def antwoord(leerling: str, *, xsdversie: str = "2.2", schooljaar: str = "2025-2026") -> str:
    """A leerlinggegevens_antwoord (default namespace) with one group and the given leerling."""
    return (
        f'<leerlinggegevens_antwoord xmlns="{LG}"><leerlinggegevens><school>'
        f"<schooljaar>{schooljaar}</schooljaar><brincode>99XX</brincode>"
        f"<xsdversie>{xsdversie}</xsdversie></school>"
        '<groepen><groep key="G1"><naam>Groep 3</naam><jaargroep>3</jaargroep></groep></groepen>'
        f"<leerlingen>{leerling}</leerlingen></leerlinggegevens></leerlinggegevens_antwoord>"
    )


LEERLING = (
    '<leerling key="L1"><achternaam>Jansen</achternaam><roepnaam>Piet</roepnaam>'
    '<geslacht>1</geslacht><jaargroep>3</jaargroep><groep key="G1"/></leerling>'
)


def resultaten(*resultaat: str, toetsen: str = "<toets><toetscode>T1</toetscode></toets>") -> str:
    """A leerresultaten_verzoek with the given resultaat elements."""
    return (
        f'<leerresultaten_verzoek xmlns="{LR}"><school><schooljaar>2025-2026</schooljaar>'
        "<brincode>99XX</brincode><aanmaakdatum>2025-11-11T00:00:00</aanmaakdatum>"
        "<xsdversie>2.3</xsdversie></school><toetsafnames><toetsafname>"
        f"<leerlingid>L1</leerlingid><resultaten>{''.join(resultaat)}</resultaten>"
        f"</toetsafname></toetsafnames><toetsen>{toetsen}</toetsen></leerresultaten_verzoek>"
    )


def resultaat(key: str = "R1", toetscode: str = "T1", score: str = "<score>12</score>") -> str:
    return (
        f'<resultaat key="{key}"><afnamedatum>2025-11-10</afnamedatum>'
        f"<toetscode>{toetscode}</toetscode>{score}</resultaat>"
    )


def parse(text: str) -> etree._Element:
    return etree.fromstring(text.encode())


def official_or_skip() -> OfficialSchemas:
    try:
        return official_schemas()
    except OfficialSchemasMissing as exc:
        pytest.skip(str(exc))


# --------------------------------------------------------------------------------------------
# The issue type and the happy path


def test_valid_request_envelope_has_no_issues() -> None:
    assert validate(parse(verzoek())) == []
    assert is_valid(parse(verzoek()))


def test_valid_documents_in_every_form() -> None:
    doc = parse(verzoek())
    assert validate(doc.getroottree()) == []
    body_root = doc[1][0]
    assert validate(body_root) == []  # a bare body element, even inside its envelope
    assert validate(parse(HEADER)) == []
    assert validate(parse(antwoord(LEERLING))) == []
    assert validate(parse(resultaten(resultaat()))) == []


def test_issue_is_frozen_and_readable() -> None:
    issue = ValidationIssue(path="/a/b", line=3, message="fout", kind="schema")
    with pytest.raises(AttributeError):
        issue.path = "/c"  # type: ignore[misc]
    assert "/a/b" in str(issue) and "3" in str(issue) and "fout" in str(issue)


def test_schema_issue_has_readable_path_line_and_value() -> None:
    issues = validate(parse(verzoek(school="<lg:brincode>12ab</lg:brincode>")))
    assert len(issues) == 1
    issue = issues[0]
    assert issue.kind == "schema"
    assert issue.path == "/Envelope/Body/leerlinggegevens_verzoek/brincode"
    assert issue.line == 3
    assert "brincode" in issue.message and "12ab" in issue.message
    assert "{http" not in issue.message  # no Clark notation in what people read
    assert "[0-9]{2}[A-Z]{2}" in issue.message  # but the pattern stays intact


def test_enumeration_issue_lists_the_allowed_values() -> None:
    issues = validate(parse(antwoord(LEERLING.replace("<geslacht>1", "<geslacht>3"))))
    assert len(issues) == 1
    assert "'3'" in issues[0].message and "'9'" in issues[0].message


def test_paths_work_in_the_default_namespace_and_show_indexes() -> None:
    leerlingen = LEERLING + LEERLING.replace('"L1"', '"L2"').replace("<geslacht>1", "<geslacht>5")
    issues = validate(parse(antwoord(leerlingen)))
    assert [i.path for i in issues] == [
        "/leerlinggegevens_antwoord/leerlinggegevens/leerlingen/leerling[2]/geslacht"
    ]


def test_envelope_without_header_is_still_checked_for_the_body() -> None:
    assert validate(parse(verzoek(header=None))) == []
    issues = validate(parse(verzoek(header=None, school="<lg:brincode>1</lg:brincode>")))
    assert [i.path for i in issues] == ["/Envelope/Body/leerlinggegevens_verzoek/brincode"]


def test_header_is_validated() -> None:
    bad = HEADER.replace("<aut:klantcode>C</aut:klantcode>", "<aut:klantcode></aut:klantcode>")
    issues = validate(parse(verzoek(header=bad)))
    assert [i.path for i in issues] == ["/Envelope/Header/autorisatie/klantcode"]
    missing = HEADER.replace("<aut:klantnaam>Boom</aut:klantnaam>", "")
    issues = validate(parse(verzoek(header=missing)))
    assert len(issues) == 1 and "klantnaam" in issues[0].message


def test_unknown_headers_are_ignored() -> None:
    other = '<x:trace xmlns:x="urn:x">1</x:trace>'
    assert validate(parse(verzoek(header=HEADER + other))) == []


def test_body_must_hold_one_uwlr_message() -> None:
    env = f'<s:Envelope xmlns:s="{SOAP_ENV}"><s:Body><x:foo xmlns:x="urn:x"/></s:Body></s:Envelope>'
    issues = validate(parse(env))
    assert issues and issues[0].kind == "schema" and "foo" in issues[0].message
    empty = f'<s:Envelope xmlns:s="{SOAP_ENV}"><s:Body/></s:Envelope>'
    assert validate(parse(empty))
    header_in_body = f'<s:Envelope xmlns:s="{SOAP_ENV}"><s:Body>{HEADER}</s:Body></s:Envelope>'
    issues = validate(parse(header_in_body))
    assert issues and "autorisatie" in issues[0].message


def test_envelope_structure_is_checked() -> None:
    wrong_order = verzoek().replace("<soapenv:Header>", "<soapenv:Hdr>", 1)
    wrong_order = wrong_order.replace("</soapenv:Header>", "</soapenv:Hdr>", 1)
    assert validate(parse(wrong_order))
    no_body = f'<s:Envelope xmlns:s="{SOAP_ENV}"><s:Header/></s:Envelope>'
    issues = validate(parse(no_body))
    assert issues and "Body" in issues[0].message


@pytest.mark.parametrize(
    ("fault", "ok"),
    [
        ("<faultcode>s:Client.X</faultcode><faultstring>fout</faultstring>", True),
        ("<faultcode>s:Server.InterneFout</faultcode><faultstring>x</faultstring><detail/>", True),
        ("<faultstring>fout</faultstring>", False),
        ("<faultstring>fout</faultstring><faultcode>s:Client.X</faultcode>", False),
        ("<faultcode>s:Client.X</faultcode><faultstring>x</faultstring><extra/>", False),
    ],
)
def test_fault_structure(fault: str, ok: bool) -> None:
    env = (
        f'<s:Envelope xmlns:s="{SOAP_ENV}"><s:Body><s:Fault>{fault}</s:Fault></s:Body></s:Envelope>'
    )
    assert (validate(parse(env)) == []) is ok


def test_unknown_root_is_reported() -> None:
    issues = validate(parse('<foo xmlns="urn:x"/>'))
    assert len(issues) == 1 and issues[0].kind == "schema" and "foo" in issues[0].message


# --------------------------------------------------------------------------------------------
# Invalid examples: rejected by us (naming the element) and, where it can, by the official set

INVALID = {
    "lowercase brincode": (verzoek(school="<lg:brincode>99xx</lg:brincode>"), "brincode"),
    "wrong element order": (
        verzoek(school="<lg:dependancecode>00</lg:dependancecode><lg:brincode>99XX</lg:brincode>"),
        "dependancecode",
    ),
    "empty element": (
        antwoord(LEERLING.replace("<roepnaam>", "<voorvoegsel/><roepnaam>")),
        "voorvoegsel",
    ),
    "unknown element": (
        antwoord(LEERLING.replace("<geslacht>", "<leerlingnummer>7</leerlingnummer><geslacht>")),
        "leerlingnummer",
    ),
    "bad geslacht": (antwoord(LEERLING.replace("<geslacht>1", "<geslacht>3")), "geslacht"),
    "bad jaargroep": (antwoord(LEERLING.replace("<jaargroep>3", "<jaargroep>9")), "jaargroep"),
    "score 42.5": (resultaten(resultaat(score="<score>42.5</score>")), "score"),
    "duplicate resultaat key": (resultaten(resultaat("R1"), resultaat("R1")), "resultaat"),
    "toetscode referencing no toets": (resultaten(resultaat(toetscode="NOPE")), "NOPE"),
    "brincode together with schoolkey": (
        verzoek(school="<lg:brincode>99XX</lg:brincode><lg:schoolkey>K</lg:schoolkey>"),
        "schoolkey",
    ),
    "bad rol": (
        antwoord(LEERLING).replace(
            "</leerlingen>",
            "</leerlingen><leerkrachten><leerkracht key='T'><roepnaam>A</roepnaam><rol>BAAS</rol>"
            "</leerkracht></leerkrachten>",
        ),
        "rol",
    ),
    "missing xsdversie": (verzoek().replace("<lg:xsdversie>2.2</lg:xsdversie>", ""), "xsdversie"),
    "bad dateTime": (
        resultaten(resultaat()).replace("2025-11-11T00:00:00", "11-11-2025"),
        "aanmaakdatum",
    ),
    "duplicate leerling key": (antwoord(LEERLING + LEERLING), "leerling"),
}


@pytest.mark.parametrize("name", sorted(INVALID))
def test_invalid_example_is_rejected_naming_the_element(name: str) -> None:
    text, element = INVALID[name]
    issues = validate(parse(text))
    assert issues, name
    assert all(i.kind == "schema" for i in issues)
    assert any(element in i.message for i in issues), [i.message for i in issues]


@pytest.mark.official
@pytest.mark.parametrize(
    "name",
    sorted(set(INVALID) - {"duplicate leerling key"}),  # official selectors never match
)
def test_invalid_example_is_rejected_by_the_official_schemas(name: str) -> None:
    assert official_or_skip().errors(parse(INVALID[name][0]))


# --------------------------------------------------------------------------------------------
# Checks beyond the XSD


@pytest.mark.parametrize("xsdversie", SUPPORTED_XSDVERSIES)
def test_supported_xsdversies_pass(xsdversie: str) -> None:
    assert validate(parse(verzoek(xsdversie=xsdversie))) == []


@pytest.mark.parametrize("xsdversie", ["2.0", "3.0", "2.2.1", "twee", "2.4"])
def test_unsupported_xsdversie_has_its_own_kind(xsdversie: str) -> None:
    issues = validate(parse(verzoek(xsdversie=xsdversie)))
    assert [i.kind for i in issues] == ["xsdversie"]
    assert issues[0].path == "/Envelope/Body/leerlinggegevens_verzoek/xsdversie"
    assert xsdversie in issues[0].message
    assert issues[0].line == 4


def test_empty_xsdversie_is_an_xsdversie_issue() -> None:
    issues = validate(parse(verzoek(xsdversie="")))
    assert issues and {i.kind for i in issues} == {"xsdversie"}


def test_xsdversie_in_answers_and_results_is_checked_too() -> None:
    assert [i.kind for i in validate(parse(antwoord(LEERLING, xsdversie="1.0")))] == ["xsdversie"]
    text = resultaten(resultaat()).replace("<xsdversie>2.3", "<xsdversie>9.9")
    assert [i.kind for i in validate(parse(text))] == ["xsdversie"]


@pytest.mark.parametrize("schooljaar", ["2025-2025", "2025-2027", "2026-2025"])
def test_schooljaar_must_span_consecutive_years(schooljaar: str) -> None:
    issues = validate(parse(verzoek(schooljaar=schooljaar)))
    assert [i.kind for i in issues] == ["semantic"]
    assert schooljaar in issues[0].message
    assert issues[0].path == "/Envelope/Body/leerlinggegevens_verzoek/schooljaar"
    assert issues[0].line == 2


def test_schooljaar_in_answers_is_checked_too() -> None:
    issues = validate(parse(antwoord(LEERLING, schooljaar="2025-2030")))
    assert [(i.kind, i.path) for i in issues] == [
        ("semantic", "/leerlinggegevens_antwoord/leerlinggegevens/school/schooljaar")
    ]


ECKID_ONLY = (
    '<leerling eckid="https://ketenid.nl/201703/x"><roepnaam>Sam</roepnaam><groep key="G1"/>'
    "</leerling>"
)


def test_key_may_be_left_out_for_2_3_when_eckid_is_given() -> None:
    assert validate(parse(antwoord(ECKID_ONLY, xsdversie="2.3"))) == []


@pytest.mark.parametrize("xsdversie", ["2.1", "2.2"])
def test_key_is_required_before_2_3(xsdversie: str) -> None:
    issues = validate(parse(antwoord(ECKID_ONLY, xsdversie=xsdversie)))
    assert [i.kind for i in issues] == ["semantic"]
    assert issues[0].path == "/leerlinggegevens_antwoord/leerlinggegevens/leerlingen/leerling"
    assert "key" in issues[0].message


def test_key_is_required_without_eckid_even_for_2_3() -> None:
    issues = validate(
        parse(antwoord("<leerling><roepnaam>Sam</roepnaam></leerling>", xsdversie="2.3"))
    )
    assert [i.kind for i in issues] == ["semantic"]


def test_key_rule_applies_to_leerkrachten() -> None:
    leerkracht = (
        '<leerkrachten_antwoord xmlns="{LG}"><leerlinggegevens-leerkrachten><school>'
        "<schooljaar>2025-2026</schooljaar><schoolkey>S</schoolkey><xsdversie>{v}</xsdversie>"
        '</school><leerkrachten><leerkracht eckid="e1"><roepnaam>An</roepnaam></leerkracht>'
        "</leerkrachten></leerlinggegevens-leerkrachten></leerkrachten_antwoord>"
    )
    assert validate(parse(leerkracht.format(LG=LG, v="2.3"))) == []
    issues = validate(parse(leerkracht.format(LG=LG, v="2.2")))
    assert [i.path for i in issues] == [
        "/leerkrachten_antwoord/leerlinggegevens-leerkrachten/leerkrachten/leerkracht"
    ]


def test_answer_without_xsdversie_uses_the_version_given_by_the_caller() -> None:
    text = antwoord(ECKID_ONLY).replace("<xsdversie>2.2</xsdversie>", "")
    assert [i.kind for i in validate(parse(text))] == ["semantic"]  # unknown version: key needed
    assert validate(parse(text), xsdversie="2.3") == []
    # the message's own xsdversie wins over the caller's
    assert validate(parse(antwoord(ECKID_ONLY, xsdversie="2.2")), xsdversie="2.3")


# --------------------------------------------------------------------------------------------
# Bytes in: hardened parsing


def test_validate_bytes_accepts_a_valid_message() -> None:
    assert validate_bytes(verzoek().encode()) == []
    assert validate_bytes(b"<?xml version='1.0' encoding='utf-8'?>" + verzoek().encode()) == []


def test_validate_bytes_reports_broken_xml() -> None:
    issues = validate_bytes(b"<lg:leerlinggegevens_verzoek xmlns:lg='x'><unclosed>")
    assert len(issues) == 1 and issues[0].kind == "schema"
    assert issues[0].line is not None


def test_validate_bytes_does_not_expand_entities_or_fetch_files() -> None:
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<aut:autorisatie xmlns:aut="' + AUT.encode() + b'"><aut:autorisatiesleutel>&x;'
        b"</aut:autorisatiesleutel><aut:klantcode>C</aut:klantcode>"
        b"<aut:klantnaam>N</aut:klantnaam></aut:autorisatie>"
    )
    issues = validate_bytes(xxe)
    assert issues
    assert not any("root:" in i.message for i in issues)


def test_validate_bytes_rejects_a_billion_laughs() -> None:
    lol = (
        b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(
            f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode() for i in range(8)
        )
        + b"]><l>&i;</l>"
    )
    issues = validate_bytes(lol)
    assert issues  # either refused while parsing, or an unknown root: never 10^9 characters


# --------------------------------------------------------------------------------------------
# The validator object


def test_validator_uses_the_cached_contract() -> None:
    validator = ContractValidator()
    assert validator.contract is load_contract()
    assert validator.validate(parse(verzoek())) == []


def test_validator_is_safe_to_share_between_threads() -> None:
    validator = ContractValidator()
    good, bad = parse(verzoek()), parse(verzoek(school="<lg:brincode>x</lg:brincode>"))
    failures: list[str] = []

    def work(doc: etree._Element, expected: int) -> None:
        for _ in range(50):
            if len(validator.validate(doc)) != expected:
                failures.append("mismatch")

    threads = [threading.Thread(target=work, args=(good, 0)) for _ in range(3)]
    threads += [threading.Thread(target=work, args=(bad, 1)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
