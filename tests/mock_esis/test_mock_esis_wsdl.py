"""The served contract: ``?wsdl`` with the address actually used, XSDs over HTTP, and zeep.

zeep loads our served WSDL and calls every operation (``raw_response``, since zeep's own parsing
of the answers is not what is tested); the requests zeep builds validate against the official
2.2 schemas, and the answers against both our contract and the official schemas.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx
import pytest
import zeep
from lxml import etree
from mock_esis_testkit import TOETS, answer_of, assert_valid_answer, assert_valid_envelope
from zeep.plugins import HistoryPlugin

from mock_esis.testing.handle import MockEsisHandle, SchoolInfo
from uwlr.build import build_autorisatie
from uwlr.models import (
    GegevensStatus,
    LeerkrachtenAntwoord,
    LeerlingenAntwoord,
    LeerlinggegevensAntwoord,
    LeerresultatenBevestiging,
    StructuurAntwoord,
)
from uwlr.official import OfficialSchemas
from uwlr.validate import validate

WSDL_NS = "http://schemas.xmlsoap.org/wsdl/"
WSDL_SOAP_NS = "http://schemas.xmlsoap.org/wsdl/soap/"
XS = "http://www.w3.org/2001/XMLSchema"
ENDPOINTS = ["leerlinggegevens", "leerresultaten"]


def addresses(wsdl: bytes) -> list[str]:
    root = etree.fromstring(wsdl)
    return [str(a.get("location")) for a in root.iter(f"{{{WSDL_SOAP_NS}}}address")]


def schema_locations(document: bytes) -> list[str]:
    root = etree.fromstring(document)
    found = []
    for tag in ("import", "include", "redefine"):
        found += [str(el.get("schemaLocation")) for el in root.iter(f"{{{XS}}}{tag}")]
    return [location for location in found if location != "None"]


# --------------------------------------------------------------------------------------------
# ?wsdl and the XSDs


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_wsdl_has_the_url_used_as_address(esis: MockEsisHandle, endpoint: str) -> None:
    url = esis.endpoints[endpoint]
    response = httpx.get(f"{url}?wsdl")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/xml; charset=utf-8"
    root = etree.fromstring(response.content)
    assert root.tag == f"{{{WSDL_NS}}}definitions"
    found = addresses(response.content)
    assert found and set(found) == {url}


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_wsdl_address_follows_the_host_header(esis: MockEsisHandle, endpoint: str) -> None:
    url = esis.endpoints[endpoint]
    port = urlsplit(url).port
    response = httpx.get(f"{url}?wsdl", headers={"Host": f"localhost:{port}"})
    assert response.status_code == 200
    assert set(addresses(response.content)) == {f"http://localhost:{port}/uwlr/{endpoint}"}


@pytest.mark.parametrize("query", ["wsdl", "WSDL", "wsdl=", "wsdl&x=1"])
def test_wsdl_query_variants(esis: MockEsisHandle, query: str) -> None:
    response = httpx.get(f"{esis.endpoints['leerlinggegevens']}?{query}")
    assert response.status_code == 200
    assert b"definitions" in response.content


def fetch_recursively(start: str) -> dict[str, bytes]:
    """Every document reachable from ``start`` through schemaLocation, by absolute URL."""
    fetched: dict[str, bytes] = {}
    todo = [start]
    while todo:
        url = todo.pop()
        if url in fetched:
            continue
        response = httpx.get(url)
        assert response.status_code == 200, f"{url}: {response.status_code}"
        fetched[url] = response.content
        todo += [urljoin(url, location) for location in schema_locations(response.content)]
    return fetched


class _Served(etree.Resolver):
    def __init__(self, documents: dict[str, bytes]) -> None:
        super().__init__()
        self.documents = documents

    def resolve(self, system_url: str, public_id: str, context: Any) -> Any:  # type: ignore[override]
        if system_url in self.documents:
            return self.resolve_string(self.documents[system_url], context, base_url=system_url)
        raise AssertionError(f"schema not served: {system_url}")


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_every_imported_xsd_resolves_over_http(esis: MockEsisHandle, endpoint: str) -> None:
    wsdl_url = f"{esis.endpoints[endpoint]}?wsdl"
    documents = fetch_recursively(wsdl_url)
    xsds = [url for url in documents if url != wsdl_url]
    assert xsds, "the WSDL imports no XSD"
    for url in xsds:
        assert urlsplit(url).path.startswith("/uwlr/") and url.endswith(".xsd")
        assert etree.fromstring(documents[url]).tag == f"{{{XS}}}schema"
    if endpoint == "leerresultaten":
        assert any(url.endswith("/oso.xsd") for url in xsds), (
            "oso.xsd comes in through leerresultaten.xsd"
        )
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(_Served(documents))
    for url in xsds:
        etree.XMLSchema(etree.fromstring(documents[url], parser, base_url=url))


@pytest.mark.parametrize("name", ["bestaat-niet.xsd", "..%2Fvalidate.py", "leerlinggegevens.wsdl"])
def test_other_files_are_not_served(esis: MockEsisHandle, name: str) -> None:
    response = httpx.get(f"{esis.base_url}/uwlr/{name}")
    assert response.status_code == 404


# --------------------------------------------------------------------------------------------
# zeep


@pytest.fixture(scope="module")
def history() -> HistoryPlugin:
    return HistoryPlugin()


@pytest.fixture(scope="module")
def lg_client(esis: MockEsisHandle, history: HistoryPlugin) -> zeep.Client:
    return zeep.Client(f"{esis.endpoints['leerlinggegevens']}?wsdl", plugins=[history])


def header(esis: MockEsisHandle, school: SchoolInfo) -> list[etree._Element]:
    return [build_autorisatie(esis.autorisatie(school))]


def sent(history: HistoryPlugin, official: OfficialSchemas) -> etree._Element:
    """The last envelope zeep sent, checked against the official schemas and our contract."""
    envelope: etree._Element = history.last_sent["envelope"]
    assert not official.errors(envelope), official.errors(envelope)
    assert not validate(envelope), [str(i) for i in validate(envelope)]
    return envelope


@pytest.fixture
def raw(lg_client: zeep.Client) -> Iterator[zeep.Client]:
    with lg_client.settings(raw_response=True):
        yield lg_client


def base_args(school: SchoolInfo) -> dict[str, Any]:
    return {
        "schooljaar": school.schooljaar,
        "brincode": school.brincode,
        "dependancecode": school.dependancecode,
        "xsdversie": "2.2",
    }


def test_zeep_calls_haal_leerlinggegevens(
    esis: MockEsisHandle,
    school: SchoolInfo,
    raw: zeep.Client,
    history: HistoryPlugin,
    official: OfficialSchemas,
) -> None:
    response = raw.service.HaalLeerlinggegevens(
        **base_args(school), _soapheaders=header(esis, school)
    )
    sent(history, official)
    antwoord = answer_of(response)
    assert isinstance(antwoord, LeerlinggegevensAntwoord)
    assert antwoord.gegevens is not None and antwoord.gegevens.leerlingen


def test_zeep_calls_with_a_header_given_as_a_dict(
    esis: MockEsisHandle,
    school: SchoolInfo,
    raw: zeep.Client,
    history: HistoryPlugin,
    official: OfficialSchemas,
) -> None:
    fields = {
        "autorisatiesleutel": school.autorisatiesleutel,
        "klantcode": esis.klantcode,
        "klantnaam": esis.klantnaam,
    }
    response = raw.service.HaalLeerlinggegevens(
        **base_args(school), _soapheaders={"msgpHeader": fields}
    )
    sent(history, official)
    assert answer_of(response).gegevens is not None


def test_zeep_calls_with_schoolkey(
    esis: MockEsisHandle,
    school: SchoolInfo,
    raw: zeep.Client,
    history: HistoryPlugin,
    official: OfficialSchemas,
) -> None:
    response = raw.service.HaalLeerlinggegevens(
        schooljaar=school.schooljaar,
        schoolkey=school.schoolkey,
        xsdversie="2.2",
        _soapheaders=header(esis, school),
    )
    sent(history, official)
    assert answer_of(response).gegevens is not None


@pytest.fixture(scope="module")
def getrapt(lg_client: zeep.Client) -> Any:
    return lg_client.bind("LeerlinggegevensService", "prtLeerlinggegevensService-getrapt")


def test_zeep_calls_haal_structuur(
    esis: MockEsisHandle,
    school: SchoolInfo,
    raw: zeep.Client,
    getrapt: Any,
    history: HistoryPlugin,
    official: OfficialSchemas,
) -> None:
    response = getrapt.HaalStructuur(**base_args(school), _soapheaders=header(esis, school))
    sent(history, official)
    antwoord = answer_of(response)
    assert isinstance(antwoord, StructuurAntwoord)
    assert antwoord.groepen


@pytest.mark.parametrize("operation", ["HaalLeerlingen", "HaalLeerkrachten"])
def test_zeep_calls_haal_leerlingen_and_leerkrachten(
    esis: MockEsisHandle,
    school: SchoolInfo,
    raw: zeep.Client,
    getrapt: Any,
    history: HistoryPlugin,
    official: OfficialSchemas,
    operation: str,
) -> None:
    gegevens = esis.app.state.schools[school.code].fake.leerlinggegevens
    groepen = {
        "_value_1": [
            {"groep": {"key": gegevens.groepen[0].key}},
            {"samengestelde_groep": {"key": gegevens.samengestelde_groepen[0].key}},
            {"groep": {}},
        ]
    }
    response = getattr(getrapt, operation)(
        **base_args(school), groepen=groepen, _soapheaders=header(esis, school)
    )
    envelope = sent(history, official)
    assert envelope.xpath("count(//*[local-name()='groepen']/*)") == 3
    antwoord = answer_of(response)
    expected = LeerlingenAntwoord if operation == "HaalLeerlingen" else LeerkrachtenAntwoord
    assert isinstance(antwoord, expected)
    assert antwoord.status is GegevensStatus.GEGEVENS


def test_zeep_calls_breng_leerresultaten(
    mock_esis: MockEsisHandle, official: OfficialSchemas
) -> None:
    history = HistoryPlugin()
    client = zeep.Client(f"{mock_esis.endpoints['leerresultaten']}?wsdl", plugins=[history])
    school = mock_esis.school
    state = mock_esis.app.state.schools[school.code]
    pupil = state.fake.leerlinggegevens.leerlingen[0]
    norm = TOETS.toetsnormering
    assert norm is not None
    with client.settings(raw_response=True):
        response = client.service.BrengLeerresultaten(
            school={
                "schooljaar": school.schooljaar,
                "brincode": school.brincode,
                "dependancecode": school.dependancecode,
                "aanmaakdatum": "2026-11-02T14:30:00+01:00",
                "auteur": "Boom testcentrum",
                "xsdversie": "2.2",
            },
            toetsafnames={
                "toetsafname": [
                    {
                        "leerlingid": pupil.key,
                        "resultaten": {
                            "resultaat": [
                                {
                                    "key": "ZEEP-1",
                                    "afnamedatum": "2026-11-02",
                                    "toetscode": TOETS.toetscode,
                                    "score": 30,
                                }
                            ]
                        },
                    }
                ]
            },
            toetsen={
                "toets": [
                    {
                        "toetscode": TOETS.toetscode,
                        "toetsnaam": TOETS.toetsnaam,
                        "toetsnormering": {
                            "norm": [
                                {
                                    "term": n.term,
                                    "beginnormwaarde": n.beginnormwaarde,
                                    "eindnormwaarde": n.eindnormwaarde,
                                }
                                for n in norm.normen
                            ]
                        },
                    }
                ]
            },
            _soapheaders=[build_autorisatie(mock_esis.autorisatie(school))],
        )
    sent(history, official)
    assert isinstance(answer_of(response), LeerresultatenBevestiging)
    assert state.resultaten["ZEEP-1"].score == 30


def test_zeep_gets_the_fault_for_a_wrong_key(
    esis: MockEsisHandle, school: SchoolInfo, raw: zeep.Client
) -> None:
    wrong = [build_autorisatie(esis.autorisatie(school, autorisatiesleutel="zeep-verkeerd"))]
    response = raw.service.HaalLeerlinggegevens(**base_args(school), _soapheaders=wrong)
    assert response.status_code == 500
    envelope = etree.fromstring(response.content)
    assert_valid_envelope(envelope)
    assert envelope.findtext(".//faultcode") == "soap:Client.AutorisatieOngeldig"


def test_answers_to_zeep_are_text_xml(
    esis: MockEsisHandle, school: SchoolInfo, raw: zeep.Client
) -> None:
    response = raw.service.HaalLeerlinggegevens(
        **base_args(school), _soapheaders=header(esis, school)
    )
    assert_valid_answer(response)
