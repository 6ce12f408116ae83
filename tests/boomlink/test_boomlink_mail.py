"""The mail outbox: sent over real SMTP, never twice, and an SMTP outage leaves mail queued; the
body is encrypted at rest, decrypted only for SMTP and emptied once sent."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from email.message import Message
from pathlib import Path

import pytest
from aiosmtpd.smtp import SMTP, Envelope
from aiosmtpd.smtp import Session as SmtpSession
from cryptography.fernet import Fernet
from sqlalchemy import create_engine, insert, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from boomlink.config import Settings
from boomlink.errors import ConfiguratieFout
from boomlink.mail import MAX_POGINGEN, flush_outbox, in_wachtrij, zet_in_wachtrij
from boomlink.store import MailBericht, Store, open_store
from boomlink.testing.mailsink import MailSink
from boomlink.testing.mailsink import body as mail_body


def test_outbox_survives_an_smtp_outage_and_sends_exactly_once(
    session: Session, store: Store, settings: Settings, mail_sink: MailSink
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

    server = mail_sink.start()
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
    session: Session,
    store: Store,
    settings: Settings,
    mail_sink: MailSink,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import threading
    import time

    from boomlink.mail import FlushResultaat

    # The relay accepts each mail only after a pause, so both flushers are mid-flight together.
    inner = mail_sink.inbox.handle_DATA

    async def slow(server: object, sess: object, envelope: object) -> str:
        time.sleep(0.2)
        return await inner(server, sess, envelope)

    monkeypatch.setattr(mail_sink.inbox, "handle_DATA", slow)

    for i in range(4):
        zet_in_wachtrij(session, recipient=f"r{i}@example.nl", subject=f"m{i}", body="b", soort="t")
    session.commit()
    server = mail_sink.start()
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


# -- the body at rest: a Fernet token, decrypted only for SMTP, emptied once sent ----------------

POSTGRES_ENV = "BOOMLINK_TEST_POSTGRES_URL"
GEHEIM = "token=Zg3-geheim-eenmalig_8f2Kq"
BODY = f"Beste Jantje van Leeuwen,\n\nMaak je account aan: https://boom.example/a?{GEHEIM}\n"


def _database_bytes(db: Path) -> bytes:
    """The SQLite file with its WAL and shared-memory files, as bytes on disk."""
    return b"".join(
        p.read_bytes()
        for p in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm"))
        if p.exists()
    )


def _postgres_url(base: str, schema: str) -> str:
    url = make_url(base)
    return url.set(query={**url.query, "options": f"-csearch_path={schema}"}).render_as_string(
        hide_password=False
    )


@pytest.fixture(params=["sqlite", "postgresql"])
def waar(request: pytest.FixtureRequest, settings: Settings) -> Iterator[Callable[[], Settings]]:
    """``waar()``: settings for one database (the SQLite file of ``settings``, with its key file,
    or a fresh PostgreSQL schema), each call with a newly generated secret on PostgreSQL; the
    first call of the SQLite variant uses the key file, later ones a ``BOOMLINK_SECRET_KEY``."""
    if request.param == "sqlite":
        calls = iter(range(1000))
        yield (
            lambda: (
                settings
                if next(calls) == 0
                else replace(settings, secret_key=Fernet.generate_key().decode())
            )
        )
        return
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(f"PostgreSQL-variant overgeslagen: {POSTGRES_ENV} is niet gezet")
    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield lambda: replace(
            settings,
            database_url=_postgres_url(base, schema),
            secret_key=Fernet.generate_key().decode(),
        )
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _tekst(message: Message) -> str:
    """The body as received, with the line ends of SMTP (CRLF) back to ``\\n``."""
    return mail_body(message).replace("\r\n", "\n")


def _rauw(store: Store) -> dict[int, tuple[str, str, str | None]]:
    """``{id: (body, subject, last_error)}`` as the database holds them, past the ORM."""
    with store.engine.connect() as conn:
        rows = conn.execute(text("SELECT id, body, subject, last_error FROM mail_outbox"))
        return {int(r[0]): (str(r[1]), str(r[2]), r[3]) for r in rows}


def test_the_body_is_encrypted_at_rest_decrypted_for_smtp_and_emptied_once_sent(
    waar: Callable[[], Settings], smtp_server: MailSink
) -> None:
    settings = waar()
    with open_store(settings) as store:
        with store.session() as s:
            bericht = zet_in_wachtrij(
                s, recipient="jantje@school.nl", subject="Uitnodiging", body=BODY, soort="t"
            )
            s.commit()
            mail_id = bericht.id
        ((body, subject, _),) = _rauw(store).values()
        assert body.startswith("gAAAAA") and "Jantje" not in body and GEHEIM not in body
        assert subject == "Uitnodiging"
        db = settings.sqlite_path()
        if db is not None:
            on_disk = _database_bytes(db)
            assert b"Jantje" not in on_disk and GEHEIM.encode() not in on_disk
            assert b"Beste " not in on_disk

        assert flush_outbox(store.sessions, settings.mail).verstuurd == 1
        (received,) = smtp_server.inbox.messages
        assert _tekst(received) == BODY
        assert received["To"] == "jantje@school.nl"
        # once sent, not even the ciphertext of the one-time link stays behind
        assert _rauw(store)[mail_id][0] == ""
        with store.session() as s:
            assert s.get_one(MailBericht, mail_id).sent_at is not None


def test_a_mail_that_cannot_be_decrypted_is_reported_and_the_flush_goes_on(
    waar: Callable[[], Settings], smtp_server: MailSink
) -> None:
    oud, nieuw = waar(), waar()
    with open_store(oud) as oude_store, open_store(nieuw) as nieuwe_store:
        for store, ontvanger in ((oude_store, "oud@school.nl"), (nieuwe_store, "nieuw@school.nl")):
            with store.session() as s:
                zet_in_wachtrij(s, recipient=ontvanger, subject="s", body=BODY, soort="t")
                s.commit()

        resultaat = flush_outbox(nieuwe_store.sessions, nieuw.mail)
        assert (resultaat.verstuurd, resultaat.mislukt) == (1, 1)
        assert [m["To"] for m in smtp_server.inbox.messages] == ["nieuw@school.nl"]
        (fout,) = resultaat.fouten
        assert "kan niet worden ontsleuteld" in fout and "BOOMLINK_SECRET_KEY" in fout
        assert GEHEIM not in fout
        rauw = _rauw(nieuwe_store)
        first, second = sorted(rauw)
        last_error = rauw[first][2]
        assert last_error is not None and "kan niet worden ontsleuteld" in last_error
        assert rauw[first][0].startswith("gAAAAA")  # kept: the right key can still send it
        assert rauw[second][2] is None

        # with the old secret back, the mail goes out after all
        assert flush_outbox(oude_store.sessions, oud.mail).verstuurd == 1
        assert [m["To"] for m in smtp_server.inbox.messages] == ["nieuw@school.nl", "oud@school.nl"]
        assert _tekst(smtp_server.inbox.messages[1]) == BODY


def test_a_body_stored_in_plain_text_is_refused_not_sent(
    waar: Callable[[], Settings], smtp_server: MailSink
) -> None:
    settings = waar()
    with open_store(settings) as store:
        with store.engine.begin() as conn:
            conn.execute(  # as a row written before encryption: past zet_in_wachtrij
                insert(MailBericht).values(
                    recipient="plat@school.nl",
                    subject="s",
                    body=BODY,
                    soort="t",
                    created_at=dt.datetime.now(dt.UTC),
                    attempts=0,
                )
            )
        with store.session() as s:
            zet_in_wachtrij(s, recipient="goed@school.nl", subject="s", body=BODY, soort="t")
            s.commit()

        resultaat = flush_outbox(store.sessions, settings.mail)
        assert (resultaat.verstuurd, resultaat.mislukt) == (1, 1)
        assert [m["To"] for m in smtp_server.inbox.messages] == ["goed@school.nl"]
        assert "niet versleuteld" in resultaat.fouten[0]
        with store.session() as s:
            plat = s.scalars(select(MailBericht).where(MailBericht.recipient == "plat@school.nl"))
            (bericht,) = plat.all()
            assert bericht.last_error and "niet versleuteld" in bericht.last_error
            assert bericht.sent_at is None and bericht.attempts == MAX_POGINGEN  # given up
            assert in_wachtrij(s) == []


def test_a_session_that_does_not_come_from_the_store_cannot_queue_mail(store: Store) -> None:
    with Session(store.engine) as s, pytest.raises(ConfiguratieFout) as info:
        zet_in_wachtrij(s, recipient="x@example.nl", subject="s", body=BODY, soort="t")
    assert "open_store" in info.value.bericht


class _RefusingInbox:
    """An SMTP handler that refuses every recipient, quoting the address as real servers do."""

    async def handle_RCPT(  # noqa: N802
        self,
        server: SMTP,
        session: SmtpSession,
        envelope: Envelope,
        address: str,
        options: list[str],
    ) -> str:
        return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"


def test_errors_do_not_name_the_recipient(
    session: Session, store: Store, settings: Settings
) -> None:
    adres = "j.jansen@99qq.example.nl"
    zet_in_wachtrij(session, recipient=adres, subject="Uitnodiging", body="Hallo", soort="test")
    session.commit()
    with MailSink(_RefusingInbox()) as weigeraar:
        mail = replace(settings.mail, port=weigeraar.port)
        resultaat = flush_outbox(store.sessions, mail)
    assert resultaat.mislukt == 1
    assert "550" in resultaat.fouten[0] and "<ontvanger>" in resultaat.fouten[0]
    session.rollback()
    (bericht,) = session.scalars(select(MailBericht)).all()
    for tekst in (*resultaat.fouten, bericht.last_error or ""):
        assert adres not in tekst
