"""The autorisatiesleutel never leaks: not in errors, exchanges, results or log output."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest
from uwlr_client_testkit import Adres, leerresultaten, sleutel_of

from boomlink.uwlr_client import (
    ClientConfig,
    OngeldigVerzoek,
    UwlrClient,
    UwlrClientError,
    UwlrFaultError,
)
from mock_esis.testing.handle import MockEsisHandle
from uwlr.masking import mask_secret
from uwlr.models import GroepRef

MakeConfig = Callable[..., ClientConfig]


def _assert_secret(key: str, error: UwlrClientError, caplog: pytest.LogCaptureFixture) -> None:
    texts = [str(error), repr(error), error.bericht, error.detail or "", caplog.text]
    if isinstance(error, UwlrFaultError):
        texts += [str(error.fault), error.fault.faultstring, error.fault.detail or ""]
    texts += [repr(exchange) for exchange in error.exchanges]
    for text in texts:
        assert key not in text
    for exchange in error.exchanges:
        assert key.encode() not in exchange.request
        assert key.encode() not in (exchange.response or b"")


def test_the_key_never_leaks_from_faults_retries_and_failures(
    mock_esis: MockEsisHandle,
    make_config: MakeConfig,
    caplog: pytest.LogCaptureFixture,
    closed_port: int,
) -> None:
    caplog.set_level(logging.DEBUG)
    key = sleutel_of(mock_esis)
    school = mock_esis.school
    address: Adres = {
        "schooljaar": school.schooljaar,
        "brincode": school.brincode,
        "dependancecode": school.dependancecode,
    }
    mock_esis.inject(operation="HaalLeerlinggegevens", kind="http_status", status=503, count=4)
    mock_esis.inject(operation="HaalStructuur", kind="uwlr_fault", count=4)
    mock_esis.inject(
        operation="HaalLeerkrachten",
        kind="uwlr_fault",
        faultcode="Client.AutorisatieOngeldig",
        faultstring=f"Sleutel {key} is ingetrokken",  # a sloppy LAS that echoes the key
    )
    errors: list[UwlrClientError] = []
    with UwlrClient(make_config(mock_esis)) as client:
        calls: list[Callable[[], object]] = [
            lambda: client.haal_leerlinggegevens(key, **address),
            lambda: client.haal_structuur(key, **address),
            lambda: client.haal_leerkrachten(key, groepen=[], **address),
            lambda: client.haal_leerkrachten(key, groepen=[GroepRef(key="G0001")], **address),
            lambda: client.breng_leerresultaten(key, leerresultaten(school, "ONBEKEND")),
        ]
        for call in calls:
            with pytest.raises(UwlrClientError) as caught:
                call()
            errors.append(caught.value)
    url = f"http://127.0.0.1:{closed_port}/uwlr"
    with UwlrClient(make_config(mock_esis, leerlinggegevens_url=url)) as client:
        with pytest.raises(UwlrClientError) as caught:
            client.haal_structuur(key, **address)
        errors.append(caught.value)

    assert [type(e).__name__ for e in errors] == [
        "OngeldigAntwoord",
        "LasTijdelijkNietBeschikbaar",
        "OngeldigVerzoek",
        "AutorisatieGeweigerd",
        "LeerlingGeweigerd",
        "LasOnbereikbaar",
    ]
    for error in errors:
        _assert_secret(key, error, caplog)
    sent = [e for e in errors if e.exchanges]
    assert all(mask_secret(key).encode() in x.request for e in sent for x in e.exchanges)
    echoed = errors[3]
    assert isinstance(echoed, UwlrFaultError)
    assert "is ingetrokken" in echoed.fault.faultstring  # the LAS's text is kept, the key masked


def test_the_key_never_leaks_from_a_successful_call(
    mock_esis: MockEsisHandle, make_config: MakeConfig, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    key = sleutel_of(mock_esis)
    school = mock_esis.school
    with UwlrClient(make_config(mock_esis, getrapt=True)) as client:
        result = client.haal_leerlinggegevens(
            key, schooljaar=school.schooljaar, schoolkey=school.schoolkey
        )
    assert key not in caplog.text
    assert key not in repr(result)
    for exchange in result.exchanges:
        assert key.encode() not in exchange.request
        assert b"autorisatiesleutel" in exchange.request
    for entry in mock_esis.journal():
        assert key not in repr(entry)
    assert "UWLR" in caplog.text  # the client does log, just not the key


def test_a_key_too_long_for_the_contract_is_refused_and_stays_secret(
    mock_esis: MockEsisHandle, make_config: MakeConfig, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    key = "geheim-" + "x" * 80  # tpString64 allows at most 64 characters
    school = mock_esis.school
    with UwlrClient(make_config(mock_esis)) as client, pytest.raises(OngeldigVerzoek) as e:
        client.haal_structuur(key, schooljaar=school.schooljaar, brincode=school.brincode)
    assert "autorisatiesleutel" in e.value.bericht
    _assert_secret(key, e.value, caplog)
    assert mock_esis.journal() == []


def test_config_repr_hides_the_client_key_password(
    mock_esis: MockEsisHandle, make_config: MakeConfig
) -> None:
    config = make_config(
        mock_esis,
        client_cert="/pad/naar/esis-koppeling.pem",
        client_key_password="wachtwoord-van-het-certificaat",
    )
    assert "wachtwoord-van-het-certificaat" not in repr(config)
