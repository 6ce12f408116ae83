"""TLS: a failed handshake is its own error and is not retried; client certificates load."""

from __future__ import annotations

import datetime as dt
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import cast

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from boomlink.uwlr_client import (
    BeveiligdeVerbindingMislukt,
    ClientConfig,
    RetryPolicy,
    UwlrClient,
)
from boomlink.uwlr_client.transport import ssl_context


@pytest.fixture
def plain_http_port() -> Iterator[int]:
    """A loopback port that answers every connection in plain HTTP (no TLS) and closes it."""
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.2)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            with conn:
                conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join(timeout=2)
    server.close()


def _config(url: str, **overrides: object) -> ClientConfig:
    fields: dict[str, object] = {
        "leerlinggegevens_url": url,
        "leerresultaten_url": url,
        "klantnaam": "Boom testcentrum",
        "klantcode": "BOOM",
        "connect_timeout": 2.0,
        **overrides,
    }
    return ClientConfig(**fields)  # type: ignore[arg-type]


def test_a_failed_tls_handshake_is_not_retried(plain_http_port: int) -> None:
    sleeps: list[float] = []
    config = _config(
        f"https://127.0.0.1:{plain_http_port}/uwlr",
        retry=RetryPolicy(sleep=sleeps.append),
    )
    with UwlrClient(config) as client, pytest.raises(BeveiligdeVerbindingMislukt) as caught:
        client.haal_structuur("sleutel-1234567890", schooljaar="2026-2027", brincode="99QQ")
    assert caught.value.attempts == 1
    assert sleeps == []
    assert "beveiligde verbinding" in caught.value.bericht
    assert "certificaat" in caught.value.bericht


def _self_signed(directory: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "boom-testcentrum-uwlr")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path = directory / "koppeling.pem"
    key_path = directory / "koppeling.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(b"geheim-wachtwoord"),
        )
    )
    return cert_path, key_path


def test_client_certificate_and_ca_bundle_are_loaded(tmp_path: Path) -> None:
    cert_path, key_path = _self_signed(tmp_path)
    config = _config(
        "https://esis.invalid/uwlr",
        verify=str(cert_path),
        client_cert=str(cert_path),
        client_key=str(key_path),
        client_key_password="geheim-wachtwoord",
    )
    context = ssl_context(config)
    subjects: list[dict[str, str]] = []
    for ca in context.get_ca_certs():
        # typeshed joins all certificate fields in one union; "subject" is a tuple of RDNs
        subject = cast("tuple[tuple[tuple[str, str], ...], ...]", ca["subject"])
        subjects.append(dict(entry[0] for entry in subject))
    assert {"commonName": "boom-testcentrum-uwlr"} in subjects
    with UwlrClient(config):
        pass


def test_an_unreadable_certificate_is_a_clear_config_error(tmp_path: Path) -> None:
    cert_path, key_path = _self_signed(tmp_path)
    config = _config(
        "https://esis.invalid/uwlr",
        client_cert=str(cert_path),
        client_key=str(key_path),
        client_key_password="verkeerd-wachtwoord",
    )
    with pytest.raises(ValueError, match="TLS-certificaat") as caught:
        UwlrClient(config)
    assert "verkeerd-wachtwoord" not in str(caught.value)
    with pytest.raises(ValueError, match="TLS-certificaat"):
        ssl_context(_config("https://esis.invalid/uwlr", client_cert=str(tmp_path / "weg.pem")))
