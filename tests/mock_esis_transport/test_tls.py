"""HTTPS with a generated certificate, and client certificates required as ESIS does."""

from __future__ import annotations

import ssl
from pathlib import Path

import httpx
import pytest

from mock_esis.testing.handle import MockEsisHandle
from mock_esis.web.factory import MockOptions, build_app
from mock_esis.web.server import MockEsisServer
from mock_esis.web.tls import issue_client_certificate, make_certificates
from uwlr.models import LeerlinggegevensVerzoek


def _envelope(handle: MockEsisHandle) -> bytes:
    school = handle.school
    request = LeerlinggegevensVerzoek(schooljaar=school.schooljaar, brincode=school.brincode)
    return handle.envelope(request, handle.autorisatie())


def test_https_with_client_certificate(tmp_path: Path) -> None:
    server_certs = make_certificates(tmp_path / "server")
    client_ca = make_certificates(tmp_path / "client-ca")
    client = issue_client_certificate(client_ca, tmp_path / "client", "boom-testcentrum")
    app = build_app(MockOptions(students_per_group=2, activate_all=True))
    with MockEsisServer(app, tls=server_certs, client_ca=client_ca.ca) as server:
        handle = MockEsisHandle(server)
        assert server.base_url.startswith("https://")
        trusted = ssl.create_default_context(cafile=str(server_certs.ca))
        trusted.load_cert_chain(client.cert, client.key)
        response = httpx.post(
            server.endpoints["leerlinggegevens"], content=_envelope(handle), verify=trusted
        )
        assert response.status_code == 200
        wsdl = httpx.get(server.endpoints["leerlinggegevens"] + "?wsdl", verify=trusted)
        assert f'location="{server.endpoints["leerlinggegevens"]}"' in wsdl.text

        without_cert = ssl.create_default_context(cafile=str(server_certs.ca))
        with pytest.raises(httpx.HTTPError):
            httpx.post(
                server.endpoints["leerlinggegevens"], content=_envelope(handle), verify=without_cert
            )
        with pytest.raises(httpx.ConnectError):  # an untrusted server certificate is refused
            httpx.post(server.endpoints["leerlinggegevens"], content=_envelope(handle))
        assert server.state_json()["tls"]["ca_pem"].startswith("-----BEGIN CERTIFICATE-----")


def test_plain_http_has_no_tls_in_state() -> None:
    app = build_app(MockOptions(students_per_group=2))
    with MockEsisServer(app) as server:
        assert server.state_json()["tls"] is None


def test_the_certificates_pass_strict_x509_verification(tmp_path: Path) -> None:
    """Python 3.13's default context verifies strictly; the chain must carry key identifiers."""
    server_certs = make_certificates(tmp_path / "server")
    client_ca = make_certificates(tmp_path / "client-ca")
    client = issue_client_certificate(client_ca, tmp_path / "client", "boom-testcentrum")
    app = build_app(MockOptions(students_per_group=2, activate_all=True))
    with MockEsisServer(app, tls=server_certs, client_ca=client_ca.ca) as server:
        strict = ssl.create_default_context(cafile=str(server_certs.ca))
        strict.verify_flags |= ssl.VERIFY_X509_STRICT
        strict.load_cert_chain(client.cert, client.key)
        response = httpx.get(server.endpoints["leerlinggegevens"] + "?wsdl", verify=strict)
        assert response.status_code == 200
