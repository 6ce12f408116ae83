"""Fixtures of the import review: a real SQLite store, a real SMTP server, the running mock ESIS."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from import_testkit import Gekoppeld, SmtpServer, free_port, koppel

from boomlink.config import Settings, load_settings
from boomlink.store import Store, open_store
from mock_esis.handle import MockEsisHandle


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
def gekoppeld(
    store: Store, settings: Settings, mock_esis: MockEsisHandle, smtp_server: SmtpServer
) -> Gekoppeld:
    """The mock's school (seed 1, 5 pupils per group) in the Boom testcentrum, link active."""
    return koppel(store, settings, mock_esis)
