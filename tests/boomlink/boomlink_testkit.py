"""Test helpers for the Boom side: a restartable loopback SMTP server and a school set-up."""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from typing import Any

from aiosmtpd.controller import Controller
from sqlalchemy.orm import Session

from boomlink.beheer import gebruiker_aanmaken, school_aanmaken
from boomlink.store import Gebruiker, Rol, School


def free_port() -> int:
    """A loopback port that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Inbox:
    """What the SMTP server received, in order."""

    messages: list[Message] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        with self.lock:
            self.messages.append(message_from_bytes(envelope.content))
            self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 Message accepted for delivery"


class SmtpServer:
    """aiosmtpd on 127.0.0.1 at a fixed port, so it can be stopped and started again."""

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
            except OSError:  # port still in TIME_WAIT from the previous run
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        self._controller = controller

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


@dataclass
class SchoolOpzet:
    school: School
    beheerder: Gebruiker
    leerkracht: Gebruiker


def maak_school(
    session: Session, *, naam: str = "OBS De Regenboog", brin: str = "99QQ"
) -> SchoolOpzet:
    school = school_aanmaken(session, naam=naam, brin=brin)
    beheerder = gebruiker_aanmaken(
        session,
        school=school,
        emailadres=f"beheer@{brin.lower()}.example.nl",
        naam="Anna de Vries",
        rol=Rol.BEHEERDER,
    )
    leerkracht = gebruiker_aanmaken(
        session,
        school=school,
        emailadres=f"juf@{brin.lower()}.example.nl",
        naam="Juf Bram",
        rol=Rol.LEERKRACHT,
    )
    return SchoolOpzet(school=school, beheerder=beheerder, leerkracht=leerkracht)
