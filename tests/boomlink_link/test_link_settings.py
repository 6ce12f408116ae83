"""Where the LAS endpoint, klantnaam/klantcode, xsdversie and TLS files come from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from boomlink.config import load_settings
from boomlink.errors import ConfiguratieFout
from boomlink.las_config import LasSettings, las_settings_from
from mock_esis.testing.handle import MockEsisHandle

VOLLEDIG = {
    "BOOMLINK_ESIS_LEERLINGGEGEVENS_URL": "https://esis.example.nl/uwlr/leerlinggegevens",
    "BOOMLINK_ESIS_LEERRESULTATEN_URL": "https://esis.example.nl/uwlr/leerresultaten",
    "BOOMLINK_KLANTNAAM": "Boom testcentrum",
    "BOOMLINK_KLANTCODE": "BOOM-TC",
}


def test_nothing_configured_means_no_las() -> None:
    assert las_settings_from({}) is None
    assert load_settings(db="x.sqlite3", environ={}).las is None


def test_all_from_the_environment_with_xsdversie_23_by_default() -> None:
    las = las_settings_from(VOLLEDIG)
    assert las == LasSettings(
        leerlinggegevens_url=VOLLEDIG["BOOMLINK_ESIS_LEERLINGGEGEVENS_URL"],
        leerresultaten_url=VOLLEDIG["BOOMLINK_ESIS_LEERRESULTATEN_URL"],
        klantnaam="Boom testcentrum",
        klantcode="BOOM-TC",
        xsdversie="2.3",
    )
    config = las.client_config(connect_timeout=1, read_timeout=2)
    assert config.verify is True and config.client_cert is None and config.xsdversie == "2.3"
    oud = las_settings_from({**VOLLEDIG, "BOOMLINK_UWLR_XSDVERSIE": "2.2"})
    assert oud is not None and oud.xsdversie == "2.2"


@pytest.mark.parametrize("weg", sorted(VOLLEDIG))
def test_half_a_configuration_names_what_is_missing(weg: str) -> None:
    with pytest.raises(ConfiguratieFout) as raised:
        las_settings_from({k: v for k, v in VOLLEDIG.items() if k != weg})
    assert weg in raised.value.bericht


@pytest.mark.parametrize(
    ("extra", "woord"),
    [
        ({"BOOMLINK_UWLR_XSDVERSIE": "3.0"}, "BOOMLINK_UWLR_XSDVERSIE"),
        ({"BOOMLINK_ESIS_LEERLINGGEGEVENS_URL": "ftp://esis"}, "http://"),
        ({"BOOMLINK_ESIS_CLIENT_KEY": "/tmp/k.pem"}, "BOOMLINK_ESIS_CLIENT_CERT"),
        ({"BOOMLINK_ESIS_CA_BUNDLE": "/bestaat/niet.pem"}, "bestaat niet"),
        ({"BOOMLINK_ESIS_CLIENT_CERT": "/bestaat/niet.pem"}, "bestaat niet"),
    ],
)
def test_wrong_values_are_refused_in_dutch(extra: dict[str, str], woord: str) -> None:
    with pytest.raises(ConfiguratieFout) as raised:
        las_settings_from({**VOLLEDIG, **extra})
    assert woord in raised.value.bericht


def test_tls_files_are_passed_to_the_client(tmp_path: Path) -> None:
    ca, cert, key = (tmp_path / n for n in ("ca.pem", "cert.pem", "key.pem"))
    for f in (ca, cert, key):
        f.write_text("-----BEGIN-----\n")
    las = las_settings_from(
        {
            **VOLLEDIG,
            "BOOMLINK_ESIS_CA_BUNDLE": str(ca),
            "BOOMLINK_ESIS_CLIENT_CERT": str(cert),
            "BOOMLINK_ESIS_CLIENT_KEY": str(key),
            "BOOMLINK_ESIS_CLIENT_KEY_PASSWORD": "heel-geheim-wachtwoord",
        }
    )
    assert las is not None
    config = las.client_config()
    assert (config.verify, config.client_cert, config.client_key) == (str(ca), str(cert), str(key))
    assert config.client_key_password == "heel-geheim-wachtwoord"
    assert "heel-geheim-wachtwoord" not in repr(las) + repr(load_settings(db="a", environ={}))


def test_the_mock_state_file_gives_endpoints_and_afnemer(
    mock_esis: MockEsisHandle, tmp_path: Path
) -> None:
    state = tmp_path / "state.json"
    mock_esis.server.write_state_file(state)
    las = las_settings_from({}, state_file=str(state))
    assert las is not None
    assert las.leerlinggegevens_url == mock_esis.endpoints["leerlinggegevens"]
    assert las.leerresultaten_url == mock_esis.endpoints["leerresultaten"]
    assert (las.klantnaam, las.klantcode) == (mock_esis.klantnaam, mock_esis.klantcode)
    assert las.ca_bundle is None
    # the environment variable names the same file; a set variable wins, field by field
    env = {"BOOMLINK_ESIS_STATE_FILE": str(state), "BOOMLINK_KLANTCODE": "ANDERS"}
    las = las_settings_from(env)
    assert las is not None and las.klantcode == "ANDERS"
    assert las.klantnaam == mock_esis.klantnaam
    # the option wins over the variable
    leeg = tmp_path / "leeg.json"
    leeg.write_text(json.dumps({"klantnaam": "X"}))
    with pytest.raises(ConfiguratieFout):
        las_settings_from({"BOOMLINK_ESIS_STATE_FILE": str(state)}, state_file=str(leeg))


def test_the_state_file_of_a_tls_mock_gives_its_ca(tmp_path: Path) -> None:
    ca = tmp_path / "ca.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\n")
    state = tmp_path / "state.json"
    state.write_text(
        json.dumps(
            {
                "endpoints": {
                    "leerlinggegevens": "https://127.0.0.1:1/uwlr/leerlinggegevens",
                    "leerresultaten": "https://127.0.0.1:1/uwlr/leerresultaten",
                },
                "klantnaam": "Boom testcentrum",
                "klantcode": "BOOM-TC-UWLR",
                "tls": {"ca_file": str(ca)},
                "schools": [{"autorisatiesleutel": "NOOIT-GELEZEN-1234"}],
            }
        )
    )
    las = las_settings_from({}, state_file=str(state))
    assert las is not None and las.ca_bundle == str(ca)
    assert "NOOIT-GELEZEN" not in repr(las)


@pytest.mark.parametrize("inhoud", ["geen json", "[1, 2]"])
def test_a_broken_state_file_is_a_configuration_error(tmp_path: Path, inhoud: str) -> None:
    state = tmp_path / "state.json"
    state.write_text(inhoud)
    with pytest.raises(ConfiguratieFout):
        las_settings_from({}, state_file=str(state))
