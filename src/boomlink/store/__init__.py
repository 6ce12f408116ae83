"""The Boom testcentrum store: ORM models, sessions and migrations."""

from __future__ import annotations

from boomlink.store import import_models, resultaten_models, web_models  # noqa: F401  (register tables)
from boomlink.store.models import (
    AccountStatus,
    Afname,
    AuditEntry,
    Base,
    Gebruiker,
    Groep,
    Koppeling,
    KoppelingStatus,
    Leerkracht,
    Leerling,
    MailBericht,
    Rol,
    School,
    Toets,
)
from boomlink.store.session import Store, make_engine, open_store

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
    "Store",
    "Toets",
    "make_engine",
    "open_store",
]
