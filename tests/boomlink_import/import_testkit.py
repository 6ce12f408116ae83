"""Test helpers of the import review: a Boom school linked to a running mock ESIS, a loopback SMTP
server, and a dump of every table to prove that nothing changed."""

from __future__ import annotations

import datetime as dt
import re
import socket
import threading
import time
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from typing import Any

from aiosmtpd.controller import Controller
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from boomlink.beheer import gebruiker_aanmaken, school_aanmaken
from boomlink.config import Settings
from boomlink.importeren.ophalen import ImportGestart, gegevens_importeren
from boomlink.importeren.review import Review, review_tonen
from boomlink.importeren.samenvatting import Samenvatting, samenvatting
from boomlink.importeren.verwerken import Verwerkt, import_verwerken
from boomlink.koppeling import Verificatieverzoek, koppeling_opslaan
from boomlink.mail import flush_outbox
from boomlink.schooljaar import huidig_schooljaar
from boomlink.stap1 import ESIS_UWLR, koppeling_aanvragen
from boomlink.store import Base, Gebruiker, Rol, School, Store
from boomlink.uwlr_client import ClientConfig, RetryPolicy, UwlrClient
from boomlink.voorbereiding import uwlr_inschakelen
from mock_esis.handle import MockEsisHandle


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Inbox:
    messages: list[Message] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        with self.lock:
            self.messages.append(message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"

    def met_onderwerp(self, woord: str) -> list[Message]:
        with self.lock:
            return [m for m in self.messages if woord in str(m["Subject"])]


class SmtpServer:
    """aiosmtpd on 127.0.0.1 at a fixed port: can be stopped (an outage) and started again."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.inbox = Inbox()
        self._controller: Controller | None = None

    def start(self) -> None:
        controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        deadline = time.monotonic() + 5
        while True:
            try:
                controller.start()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        self._controller = controller

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


def body(message: Message) -> str:
    payload = message.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload.decode("utf-8")


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


def client_config(handle: MockEsisHandle) -> ClientConfig:
    return ClientConfig(
        leerlinggegevens_url=handle.endpoints["leerlinggegevens"],
        leerresultaten_url=handle.endpoints["leerresultaten"],
        klantnaam=handle.klantnaam,
        klantcode=handle.klantcode,
        connect_timeout=2.0,
        read_timeout=20.0,
        retry=RetryPolicy(max_attempts=1),
    )


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


def _verifier(config: ClientConfig) -> Any:
    def verify(verzoek: Verificatieverzoek) -> None:
        with UwlrClient(config) as client:
            client.haal_structuur(
                verzoek.autorisatiesleutel.onthul(),
                schooljaar=verzoek.schooljaar,
                brincode=verzoek.brincode,
                dependancecode=verzoek.dependancecode,
            )

    return verify


def koppel(store: Store, settings: Settings, handle: MockEsisHandle) -> Gekoppeld:
    """Voorbereiding, stap 1 and stap 3 for the mock's first school, for real (SMTP must run)."""
    esis_school = handle.school
    config = client_config(handle)
    with store.session() as s:
        school = school_aanmaken(s, naam=esis_school.naam, brin=esis_school.code)
        beheerder = gebruiker_aanmaken(
            s,
            school=school,
            emailadres=f"beheer@{esis_school.code.lower()}.example.nl",
            naam="Anna de Vries",
            rol=Rol.BEHEERDER,
        )
        school_id, beheerder_id = school.id, beheerder.id
        uwlr_inschakelen(s, school_naam=school.naam, brin=esis_school.code)
    assert flush_outbox(store.sessions, settings.mail).verstuurd == 1
    with store.session() as s:
        school = s.get_one(School, school_id)
        beheerder = s.get_one(Gebruiker, beheerder_id)
        koppeling_aanvragen(
            s,
            school,
            beheerder,
            type_koppeling=ESIS_UWLR,
            brincode=esis_school.brincode,
            schooljaar=huidig_schooljaar(),
        )
        assert esis_school.autorisatiesleutel
        koppeling_opslaan(
            s,
            school,
            beheerder,
            autorisatiesleutel=esis_school.autorisatiesleutel,
            schoolkey=None,
            verify=_verifier(config),
            kluis=store.kluis(),
        )
    return Gekoppeld(
        store=store,
        settings=settings,
        esis=handle,
        config=config,
        school_id=school_id,
        beheerder_id=beheerder_id,
        code=esis_school.code,
    )
