"""Engine, sessions and the :class:`Store` that opens (and migrates) the database.

SQLite connections get ``foreign_keys=ON``, ``journal_mode=WAL`` and a busy timeout; the pysqlite
driver's own transaction handling is switched off so that SQLAlchemy's ``BEGIN`` covers reads
as well as writes (the recipe from the SQLAlchemy SQLite dialect docs). A transaction opened
through :func:`boomlink.store.schrijfslot.neem_schrijfslot` starts with ``BEGIN IMMEDIATE``
(SQLite's one write lock taken up front, waiting under the busy timeout); others with a plain
deferred ``BEGIN`` (ADR 0013).

Every session a :class:`Store` makes carries that store's :class:`~boomlink.crypto.Kluis` in
``session.info`` (set on its ``sessionmaker``, so callers keep passing just a ``Session``);
:func:`kluis_van` returns it. It is looked up lazily: a session that never needs a secret never
creates the key file. The mail outbox encrypts bodies with it (ADR 0002).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, cast

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from boomlink.config import Settings
from boomlink.crypto import Kluis, kluis_voor
from boomlink.errors import ConfiguratieFout

__all__ = ["Store", "kluis_van", "make_engine", "open_store"]

SQLITE_BUSY_TIMEOUT_MS = 5000
#: Execution option: begin this connection's transaction with ``BEGIN IMMEDIATE`` on SQLite.
SCHRIJFSLOT_OPTIE = "boomlink_schrijfslot"
_KLUIS = "boomlink.kluis"


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")
    finally:
        cursor.close()


def _sqlite_on_begin(connection: Any) -> None:
    immediate = connection.get_execution_options().get(SCHRIJFSLOT_OPTIE)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(settings: Settings) -> Engine:
    """An engine for the configured URL; the SQLite file's folder is created if needed."""
    sqlite_path = settings.sqlite_path()
    if sqlite_path is not None:
        sqlite_path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(settings.database_url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
    return engine


@dataclass
class Store:
    """An open database: ``session()`` for a unit of work, ``sessions`` for code that needs many."""

    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    _kluis: Kluis | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.sessions.configure(info={_KLUIS: self.kluis})

    def session(self) -> Session:
        return self.sessions()

    def kluis(self) -> Kluis:
        """The Kluis for the autorisatiesleutel (creates the key file on first use)."""
        if self._kluis is None:
            self._kluis = kluis_voor(self.settings)
        return self._kluis

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def kluis_van(session: Session) -> Kluis:
    """The Kluis of the :class:`Store` whose ``sessions`` made ``session``."""
    bron = session.info.get(_KLUIS)
    if bron is None:
        raise ConfiguratieFout(
            "Deze databasesessie heeft geen geheime sleutel: open de database met open_store "
            "(Store.session of Store.sessions)."
        )
    return cast(Callable[[], Kluis], bron)()


def open_store(settings: Settings, *, upgrade: bool = True) -> Store:
    """Open the database and (by default) bring its schema to the latest Alembic revision."""
    from boomlink.store.migrate import upgrade_to_head

    engine = make_engine(settings)
    if upgrade:
        upgrade_to_head(engine)
    return Store(
        settings=settings,
        engine=engine,
        sessions=sessionmaker(engine, expire_on_commit=False),
    )
