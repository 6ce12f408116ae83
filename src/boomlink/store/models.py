"""ORM models of the Boom testcentrum, as far as the UWLR link needs them.

Tables: scholen, groepen, leerkrachten (+ leerkracht_groepen), leerlingen (+ groepslidmaatschappen),
gebruikers, koppelingen, toetsen, afnames, mail_outbox and audit_log. The school year is a column
(``schooljaar``, "2026-2027") on groepen and koppelingen. Test data (toetsen, afnames) has no
delete path in the link: foreign keys to it are ``RESTRICT``.

Every change here needs a new Alembic revision in ``boomlink/migrations/versions``; a test
compares the migrated database with these models.
"""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal

from sqlalchemy import (
    Column,
    Date,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from boomlink.store.kolommen import enum_kolom, utcnow
from boomlink.store.types import DecimalText, UtcDateTime

__all__ = [
    "AccountStatus",
    "Afname",
    "AuditEntry",
    "Base",
    "Gebruiker",
    "Groep",
    "Koppeling",
    "KoppelingStatus",
    "Leerkracht",
    "Leerling",
    "MailBericht",
    "Rol",
    "School",
    "Toets",
]

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Rol(enum.StrEnum):
    BEHEERDER = "beheerder"
    LEERKRACHT = "leerkracht"


class AccountStatus(enum.StrEnum):
    GEEN_ACCOUNT = "geen_account"
    UITGENODIGD = "uitgenodigd"
    ACTIEF = "actief"
    GEBLOKKEERD = "geblokkeerd"


class KoppelingStatus(enum.StrEnum):
    AANGEVRAAGD = "aangevraagd"
    GOEDGEKEURD = "goedgekeurd"
    AFGEWEZEN = "afgewezen"
    ACTIEF = "actief"
    UIT = "uit"


class School(Base):
    __tablename__ = "scholen"
    __table_args__ = (UniqueConstraint("brincode", "dependancecode"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    naam: Mapped[str] = mapped_column(String(200))
    brincode: Mapped[str] = mapped_column(String(4))
    dependancecode: Mapped[str] = mapped_column(String(2), default="00")
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utcnow)
    uwlr_enabled_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())

    gebruikers: Mapped[list[Gebruiker]] = relationship(back_populates="school")

    def __repr__(self) -> str:
        return (
            f"School(id={self.id!r}, naam={self.naam!r}, brin={self.brincode}{self.dependancecode})"
        )


leerkracht_groepen = Table(
    "leerkracht_groepen",
    Base.metadata,
    Column("leerkracht_id", ForeignKey("leerkrachten.id", ondelete="CASCADE"), primary_key=True),
    Column("groep_id", ForeignKey("groepen.id", ondelete="CASCADE"), primary_key=True),
)

groepslidmaatschappen = Table(
    "groepslidmaatschappen",
    Base.metadata,
    Column("leerling_id", ForeignKey("leerlingen.id", ondelete="CASCADE"), primary_key=True),
    Column("groep_id", ForeignKey("groepen.id", ondelete="CASCADE"), primary_key=True),
)


class Groep(Base):
    __tablename__ = "groepen"
    __table_args__ = (UniqueConstraint("school_id", "schooljaar", "naam"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("scholen.id"), index=True)
    schooljaar: Mapped[str] = mapped_column(String(9))
    naam: Mapped[str] = mapped_column(String(100))
    jaargroep: Mapped[str | None] = mapped_column(String(2))
    extern_nummer: Mapped[str | None] = mapped_column(String(256))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utcnow)

    school: Mapped[School] = relationship()
    leerlingen: Mapped[list[Leerling]] = relationship(
        secondary=groepslidmaatschappen, back_populates="groepen"
    )
    leerkrachten: Mapped[list[Leerkracht]] = relationship(
        secondary=leerkracht_groepen, back_populates="groepen"
    )


class Leerkracht(Base):
    __tablename__ = "leerkrachten"

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("scholen.id"), index=True)
    achternaam: Mapped[str | None] = mapped_column(String(200))
    voorvoegsel: Mapped[str | None] = mapped_column(String(30))
    voorletters: Mapped[str | None] = mapped_column(String(30))
    roepnaam: Mapped[str | None] = mapped_column(String(100))
    emailadres: Mapped[str | None] = mapped_column(String(320))
    account_status: Mapped[AccountStatus] = mapped_column(
        enum_kolom(AccountStatus, "account_status"), default=AccountStatus.GEEN_ACCOUNT
    )
    extern_nummer: Mapped[str | None] = mapped_column(String(256))
    eckid: Mapped[str | None] = mapped_column(String(256))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utcnow)

    school: Mapped[School] = relationship()
    groepen: Mapped[list[Groep]] = relationship(
        secondary=leerkracht_groepen, back_populates="leerkrachten"
    )


