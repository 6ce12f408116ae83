"""Boom-side set-up shared by ``tests/`` and ``features/``: pytest fixtures only.

Both trees run Boom (``boomlink``) against the fake outside world: the mock ESIS and the mail
sink (:mod:`boomlink.testing.mailsink`). Code that uses both may live only in tests, features and the
demo, and neither test tree can import the other's modules, so their common set-up lives here:
pytest gives the fixtures of the root ``conftest.py`` to every test below it, with nothing put on
``sys.path`` by hand. A folder may override a fixture by name (``tests/boomlink_link`` adds the
ESIS addresses to ``env``; ``tests/boomlink_results`` also runs ``settings`` on PostgreSQL).
A helper that takes arguments is a fixture that returns the function.
"""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from boomlink.beheer import gebruiker_aanmaken, school_aanmaken
from boomlink.config import Settings, load_settings
from boomlink.koppeling.stap1 import ESIS_UWLR, koppeling_aanvragen
from boomlink.koppeling.stap3 import Verificatieverzoek, koppeling_opslaan
from boomlink.koppeling.voorbereiding import uwlr_inschakelen
from boomlink.mail import flush_outbox
from boomlink.schooljaar import huidig_schooljaar
from boomlink.store import Gebruiker, Rol, School, Store, open_store
from boomlink.testing.mailsink import MailSink
from boomlink.testing.ports import closed_port as _closed_port
from boomlink.uwlr_client import ClientConfig, UwlrClient
from boomlink.web.testing.browser import INSTALLEER, chromium_pad, start_chromium
from mock_esis.testing.handle import MockEsisHandle, SchoolInfo

pytest_plugins = ["pytester"]

# Web passwords at the cheapest argon2id cost in test runs (and the processes they start): the
# suites log in hundreds of times; the real cost is tested in tests/boomlink_web/test_wachtwoorden.py.
os.environ.setdefault("BOOMLINK_WACHTWOORD_PROFIEL", "test")

# --- a Boom testcentrum: its SMTP relay, environment, settings and store ----------------------


@pytest.fixture
def mail_sink() -> Iterator[MailSink]:
    """Boom's SMTP relay, not started: its port is held but refuses connections until ``start()``."""
    sink = MailSink()
    yield sink
    sink.close()


@pytest.fixture
def smtp_port(mail_sink: MailSink) -> int:
    """The loopback port of Boom's SMTP relay; nothing listens on it until ``smtp_server``."""
    return mail_sink.port


@pytest.fixture
def smtp_server(mail_sink: MailSink) -> Iterator[MailSink]:
    """Boom's SMTP relay, running; ``stop()`` and ``start()`` make an outage."""
    with mail_sink:
        yield mail_sink


@pytest.fixture
def closed_port() -> Iterator[int]:
    """A loopback port that refuses every connection during the test (an unreachable ESIS)."""
    with _closed_port() as port:
        yield port


@pytest.fixture
def env(tmp_path: Path, smtp_port: int) -> dict[str, str]:
    """The environment a deployment would set: database file in tmp_path, SMTP on loopback."""
    return {
        "BOOMLINK_DB": str(tmp_path / "boomlink.sqlite3"),
        "BOOMLINK_SMTP_HOST": "127.0.0.1",
        "BOOMLINK_SMTP_PORT": str(smtp_port),
        "BOOMLINK_SMTP_TIMEOUT": "5",
    }


