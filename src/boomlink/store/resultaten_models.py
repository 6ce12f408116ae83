"""ORM models of the result push: the durable outbox of results on their way to ESIS.

One row per administration (``afnames.id``, unique): norming it again sets the row back to
``wachtend`` with a higher ``versie``; the resultaat keys stay the same, so ESIS replaces.
A worker claims a batch with a lease (``claim_token`` + ``lease_until``); recording the outcome
only touches rows that still carry its token and the ``versie`` it sent.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from boomlink.store.kolommen import enum_kolom
from boomlink.store.models import Afname, Base, School
from boomlink.store.types import UtcDateTime

__all__ = ["ResultaatBron", "ResultaatStatus", "UitgaandResultaat"]


class ResultaatStatus(enum.StrEnum):
    WACHTEND = "wachtend"
    VERSTUURD = "verstuurd"
    GEWEIGERD = "geweigerd"


class ResultaatBron(enum.StrEnum):
    AUTOMATISCH = "automatisch"
    TERUGZETTEN = "terugzetten"


class UitgaandResultaat(Base):
    """The result of one administration, waiting for (or delivered to, or refused by) ESIS."""

    __tablename__ = "resultaten_outbox"
    __table_args__ = (
        Index("ix_resultaten_outbox_wachtrij", "status", "available_at", "id"),
        Index("ix_resultaten_outbox_school", "school_id", "schooljaar", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    afname_id: Mapped[int] = mapped_column(
        ForeignKey("afnames.id", ondelete="RESTRICT"), unique=True
    )
    school_id: Mapped[int] = mapped_column(ForeignKey("scholen.id"))
    schooljaar: Mapped[str] = mapped_column(String(9))
    status: Mapped[ResultaatStatus] = mapped_column(enum_kolom(ResultaatStatus, "resultaat_status"))
    bron: Mapped[ResultaatBron] = mapped_column(enum_kolom(ResultaatBron, "resultaat_bron"))
    versie: Mapped[int] = mapped_column(Integer(), default=1)
    enqueued_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    available_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    claim_token: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    attempts: Mapped[int] = mapped_column(Integer(), default=0)
    deliveries: Mapped[int] = mapped_column(Integer(), default=0)
    delivered_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    refused_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    reden: Mapped[str | None] = mapped_column(Text())
    last_error: Mapped[str | None] = mapped_column(Text())

    afname: Mapped[Afname] = relationship()
    school: Mapped[School] = relationship()

    def __repr__(self) -> str:
        return (
            f"UitgaandResultaat(id={self.id!r}, afname_id={self.afname_id!r}, "
            f"status={self.status!r}, versie={self.versie!r})"
        )
