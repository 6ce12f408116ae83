"""Voorbereiding: Boom enables the link (H-P-01), only beheerders act (H-P-02), the
bevestigingsmail must be sent before any further step (H-P-03)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from boomlink_testkit import SchoolOpzet, maak_school
from sqlalchemy import select
from sqlalchemy.orm import Session

from boomlink.config import Settings
from boomlink.errors import (
    BevestigingsmailNietVerstuurd,
    GeenBeheerder,
    GeenBeheerderBijSchool,
    LinkError,
    NietIngeschakeld,
    OngeldigVeld,
    SchoolOnbekend,
)
from boomlink.koppeling.stap1 import koppeling_aanvragen, nummers_verwijderen
from boomlink.koppeling.stap3 import Verificatieverzoek, koppeling_opslaan, koppeling_uitzetten
from boomlink.koppeling.voorbereiding import bevestigingsmail_verstuurd, uwlr_inschakelen
from boomlink.mail import flush_outbox
from boomlink.schooljaar import huidig_schooljaar
from boomlink.store import AuditEntry, Gebruiker, MailBericht, Store
from boomlink.testing.mailsink import MailSink


def accept(verzoek: Verificatieverzoek) -> None:
    """Stands in for ESIS accepting any key (the real UWLR check is wired in later)."""


def stappen(
    session: Session, store: Store, opzet: SchoolOpzet, gebruiker: Gebruiker
) -> dict[str, Callable[[], object]]:
    school = opzet.school
    return {
        "aanvragen": lambda: koppeling_aanvragen(
            session,
            school,
            gebruiker,
            type_koppeling="ESIS UWLR",
            brincode=school.brincode,
            schooljaar=huidig_schooljaar(),
        ),
        "nummers verwijderen": lambda: nummers_verwijderen(session, school, gebruiker),
        "opslaan": lambda: koppeling_opslaan(
            session,
            school,
            gebruiker,
            autorisatiesleutel="ABCDEFGHIJKLMNOP1234",
            schoolkey=None,
            verify=accept,
            kluis=store.kluis(),
        ),
        "uitzetten": lambda: koppeling_uitzetten(session, school, gebruiker),
    }


@pytest.mark.parametrize("stap", ["aanvragen", "nummers verwijderen", "opslaan", "uitzetten"])
def test_h_p_01_every_step_is_refused_before_boom_enables_the_link(
    session: Session, store: Store, opzet: SchoolOpzet, stap: str
) -> None:
    with pytest.raises(NietIngeschakeld) as info:
        stappen(session, store, opzet, opzet.beheerder)[stap]()
    assert "nog niet ingeschakeld" in info.value.bericht
    assert "UWLR-koppeling" in info.value.bericht


def test_h_p_01_enabling_needs_the_right_name_and_brin(
    session: Session, opzet: SchoolOpzet
) -> None:
    with pytest.raises(OngeldigVeld) as info:
        uwlr_inschakelen(session, school_naam="Een andere school", brin="99QQ")
    assert info.value.veld == "naam"
    assert "OBS De Regenboog" in info.value.bericht
    with pytest.raises(SchoolOnbekend) as unknown:
        uwlr_inschakelen(session, school_naam="OBS De Regenboog", brin="11AA")
    assert "11AA" in unknown.value.bericht
    assert opzet.school.uwlr_enabled_at is None


def test_h_p_01_brin_with_vestiging_is_accepted(session: Session, opzet: SchoolOpzet) -> None:
    school = uwlr_inschakelen(session, school_naam="obs de regenboog", brin="99QQ00")
    assert school.id == opzet.school.id
    assert school.uwlr_enabled_at is not None


def test_h_p_03_enabling_queues_a_bevestigingsmail_for_every_beheerder(
    session: Session, opzet: SchoolOpzet
) -> None:
    from boomlink.beheer import gebruiker_aanmaken
    from boomlink.store import Rol

    gebruiker_aanmaken(
        session,
        school=opzet.school,
        emailadres="tweede.beheerder@99qq.example.nl",
        naam="Piet",
        rol=Rol.BEHEERDER,
    )
    uwlr_inschakelen(session, school_naam=opzet.school.naam, brin="99QQ")
    mails = session.scalars(select(MailBericht).order_by(MailBericht.id)).all()
    assert [m.recipient for m in mails] == [
        "beheer@99qq.example.nl",
        "tweede.beheerder@99qq.example.nl",
    ]
    assert all(m.sent_at is None and m.soort == "bevestigingsmail" for m in mails)
    assert all("UWLR-koppeling" in m.subject for m in mails)
    # enabling twice queues nothing new
    uwlr_inschakelen(session, school_naam=opzet.school.naam, brin="99QQ")
    assert len(session.scalars(select(MailBericht)).all()) == 2


def test_h_p_03_a_school_without_beheerder_cannot_be_enabled(session: Session) -> None:
    from boomlink.beheer import school_aanmaken

    school_aanmaken(session, naam="Zonder Beheer", brin="12AB")
    with pytest.raises(GeenBeheerderBijSchool) as info:
        uwlr_inschakelen(session, school_naam="Zonder Beheer", brin="12AB")
    assert "beheerder" in info.value.bericht


def test_h_p_03_steps_wait_for_the_bevestigingsmail_to_be_sent(
    session: Session,
    store: Store,
    settings: Settings,
    opzet: SchoolOpzet,
    smtp_server: MailSink,
) -> None:
    uwlr_inschakelen(session, school_naam=opzet.school.naam, brin="99QQ")
    assert not bevestigingsmail_verstuurd(session, opzet.school)
    with pytest.raises(BevestigingsmailNietVerstuurd) as info:
        stappen(session, store, opzet, opzet.beheerder)["aanvragen"]()
    assert "bevestigingsmail" in info.value.bericht

    result = flush_outbox(store.sessions, settings.mail)
    assert result.verstuurd == 1
    session.rollback()  # end this session's snapshot to see the flusher's commit
    assert bevestigingsmail_verstuurd(session, opzet.school)
    (mail,) = smtp_server.inbox.messages
    assert mail["To"] == "beheer@99qq.example.nl"
    assert "UWLR-koppeling" in mail["Subject"]
    body = mail.get_payload(decode=True)
    assert isinstance(body, bytes)
    assert "99QQ" in body.decode("utf-8")

    koppeling = stappen(session, store, opzet, opzet.beheerder)["aanvragen"]()
    assert getattr(koppeling, "status", None) == "goedgekeurd"


@pytest.mark.parametrize("stap", ["aanvragen", "nummers verwijderen", "opslaan", "uitzetten"])
def test_h_p_02_a_leerkracht_cannot_act(
    session: Session, store: Store, ingeschakeld: SchoolOpzet, stap: str
) -> None:
    with pytest.raises(GeenBeheerder) as info:
        stappen(session, store, ingeschakeld, ingeschakeld.leerkracht)[stap]()
    assert "beheerder" in info.value.bericht
    assert isinstance(info.value, LinkError)


def test_h_p_02_a_beheerder_of_another_school_cannot_act(
    session: Session, store: Store, ingeschakeld: SchoolOpzet
) -> None:
    ander = maak_school(session, naam="De Klimop", brin="11AA")
    with pytest.raises(GeenBeheerder) as info:
        stappen(session, store, ingeschakeld, ander.beheerder)["aanvragen"]()
    assert "OBS De Regenboog" in info.value.bericht


def test_refusals_are_audited(session: Session, store: Store, opzet: SchoolOpzet) -> None:
    with pytest.raises(NietIngeschakeld):
        stappen(session, store, opzet, opzet.beheerder)["aanvragen"]()
    entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    last = entries[-1]
    assert last.actie == "koppeling aanvragen"
    assert last.uitkomst == "geweigerd"
    assert last.actor == "beheer@99qq.example.nl"
