"""H-S4-11: the previous school year goes to ESIS only by Boom support, confirmed and audited."""

from __future__ import annotations

import datetime as dt

import pytest
from resultaten_testkit import BoomSchool, esis_school, maak_afnames, normeer, per_status, utc
from sqlalchemy import select

from boomlink.audit import BOOM_SUPPORT
from boomlink.errors import KoppelingNietActief, LinkError
from boomlink.resultaten import sync, vorig_schooljaar_terugzetten
from boomlink.resultaten.errors import AlleenBoomSupport
from boomlink.store import AuditEntry, Gebruiker, Koppeling, KoppelingStatus, Rol, School, Store
from boomlink.uwlr_client import ClientConfig
from mock_esis.testing.handle import MockEsisHandle

NU = utc(2026, 11, 10, 9)
VORIG_JAAR = dt.date(2026, 5, 12)


def audit(store: Store) -> list[AuditEntry]:
    with store.session() as session:
        return list(
            session.scalars(select(AuditEntry).where(AuditEntry.actie == "resultaten terugzetten"))
        )


def school(store: Store, boom: BoomSchool) -> School:
    with store.session() as session:
        return session.get_one(School, boom.school_id)


def test_support_sends_the_previous_school_year_once_and_it_is_audited(
    store: Store, boom: BoomSchool, esis: MockEsisHandle, config: ClientConfig
) -> None:
    oud = maak_afnames(store, boom, [boom.leerling(0), boom.leerling(1)], datum=VORIG_JAAR)
    normeer(store, oud, now=utc(2026, 6, 1))  # normed last year: before the link, not queued
    ongenormeerd = maak_afnames(store, boom, [boom.leerling(2)], datum=VORIG_JAAR)
    assert per_status(store) == {}
    with store.session() as session:
        uitkomst = vorig_schooljaar_terugzetten(
            session, school=school(store, boom), schooljaar="2025-2026", now=NU
        )
    assert (uitkomst.in_wachtrij, uitkomst.al_in_wachtrij) == (2, 0)
    assert sync(store, config).verstuurd == 2
    keys = set(esis_school(esis).resultaten)
    assert {f"BOOM-TC-{a}-norm" for a in oud} <= keys
    assert not any(str(ongenormeerd[0]) in k for k in keys)
    with store.session() as session:
        again = vorig_schooljaar_terugzetten(
            session, school=school(store, boom), schooljaar="2025-2026", now=NU
        )
    assert (again.in_wachtrij, again.al_in_wachtrij) == (0, 2)
    entries = audit(store)
    assert [(e.actor, e.uitkomst) for e in entries] == [(BOOM_SUPPORT, "ok"), (BOOM_SUPPORT, "ok")]
    assert entries[0].school_id == boom.school_id
    assert (
        entries[0].detail is not None
        and "2 genormeerde resultaten van schooljaar 2025-2026" in entries[0].detail
    )


def test_a_school_beheerder_cannot_start_it_and_the_attempt_is_audited(
    store: Store, boom: BoomSchool
) -> None:
    normeer(
        store, maak_afnames(store, boom, [boom.leerling(0)], datum=VORIG_JAAR), now=utc(2026, 6, 1)
    )
    with store.session() as session:
        beheerder = Gebruiker(
            emailadres="beheer@99sy.example.nl",
            naam="Anna de Vries",
            rol=Rol.BEHEERDER,
            school_id=boom.school_id,
        )
        session.add(beheerder)
        session.commit()
        with pytest.raises(AlleenBoomSupport, match="alleen Boom support"):
            vorig_schooljaar_terugzetten(
                session,
                school=session.get_one(School, boom.school_id),
                schooljaar="2025-2026",
                uitvoerder=beheerder,
                now=NU,
            )
    assert per_status(store) == {}
    [entry] = audit(store)
    assert (entry.actor, entry.uitkomst) == ("beheer@99sy.example.nl", "geweigerd")


@pytest.mark.parametrize("jaar", ["2024-2025", "2026-2027", "2025/2026"])
def test_only_the_previous_school_year(store: Store, boom: BoomSchool, jaar: str) -> None:
    with store.session() as session, pytest.raises(LinkError) as info:
        vorig_schooljaar_terugzetten(session, school=school(store, boom), schooljaar=jaar, now=NU)
    assert "2025-2026" in str(info.value) or "geen schooljaar" in str(info.value)
    assert [e.uitkomst for e in audit(store)] == ["geweigerd"]


def test_not_while_the_link_is_off(store: Store, boom: BoomSchool) -> None:
    with store.session() as session:
        session.get_one(Koppeling, boom.koppeling_id).status = KoppelingStatus.UIT
        session.commit()
        with pytest.raises(KoppelingNietActief):
            vorig_schooljaar_terugzetten(
                session,
                school=session.get_one(School, boom.school_id),
                schooljaar="2025-2026",
                now=NU,
            )
