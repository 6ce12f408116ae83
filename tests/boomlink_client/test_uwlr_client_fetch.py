"""The UWLR client against the real mock ESIS: fetching leerlinggegevens, all-in-one and getrapt."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from uwlr_client_testkit import Adres, person_id, school_data, sleutel_of

from boomlink.uwlr_client import ClientConfig, Result, UwlrClient
from mock_esis.testing.handle import MockEsisHandle
from uwlr.models import (
    GegevensStatus,
    GroepRef,
    LeerkrachtenAntwoord,
    LeerlingenAntwoord,
    LeerlinggegevensAntwoord,
    StructuurAntwoord,
)

MakeConfig = Callable[..., ClientConfig]


def _fetch(handle: MockEsisHandle, config: ClientConfig) -> Result[LeerlinggegevensAntwoord]:
    school = handle.school
    with UwlrClient(config) as client:
        return client.haal_leerlinggegevens(
            sleutel_of(handle),
            schooljaar=school.schooljaar,
            brincode=school.brincode,
            dependancecode=school.dependancecode,
        )


def test_all_in_one_fetch_equals_the_mock_school(
    mock_esis: MockEsisHandle, make_config: MakeConfig
) -> None:
    result = _fetch(mock_esis, make_config(mock_esis))

    expected = school_data(mock_esis)
    answer = result.message
    assert answer.status is GegevensStatus.GEGEVENS
    assert answer.gegevens is not None
    assert answer.gegevens.school.brincode == mock_esis.school.brincode
    assert answer.gegevens.school.dependancecode == mock_esis.school.dependancecode
    assert answer.gegevens.school.schooljaar == mock_esis.school.schooljaar
    assert answer.gegevens.groepen == expected.groepen
    assert answer.gegevens.samengestelde_groepen == expected.samengestelde_groepen
    assert answer.gegevens.leerlingen == expected.leerlingen
    assert answer.gegevens.leerkrachten == expected.leerkrachten
    assert result.attempts == 1
    assert result.warnings == ()
    assert result.latency > 0
    assert len(result.exchanges) == 1
    assert result.exchange.status == 200
    assert b"leerlinggegevens_antwoord" in (result.exchange.response or b"")


def test_requests_pass_our_contract_and_carry_the_soapaction(
    mock_esis: MockEsisHandle, make_config: MakeConfig
) -> None:
    _fetch(mock_esis, make_config(mock_esis))
    _fetch(mock_esis, make_config(mock_esis, getrapt=True, getrapt_batch=4))

    journal = mock_esis.journal()
    assert journal, "the mock saw no request"
    assert {entry["verdict"] for entry in journal} == {"ok"}
    assert {entry["operation"] for entry in journal} == {
        "HaalLeerlinggegevens",
        "HaalStructuur",
        "HaalLeerlingen",
        "HaalLeerkrachten",
    }
    actions = {entry["operation"]: entry["soapaction"] for entry in journal}
    assert actions["HaalLeerlinggegevens"] == '"HaalLeerlinggegevens"'
    assert actions["HaalStructuur"].endswith('/leerlinggegevens/structuur_verzoek"')
    for entry in journal:
        assert entry["header"]["klantnaam"] == mock_esis.klantnaam
        assert entry["header"]["klantcode"] == mock_esis.klantcode


def test_getrapt_gives_the_same_data_as_all_in_one(
    mock_esis: MockEsisHandle, make_config: MakeConfig
) -> None:
    alles = _fetch(mock_esis, make_config(mock_esis)).message.gegevens
    getrapt_result = _fetch(mock_esis, make_config(mock_esis, getrapt=True, getrapt_batch=3))
    getrapt = getrapt_result.message.gegevens
    assert alles is not None and getrapt is not None

    assert getrapt.school.brincode == alles.school.brincode
    assert getrapt.school.schooljaar == alles.school.schooljaar
    assert {g.key for g in getrapt.groepen} == {g.key for g in alles.groepen}
    assert {g.key for g in getrapt.samengestelde_groepen} == {
        g.key for g in alles.samengestelde_groepen
    }
    assert {person_id(p) for p in getrapt.leerlingen} == {person_id(p) for p in alles.leerlingen}
    assert {person_id(p) for p in getrapt.leerkrachten} == {
        person_id(p) for p in alles.leerkrachten
    }
    # The same records, not just the same keys, and each exactly once.
    assert len(getrapt.leerlingen) == len(alles.leerlingen)
    assert len(getrapt.leerkrachten) == len(alles.leerkrachten)
    assert sorted(getrapt.leerlingen, key=repr) == sorted(alles.leerlingen, key=repr)
    assert sorted(getrapt.leerkrachten, key=repr) == sorted(alles.leerkrachten, key=repr)
    assert getrapt.groepen == alles.groepen
    assert getrapt.samengestelde_groepen == alles.samengestelde_groepen

    # 13 groups in batches of 3: 1 structuur + 5 × (leerlingen + leerkrachten).
    groups = len(alles.groepen) + len(alles.samengestelde_groepen)
    batches = -(-groups // 3)
    assert getrapt_result.attempts == 1 + 2 * batches
    assert len(getrapt_result.exchanges) == 1 + 2 * batches
    journal = mock_esis.journal(operation="HaalLeerlingen")
    assert len(journal) == batches


def test_schoolkey_alone_addresses_the_school(
    mock_esis: MockEsisHandle, make_config: MakeConfig
) -> None:
    school = mock_esis.school
    with UwlrClient(make_config(mock_esis)) as client:
        result = client.haal_structuur(
            sleutel_of(mock_esis),
            schooljaar=school.schooljaar,
            brincode=school.brincode,
            dependancecode=school.dependancecode,
            schoolkey=school.schoolkey,
        )
    assert isinstance(result.message, StructuurAntwoord)
    assert result.message.status is GegevensStatus.GEGEVENS
    request = result.exchange.request
    assert b"<lg:schoolkey>" + school.schoolkey.encode() + b"</lg:schoolkey>" in request
    assert b"brincode" not in request and b"dependancecode" not in request


def test_getrapt_operations_one_by_one(mock_esis: MockEsisHandle, make_config: MakeConfig) -> None:
    school = mock_esis.school
    expected = school_data(mock_esis)
    groep = expected.groepen[0].key
    address: Adres = {
        "schooljaar": school.schooljaar,
        "brincode": school.brincode,
        "dependancecode": school.dependancecode,
    }
    with UwlrClient(make_config(mock_esis)) as client:
        leerlingen = client.haal_leerlingen(
            sleutel_of(mock_esis), groepen=[GroepRef(key=groep)], **address
        )
        leerkrachten = client.haal_leerkrachten(
            sleutel_of(mock_esis), groepen=[GroepRef(key=groep)], **address
        )
    assert isinstance(leerlingen.message, LeerlingenAntwoord)
    assert {p.key for p in leerlingen.message.leerlingen} == {
        p.key for p in expected.leerlingen if p.groep == groep
    }
    assert isinstance(leerkrachten.message, LeerkrachtenAntwoord)
    assert {t.key for t in leerkrachten.message.leerkrachten} == {
        t.key for t in expected.leerkrachten if any(g.key == groep for g in t.groepen)
    }


def test_unchanged_since_and_unknown_year(
    mock_esis: MockEsisHandle, make_config: MakeConfig
) -> None:
    school = mock_esis.school
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=400)
    for getrapt in (False, True):
        with UwlrClient(make_config(mock_esis, getrapt=getrapt)) as client:
            unchanged = client.haal_leerlinggegevens(
                sleutel_of(mock_esis),
                schooljaar=school.schooljaar,
                brincode=school.brincode,
                dependancecode=school.dependancecode,
                laatstontvangengegevens=later,
            )
            start = int(school.schooljaar[:4])
            none = client.haal_leerlinggegevens(
                sleutel_of(mock_esis),
                schooljaar=f"{start - 5}-{start - 4}",
                brincode=school.brincode,
                dependancecode=school.dependancecode,
            )
        assert unchanged.message.status is GegevensStatus.GEENWIJZIGINGEN
        assert unchanged.message.gegevens is None
        assert none.message.status is GegevensStatus.GEENGEGEVENS
