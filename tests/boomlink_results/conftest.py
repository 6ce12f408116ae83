"""Fixtures for the result push: a real store (SQLite file, and PostgreSQL when
``BOOMLINK_TEST_POSTGRES_URL`` is set: one fresh schema per test) and a real mock ESIS.

``settings`` here overrides the root ``conftest.py``'s; its ``store`` opens whichever is chosen."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet
from resultaten_testkit import BoomSchool, boom_school_uit
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from boomlink.config import Settings
from boomlink.store import Store
from boomlink.uwlr_client import ClientConfig, RetryPolicy
from mock_esis.testing.handle import MockEsisHandle

POSTGRES_ENV = "BOOMLINK_TEST_POSTGRES_URL"


def _postgres_url(base: str, schema: str) -> str:
    url = make_url(base)
    query = dict(url.query)
    query["options"] = f"-csearch_path={schema}"
    return url.set(query=query).render_as_string(hide_password=False)


@pytest.fixture(params=["sqlite", "postgresql"])
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    """The store's settings: a SQLite file in tmp_path, or a fresh PostgreSQL schema."""
    secret = Fernet.generate_key().decode()
    if request.param == "sqlite":
        yield Settings(database_url=f"sqlite:///{tmp_path / 'boomlink.sqlite3'}", secret_key=secret)
        return
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(f"PostgreSQL-variant overgeslagen: {POSTGRES_ENV} is niet gezet")
    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield Settings(database_url=_postgres_url(base, schema), secret_key=secret)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def esis(mock_esis_factory: Callable[..., MockEsisHandle]) -> MockEsisHandle:
    """A running mock ESIS: one school (seed 1) with its Boom link active, 5 pupils per group."""
    return mock_esis_factory(seed=1, schools=1, students_per_group=5, activate_all=True)


@pytest.fixture
def boom(store: Store, esis: MockEsisHandle) -> BoomSchool:
    """The same school in Boom: pupils with their ESIS keys, a toets, the link active."""
    return boom_school_uit(store, esis)


@pytest.fixture
def make_config(esis_client_config: Callable[..., ClientConfig]) -> Callable[..., ClientConfig]:
    """``make_config(handle, **overrides)``: short timeouts, four attempts, no real sleeping."""

    def make(handle: MockEsisHandle, **overrides: Any) -> ClientConfig:
        fields: dict[str, Any] = {
            "connect_timeout": 2.0,
            "read_timeout": 5.0,
            "retry": RetryPolicy(max_attempts=4, sleep=lambda _s: None, random=lambda: 0.0),
        }
        fields.update(overrides)
        return esis_client_config(handle, **fields)

    return make


@pytest.fixture
def config(esis: MockEsisHandle, make_config: Callable[..., ClientConfig]) -> ClientConfig:
    return make_config(esis)
