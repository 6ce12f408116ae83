"""A loopback SMTP server that keeps every mail it accepts: Boom's SMTP relay, faked (test support).

Tests, features, the demo and the benchmarks make a :class:`MailSink`, point
``BOOMLINK_SMTP_PORT`` at :attr:`MailSink.port` and read what arrived from
:attr:`MailSink.inbox`. The sink binds port 0 itself when it is made and holds that port until
:meth:`MailSink.close`: before :meth:`~MailSink.start` and after :meth:`~MailSink.stop` the port
is bound but not listening, so connections are refused (an outage) and nobody else can take it.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from email import message_from_bytes, policy
from email.message import EmailMessage, Message
from types import TracebackType
from typing import Any

from aiosmtpd.controller import Controller

from boomlink.testing.ports import HOST, reserve

__all__ = ["Inbox", "MailSink", "body", "onderwerp"]

_BIND_PATIENCE = 5.0  # seconds to keep retrying to take the port back after an outage


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


class _SocketController(Controller):
    """aiosmtpd's threaded controller, serving on a socket that is already bound."""

    def __init__(self, handler: Any, sock: socket.socket) -> None:
        super().__init__(handler, hostname=HOST, port=sock.getsockname()[1])
        self._sock = sock

    def _create_server(self) -> Any:
        loop: asyncio.AbstractEventLoop = self.loop
        return loop.create_server(self._factory_invoker, sock=self._sock, ssl=self.ssl_context)


class MailSink:
    """aiosmtpd on ``127.0.0.1`` at the port it bound when made, so it can stop and start again.

    ``with MailSink() as sink:`` starts it and closes it afterwards. ``handler`` replaces the
    aiosmtpd handler (default: :attr:`inbox`). The inbox lives as long as the sink: mails from
    before an outage stay in it.
    """

    def __init__(self, handler: Any = None) -> None:
        self.inbox = Inbox()
        self._handler: Any = self.inbox if handler is None else handler
        self._held: socket.socket | None = reserve()
        self.port = int(self._held.getsockname()[1])
        self._controller: _SocketController | None = None

    def start(self) -> MailSink:
        """Listen (again) on :attr:`port`. Running already: no-op."""
        if self._controller is None:
            if self._held is None:
                raise RuntimeError("MailSink is gesloten")
            sock, self._held = self._held, None
            sock.listen()
            sock.setblocking(False)
            controller = _SocketController(self._handler, sock)
            try:
                controller.start()
            except BaseException:
                sock.close()
                self._held = self._take_back()
                raise
            self._controller = controller
        return self

    def stop(self) -> None:
        """Stop listening (an outage) but keep the port; mails already received stay in :attr:`inbox`."""
        if self._controller is not None:
            self._controller.stop()  # closes the listening socket
            self._controller = None
            self._held = self._take_back()

    def close(self) -> None:
        """Stop and give the port back."""
        self.stop()
        if self._held is not None:
            self._held.close()
            self._held = None

    def _take_back(self) -> socket.socket:
        # The listening socket was just closed; bind its port again at once (briefly retrying).
        deadline = time.monotonic() + _BIND_PATIENCE
        while True:
            try:
                return reserve(self.port)
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def __enter__(self) -> MailSink:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def onderwerp(mail: Message) -> str:
    """The subject as the reader sees it: decoded and unfolded."""
    return " ".join(str(mail["Subject"]).split())


def body(message: Message) -> str:
    """The text of a single-part UTF-8 mail."""
    payload = message.get_payload(decode=True)
    if not isinstance(payload, bytes):
        raise ValueError("geen mail met één deel")
    return payload.decode("utf-8")
