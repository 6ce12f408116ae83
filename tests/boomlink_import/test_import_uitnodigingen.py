"""H-S4-04: every teacher imported as new gets an invitation with a one-time link, through the
outbox and real SMTP; an outage delays it, never loses it, never sends it twice."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from import_testkit import Gekoppeld, token_uit
from sqlalchemy import select, text

from boomlink.errors import LinkError
from boomlink.importeren.review import Tab, emailadres_invullen
from boomlink.importeren.uitnodigingen import account_aanmaken
from boomlink.store import AccountStatus, Gebruiker, Leerkracht, MailBericht, Rol
from boomlink.store.import_models import Categorie, Uitnodiging
from boomlink.testing.mailsink import MailSink, body


def _vul_emailadressen(g: Gekoppeld) -> None:
    with g.session() as s:
        school, beheerder = g.school(s), g.beheerder(s)
        for regel in g.review().regels(Tab.LEERKRACHTEN):
            if not regel.emailadres and regel.categorie is Categorie.NIEUW:
                emailadres_invullen(s, school, beheerder, regel.id, f"lk{regel.id}@school.nl")


def test_invitations_survive_an_smtp_outage_and_are_sent_once(
    gekoppeld: Gekoppeld, smtp_server: MailSink
) -> None:
    g = gekoppeld
    g.importeren()
    _vul_emailadressen(g)
    nieuw = g.review().aantal(Tab.LEERKRACHTEN, Categorie.NIEUW)
    assert g.samenvatting().uitnodigingen and len(g.samenvatting().uitnodigingen) == nieuw

    smtp_server.stop()
    verwerkt = g.verwerken()
    assert verwerkt.uitnodigingen == nieuw
    assert g.flush() == 0
    with g.session() as s:
        wachtend = list(s.scalars(select(MailBericht).where(MailBericht.soort == "uitnodiging")))
        assert len(wachtend) == nieuw and all(m.sent_at is None for m in wachtend)
        assert all(m.last_error for m in wachtend)

    smtp_server.start()
    assert g.flush() == nieuw
    assert g.flush() == 0
    mails = smtp_server.inbox.met_onderwerp("Uitnodiging")
    assert len(mails) == nieuw
    assert len({m["To"] for m in mails}) == nieuw

    # only the hash of each token is stored
    with g.session() as s:
        hashes = set(s.scalars(select(Uitnodiging.token_hash)))
        for mail in mails:
            token = token_uit(mail)
            assert hashlib.sha256(token.encode()).hexdigest() in hashes
            assert all(token not in h for h in hashes)
        statussen = {lk.account_status for lk in s.scalars(select(Leerkracht))}
        assert statussen == {AccountStatus.UITGENODIGD}

    # a re-import does not invite anyone again
    g.importeren()
    g.verwerken()
    assert g.flush() == 0
    assert "account" in body(mails[0]).lower()


def test_the_link_creates_an_account_once(gekoppeld: Gekoppeld, smtp_server: MailSink) -> None:
    g = gekoppeld
    g.importeren()
    _vul_emailadressen(g)
    g.verwerken()
    g.flush()
    mail = smtp_server.inbox.met_onderwerp("Uitnodiging")[0]
    token = token_uit(mail)
    with g.session() as s:
        gebruiker = account_aanmaken(s, token)
        assert gebruiker.rol is Rol.LEERKRACHT and gebruiker.emailadres == mail["To"]
        leerkracht = s.get_one(Leerkracht, gebruiker.leerkracht_id)
        assert leerkracht.account_status is AccountStatus.ACTIEF
        with pytest.raises(LinkError) as fout:
            account_aanmaken(s, token)
        assert "al gebruikt" in fout.value.bericht
        with pytest.raises(LinkError):
            account_aanmaken(s, "verzonnen-token")
        assert len(list(s.scalars(select(Gebruiker).where(Gebruiker.rol == Rol.LEERKRACHT)))) == 1


def _database_bytes(db: Path) -> bytes:
    """The SQLite file with its WAL and shared-memory files, as bytes on disk."""
    return b"".join(
        p.read_bytes()
        for p in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm"))
        if p.exists()
    )


def test_the_one_time_link_and_the_teachers_name_are_not_readable_at_rest(
    gekoppeld: Gekoppeld, smtp_server: MailSink
) -> None:
    g = gekoppeld
    g.importeren()
    _vul_emailadressen(g)
    smtp_server.stop()
    nieuw = g.verwerken().uitnodigingen
    assert nieuw and g.flush() == 0
    db = g.settings.sqlite_path()
    assert db is not None
    wachtend = _database_bytes(db)  # the invitations are queued, not sent yet
    assert b"account-aanmaken?token=" not in wachtend
    assert b"Jij bent daarbij als leerkracht toegevoegd" not in wachtend
    with g.store.engine.connect() as conn:
        uitnodigingen = list(
            conn.execute(
                text("SELECT recipient, body FROM mail_outbox WHERE soort = 'uitnodiging'")
            )
        )
    assert len(uitnodigingen) == nieuw
    assert all(b.startswith("gAAAAA") and r not in b for r, b in uitnodigingen)

    smtp_server.start()
    assert g.flush() == nieuw
    mails = smtp_server.inbox.met_onderwerp("Uitnodiging")
    assert len(mails) == nieuw
    verstuurd = _database_bytes(db)
    for mail in mails:
        token = token_uit(mail).encode()
        aanhef = body(mail).splitlines()[0]
        assert aanhef.startswith("Beste ") and len(aanhef) > len("Beste ,")
        for op_schijf in (wachtend, verstuurd):
            assert token not in op_schijf
            assert aanhef.encode() not in op_schijf
    with g.store.engine.connect() as conn:
        bodies = set(conn.execute(text("SELECT body FROM mail_outbox")).scalars())
    assert bodies == {""}  # sent: the (encrypted) one-time links are gone as well

    # the link in the mail still works
    with g.session() as s:
        gebruiker = account_aanmaken(s, token_uit(mails[0]))
        assert gebruiker.emailadres == mails[0]["To"]