@pytest.fixture
def cli_env(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The process environment holds exactly ``env``'s ``BOOMLINK_`` variables."""
    for name in list(os.environ):
        if name.startswith("BOOMLINK_"):
            monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return env


@pytest.fixture
def settings(env: dict[str, str]) -> Settings:
    return load_settings(environ=env)


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    with open_store(settings) as opened:
        yield opened


@pytest.fixture
def session(store: Store) -> Iterator[Session]:
    with store.session() as s:
        yield s


# --- Boom linked to a running mock ESIS --------------------------------------------------------


def _esis_env(handle: MockEsisHandle) -> dict[str, str]:
    return {
        "BOOMLINK_ESIS_LEERLINGGEGEVENS_URL": handle.endpoints["leerlinggegevens"],
        "BOOMLINK_ESIS_LEERRESULTATEN_URL": handle.endpoints["leerresultaten"],
        "BOOMLINK_KLANTNAAM": handle.klantnaam,
        "BOOMLINK_KLANTCODE": handle.klantcode,
    }


@pytest.fixture
def esis_env() -> Callable[[MockEsisHandle], dict[str, str]]:
    """``esis_env(handle)``: the variables that point Boom's LAS settings at a mock ESIS."""
    return _esis_env


def _esis_client_config(handle: MockEsisHandle, **fields: Any) -> ClientConfig:
    esis: dict[str, Any] = {
        "leerlinggegevens_url": handle.endpoints["leerlinggegevens"],
        "leerresultaten_url": handle.endpoints["leerresultaten"],
        "klantnaam": handle.klantnaam,
        "klantcode": handle.klantcode,
    }
    return ClientConfig(**{**esis, **fields})


@pytest.fixture
def esis_client_config() -> Callable[..., ClientConfig]:
    """``esis_client_config(handle, **fields)``: a UWLR client config for a mock ESIS; ``fields``
    (timeouts, retry policy, or another klantcode) as :class:`~boomlink.uwlr_client.ClientConfig`
    takes them."""
    return _esis_client_config


def _uwlr_verifier(config: ClientConfig) -> Callable[[Verificatieverzoek], None]:
    """Stap 3's key check as the real UWLR call (HaalStructuur) with ``config``."""

    def verify(verzoek: Verificatieverzoek) -> None:
        with UwlrClient(config) as client:
            client.haal_structuur(
                verzoek.autorisatiesleutel.onthul(),
                schooljaar=verzoek.schooljaar,
                brincode=verzoek.brincode,
                dependancecode=verzoek.dependancecode,
            )

    return verify


def _boom_koppelen(
    store: Store,
    esis_school: SchoolInfo,
    config: ClientConfig,
    *,
    emailadres: str | None = None,
    naam: str = "Anna de Vries",
) -> tuple[int, int]:
    """Make ``esis_school`` in Boom with its beheerder, then Voorbereiding (the bevestigingsmail
    goes out, so SMTP must run), Stap 1 and Stap 3 for real. Returns the school and beheerder ids."""
    with store.session() as s:
        school = school_aanmaken(s, naam=esis_school.naam, brin=esis_school.code)
        beheerder = gebruiker_aanmaken(
            s,
            school=school,
            emailadres=emailadres or f"beheer@{esis_school.code.lower()}.example.nl",
            naam=naam,
            rol=Rol.BEHEERDER,
        )
        school_id, beheerder_id = school.id, beheerder.id
        uwlr_inschakelen(s, school_naam=school.naam, brin=esis_school.code)
    assert flush_outbox(store.sessions, store.settings.mail).verstuurd == 1
    with store.session() as s:
        school = s.get_one(School, school_id)
        beheerder = s.get_one(Gebruiker, beheerder_id)
        koppeling_aanvragen(
            s,
            school,
            beheerder,
            type_koppeling=ESIS_UWLR,
            brincode=esis_school.brincode,
            schooljaar=huidig_schooljaar(),
        )
        assert esis_school.autorisatiesleutel
        koppeling_opslaan(
            s,
            school,
            beheerder,
            autorisatiesleutel=esis_school.autorisatiesleutel,
            schoolkey=None,
            verify=_uwlr_verifier(config),
            kluis=store.kluis(),
        )
    return school_id, beheerder_id


@pytest.fixture
def boom_koppelen() -> Callable[..., tuple[int, int]]:
    """``boom_koppelen(store, esis_school, config, *, emailadres=None, naam="Anna de Vries")``:
    the mock's school in Boom with an active link; returns ``(school_id, beheerder_id)``."""
    return _boom_koppelen


# --- command lines that must refuse, not serve ----------------------------------------------


@pytest.fixture
def busy_port() -> Iterator[int]:
    """A port on loopback that something already listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(1)
        yield int(sock.getsockname()[1])


@pytest.fixture
def main_stops(
    capsys: pytest.CaptureFixture[str],
) -> Callable[[Callable[[list[str]], int], list[str]], tuple[int, str]]:
    """``main_stops(main, argv)``: a command's ``main`` run in-process, ``(exit code, stderr)``;
    the test fails when it is still running after 30 s (it started serving instead of refusing)."""

    def run(main: Callable[[list[str]], int], argv: list[str]) -> tuple[int, str]:
        outcome: list[int] = []

        def target() -> None:
            try:
                outcome.append(main(argv))
            except SystemExit as exc:
                outcome.append(exc.code if isinstance(exc.code, int) else 2)

        thread = threading.Thread(target=target, daemon=True)
        thread.start()
        thread.join(30)
        assert outcome, f"{' '.join(argv)} did not stop: it started a server"
        return outcome[0], capsys.readouterr().err

    return run


# --- Debian's Chromium, one per run ---------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Debian's Chromium through Playwright, once per run for every browser test and scenario.

    One per process: Playwright's sync API cannot run two instances in one thread, so a folder
    must not start its own. Without Chromium a browser test skips with the install hint and
    fails under ``CI=true``.
    """
    pad = chromium_pad()
    if pad is None:
        if os.environ.get("CI") == "true":
            pytest.fail(INSTALLEER)
        pytest.skip(INSTALLEER)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = start_chromium(playwright, pad)
        yield browser
        browser.close()
