"""The loopback mail sink holds the port it bound from the start: refused while down, never lost."""

from __future__ import annotations

import smtplib
import socket
from email.message import EmailMessage

import pytest

from boomlink.testing.mailsink import MailSink, onderwerp
from boomlink.testing.ports import HOST, closed_port


def _send(port: int, subject: str) -> None:
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = "boom@example.nl", "school@example.nl", subject
    mail.set_content("hallo")
    with smtplib.SMTP(HOST, port, timeout=5) as smtp:
        smtp.send_message(mail)


def _taken(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as other:
        try:
            other.bind((HOST, port))
        except OSError:
            return True
    return False


def test_the_sink_holds_its_port_through_an_outage_and_gives_it_back_when_closed() -> None:
    sink = MailSink()
    try:
        assert _taken(sink.port)
        with pytest.raises(ConnectionRefusedError):
            _send(sink.port, "te vroeg")
        sink.start()
        _send(sink.port, "een")
        sink.stop()
        assert _taken(sink.port)
        with pytest.raises(ConnectionRefusedError):
            _send(sink.port, "tijdens storing")
        sink.start()
        _send(sink.port, "twee")
    finally:
        sink.close()
    assert [onderwerp(m) for m in sink.inbox.messages] == ["een", "twee"]


def test_a_closed_port_refuses_connections_and_is_held() -> None:
    with closed_port() as port:
        assert _taken(port)
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection((HOST, port), timeout=5).close()
