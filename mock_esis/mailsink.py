"""A loopback SMTP server that keeps every mail it accepts: the outside world's mail, faked.

Like the mock ESIS, this stands in for something Boom talks to: its SMTP relay. Tests, features
and the demo start a :class:`MailSink` on ``127.0.0.1``, point ``BOOMLINK_SMTP_PORT`` at it and
read what arrived from :attr:`MailSink.inbox`. Stopping and starting it again at the same port
simulates an outage that ends.
"""

from __future__ import annotations

import socket
import threading
import time
from email import message_from_bytes, policy
from email.message import EmailMessage, Message
from types import TracebackType
from typing import Any

from aiosmtpd.controller import Controller

__all__ = ["Inbox", "MailSink", "body", "free_port", "onderwerp"]

HOST = "127.0.0.1"
_BIND_PATIENCE = 5.0  # seconds to keep retrying a port that is still held by the previous run


def free_port() -> int:
    """A loopback port that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


class Inbox:
    """The mails the sink accepted, in order, with their envelopes; safe to read from any thread.

    It is also the aiosmtpd handler: :meth:`handle_DATA` is called for every mail.
    """

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []  # (MAIL FROM, RCPT TOs) per message
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        with self.lock:
            mail = message_from_bytes(envelope.content, policy=policy.default)
            assert isinstance(mail, EmailMessage)
            self.messages.append(mail)
            self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 Message accepted for delivery"

    def met_onderwerp(self, woord: str) -> list[EmailMessage]:
        """The mails whose (decoded, unfolded) subject contains ``woord``, in arrival order."""
        with self.lock:
            return [m for m in self.messages if woord in onderwerp(m)]


class MailSink:
    """aiosmtpd on ``127.0.0.1`` at a fixed port, so it can be stopped and started again.

    ``MailSink()`` picks a free port once; ``with MailSink() as sink:`` starts and stops it.
    The inbox lives as long as the sink: mails from before an outage stay in it.
    """

    def __init__(self, port: int | None = None) -> None:
        self.port = free_port() if port is None else port
        self.inbox = Inbox()
        self._controller: Controller | None = None

    def start(self) -> MailSink:
        """Listen (again); waits briefly while the port is still held. Running already: no-op."""
        deadline = time.monotonic() + _BIND_PATIENCE
        while self._controller is None:
            controller = Controller(self.inbox, hostname=HOST, port=self.port)
            try:
                controller.start()
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
            else:
                self._controller = controller
        return self

    def stop(self) -> None:
        """Stop listening (an outage); mails already received stay in :attr:`inbox`."""
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def __enter__(self) -> MailSink:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def onderwerp(mail: Message) -> str:
    """The subject as the reader sees it: decoded and unfolded."""
    return " ".join(str(mail["Subject"]).split())


def body(message: Message) -> str:
    """The text of a single-part UTF-8 mail."""
    payload = message.get_payload(decode=True)
    if not isinstance(payload, bytes):
        raise ValueError("geen mail met één deel")
    return payload.decode("utf-8")
