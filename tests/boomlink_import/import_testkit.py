"""Test helpers of the import review: a Boom school linked to a running mock ESIS, the token of an
invitation mail, and a dump of every table to prove that nothing changed."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from email.message import Message
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from boomlink.config import Settings
from boomlink.importeren.ophalen import ImportGestart, gegevens_importeren
from boomlink.importeren.review import Review, review_tonen
from boomlink.importeren.samenvatting import Samenvatting, samenvatting
from boomlink.importeren.verwerken import Verwerkt, import_verwerken
from boomlink.mail import flush_outbox
from boomlink.store import Base, Gebruiker, School, Store
from boomlink.testing.mailsink import body
from boomlink.uwlr_client import ClientConfig
from mock_esis.testing.handle import MockEsisHandle


def token_uit(message: Message) -> str:
    match = re.search(r"token=([A-Za-z0-9_\-]+)", body(message))
    assert match, body(message)
    return match.group(1)


def dump(engine: Engine, *, zonder: tuple[str, ...] = ()) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in primary-key order."""
    with engine.connect() as conn:
        return {
            table.name: [
                tuple(row)
                for row in conn.execute(select(table).order_by(*table.primary_key.columns))
            ]
            for table in Base.metadata.sorted_tables
            if table.name not in zonder
        }


@dataclass
class Gekoppeld:
    """A Boom school whose link with the mock ESIS school is active; each step a fresh session."""

    store: Store
    settings: Settings
    esis: MockEsisHandle
    config: ClientConfig
    school_id: int
    beheerder_id: int
    code: str

    def session(self) -> Session:
        return self.store.session()

    def school(self, session: Session) -> School:
        return session.get_one(School, self.school_id)

    def beheerder(self, session: Session) -> Gebruiker:
        return session.get_one(Gebruiker, self.beheerder_id)

    def importeren(self, now: dt.datetime | None = None) -> ImportGestart:
        with self.session() as s:
            return gegevens_importeren(
                s,
                self.school(s),
                self.beheerder(s),
                client_config=self.config,
                kluis=self.store.kluis(),
                now=now,
            )

    def review(self) -> Review:
        with self.session() as s:
            return review_tonen(s, self.school(s), self.beheerder(s))

    def samenvatting(self) -> Samenvatting:
        with self.session() as s:
            return samenvatting(s, self.school(s), self.beheerder(s))

    def verwerken(self, now: dt.datetime | None = None, sessie_id: int | None = None) -> Verwerkt:
        with self.session() as s:
            return import_verwerken(
                s, self.school(s), self.beheerder(s), now=now, sessie_id=sessie_id
            )

    def flush(self) -> int:
        return flush_outbox(self.store.sessions, self.settings.mail).verstuurd
