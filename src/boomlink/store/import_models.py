"""ORM models of the import review (Stap 4): import sessions and their staged records.

* :class:`ImportStand`: one row per school with a version counter; every processed import raises
  it by one. An import session remembers the version it was fetched at (``basis_versie``), so a
  second commit for the same school, or a commit of a review that an other import overtook,
  cannot apply (optimistic concurrency).
* :class:`ImportSessie`: one "Gegevens importeren" of one school year, in review until it is
  processed (``verwerkt``) or replaced by a newer fetch (``vervangen``).
* :class:`ImportRegel`: one staged group, teacher or pupil as ESIS sent it, with the category the
  review puts it in (Nieuw, Bestaand, Niet importeren), the existing Boom record it is linked to
  and the candidates that matching found.
* :class:`Uitnodiging`: the one-time link a teacher gets to create an account; only the SHA-256 of
  the token is stored.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from boomlink.store.kolommen import enum_kolom, utcnow
from boomlink.store.models import Base
from boomlink.store.types import UtcDateTime

__all__ = [
    "Categorie",
    "ImportRegel",
    "ImportSessie",
    "ImportStand",
    "RegelSoort",
    "SessieStatus",
    "Uitnodiging",
]


class Categorie(enum.StrEnum):
    """The three categories of every tab of the review."""

    NIEUW = "nieuw"
    BESTAAND = "bestaand"
    NIET_IMPORTEREN = "niet_importeren"


class RegelSoort(enum.StrEnum):
    """What a staged record is; each kind has its own tab."""

    GROEP = "groep"
    LEERKRACHT = "leerkracht"
    LEERLING = "leerling"


class SessieStatus(enum.StrEnum):
    REVIEW = "review"
    VERWERKT = "verwerkt"
    VERVANGEN = "vervangen"


class ImportStand(Base):
    """The school's import version: raised by one by every processed import."""

    __tablename__ = "import_stand"

    school_id: Mapped[int] = mapped_column(ForeignKey("scholen.id"), primary_key=True)
    versie: Mapped[int] = mapped_column(Integer(), default=0)
    laatste_schooljaar: Mapped[str | None] = mapped_column(String(9))
    laatst_verwerkt_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())


class ImportSessie(Base):
    """One fetch of "Gegevens importeren", under review until processed or replaced."""

    __tablename__ = "import_sessies"

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("scholen.id"), index=True)
    schooljaar: Mapped[str] = mapped_column(String(9))
    status: Mapped[SessieStatus] = mapped_column(enum_kolom(SessieStatus, "sessie_status"))
    basis_versie: Mapped[int] = mapped_column(Integer())
    gestart_door: Mapped[str] = mapped_column(String(320))
    gestart_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utcnow)
    verwerkt_door: Mapped[str | None] = mapped_column(String(320))
    verwerkt_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())


class ImportRegel(Base):
    """One staged record as ESIS sent it, and what the review decided for it."""

    __tablename__ = "import_regels"

    id: Mapped[int] = mapped_column(primary_key=True)
    sessie_id: Mapped[int] = mapped_column(
        ForeignKey("import_sessies.id", ondelete="CASCADE"), index=True
    )
    soort: Mapped[RegelSoort] = mapped_column(enum_kolom(RegelSoort, "regel_soort"))
    volgnummer: Mapped[int] = mapped_column(Integer())
    extern_nummer: Mapped[str | None] = mapped_column(String(256))
    eckid: Mapped[str | None] = mapped_column(String(256))
    naam: Mapped[str | None] = mapped_column(String(100))
    jaargroep: Mapped[str | None] = mapped_column(String(2))
    achternaam: Mapped[str | None] = mapped_column(String(200))
    voorvoegsel: Mapped[str | None] = mapped_column(String(30))
    voorletters: Mapped[str | None] = mapped_column(String(30))
    roepnaam: Mapped[str | None] = mapped_column(String(100))
    geboortedatum: Mapped[dt.date | None] = mapped_column(Date())
    geslacht: Mapped[int | None] = mapped_column(Integer())
    emailadres: Mapped[str | None] = mapped_column(String(320))
    groep_key: Mapped[str | None] = mapped_column(String(256))
    groep_keys: Mapped[str | None] = mapped_column(Text())
    categorie: Mapped[Categorie] = mapped_column(enum_kolom(Categorie, "categorie"))
    bestaand_id: Mapped[int | None] = mapped_column(Integer())
    match_reden: Mapped[str | None] = mapped_column(String(32))
    kandidaten: Mapped[str | None] = mapped_column(Text())


class Uitnodiging(Base):
    """A one-time link for a teacher to create an account; the token itself is never stored."""

    __tablename__ = "uitnodigingen"

    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("scholen.id"), index=True)
    leerkracht_id: Mapped[int] = mapped_column(ForeignKey("leerkrachten.id"), index=True)
    emailadres: Mapped[str] = mapped_column(String(320))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    used_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())
    gebruiker_id: Mapped[int | None] = mapped_column(ForeignKey("gebruikers.id"))
