"""Invitations over a real mail server's security: STARTTLS with AUTH, and implicit TLS (SMTPS).

Both servers are aiosmtpd on loopback (port 0) with a certificate of a test CA: the STARTTLS one
refuses mail before STARTTLS and AUTH; the implicit-TLS one speaks TLS from the first byte and
also wants AUTH. The login comes from ``BOOMLINK_SMTP_URL`` and ``BOOMLINK_SMTP_WACHTWOORD``; the
password never shows in a log line or in the outbox's ``last_error``.
"""

from __future__ import annotations

import logging
import ssl
from collections.abc import Awaitable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from sqlalchemy import select

from boomlink.config import load_settings, mail_settings_from
from boomlink.errors import ConfiguratieFout
from boomlink.mail import flush_outbox, zet_in_wachtrij
from boomlink.store import MailBericht, open_store
from mock_esis.web.tls import CertificateFiles, make_certificates

GEBRUIKER = "uitnodigingen@boom.example"
WACHTWOORD = "smtp-Wachtwoord-7Tq!"


@dataclass
class _Handler:
    received: list[tuple[str, list[str]]] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 OK"


def _authenticator(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> Any:
    ok = (
        isinstance(data, LoginPassword)
        and data.login.decode() == GEBRUIKER
        and data.password.decode() == WACHTWOORD
    )
    return AuthResult(success=ok, handled=False)


class _Port0Controller(Controller):
    """aiosmtpd's controller, bound to port 0 by the server itself (no port picked in advance)."""

    def _create_server(self) -> Awaitable[Any]:
        async def create() -> Any:
            server = await self.loop.create_server(
                self._factory_invoker, host=self.hostname, port=0, ssl=self.ssl_context
            )
            self.port = server.sockets[0].getsockname()[1]
            return server

        return create()


@dataclass
class MailServer:
    handler: _Handler
    port: int
    certs: CertificateFiles


def _server_context(certs: CertificateFiles) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(certs.cert, certs.key)
    return context


@pytest.fixture
def certs(tmp_path: Path) -> CertificateFiles:
    return make_certificates(tmp_path / "smtp-certs")


@pytest.fixture
def starttls_server(certs: CertificateFiles) -> Iterator[MailServer]:
    handler = _Handler()
    controller = _Port0Controller(
        handler,
        hostname="127.0.0.1",
        tls_context=_server_context(certs),
        require_starttls=True,
        auth_required=True,
        auth_require_tls=True,
        authenticator=_authenticator,
    )
    controller.start()
    try:
        yield MailServer(handler, controller.port, certs)
    finally:
        controller.stop()


@pytest.fixture
def smtps_server(certs: CertificateFiles) -> Iterator[MailServer]:
    handler = _Handler()
    controller = _Port0Controller(
        handler,
        hostname="127.0.0.1",
        ssl_context=_server_context(certs),
        auth_required=True,
        auth_require_tls=False,  # the whole connection is TLS already
        authenticator=_authenticator,
    )
    controller.start()
    try:
        yield MailServer(handler, controller.port, certs)
    finally:
        controller.stop()


def _env(tmp_path: Path, url: str, server: MailServer, wachtwoord: str) -> dict[str, str]:
    return {
        "BOOMLINK_DB": str(tmp_path / "boom.sqlite3"),
        "BOOMLINK_SMTP_URL": url,
        "BOOMLINK_SMTP_WACHTWOORD": wachtwoord,
        "BOOMLINK_SMTP_CA_BUNDLE": str(server.certs.ca),
        "BOOMLINK_SMTP_TIMEOUT": "5",
    }


def _send_one(env: dict[str, str]) -> tuple[int, list[str]]:
    settings = load_settings(environ=env)
    with open_store(settings) as store:
        with store.session() as session:
            zet_in_wachtrij(
                session,
                recipient="juf@school.example",
                subject="Uitnodiging",
                body="Maak je account aan.",
                soort="uitnodiging",
            )
            session.commit()
        resultaat = flush_outbox(store.sessions, settings.mail)
        with store.session() as session:
            errors = [m.last_error or "" for m in session.scalars(select(MailBericht))]
    return resultaat.verstuurd, errors


def test_starttls_with_login(
    tmp_path: Path, starttls_server: MailServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    url = f"smtp+starttls://{GEBRUIKER.replace('@', '%40')}@127.0.0.1:{starttls_server.port}"
    settings = load_settings(environ=_env(tmp_path, url, starttls_server, WACHTWOORD))
    assert settings.mail.beveiliging == "starttls" and settings.mail.gebruiker == GEBRUIKER
    assert WACHTWOORD not in repr(settings)
    verstuurd, errors = _send_one(_env(tmp_path, url, starttls_server, WACHTWOORD))
    assert verstuurd == 1 and errors == [""]
    assert starttls_server.handler.received == [("testonderwijs@boom.nl", ["juf@school.example"])]
    assert WACHTWOORD not in caplog.text


def test_a_plain_connection_is_refused_by_the_starttls_server(
    tmp_path: Path, starttls_server: MailServer
) -> None:
    """The server really demands STARTTLS: without it nothing is sent (and nothing lost)."""
    env = _env(tmp_path, f"smtp://127.0.0.1:{starttls_server.port}", starttls_server, "x")
    verstuurd, errors = _send_one(env)
    assert verstuurd == 0 and errors and "STARTTLS" in errors[0]
    assert starttls_server.handler.received == []


def test_a_wrong_password_is_kept_out_of_the_error(
    tmp_path: Path, starttls_server: MailServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    fout = "niet-" + WACHTWOORD
    url = f"smtp+starttls://{GEBRUIKER.replace('@', '%40')}@127.0.0.1:{starttls_server.port}"
    verstuurd, errors = _send_one(_env(tmp_path, url, starttls_server, fout))
    assert verstuurd == 0 and "SMTPAuthenticationError" in errors[0]
    assert fout not in errors[0] and fout not in caplog.text
    assert starttls_server.handler.received == []


@pytest.mark.filterwarnings(
    # aiosmtpd counts only STARTTLS as TLS for AUTH; this server is TLS from the first byte
    "ignore:Requiring AUTH while not requiring TLS:UserWarning"
)
def test_implicit_tls_with_login(tmp_path: Path, smtps_server: MailServer) -> None:
    url = f"smtps://{GEBRUIKER.replace('@', '%40')}@127.0.0.1:{smtps_server.port}"
    settings = load_settings(environ=_env(tmp_path, url, smtps_server, WACHTWOORD))
    assert settings.mail.beveiliging == "tls"
    verstuurd, errors = _send_one(_env(tmp_path, url, smtps_server, WACHTWOORD))
    assert verstuurd == 1 and errors == [""]
    assert len(smtps_server.handler.received) == 1


@pytest.mark.parametrize(
    ("url", "melding"),
    [
        ("smtp+starttls://a:geheim-in-url@host:587", "niet in BOOMLINK_SMTP_URL"),
        ("imap://host", "moet beginnen met smtp://"),
        ("smtps://gebruiker@host", "BOOMLINK_SMTP_WACHTWOORD"),
    ],
)
def test_smtp_url_mistakes_are_dutch_and_name_no_password(url: str, melding: str) -> None:
    with pytest.raises(ConfiguratieFout) as caught:
        mail_settings_from({"BOOMLINK_SMTP_URL": url})
    assert melding in str(caught.value) and "geheim-in-url" not in str(caught.value)


def test_default_ports_per_scheme() -> None:
    env = {"BOOMLINK_SMTP_WACHTWOORD": "x"}
    assert mail_settings_from({**env, "BOOMLINK_SMTP_URL": "smtp+starttls://u@h"}).port == 587
    assert mail_settings_from({**env, "BOOMLINK_SMTP_URL": "smtps://u@h"}).port == 465
    assert mail_settings_from({"BOOMLINK_SMTP_URL": "smtp://h"}).port == 25
