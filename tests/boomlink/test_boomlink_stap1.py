"""Stap 1: Beheer → Koppelen met LAS, Verwijder nummers, Aanvragen (H-S1-01..05)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from boomlink_testkit import SchoolOpzet, maak_school
from sqlalchemy import select
from sqlalchemy.orm import Session

from boomlink.errors import AanvraagAfgewezen, KoppelingBestaatAl, NummersNietLeeg
from boomlink.koppeling.stap1 import koppelformulier, koppeling_aanvragen, nummers_verwijderen
from boomlink.store import (
    Afname,
    Groep,
    Koppeling,
    KoppelingStatus,
    Leerkracht,
    Leerling,
    School,
    Toets,
)

NU = dt.datetime(2026, 10, 1, 9, 30, tzinfo=dt.UTC)
JAAR = "2026-2027"


def vul_school(session: Session, school: School, *, prefix: str) -> None:
    """Two groups, three pupils (all with extern nummer and eckid), a teacher, normed results."""
    groep_a = Groep(
        school=school, schooljaar=JAAR, naam="5a", jaargroep="5", extern_nummer=f"{prefix}-g1"
    )
    groep_b = Groep(
        school=school, schooljaar=JAAR, naam="6b", jaargroep="6", extern_nummer=f"{prefix}-g2"
    )
    toets = Toets(code=f"{prefix}-REK-M5", naam="Rekenen-Wiskunde M5")
    session.add_all([groep_a, groep_b, toets])
    for i in range(3):
        leerling = Leerling(
            school=school,
            achternaam="Jansen",
            voorvoegsel="van",
            voorletters="K.",
            roepnaam=f"Kim{i}",
            geboortedatum=dt.date(2016, 3, i + 1),
            geslacht=2,
            jaargroep="5",
            extern_nummer=f"{prefix}-ll{i}",
            eckid=f"https://ketenid.nl/201703/{prefix}{i:040d}",
            groepen=[groep_a],
        )
        session.add(leerling)
        session.add(
            Afname(
                leerling=leerling,
                toets=toets,
                afnamedatum=dt.date(2026, 1, 20),
                score=31 + i,
                normed_at=dt.datetime(2026, 1, 21, 8, 0, tzinfo=dt.UTC),
                vaardigheidsscore=Decimal("201.5") + i,
                dle=Decimal("35") + i,
                niveau="III",
            )
        )
    session.add(
        Leerkracht(
            school=school,
            achternaam="Bakker",
            voorletters="B.",
            roepnaam="Bram",
            emailadres=f"bram@{prefix}.example.nl",
            extern_nummer=f"{prefix}-lk1",
            groepen=[groep_a],
        )
    )
    session.commit()


def snapshot_toetsgegevens(session: Session) -> list[tuple[Any, ...]]:
    rows = session.execute(
        select(
            Afname.id,
            Afname.leerling_id,
            Afname.toets_id,
            Afname.afnamedatum,
            Afname.score,
            Afname.normed_at,
            Afname.vaardigheidsscore,
            Afname.dle,
            Afname.niveau,
        ).order_by(Afname.id)
    ).all()
    toetsen = session.execute(select(Toets.id, Toets.code, Toets.naam)).all()
    leerlingen = session.execute(
        select(Leerling.id, Leerling.achternaam, Leerling.roepnaam, Leerling.geboortedatum)
    ).all()
    return [tuple(r) for r in [*rows, *toetsen, *leerlingen]]


def aanvragen(session: Session, opzet: SchoolOpzet, **velden: str) -> Koppeling:
    args = {"type_koppeling": "ESIS UWLR", "brincode": "99QQ", "schooljaar": JAAR} | velden
    return koppeling_aanvragen(session, opzet.school, opzet.beheerder, now=NU, **args)


def test_h_s1_02_the_form_shows_brin_and_current_school_year(
    session: Session, ingeschakeld: SchoolOpzet
) -> None:
    vul_school(session, ingeschakeld.school, prefix="x")
    form = koppelformulier(session, ingeschakeld.school, ingeschakeld.beheerder, now=NU)
    assert form.brincode == "99QQ"
    assert form.dependancecode == "00"
    assert form.schooljaar == "2026-2027"
    assert "ESIS UWLR" in form.typen_koppeling
    assert (form.extern_nummers.leerlingen, form.extern_nummers.groepen) == (3, 2)
    assert form.koppeling is None


@pytest.mark.parametrize("typ", ["ESIS UWLR", "esis uwlr", "ESIS"])
def test_h_s1_01_and_05_type_esis_uwlr_is_approved_at_once(
    session: Session, ingeschakeld: SchoolOpzet, typ: str
) -> None:
    koppeling = aanvragen(session, ingeschakeld, type_koppeling=typ)
    assert koppeling.status is KoppelingStatus.GOEDGEKEURD
    assert koppeling.type == "ESIS UWLR"
    assert koppeling.schooljaar == JAAR
    assert koppeling.requested_at == NU
    assert koppeling.decided_at == NU
    assert koppeling.aangevraagd_door_id == ingeschakeld.beheerder.id


@pytest.mark.parametrize(
    ("velden", "veld", "in_reden"),
    [
        ({"type_koppeling": "Magister"}, "Type koppeling", "ESIS UWLR"),
        ({"brincode": "11AA"}, "BRIN-code", "99QQ"),
        ({"brincode": "99qq"}, "BRIN-code", "twee cijfers en twee hoofdletters"),
        ({"brincode": "99QQ01"}, "BRIN-code", "99QQ00"),
        ({"schooljaar": "2025-2026"}, "Schooljaar", "2026-2027"),
        ({"schooljaar": "2026/2027"}, "Schooljaar", "2026-2027"),
    ],
)
def test_h_s1_02_and_05_a_wrong_field_is_rejected_with_field_and_reason(
    session: Session,
    ingeschakeld: SchoolOpzet,
    velden: dict[str, str],
    veld: str,
    in_reden: str,
) -> None:
    with pytest.raises(AanvraagAfgewezen) as info:
        aanvragen(session, ingeschakeld, **velden)
    assert info.value.veld == veld
    assert in_reden in info.value.reden
    assert "afgewezen" in info.value.bericht
    assert veld in info.value.bericht
    (koppeling,) = session.scalars(select(Koppeling)).all()
    assert koppeling.status is KoppelingStatus.AFGEWEZEN
    assert koppeling.afwijzing_veld == veld
    assert koppeling.afwijzing_reden == info.value.reden
    # a corrected request after a rejection is approved
    assert aanvragen(session, ingeschakeld).status is KoppelingStatus.GOEDGEKEURD


def test_h_s1_03_request_refused_while_extern_nummers_remain_naming_how_many(
    session: Session, ingeschakeld: SchoolOpzet
) -> None:
    vul_school(session, ingeschakeld.school, prefix="x")
    with pytest.raises(NummersNietLeeg) as info:
        aanvragen(session, ingeschakeld)
    assert info.value.aantal == 5
    assert (info.value.leerlingen, info.value.groepen) == (3, 2)
    assert "5 externe nummers" in info.value.bericht
    assert "Verwijder nummers" in info.value.bericht
    assert session.scalars(select(Koppeling)).all() == []


def test_h_s1_04_verwijder_nummers_empties_numbers_and_keeps_test_data(
    session: Session, ingeschakeld: SchoolOpzet
) -> None:
    vul_school(session, ingeschakeld.school, prefix="x")
    ander = maak_school(session, naam="De Klimop", brin="11AA")
    vul_school(session, ander.school, prefix="y")
    before = snapshot_toetsgegevens(session)

    geleegd = nummers_verwijderen(session, ingeschakeld.school, ingeschakeld.beheerder)
    assert (geleegd.leerlingen, geleegd.groepen) == (3, 2)

    session.expire_all()
    assert snapshot_toetsgegevens(session) == before
    own = ingeschakeld.school.id
    for leerling in session.scalars(select(Leerling).where(Leerling.school_id == own)):
        assert leerling.extern_nummer is None and leerling.eckid is None
    for groep in session.scalars(select(Groep).where(Groep.school_id == own)):
        assert groep.extern_nummer is None
    # the other school's numbers and our teachers' numbers are untouched
    others = session.scalars(select(Leerling).where(Leerling.school_id == ander.school.id)).all()
    assert all(ll.extern_nummer and ll.eckid for ll in others)
    (leerkracht,) = session.scalars(select(Leerkracht).where(Leerkracht.school_id == own)).all()
    assert leerkracht.extern_nummer == "x-lk1"
    # group memberships stay
    assert all(ll.groepen for ll in session.scalars(select(Leerling)))

    assert aanvragen(session, ingeschakeld).status is KoppelingStatus.GOEDGEKEURD


def test_h_s1_05_a_second_request_while_one_is_approved_is_refused(
    session: Session, ingeschakeld: SchoolOpzet
) -> None:
    aanvragen(session, ingeschakeld)
    with pytest.raises(KoppelingBestaatAl) as info:
        aanvragen(session, ingeschakeld)
    assert "goedgekeurd" in info.value.bericht
