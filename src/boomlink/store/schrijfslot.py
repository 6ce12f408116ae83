"""Taking SQLite's write lock up front for a transaction that will write (issue 13, ADR 0013).

SQLite (WAL) has one writer at a time. A transaction that began with a plain ``BEGIN`` and read
something first asks for the write lock only at its first write; when another connection has
committed in between, SQLite refuses that at once with "database is locked" (its snapshot is
stale, so waiting cannot help and the busy timeout is not used). That is what a school admin saw
when norming while the worker recorded deliveries. A unit of work that reads and then writes
(norming, the import's staging) therefore calls :func:`neem_schrijfslot` before its first
statement: on SQLite its transaction starts with ``BEGIN IMMEDIATE``, which waits for the write
lock under the busy timeout and then cannot be refused halfway. Read-only work keeps the
deferred ``BEGIN`` and so never blocks a writer. On PostgreSQL this does nothing.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from boomlink.store.session import SCHRIJFSLOT_OPTIE

__all__ = ["neem_schrijfslot"]


def neem_schrijfslot(session: Session) -> None:
    """Start ``session``'s transaction holding the write lock (SQLite); a no-op when the session
    already is in a transaction (it keeps that one) or the database is not SQLite."""
    if session.in_transaction():
        return
    if session.get_bind().dialect.name != "sqlite":
        return
    session.connection(execution_options={SCHRIJFSLOT_OPTIE: True})
