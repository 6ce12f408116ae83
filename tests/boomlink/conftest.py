"""Fixtures for the Boom side: a real SQLite store in tmp_path and a real SMTP server on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from boomlink_testkit import SchoolOpzet, SmtpServer, free_port, maak_school
from sqlalchemy.orm import Session

from boomlink.config import Settings, load_settings
from boomlink.mail import flush_outbox
from boomlink.store import Store, open_store
from boomlink.voorbereiding import uwlr_inschakelen


@pytest.fixture
def smtp_port() -> int:
    return free_port()


@pytest.fixture
def smtp_server(smtp_port: int) -> Iterator[SmtpServer]:
    server = SmtpServer(smtp_port)
    server.start()
    try:
        yield server
    finally:
        server.stop()


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


@pytest.fixture
def opzet(session: Session) -> SchoolOpzet:
    """A school with one beheerder and one leerkracht; UWLR not enabled yet."""
    return maak_school(session)


@pytest.fixture
def ingeschakeld(
    session: Session, store: Store, settings: Settings, opzet: SchoolOpzet, smtp_server: SmtpServer
) -> SchoolOpzet:
    """Boom support enabled UWLR for the school and the bevestigingsmail was sent."""
    uwlr_inschakelen(session, school_naam=opzet.school.naam, brin=opzet.school.brincode)
    result = flush_outbox(store.sessions, settings.mail)
    assert result.verstuurd == 1, result
    return opzet
