"""Every link action is one unit of work that ends in the audit log, also when it is refused.

:func:`stap` wraps a service step: on success the step's changes and an ``ok`` entry (or what
the step put in :class:`Uitkomst`) are committed together; on a :class:`BoomlinkError` the step's
changes are rolled back and a ``geweigerd`` (rule) or ``mislukt`` (environment) entry is
committed. A step owns the transaction: whatever the session holds when the step starts is
committed first, so the step's checks read fresh data (not an old snapshot). Entries never hold the autorisatiesleutel: they hold the Dutch ``bericht`` only.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy.orm import Session

from boomlink.errors import BoomlinkError, LinkError
from boomlink.store import AuditEntry

__all__ = ["BOOM_SUPPORT", "Uitkomst", "stap"]

BOOM_SUPPORT = "boom-support"


@dataclass
class Uitkomst:
    """What the step reports for the audit log; a step may change it before it ends."""

    uitkomst: str = "ok"
    detail: str | None = None


@contextmanager
def stap(session: Session, *, actie: str, actor: str, school_id: int | None) -> Iterator[Uitkomst]:
    """Run one audited step on ``session`` and commit it (see the module doc)."""
    uitkomst = Uitkomst()
    session.commit()
    try:
        yield uitkomst
    except BoomlinkError as exc:
        session.rollback()
        session.add(
            AuditEntry(
                actor=actor,
                school_id=school_id,
                actie=actie,
                uitkomst="geweigerd" if isinstance(exc, LinkError) else "mislukt",
                detail=exc.bericht,
            )
        )
        session.commit()
        raise
    except BaseException:
        session.rollback()
        raise
    session.add(
        AuditEntry(
            actor=actor,
            school_id=school_id,
            actie=actie,
            uitkomst=uitkomst.uitkomst,
            detail=uitkomst.detail,
        )
    )
    session.commit()
