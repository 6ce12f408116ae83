"""The durable outbox of results: putting a result in, claiming a batch, recording the outcome.

Claiming never holds a database lock while ESIS is called. A claim is one short transaction that
stamps a batch with a random ``claim_token`` and a lease (``lease_until``); the worker then sends
it and records the outcome only on rows that still carry its token (and the ``versie`` it read).
A worker that dies leaves its rows claimed until the (short, kept-alive) lease expires; then any
worker takes them again and resends them, which ESIS turns into a replacement (same resultaat
keys).

How the claim is made safe for several workers at once:

* PostgreSQL: ``SELECT ... FOR UPDATE SKIP LOCKED`` picks the oldest due row (its school and
  school year) and then up to ``max_rows`` due rows of that school and year, skipping rows another
  worker is claiming at that very moment; an ``UPDATE`` stamps them; commit.
* SQLite (no row locks): one ``UPDATE ... WHERE id IN (SELECT ... LIMIT n) RETURNING`` as the
  first statement of its transaction. It takes SQLite's single write lock before it reads, so
  two claims are strictly one after the other and the second sees the first's lease.

Only schools whose current link is ``actief`` are claimed: with the link switched off the rows
simply wait, and flow again when it is switched on.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    FromClause,
    Select,
    Table,
    and_,
    func,
    or_,
    select,
    tuple_,
    update,
)
from sqlalchemy.orm import Session

from boomlink.store import Afname, Koppeling, KoppelingStatus
from boomlink.store.resultaten_models import ResultaatBron, ResultaatStatus, UitgaandResultaat

__all__ = [
    "Claim",
    "ClaimedRow",
    "Wachtbeleid",
    "claim_batch",
    "geef_vrij",
    "markeer_geweigerd",
    "markeer_verstuurd",
    "verleng_lease",
    "zet_in_wachtrij",
]

_TABLE = cast(Table, UitgaandResultaat.__table__)


@dataclass(frozen=True, slots=True)
class Wachtbeleid:
    """How long a batch that could not be delivered waits before the next try (per row attempts).

    ``base · 2**(attempts-1)`` seconds, at most ``maximum``: ESIS that is down for an hour gets a
    try every ``maximum`` seconds, for ever; nothing is dropped.
    """

    base: float = 2.0
    maximum: float = 300.0

    def wacht(self, attempts: int) -> dt.timedelta:
        seconds = min(self.maximum, self.base * 2.0 ** max(0, attempts - 1))
        return dt.timedelta(seconds=seconds)


@dataclass(frozen=True, slots=True)
class ClaimedRow:
    id: int
    afname_id: int
    attempts: int


@dataclass(frozen=True, slots=True)
class Claim:
    """A batch of one school and one school year, held by ``token`` until ``lease_until``."""

    token: str
    school_id: int
    schooljaar: str
    rows: tuple[ClaimedRow, ...]
    lease_until: dt.datetime

    @property
    def ids(self) -> list[int]:
        return [row.id for row in self.rows]


# -- putting results in --------------------------------------------------------------------------


def zet_in_wachtrij(
    session: Session,
    afname: Afname,
    *,
    school_id: int,
    schooljaar: str,
    bron: ResultaatBron,
    now: dt.datetime,
) -> UitgaandResultaat:
    """Queue ``afname`` (again): a new row, or the existing one back to ``wachtend`` with a new
    ``versie`` (a batch in flight with the old versie will not mark it sent). Not committed."""
    row = session.scalar(select(UitgaandResultaat).where(UitgaandResultaat.afname_id == afname.id))
    if row is None:
        row = UitgaandResultaat(
            afname_id=afname.id,
            school_id=school_id,
            schooljaar=schooljaar,
            status=ResultaatStatus.WACHTEND,
            bron=bron,
            versie=1,
            enqueued_at=now,
            available_at=now,
            attempts=0,
            deliveries=0,
        )
        session.add(row)
        return row
    row.versie += 1
    row.status = ResultaatStatus.WACHTEND
    row.schooljaar = schooljaar
    row.enqueued_at = now
    row.available_at = now
    row.attempts = 0
    row.refused_at = None
    row.reden = None
    return row


# -- claiming ------------------------------------------------------------------------------------


def _actieve_scholen() -> Select[Any]:
    """Schools whose latest link is ``actief`` (the one :func:`huidige_koppeling` returns)."""
    latest = select(func.max(Koppeling.id)).group_by(Koppeling.school_id)
    return select(Koppeling.school_id).where(
        Koppeling.status == KoppelingStatus.ACTIEF, Koppeling.id.in_(latest)
    )


def _due(
    table: FromClause, now: dt.datetime, school_id: int | None, skip: Collection[int] = ()
) -> ColumnElement[bool]:
    conditions = [
        table.c.status == ResultaatStatus.WACHTEND.value,
        table.c.available_at <= now,
        or_(table.c.lease_until.is_(None), table.c.lease_until <= now),
        table.c.school_id.in_(_actieve_scholen()),
    ]
    if school_id is not None:
        conditions.append(table.c.school_id == school_id)
    if skip:
        conditions.append(table.c.school_id.not_in(list(skip)))
    return and_(*conditions)


def claim_batch(
    session: Session,
    *,
    max_rows: int,
    lease: dt.timedelta,
    now: dt.datetime,
    school_id: int | None = None,
    skip_schools: Collection[int] = (),
) -> Claim | None:
    """Claim up to ``max_rows`` due rows of one school and school year, and commit; None when
    nothing is due. ``school_id`` limits it to one school, ``skip_schools`` leaves some out.
    ``session`` must not be in a transaction that has read anything yet."""
    if max_rows < 1:
        raise ValueError("max_rows moet minstens 1 zijn")
    token = secrets.token_hex(16)
    lease_until = now + lease
    if session.get_bind().dialect.name == "postgresql":
        rows = _claim_postgresql(
            session, token, lease_until, max_rows, now, school_id, skip_schools
        )
    else:
        rows = _claim_single_statement(
            session, token, lease_until, max_rows, now, school_id, skip_schools
        )
    session.commit()
    if not rows:
        return None
    rows.sort(key=lambda r: r[0])
    first = rows[0]
    return Claim(
        token=token,
        school_id=first[3],
        schooljaar=first[4],
        rows=tuple(ClaimedRow(id=r[0], afname_id=r[1], attempts=r[2]) for r in rows),
        lease_until=lease_until,
    )


def _stamp(token: str, lease_until: dt.datetime) -> dict[str, object]:
    return {
        "claim_token": token,
        "lease_until": lease_until,
        "attempts": _TABLE.c.attempts + 1,
    }


_Claimed = tuple[int, int, int, int, str]


def _claimed(row: Any) -> _Claimed:
    return (int(row[0]), int(row[1]), int(row[2]), int(row[3]), str(row[4]))


_RETURNING = (
    _TABLE.c.id,
    _TABLE.c.afname_id,
    _TABLE.c.attempts,
    _TABLE.c.school_id,
    _TABLE.c.schooljaar,
)


def _claim_postgresql(
    session: Session,
    token: str,
    lease_until: dt.datetime,
    max_rows: int,
    now: dt.datetime,
    school_id: int | None,
    skip: Collection[int],
) -> list[_Claimed]:
    o = _TABLE.alias("o")
    first = session.execute(
        select(o.c.school_id, o.c.schooljaar)
        .where(_due(o, now, school_id, skip))
        .order_by(o.c.id)
        .limit(1)
        .with_for_update(skip_locked=True, of=o)
    ).first()
    if first is None:
        return []
    ids = list(
        session.scalars(
            select(o.c.id)
            .where(_due(o, now, int(first[0])), o.c.schooljaar == first[1])
            .order_by(o.c.id)
            .limit(max_rows)
            .with_for_update(skip_locked=True, of=o)
        )
    )
    if not ids:
        return []
    result = session.execute(
        update(_TABLE)
        .where(_TABLE.c.id.in_(ids))
        .values(_stamp(token, lease_until))
        .returning(*_RETURNING)
    )
    return [_claimed(r) for r in result]


def _claim_single_statement(
    session: Session,
    token: str,
    lease_until: dt.datetime,
    max_rows: int,
    now: dt.datetime,
    school_id: int | None,
    skip: Collection[int],
) -> list[_Claimed]:
    first = _TABLE.alias("eerste")
    batch = _TABLE.alias("batch")
    oldest = (
        select(first.c.school_id, first.c.schooljaar)
        .where(_due(first, now, school_id, skip))
        .order_by(first.c.id)
        .limit(1)
    )
    ids = (
        select(batch.c.id)
        .where(
            _due(batch, now, school_id, skip),
            tuple_(batch.c.school_id, batch.c.schooljaar).in_(oldest),
        )
        .order_by(batch.c.id)
        .limit(max_rows)
    )
    result = session.execute(
        update(_TABLE)
        .where(_TABLE.c.id.in_(ids))
        .values(_stamp(token, lease_until))
        .returning(*_RETURNING)
    )
    return [_claimed(r) for r in result]


# -- recording the outcome -----------------------------------------------------------------------


def _ours(claim: Claim, versies: dict[int, int]) -> ColumnElement[bool]:
    return and_(
        _TABLE.c.claim_token == claim.token,
        tuple_(_TABLE.c.id, _TABLE.c.versie).in_(list(versies.items())),
    )


def _release_rest(session: Session, claim: Claim, ids: Iterable[int], now: dt.datetime) -> None:
    """Rows of ``ids`` still ours were changed (normed again) in flight: free them to go again."""
    session.execute(
        update(_TABLE)
        .where(_TABLE.c.claim_token == claim.token, _TABLE.c.id.in_(list(ids)))
        .values(claim_token=None, lease_until=None, available_at=now)
    )


def markeer_verstuurd(
    session: Session, claim: Claim, versies: dict[int, int], now: dt.datetime
) -> int:
    """ESIS accepted these rows (``{row id: versie sent}``); returns how many were recorded."""
    if not versies:
        return 0
    result = session.execute(
        update(_TABLE)
        .where(_ours(claim, versies))
        .values(
            status=ResultaatStatus.VERSTUURD.value,
            delivered_at=now,
            deliveries=_TABLE.c.deliveries + 1,
            claim_token=None,
            lease_until=None,
            last_error=None,
        )
    )
    _release_rest(session, claim, versies, now)
    session.commit()
    return int(getattr(result, "rowcount", 0) or 0)


def markeer_geweigerd(
    session: Session, claim: Claim, versies: dict[int, int], reden: str, now: dt.datetime
) -> int:
    """ESIS refused these rows for their content: ``geweigerd`` with ``reden`` (for support)."""
    if not versies:
        return 0
    result = session.execute(
        update(_TABLE)
        .where(_ours(claim, versies))
        .values(
            status=ResultaatStatus.GEWEIGERD.value,
            refused_at=now,
            reden=reden,
            claim_token=None,
            lease_until=None,
        )
    )
    _release_rest(session, claim, versies, now)
    session.commit()
    return int(getattr(result, "rowcount", 0) or 0)


def geef_vrij(
    session: Session,
    claim: Claim,
    ids: Sequence[int],
    *,
    fout: str | None,
    now: dt.datetime,
    wacht: dt.timedelta,
) -> None:
    """Not delivered this time (ESIS unreachable, busy, key refused, link off, an unexpected
    error, the worker stopping): try again later. ``fout`` None keeps the last error as it was."""
    if not ids:
        return
    values: dict[str, object] = {
        "claim_token": None,
        "lease_until": None,
        "available_at": now + wacht,
    }
    if fout is not None:
        values["last_error"] = fout
    session.execute(
        update(_TABLE)
        .where(_TABLE.c.claim_token == claim.token, _TABLE.c.id.in_(list(ids)))
        .values(values)
    )
    session.commit()


def verleng_lease(session: Session, claim: Claim, lease_until: dt.datetime) -> Claim | None:
    """Extend the lease of the rows still ours; None when none are (the lease was lost)."""
    result = session.execute(
        update(_TABLE)
        .where(
            _TABLE.c.claim_token == claim.token, _TABLE.c.status == ResultaatStatus.WACHTEND.value
        )
        .values(lease_until=lease_until)
    )
    session.commit()
    if not int(getattr(result, "rowcount", 0) or 0):
        return None
    return Claim(
        token=claim.token,
        school_id=claim.school_id,
        schooljaar=claim.schooljaar,
        rows=claim.rows,
        lease_until=lease_until,
    )
