"""Norming queues results for ESIS only when the rules say so (H-S4-09, H-S4-10, H-S4-11)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from resultaten_testkit import (
    BoomSchool,
    esis_school,
    maak_afnames,
    normeer,
    rijen,
    scores,
    utc,
)

from boomlink.resultaten import Normscores, afname_normeren, sync
from boomlink.resultaten.errors import AfnameOnbekend, OngeldigeNormering
from boomlink.store import Afname, Koppeling, KoppelingStatus, Store
from boomlink.store.resultaten_models import ResultaatBron, ResultaatStatus
from boomlink.uwlr_client import ClientConfig
from mock_esis.testing.handle import MockEsisHandle


def test_norming_records_the_normed_scores(store: Store, boom: BoomSchool) -> None:
    [afname_id] = maak_afnames(store, boom, [boom.leerling(0)])
    moment = utc(2026, 11, 3, 9, 30)
    with store.session() as session:
        uitkomst = afname_normeren(
            session,
            afname_id,
            Normscores(
                vaardigheidsscore=Decimal("123.4"), dle=Decimal("14"), niveau="1F", score=31
            ),
            now=moment,
        )
    assert uitkomst.in_wachtrij and uitkomst.reden is None
    with store.session() as session:
        afname = session.get_one(Afname, afname_id)
        assert (afname.score, afname.vaardigheidsscore, afname.dle, afname.niveau) == (
            31,
            Decimal("123.4"),
            Decimal("14"),
            "1F",
        )
        assert afname.normed_at == moment


def test_normed_after_activation_is_queued_for_its_school_year(
    store: Store, boom: BoomSchool
) -> None:
    ids = maak_afnames(store, boom, [boom.leerling(0), boom.leerling(1)])
    normeer(store, ids)
    queued = rijen(store)
    assert [r.afname_id for r in queued] == ids
    assert {r.status for r in queued} == {ResultaatStatus.WACHTEND}
    assert {r.bron for r in queued} == {ResultaatBron.AUTOMATISCH}
    assert {r.schooljaar for r in queued} == {"2026-2027"}
    assert {r.school_id for r in queued} == {boom.school_id}


def test_normed_before_activation_is_never_sent(
    store: Store, boom: BoomSchool, esis: MockEsisHandle, config: ClientConfig
) -> None:
    ids = maak_afnames(store, boom, [boom.leerling(0)])
    with store.session() as session:
        uitkomst = afname_normeren(session, ids[0], scores(), now=utc(2026, 9, 1, 12))
    assert not uitkomst.in_wachtrij
    assert uitkomst.reden is not None and "voordat de koppeling actief werd" in uitkomst.reden
    assert rijen(store) == []
    assert sync(store, config).berichten == 0
    assert esis_school(esis).resultaten == {}


def test_previous_school_year_is_not_sent_automatically(store: Store, boom: BoomSchool) -> None:
    ids = maak_afnames(store, boom, [boom.leerling(0)], datum=dt.date(2026, 6, 15))
    with store.session() as session:
        uitkomst = afname_normeren(session, ids[0], scores(), now=utc(2026, 11, 3))
    assert not uitkomst.in_wachtrij
    assert uitkomst.reden is not None and "2025-2026" in uitkomst.reden
    assert "Boom support" in uitkomst.reden
    assert rijen(store) == []


def test_no_active_link_queues_nothing(store: Store, boom: BoomSchool) -> None:
    with store.session() as session:
        session.get_one(Koppeling, boom.koppeling_id).status = KoppelingStatus.UIT
        session.commit()
    ids = maak_afnames(store, boom, [boom.leerling(0)])
    with store.session() as session:
        uitkomst = afname_normeren(session, ids[0], scores(), now=utc(2026, 11, 3))
    assert not uitkomst.in_wachtrij
    assert uitkomst.reden == "de koppeling met ESIS is niet actief"
    assert rijen(store) == []


def test_norming_again_requeues_the_same_row_with_a_new_versie(
    store: Store, boom: BoomSchool, config: ClientConfig
) -> None:
    ids = maak_afnames(store, boom, [boom.leerling(0)])
    normeer(store, ids)
    assert sync(store, config).verstuurd == 1
    normeer(store, ids, now=utc(2026, 11, 4))
    [rij] = rijen(store)
    assert (rij.status, rij.versie, rij.afname_id) == (ResultaatStatus.WACHTEND, 2, ids[0])


@pytest.mark.parametrize(
    ("fout", "waarden"),
    [
        ("negatief", {"dle": Decimal("-1")}),
        ("geheel getal", {"score": -3}),
        ("niveau", {"niveau": "x" * 17}),
        ("getal", {"vaardigheidsscore": Decimal("NaN")}),
    ],
)
def test_invalid_normscores_are_refused_before_anything_changes(
    store: Store, boom: BoomSchool, fout: str, waarden: dict[str, object]
) -> None:
    ids = maak_afnames(store, boom, [boom.leerling(0)])
    velden: dict[str, object] = {
        "vaardigheidsscore": Decimal("100"),
        "dle": Decimal("10"),
        "niveau": "1F",
        "score": 3,
        **waarden,
    }
    with store.session() as session, pytest.raises(OngeldigeNormering, match=fout):
        afname_normeren(session, ids[0], Normscores(**velden))  # type: ignore[arg-type]
    with store.session() as session:
        assert session.get_one(Afname, ids[0]).normed_at is None


def test_unknown_administration_is_refused_and_nothing_is_stored(
    store: Store, boom: BoomSchool
) -> None:
    ids = maak_afnames(store, boom, [boom.leerling(0)])
    with store.session() as session, pytest.raises(AfnameOnbekend):
        from boomlink.resultaten import afnames_normeren

        afnames_normeren(session, [(ids[0], scores()), (ids[0] + 1000, scores())])
    with store.session() as session:
        assert session.get_one(Afname, ids[0]).normed_at is None
    assert rijen(store) == []
