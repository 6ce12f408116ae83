"""The store: settings, SQLite file with pragmas, and Alembic migrations that match the models."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from boomlink.config import DEFAULT_DB_PATH, load_settings
from boomlink.errors import ConfiguratieFout
from boomlink.store import Base, Store, open_store
from boomlink.store.migrate import current_revision, head_revision

EXPECTED_TABLES = {
    "scholen",
    "groepen",
    "leerkrachten",
    "leerkracht_groepen",
    "leerlingen",
    "groepslidmaatschappen",
    "gebruikers",
    "koppelingen",
    "toetsen",
    "afnames",
    "mail_outbox",
    "audit_log",
    "import_stand",
    "import_sessies",
    "import_regels",
    "uitnodigingen",
    "support_medewerkers",
    "resultaten_outbox",
}


def test_migrations_create_every_table(store: Store) -> None:
    tables = set(inspect(store.engine).get_table_names())
    assert tables == EXPECTED_TABLES | {"alembic_version"}
    assert set(Base.metadata.tables) == EXPECTED_TABLES


def test_database_is_at_alembic_head_and_head_matches_the_models(store: Store) -> None:
    with store.engine.connect() as conn:
        assert current_revision(conn) == head_revision()
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_sqlite_pragmas_foreign_keys_and_wal(store: Store) -> None:
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_opening_twice_is_idempotent(env: dict[str, str]) -> None:
    settings = load_settings(environ=env)
    with open_store(settings) as first:
        url = first.engine.url
    with open_store(settings) as second:
        assert second.engine.url == url
        with second.engine.connect() as conn:
            assert current_revision(conn) == head_revision()


def test_default_database_is_a_sqlite_file_under_dot_boomlink(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    settings = load_settings(environ={})
    assert settings.database_url.startswith("sqlite:///")
    assert settings.sqlite_path() == (tmp_path / DEFAULT_DB_PATH).resolve()
    assert DEFAULT_DB_PATH == Path(".boomlink") / "boomlink.sqlite3"
    with open_store(settings):
        pass
    assert (tmp_path / ".boomlink" / "boomlink.sqlite3").is_file()


def test_db_argument_wins_over_environment(tmp_path: Path) -> None:
    env = {
        "BOOMLINK_DB": str(tmp_path / "env.sqlite3"),
        "BOOMLINK_DATABASE_URL": "postgresql+psycopg://u:geheim@db.invalid/boom",
    }
    assert load_settings(environ=env).database_url.startswith("postgresql+psycopg://")
    arg = load_settings(db=str(tmp_path / "arg.sqlite3"), environ=env)
    assert arg.sqlite_path() == (tmp_path / "arg.sqlite3").resolve()
    only_db = load_settings(environ={"BOOMLINK_DB": str(tmp_path / "env.sqlite3")})
    assert only_db.sqlite_path() == (tmp_path / "env.sqlite3").resolve()
    by_url = load_settings(db="postgresql+psycopg://u:geheim@db.invalid/boom", environ={})
    assert by_url.sqlite_path() is None
    assert "geheim" not in repr(by_url)


def test_bad_smtp_port_is_a_configuration_error(tmp_path: Path) -> None:
    with pytest.raises(ConfiguratieFout) as info:
        load_settings(environ={"BOOMLINK_SMTP_PORT": "vijfentwintig"})
    assert "BOOMLINK_SMTP_PORT" in info.value.bericht