class Leerling(Base):
    __tablename__ = "leerlingen"

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("scholen.id"), index=True)
    achternaam: Mapped[str | None] = mapped_column(String(200))
    voorvoegsel: Mapped[str | None] = mapped_column(String(30))
    voorletters: Mapped[str | None] = mapped_column(String(30))
    roepnaam: Mapped[str | None] = mapped_column(String(100))
    geboortedatum: Mapped[dt.date | None] = mapped_column(Date())
    geslacht: Mapped[int | None] = mapped_column(Integer())
    jaargroep: Mapped[str | None] = mapped_column(String(2))
    extern_nummer: Mapped[str | None] = mapped_column(String(256))
    eckid: Mapped[str | None] = mapped_column(String(256))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utcnow)
    left_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())

    school: Mapped[School] = relationship()
    groepen: Mapped[list[Groep]] = relationship(
        secondary=groepslidmaatschappen, back_populates="leerlingen"
    )


class Gebruiker(Base):
    __tablename__ = "gebruikers"

    id: Mapped[int] = mapped_column(primary_key=True)
    emailadres: Mapped[str] = mapped_column(String(320), unique=True)
    naam: Mapped[str] = mapped_column(String(200))
    rol: Mapped[Rol] = mapped_column(enum_kolom(Rol, "rol"))
    school_id: Mapped[int] = mapped_column(ForeignKey("scholen.id"), index=True)
    leerkracht_id: Mapped[int | None] = mapped_column(ForeignKey("leerkrachten.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utcnow)
    # argon2id hash for the web screens (boomlink.accounts); None: cannot log in yet.
    wachtwoord_hash: Mapped[str | None] = mapped_column(String(255))

    school: Mapped[School] = relationship(back_populates="gebruikers")

    def __repr__(self) -> str:
        return f"Gebruiker(id={self.id!r}, emailadres={self.emailadres!r}, rol={self.rol!r})"


class Koppeling(Base):
    """One request for a link and its life: aangevraagd → goedgekeurd/afgewezen → actief → uit."""

    __tablename__ = "koppelingen"

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("scholen.id"), index=True)
    type: Mapped[str] = mapped_column(String(32))
    status: Mapped[KoppelingStatus] = mapped_column(enum_kolom(KoppelingStatus, "koppeling_status"))
    brincode: Mapped[str] = mapped_column(String(16))
    dependancecode: Mapped[str] = mapped_column(String(8))
    schooljaar: Mapped[str] = mapped_column(String(16))
    afwijzing_veld: Mapped[str | None] = mapped_column(String(64))
    afwijzing_reden: Mapped[str | None] = mapped_column(Text())
    autorisatiesleutel_versleuteld: Mapped[bytes | None] = mapped_column(LargeBinary())
    schoolkey: Mapped[str | None] = mapped_column(String(256))
    aangevraagd_door_id: Mapped[int | None] = mapped_column(ForeignKey("gebruikers.id"))
    requested_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    decided_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    key_saved_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    activated_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    switched_off_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())

    school: Mapped[School] = relationship()

    def __repr__(self) -> str:
        sleutel = "<versleuteld>" if self.autorisatiesleutel_versleuteld else None
        return (
            f"Koppeling(id={self.id!r}, school_id={self.school_id!r}, type={self.type!r}, "
            f"status={self.status!r}, autorisatiesleutel={sleutel})"
        )


class Toets(Base):
    __tablename__ = "toetsen"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    naam: Mapped[str] = mapped_column(String(200))


class Afname(Base):
    """One administration of a test to a pupil, with its score and (once normed) its norms."""

    __tablename__ = "afnames"

    id: Mapped[int] = mapped_column(primary_key=True)
    leerling_id: Mapped[int] = mapped_column(
        ForeignKey("leerlingen.id", ondelete="RESTRICT"), index=True
    )
    toets_id: Mapped[int] = mapped_column(ForeignKey("toetsen.id", ondelete="RESTRICT"), index=True)
    afnamedatum: Mapped[dt.date] = mapped_column(Date())
    score: Mapped[int | None] = mapped_column(Integer())
    normed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), index=True)
    vaardigheidsscore: Mapped[Decimal | None] = mapped_column(DecimalText())
    dle: Mapped[Decimal | None] = mapped_column(DecimalText())
    niveau: Mapped[str | None] = mapped_column(String(16))

    leerling: Mapped[Leerling] = relationship()
    toets: Mapped[Toets] = relationship()


class MailBericht(Base):
    """The outbox: a mail is written here in the business transaction, sent later.

    ``body`` is a Fernet token (the store's Kluis, see :mod:`boomlink.mail`), emptied once sent.
    """

    __tablename__ = "mail_outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text())
    soort: Mapped[str] = mapped_column(String(32), index=True)
    school_id: Mapped[int | None] = mapped_column(ForeignKey("scholen.id"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utcnow)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), index=True)
    attempts: Mapped[int] = mapped_column(Integer(), default=0)
    last_error: Mapped[str | None] = mapped_column(Text())


class AuditEntry(Base):
    """Who did what to which school's link, and how it ended (ok / afgewezen / geweigerd / mislukt)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utcnow)
    actor: Mapped[str] = mapped_column(String(320))
    school_id: Mapped[int | None] = mapped_column(ForeignKey("scholen.id"), index=True)
    actie: Mapped[str] = mapped_column(String(64))
    uitkomst: Mapped[str] = mapped_column(String(16))
    detail: Mapped[str | None] = mapped_column(Text())
