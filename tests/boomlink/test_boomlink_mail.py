"""The mail outbox: sent over real SMTP, never twice, and an SMTP outage leaves mail queued."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from boomlink.config import Settings
from boomlink.mail import MAX_POGINGEN, flush_outbox, in_wachtrij, zet_in_wachtrij
from boomlink.store import MailBericht, Store
from mock_esis.mailsink import MailSink


def test_outbox_survives_an_smtp_outage_and_sends_exactly_once(
    session: Session, store: Store, settings: Settings, smtp_port: int
) -> None:
    zet_in_wachtrij(
        session,
        recipient="beheer@99qq.example.nl",
        subject="Bevestiging UWLR-koppeling",
        body="Beste beheerder,\n\nDe UWLR-koppeling is ingeschakeld. Groetjes, Boom – één test.",
        soort="bevestigingsmail",
    )
    session.commit()

    # SMTP down: nothing sent, the mail stays queued with its attempt and error recorded
    down = flush_outbox(store.sessions, settings.mail)
    assert (down.verstuurd, down.mislukt) == (0, 1)
    session.rollback()
    (bericht,) = session.scalars(select(MailBericht)).all()
    assert bericht.sent_at is None
    assert bericht.attempts == 1
    assert bericht.last_error and "Connection" in bericht.last_error
    assert [m.id for m in in_wachtrij(session)] == [bericht.id]

    server = MailSink(smtp_port)
    server.start()
    try:
        up = flush_outbox(store.sessions, settings.mail)
        again = flush_outbox(store.sessions, settings.mail)
    finally:
        server.stop()
    assert (up.verstuurd, up.mislukt) == (1, 0)
    assert (again.verstuurd, again.mislukt) == (0, 0)
    (received,) = server.inbox.messages
    (envelope,) = server.inbox.envelopes
    assert envelope == (settings.mail.sender_address, ["beheer@99qq.example.nl"])
    assert received["Subject"] == "Bevestiging UWLR-koppeling"
    assert received["Message-ID"].startswith(f"<boomlink-outbox-{bericht.id}.")
    body = received.get_payload(decode=True)
    assert isinstance(body, bytes) and "één test" in body.decode("utf-8")

    session.rollback()  # end this session's snapshot to see the flusher's commits
    sent = session.get(MailBericht, bericht.id)
    assert sent is not None and sent.sent_at is not None
    assert sent.attempts == 2 and sent.last_error is None
    assert in_wachtrij(session) == []


def test_a_mail_that_keeps_failing_is_given_up_after_max_attempts(
    session: Session, store: Store, settings: Settings
) -> None:
    zet_in_wachtrij(session, recipient="x@example.nl", subject="s", body="b", soort="test")
    session.commit()
    for _ in range(MAX_POGINGEN):
        assert flush_outbox(store.sessions, settings.mail).mislukt == 1
    assert flush_outbox(store.sessions, settings.mail).mislukt == 0
    session.rollback()
    (bericht,) = session.scalars(select(MailBericht)).all()
    assert bericht.attempts == MAX_POGINGEN and bericht.sent_at is None


def test_several_mails_go_out_over_one_flush(
    session: Session, store: Store, settings: Settings, smtp_server: MailSink
) -> None:
    for i in range(3):
        zet_in_wachtrij(session, recipient=f"r{i}@example.nl", subject=f"m{i}", body="b", soort="t")
    session.commit()
    assert flush_outbox(store.sessions, settings.mail).verstuurd == 3
    assert [m["Subject"] for m in smtp_server.inbox.messages] == ["m0", "m1", "m2"]


def test_two_flushers_at_once_never_send_a_mail_twice(
    session: Session, store: Store, settings: Settings, smtp_port: int
) -> None:
    import threading
    import time

    from boomlink.mail import FlushResultaat

    class SlowServer(MailSink):
        """Accepts each mail only after a pause, so both flushers are mid-flight together."""

        def __init__(self, port: int) -> None:
            super().__init__(port)
            inner = self.inbox.handle_DATA

            async def slow(server: object, sess: object, envelope: object) -> str:
                time.sleep(0.2)
                return await inner(server, sess, envelope)

            self.inbox.handle_DATA = slow  # type: ignore[method-assign]

    for i in range(4):
        zet_in_wachtrij(session, recipient=f"r{i}@example.nl", subject=f"m{i}", body="b", soort="t")
    session.commit()
    server = SlowServer(smtp_port)
    server.start()
    results: list[FlushResultaat] = []
    try:
        threads = [
            threading.Thread(
                target=lambda: results.append(flush_outbox(store.sessions, settings.mail))
            )
            for _ in range(2)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=30)
    finally:
        server.stop()
    subjects = sorted(m["Subject"] for m in server.inbox.messages)
    assert subjects == ["m0", "m1", "m2", "m3"]
    assert sum(r.verstuurd for r in results) == 4
    assert sum(r.mislukt for r in results) == 0
