"""Client certificates as ESIS hands them out: a ``.p12`` with a password, against the mock's
``--tls --client-ca`` (a TLS front that demands a client certificate signed by its CA).

The same ``.p12`` works for the UWLR client, for Boom's key check (``boomlink koppeling opslaan``
reads it from ``BOOMLINK_ESIS_CLIENT_CERT``) and for ``uwlr-conformance las``; the password never
shows in an error, a log line or a file left behind.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from boomlink.config import load_settings
from boomlink.crypto import Autorisatiesleutel
from boomlink.koppeling.stap3 import Verificatieverzoek
from boomlink.koppeling.verificatie import esis_verifier
from boomlink.uwlr_client import (
    BeveiligdeVerbindingMislukt,
    ClientConfig,
    RetryPolicy,
    UwlrClient,
)
from conformance.cli import main as conformance_main
from mock_esis.testing.handle import MockEsisHandle
from mock_esis.web.factory import MockOptions, build_app
from mock_esis.web.server import MockEsisServer
from mock_esis.web.tls import CertificateFiles, issue_client_certificate, make_certificates
from uwlr.clientcert import ClientCertificaatFout

WACHTWOORD = "p12-wachtwoord-Qz81-geheim"


@dataclass
class TlsEsis:
    handle: MockEsisHandle
    server_ca: Path
    p12: Path
    pem: CertificateFiles


def _p12(client: CertificateFiles, folder: Path) -> Path:
    key = serialization.load_pem_private_key(client.key.read_bytes(), password=None)
    cert = x509.load_pem_x509_certificate(client.cert.read_bytes())
    ca = x509.load_pem_x509_certificate(client.ca.read_bytes())
    path = folder / "boom-testcentrum.p12"
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"boom-testcentrum",
            key,  # type: ignore[arg-type]
            cert,
            [ca],
            serialization.BestAvailableEncryption(WACHTWOORD.encode()),
        )
    )
    return path


@pytest.fixture
def tls_esis(tmp_path: Path) -> Iterator[TlsEsis]:
    server_certs = make_certificates(tmp_path / "server")
    client_ca = make_certificates(tmp_path / "client-ca")
    client = issue_client_certificate(client_ca, tmp_path / "client", "boom-testcentrum")
    app = build_app(MockOptions(students_per_group=2, activate_all=True))
    with MockEsisServer(app, tls=server_certs, client_ca=client_ca.ca) as server:
        yield TlsEsis(MockEsisHandle(server), server_certs.ca, _p12(client, tmp_path), client)


def _config(esis: TlsEsis, **fields: object) -> ClientConfig:
    values: dict[str, object] = {
        "leerlinggegevens_url": esis.handle.endpoints["leerlinggegevens"],
        "leerresultaten_url": esis.handle.endpoints["leerresultaten"],
        "klantnaam": esis.handle.klantnaam,
        "klantcode": esis.handle.klantcode,
        "verify": str(esis.server_ca),
        **fields,
    }
    return ClientConfig(**values)  # type: ignore[arg-type]


def _tijdelijke_pems() -> set[str]:
    return {p.name for p in Path(tempfile.gettempdir()).glob("uwlr-client-*.pem")}


def _haal(config: ClientConfig, esis: TlsEsis) -> object:
    school = esis.handle.school
    assert school.autorisatiesleutel
    with UwlrClient(config) as client:
        return client.haal_structuur(
            school.autorisatiesleutel, schooljaar=school.schooljaar, brincode=school.brincode
        )


def test_the_client_connects_with_a_p12_and_its_password(tls_esis: TlsEsis) -> None:
    voor = _tijdelijke_pems()
    config = _config(tls_esis, client_cert=str(tls_esis.p12), client_key_password=WACHTWOORD)
    assert WACHTWOORD not in repr(config)
    assert _haal(config, tls_esis) is not None
    assert _tijdelijke_pems() == voor  # the temporary PEM is gone


def test_pem_files_still_work(tls_esis: TlsEsis) -> None:
    config = _config(tls_esis, client_cert=str(tls_esis.pem.cert), client_key=str(tls_esis.pem.key))
    assert _haal(config, tls_esis) is not None


def test_a_wrong_password_is_a_dutch_error_without_the_password(
    tls_esis: TlsEsis, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    fout_wachtwoord = WACHTWOORD + "-fout"
    config = _config(tls_esis, client_cert=str(tls_esis.p12), client_key_password=fout_wachtwoord)
    with pytest.raises(ClientCertificaatFout) as caught:
        _haal(config, tls_esis)
    bericht = str(caught.value)
    assert "boom-testcentrum.p12" in bericht and "wachtwoord klopt niet" in bericht
    assert fout_wachtwoord not in bericht and WACHTWOORD not in bericht
    assert WACHTWOORD not in caplog.text


def test_a_p12_with_a_separate_key_file_is_refused(tls_esis: TlsEsis) -> None:
    config = _config(
        tls_esis,
        client_cert=str(tls_esis.p12),
        client_key=str(tls_esis.pem.key),
        client_key_password=WACHTWOORD,
    )
    with pytest.raises(ClientCertificaatFout, match="geen los sleutelbestand"):
        _haal(config, tls_esis)


def test_without_a_client_certificate_the_tls_error_is_not_retried(tls_esis: TlsEsis) -> None:
    """Under TLS 1.3 the server's "certificate required" arrives after the handshake, as a read
    error: it is still a failed secure connection, not "ESIS is niet bereikbaar" four times."""
    with pytest.raises(BeveiligdeVerbindingMislukt) as caught:
        _haal(_config(tls_esis, retry=RetryPolicy(sleep=lambda _s: None)), tls_esis)
    assert caught.value.attempts == 1


def test_boom_checks_the_key_with_the_p12_from_the_environment(
    tls_esis: TlsEsis, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """``boomlink koppeling opslaan`` checks the key with :func:`esis_verifier` of these settings."""
    caplog.set_level(logging.DEBUG)
    handle = tls_esis.handle
    environ = {
        "BOOMLINK_DB": str(tmp_path / "boom.sqlite3"),
        "BOOMLINK_ESIS_LEERLINGGEGEVENS_URL": handle.endpoints["leerlinggegevens"],
        "BOOMLINK_ESIS_LEERRESULTATEN_URL": handle.endpoints["leerresultaten"],
        "BOOMLINK_KLANTNAAM": handle.klantnaam,
        "BOOMLINK_KLANTCODE": handle.klantcode,
        "BOOMLINK_ESIS_CA_BUNDLE": str(tls_esis.server_ca),
        "BOOMLINK_ESIS_CLIENT_CERT": str(tls_esis.p12),
        "BOOMLINK_ESIS_CLIENT_KEY_PASSWORD": WACHTWOORD,
    }
    settings = load_settings(environ=environ)
    assert WACHTWOORD not in repr(settings)
    school = handle.school
    assert school.autorisatiesleutel
    esis_verifier(settings)(
        Verificatieverzoek(
            autorisatiesleutel=Autorisatiesleutel(school.autorisatiesleutel),
            schooljaar=school.schooljaar,
            brincode=school.brincode,
            dependancecode=school.dependancecode,
            schoolkey=None,
        )
    )
    assert WACHTWOORD not in caplog.text


def test_uwlr_conformance_accepts_a_p12(
    tls_esis: TlsEsis,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    state = tmp_path / "state.json"
    tls_esis.handle.server.write_state_file(state)
    monkeypatch.setenv("UWLR_CLIENT_CERT_WACHTWOORD", WACHTWOORD)
    argv = ["las", "--state-file", str(state), "--ca-file", str(tls_esis.server_ca)]
    code = conformance_main([*argv, "--client-cert", str(tls_esis.p12)])
    out, err = capsys.readouterr()
    assert code == 0, out + err
    assert WACHTWOORD not in out + err

    monkeypatch.setenv("UWLR_CLIENT_CERT_WACHTWOORD", "niet-het-wachtwoord")
    code = conformance_main([*argv, "--client-cert", str(tls_esis.p12)])
    out, err = capsys.readouterr()
    assert code != 0 and "wachtwoord klopt niet" in out + err
    assert "niet-het-wachtwoord" not in out + err and "Traceback" not in out + err
