"""Faults and refusals against the real mock ESIS: each its own error and Dutch message."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from uwlr_client_testkit import leerresultaten, school_data, sleutel_of

from boomlink.uwlr_client import (
    BerichtGeweigerd,
    ClientConfig,
    KlantOnbekend,
    LeerlingGeweigerd,
    OngeldigVerzoek,
    ResultaatGeweigerd,
    UwlrClient,
    UwlrFaultError,
)
from mock_esis.testing.handle import MockEsisHandle
from uwlr.faults import FaultCode
from uwlr.models import GroepRef, LeerresultatenBevestiging

MakeConfig = Callable[..., ClientConfig]


def test_breng_leerresultaten_happy_path(
    mock_esis: MockEsisHandle, make_config: MakeConfig
) -> None:
    school = mock_esis.school
    leerling = school_data(mock_esis).leerlingen[0]
    assert leerling.key is not None
    verzoek = leerresultaten(school, leerling.key)

    with UwlrClient(make_config(mock_esis)) as client:
        first = client.breng_leerresultaten(sleutel_of(mock_esis), verzoek)
        again = client.breng_leerresultaten(sleutel_of(mock_esis), verzoek)

    assert first.message == LeerresultatenBevestiging()
    assert again.attempts == 1
    state = mock_esis.app.state.school(school.code)
    assert state is not None
    assert list(state.resultaten) == ["BOOM-R-1"]  # sent twice, stored once
    assert state.resultaten["BOOM-R-1"].leerlingid == leerling.key
    journal = mock_esis.journal(operation="BrengLeerresultaten")
    assert [entry["verdict"] for entry in journal] == ["ok", "ok"]
    assert journal[0]["soapaction"] == '"BrengLeerresultaten"'


def test_an_unknown_leerlingid_gives_leerling_geweigerd(
    mock_esis: MockEsisHandle, make_config: MakeConfig
) -> None:
    verzoek = leerresultaten(mock_esis.school, "ONBEKEND-999")

    with UwlrClient(make_config(mock_esis)) as client, pytest.raises(LeerlingGeweigerd) as e:
        client.breng_leerresultaten(sleutel_of(mock_esis), verzoek)

    assert e.value.code is FaultCode.LEERLING_ONGELDIG
    assert e.value.attempts == 1
    assert "leerling" in e.value.bericht.lower()
    assert "ONBEKEND-999" in e.value.bericht  # ESIS' own explanation is passed on
    assert len(mock_esis.journal()) == 1


def test_a_score_outside_the_norm_gives_resultaat_geweigerd(
    mock_esis: MockEsisHandle, make_config: MakeConfig
) -> None:
    leerling = school_data(mock_esis).leerlingen[0]
    assert leerling.key is not None
    verzoek = leerresultaten(mock_esis.school, leerling.key)
    verzoek.toetsafnames[0].resultaten[0].score = 99

    with UwlrClient(make_config(mock_esis)) as client, pytest.raises(ResultaatGeweigerd) as e:
        client.breng_leerresultaten(sleutel_of(mock_esis), verzoek)
    assert e.value.code is FaultCode.SCORE_ONGELDIG
    assert isinstance(e.value, UwlrFaultError)


def test_a_wrong_klantcode_gives_klant_onbekend(
    mock_esis: MockEsisHandle, make_config: MakeConfig
) -> None:
    school = mock_esis.school
    config = make_config(mock_esis, klantcode="GEEN-BOOM-CODE")

    with UwlrClient(config) as client, pytest.raises(KlantOnbekend) as e:
        client.haal_leerlinggegevens(
            sleutel_of(mock_esis),
            schooljaar=school.schooljaar,
            brincode=school.brincode,
            dependancecode=school.dependancecode,
        )

    assert e.value.code is FaultCode.ONGELDIGE_KLANT_IDENTIFICATIE
    assert e.value.attempts == 1
    assert "helpdesk van Boom testcentrum" in e.value.bericht
    assert len(mock_esis.journal()) == 1


@pytest.mark.parametrize(
    "faultcode",
    ["Client.OngeldigBericht", "Client.XsdVersieOngeldig", "Client.VocabulaireTermOngeldig"],
)
def test_message_faults_give_bericht_geweigerd_without_retry(
    mock_esis: MockEsisHandle, make_config: MakeConfig, sleeps: list[float], faultcode: str
) -> None:
    mock_esis.inject(operation="HaalStructuur", kind="uwlr_fault", faultcode=faultcode, count=3)
    school = mock_esis.school

    with UwlrClient(make_config(mock_esis)) as client, pytest.raises(BerichtGeweigerd) as e:
        client.haal_structuur(
            sleutel_of(mock_esis), schooljaar=school.schooljaar, schoolkey=school.schoolkey
        )

    assert e.value.fault.faultcode == faultcode
    assert e.value.attempts == 1
    assert sleeps == []


def test_an_invalid_request_is_refused_before_sending(
    mock_esis: MockEsisHandle, make_config: MakeConfig
) -> None:
    school = mock_esis.school
    with UwlrClient(make_config(mock_esis)) as client:
        with pytest.raises(OngeldigVerzoek) as bad_year:
            client.haal_structuur(
                sleutel_of(mock_esis), schooljaar="2026/2027", brincode=school.brincode
            )
        with pytest.raises(OngeldigVerzoek) as no_school:
            client.haal_structuur(sleutel_of(mock_esis), schooljaar=school.schooljaar)
        with pytest.raises(OngeldigVerzoek) as no_groups:
            client.haal_leerlingen(
                sleutel_of(mock_esis), groepen=[], schooljaar=school.schooljaar, brincode="99QQ"
            )
        with pytest.raises(OngeldigVerzoek):
            client.haal_leerkrachten(
                sleutel_of(mock_esis),
                groepen=[GroepRef(key="G1")],
                schooljaar=school.schooljaar,
                brincode="niet-een-brin",
            )
    with UwlrClient(make_config(mock_esis, xsdversie="9.9")) as client:
        with pytest.raises(OngeldigVerzoek) as bad_version:
            client.haal_structuur(
                sleutel_of(mock_esis), schooljaar=school.schooljaar, brincode=school.brincode
            )

    assert mock_esis.journal() == []
    assert "schooljaar" in bad_year.value.bericht
    assert "brincode of schoolkey" in no_school.value.bericht
    assert "groepen" in no_groups.value.bericht
    assert "xsdversie" in bad_version.value.bericht
    for error in (bad_year.value, no_school.value, no_groups.value, bad_version.value):
        assert error.bericht.startswith("Het verzoek aan ESIS is niet verstuurd")
        assert error.attempts == 0
        assert error.exchanges == ()


def test_config_is_checked(mock_esis: MockEsisHandle, make_config: MakeConfig) -> None:
    with pytest.raises(ValueError, match="getrapt_batch"):
        make_config(mock_esis, getrapt_batch=0)
    with pytest.raises(ValueError, match="read_timeout"):
        make_config(mock_esis, read_timeout=0)
    with pytest.raises(ValueError, match="http"):
        make_config(mock_esis, leerlinggegevens_url="ftp://esis.example/uwlr")
    with pytest.raises(ValueError, match="client_key"):
        make_config(mock_esis, client_key="/tmp/alleen-de-sleutel.pem")
