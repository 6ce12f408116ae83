"""The whole life cycle of the link in service functions, against the real mock ESIS, SQLite, SMTP.

enable → bevestigingsmail → stap 1 → stap 2 in the ESIS screen → stap 3 with the real key check →
check again → switch off (H-X-03): no traffic, key forgotten; deactivated in ESIS: refused.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from boomlink_link_testkit import BoomSchool, database_bytes
from sqlalchemy import select
from sqlalchemy.orm import Session

from boomlink.config import Settings
from boomlink.errors import (
    EsisNietBereikbaar,
    GeenBeheerder,
    GeenGoedgekeurdeAanvraag,
    KoppelingNietActief,
    NietIngeschakeld,
    SleutelGeweigerd,
)
from boomlink.koppeling.controle import koppeling_controleren
from boomlink.koppeling.stap1 import koppeling_aanvragen, nummers_verwijderen
from boomlink.koppeling.stap3 import (
    Verifier,
    autorisatiesleutel_voor,
    huidige_koppeling,
    koppeling_opslaan,
    koppeling_status,
    koppeling_uitzetten,
)
from boomlink.koppeling.voorbereiding import uwlr_inschakelen
from boomlink.mail import flush_outbox
from boomlink.schooljaar import huidig_schooljaar
from boomlink.store import AuditEntry, KoppelingStatus, Store
from boomlink.testing.mailsink import MailSink
from mock_esis.testing.handle import MockEsisHandle, SchoolInfo


def opslaan(
    session: Session, s: BoomSchool, store: Store, verify: Verifier, key: str, schoolkey: str = ""
) -> None:
    koppeling_opslaan(
        session,
        s.school,
        s.beheerder,
        autorisatiesleutel=key,
        schoolkey=schoolkey,
        verify=verify,
        kluis=store.kluis(),
    )


def test_the_whole_life_cycle(
    session: Session,
    store: Store,
    settings: Settings,
    smtp_server: MailSink,
    verify: Verifier,
    boom_school: BoomSchool,
    esis: MockEsisHandle,
    esis_school: SchoolInfo,
    db_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level("DEBUG")
    s = boom_school
    jaar = huidig_schooljaar()

    # before Boom enables it: refused (H-P-01)
    with pytest.raises(NietIngeschakeld):
        nummers_verwijderen(session, s.school, s.beheerder)

    # Voorbereiding: enable, the bevestigingsmail arrives over SMTP (H-P-03)
    uwlr_inschakelen(session, school_naam=s.school.naam, brin=s.code)
    assert flush_outbox(store.sessions, settings.mail).verstuurd == 1
    (mail,) = smtp_server.inbox.messages
    assert mail["To"] == s.beheerder.emailadres and s.code in str(mail["Subject"])

    # Stap 1: Verwijder nummers, Aanvragen → goedgekeurd
    nummers_verwijderen(session, s.school, s.beheerder)
    koppeling = koppeling_aanvragen(
        session, s.school, s.beheerder, type_koppeling="ESIS UWLR", brincode=s.code, schooljaar=jaar
    )
    assert koppeling.status is KoppelingStatus.GOEDGEKEURD

    # Stap 2 in ESIS, over HTTP: the Directie activates and copies the key
    directie = esis_school.gebruiker("Directie")
    shown = esis.esis.activeren(s.code, directie, f"{s.code}-boomtestcentrum-2026", akkoord=True)
    sleutel = shown["autorisatiesleutel"]

    # Stap 3: a wrong key is refused and nothing is stored
    with pytest.raises(SleutelGeweigerd) as refused:
        opslaan(session, s, store, verify, sleutel[:-2] + "QQ")
    assert "ESIS weigert deze autorisatiesleutel" in refused.value.bericht
    ongewijzigd = huidige_koppeling(session, s.school)
    assert ongewijzigd is not None and ongewijzigd.status is KoppelingStatus.GOEDGEKEURD

    # a leerkracht may not save it, and ESIS is not even asked (H-P-02)
    before = len(esis.journal())
    with pytest.raises(GeenBeheerder):
        koppeling_opslaan(
            session,
            s.school,
            s.leerkracht,
            autorisatiesleutel=sleutel,
            schoolkey=None,
            verify=verify,
            kluis=store.kluis(),
        )
    assert len(esis.journal()) == before

    # the real key: checked at ESIS, stored encrypted, shown masked
    opslaan(session, s, store, verify, "  " + sleutel + "\n")
    overzicht = koppeling_status(session, s.school, s.beheerder, store.kluis())
    assert overzicht.status == "actief"
    assert overzicht.autorisatiesleutel == "••••••••" + sleutel[-4:]
    assert autorisatiesleutel_voor(session, s.school, store.kluis()).onthul() == sleutel
    opgeslagen = huidige_koppeling(session, s.school)
    assert opgeslagen is not None and opgeslagen.autorisatiesleutel_versleuteld is not None
    assert sleutel.encode() not in opgeslagen.autorisatiesleutel_versleuteld
    assert esis.journal()[-1]["operation"] == "HaalStructuur"
    assert esis.journal()[-1]["verdict"] == "ok"

    # checking again later works with the stored key
    assert koppeling_controleren(
        session, s.school, s.beheerder, verify=verify, kluis=store.kluis()
    ).endswith(sleutel[-4:])

    # the key never in logs, journal, audit or database bytes (file + WAL)
    assert sleutel not in caplog.text
    assert sleutel not in json.dumps(esis.journal(), ensure_ascii=False)
    audit = " ".join(a.detail or "" for a in session.scalars(select(AuditEntry)))
    assert sleutel not in audit and sleutel[-4:] in audit
    store.engine.dispose()
    assert sleutel.encode() not in database_bytes(db_path)
    assert db_path.with_name(db_path.name + "-wal").exists() or db_path.exists()

    # H-X-03 from the Boom side: switched off → key gone, no UWLR traffic, a Dutch refusal
    koppeling_uitzetten(session, s.school, s.beheerder)
    uit = huidige_koppeling(session, s.school)
    assert uit is not None and uit.autorisatiesleutel_versleuteld is None
    calls = len(esis.journal())
    with pytest.raises(KoppelingNietActief) as off:
        koppeling_controleren(session, s.school, s.beheerder, verify=verify, kluis=store.kluis())
    assert "niet actief" in off.value.bericht and "geen gegevens" in off.value.bericht
    with pytest.raises(GeenGoedgekeurdeAanvraag):
        opslaan(session, s, store, verify, sleutel)
    assert len(esis.journal()) == calls
    store.engine.dispose()
    assert sleutel.encode() not in database_bytes(db_path)


def test_deactivating_in_esis_makes_the_next_check_refuse_the_key(
    session: Session,
    store: Store,
    verify: Verifier,
    goedgekeurd: BoomSchool,
    esis: MockEsisHandle,
    esis_school: SchoolInfo,
    esis_sleutel: str,
) -> None:
    s = goedgekeurd
    opslaan(session, s, store, verify, esis_sleutel)
    esis.esis.deactiveren(s.code, esis_school.gebruiker("Applicatiebeheerder"))
    with pytest.raises(SleutelGeweigerd) as refused:
        koppeling_controleren(session, s.school, s.beheerder, verify=verify, kluis=store.kluis())
    assert "niet (meer) actief" in refused.value.bericht
    uitkomsten = [a.uitkomst for a in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert uitkomsten[-1] == "geweigerd"


def test_schoolkey_filled_is_stored_and_used_for_the_check(
    session: Session,
    store: Store,
    verify: Verifier,
    goedgekeurd: BoomSchool,
    esis_school: SchoolInfo,
    esis_sleutel: str,
) -> None:
    s = goedgekeurd
    with pytest.raises(SleutelGeweigerd):
        opslaan(session, s, store, verify, esis_sleutel, schoolkey="ESIS-ANDERESCHOOL")
    opslaan(session, s, store, verify, esis_sleutel, schoolkey=esis_school.schoolkey)
    assert koppeling_status(session, s.school, s.beheerder, store.kluis()).schoolkey == (
        esis_school.schoolkey
    )
    koppeling_controleren(session, s.school, s.beheerder, verify=verify, kluis=store.kluis())


def test_unreachable_esis_stores_nothing(
    session: Session,
    store: Store,
    verify: Verifier,
    goedgekeurd: BoomSchool,
    esis: MockEsisHandle,
    esis_sleutel: str,
) -> None:
    esis.inject(operation="HaalStructuur", kind="reset", count=3)
    with pytest.raises(EsisNietBereikbaar):
        opslaan(session, goedgekeurd, store, verify, esis_sleutel)
    koppeling = huidige_koppeling(session, goedgekeurd.school)
    assert koppeling is not None and koppeling.autorisatiesleutel_versleuteld is None
    assert koppeling.status is KoppelingStatus.GOEDGEKEURD
    last = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert last is not None and last.uitkomst == "mislukt"
