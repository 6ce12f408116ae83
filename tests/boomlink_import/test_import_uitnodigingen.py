"""H-S4-04: every teacher imported as new gets an invitation with a one-time link, through the
outbox and real SMTP; an outage delays it, never loses it, never sends it twice."""

from __future__ import annotations

import hashlib

import pytest
from import_testkit import Gekoppeld, token_uit
from sqlalchemy import select

from boomlink.errors import LinkError
from boomlink.importeren.review import Tab, emailadres_invullen
from boomlink.importeren.uitnodigingen import account_aanmaken
from boomlink.store import AccountStatus, Gebruiker, Leerkracht, MailBericht, Rol
from boomlink.store.import_models import Categorie, Uitnodiging
from mock_esis.mailsink import MailSink, body


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
