"""The Boom support accounts of the web screens (migration ``0016_web_accounts``).

Boom support is not a user of a school (``gebruikers.school_id`` is required), so its accounts
live in their own table. Passwords are argon2id hashes (:mod:`boomlink.accounts`).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from boomlink.store.kolommen import utcnow
from boomlink.store.models import Base
from boomlink.store.types import UtcDateTime

__all__ = ["SupportMedewerker"]


class SupportMedewerker(Base):
    __tablename__ = "support_medewerkers"

    id: Mapped[int] = mapped_column(primary_key=True)
    emailadres: Mapped[str] = mapped_column(String(320), unique=True)
    naam: Mapped[str] = mapped_column(String(200))
    wachtwoord_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utcnow)

    def __repr__(self) -> str:
        return f"SupportMedewerker(id={self.id!r}, emailadres={self.emailadres!r})"
