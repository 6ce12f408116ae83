"""Delivery to the running mock ESIS: keys, Mijn Groep, refusals, the link off and on, crashes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from resultaten_testkit import (
    TOETSCODE,
    BoomSchool,
    esis_school,
    maak_afnames,
    normeer,
    onbekende_leerling,
    per_status,
    rijen,
    tel_ontvangsten,
    verwachte_keys,
)

from boomlink.resultaten import Bezorging, Wachtbeleid, resultaat_keys, resultaten_overzicht, sync
from boomlink.resultaten.outbox import Claim
from boomlink.store import Koppeling, KoppelingStatus, Leerling, Store
from boomlink.uwlr_client import ClientConfig
from mock_esis.testing.handle import MockEsisHandle

GEEN_WACHT = Wachtbeleid(base=0.0, maximum=0.0)


def test_delivered_results_carry_stable_keys_and_the_osos_mapping(
    store: Store, boom: BoomSchool, esis: MockEsisHandle, config: ClientConfig
) -> None:
    pupil = list(boom.leerlingen)[0]
    [met_score] = maak_afnames(store, boom, [boom.leerlingen[pupil]])
    normeer(store, [met_score])
    [zonder_score] = maak_afnames(store, boom, [boom.leerlingen[pupil]])
    normeer(store, [zonder_score], score=None)

    rapport = sync(store, config)

    assert (rapport.verstuurd, rapport.geweigerd, rapport.berichten) == (2, 0, 1)
    ontvangen = esis_school(esis).resultaten
    assert set(ontvangen) == {
        f"BOOM-TC-{met_score}-score",
        f"BOOM-TC-{met_score}-norm",
        f"BOOM-TC-{zonder_score}-norm",
    }
    score = ontvangen[f"BOOM-TC-{met_score}-score"]
    norm = ontvangen[f"BOOM-TC-{met_score}-norm"]
    assert (score.score, score.leerlingid, score.toetscode) == (30, pupil, TOETSCODE)
    assert (norm.vaardigheidsscore, norm.dle, norm.niveau) == (Decimal("100.5"), "10", "<1F")
    school = esis.app.state.school(boom.code)
    assert school is not None
    eckid = school.jaren["2026-2027"].leerlingen[0].eckid
    assert norm.eckid == eckid
    assert per_status(store) == {"verstuurd": 2}


def test_resend_after_new_norming_replaces_in_esis(
    store: Store, boom: BoomSchool, esis: MockEsisHandle, config: ClientConfig
) -> None:
    ids = maak_afnames(store, boom, [boom.leerling(0), boom.leerling(1)])
    normeer(store, ids)
    sync(store, config)
    with store.session() as session:
        from boomlink.resultaten import Normscores, afname_normeren

        afname_normeren(
            session,
            ids[0],
            Normscores(vaardigheidsscore=Decimal("150"), dle=Decimal("25"), niveau="2F"),
            now=dt.datetime(2026, 11, 5, tzinfo=dt.UTC),
        )
    assert sync(store, config).verstuurd == 1
    ontvangen = esis_school(esis).resultaten
    assert ontvangen[f"BOOM-TC-{ids[0]}-norm"].dle == "25"
    assert len(ontvangen) == 4  # the old score part stays as sent; nothing duplicated


def test_mijn_groep_shows_the_group_results_after_delivery(
    store: Store, boom: BoomSchool, esis: MockEsisHandle, config: ClientConfig
) -> None:
    groep, keys = next(iter(boom.groepen.items()))
    ids = maak_afnames(store, boom, [boom.leerlingen[k] for k in keys])
    normeer(store, ids)
    sync(store, config)
    beheerder = esis.school.gebruiker("Directie")
    scherm = esis.esis.mijn_groep(boom.code, groep, beheerder)
    [toets] = scherm["toetsen"]
    assert toets["toetscode"] == TOETSCODE
    assert toets["aantal_leerlingen"] == len(keys)
    assert "leerlingen" not in toets


def test_manual_dle_entries_stay_untouched(
    store: Store, boom: BoomSchool, esis: MockEsisHandle, config: ClientConfig
) -> None:
    pupil = list(boom.leerlingen)[0]
    beheerder = esis.school.gebruiker("Directie")
    esis.esis.toetsresultaat_invoeren(
        boom.code, beheerder, leerlingid=pupil, toets="Boom Spelling M5", dle=28, datum="2026-10-01"
    )
    voor = esis.esis.toetsresultaten(boom.code, beheerder, pupil)
    ids = maak_afnames(store, boom, [boom.leerlingen[pupil]])
    normeer(store, ids)
    sync(store, config)
    assert esis.esis.toetsresultaten(boom.code, beheerder, pupil) == voor
    assert esis_school(esis).resultaten[f"BOOM-TC-{ids[0]}-norm"].dle == "10"


def test_unknown_pupil_is_refused_with_reason_and_the_rest_arrives(
    store: Store, boom: BoomSchool, esis: MockEsisHandle, config: ClientConfig
) -> None:
    onbekend = onbekende_leerling(store, boom)
    goed = maak_afnames(store, boom, [boom.leerling(n) for n in range(10)])
    fout = maak_afnames(store, boom, [onbekend], per_leerling=2)
    normeer(store, goed + fout)

    rapport = sync(store, config)

    assert (rapport.verstuurd, rapport.geweigerd, rapport.uitgesteld) == (10, 2, 0)
    assert set(esis_school(esis).resultaten) == verwachte_keys(store)
    with store.session() as session:
        overzicht = resultaten_overzicht(session, school_id=boom.school_id)
    assert (overzicht.verstuurd, overzicht.geweigerd, overzicht.wachtend) == (10, 2, 0)
    assert {g.afname_id for g in overzicht.geweigerde} == set(fout)
    for geweigerd in overzicht.geweigerde:
        assert geweigerd.extern_nummer == "999999"
        assert "Client.LeerlingOngeldig" in geweigerd.reden
        assert "ESIS kent een of meer leerlingen" in geweigerd.reden
        assert "999999" in geweigerd.reden


def test_pupil_without_extern_nummer_is_refused_without_asking_esis(
    store: Store, boom: BoomSchool, esis: MockEsisHandle, config: ClientConfig
) -> None:
    with store.session() as session:
        leerling = session.get_one(Leerling, boom.leerling(0))
        leerling.extern_nummer = None
        session.commit()
    ids = maak_afnames(store, boom, [boom.leerling(0), boom.leerling(1)])
    normeer(store, ids)
    rapport = sync(store, config)
    assert (rapport.verstuurd, rapport.geweigerd) == (1, 1)
    [geweigerd] = [r for r in rijen(store) if r.status.value == "geweigerd"]
    assert geweigerd.afname_id == ids[0]
    assert geweigerd.reden is not None and "geen extern nummer" in geweigerd.reden


def test_link_switched_off_results_wait_and_flow_when_on_again(
    store: Store, boom: BoomSchool, esis: MockEsisHandle, config: ClientConfig
) -> None:
    ids = maak_afnames(store, boom, [boom.leerling(0), boom.leerling(1)])
    normeer(store, ids)
    with store.session() as session:
        session.get_one(Koppeling, boom.koppeling_id).status = KoppelingStatus.UIT
        session.commit()
    esis.admin.clear_journal()
    assert sync(store, config).berichten == 0
    assert esis.journal(operation="BrengLeerresultaten") == []
    assert per_status(store) == {"wachtend": 2}
    with store.session() as session:
        session.get_one(Koppeling, boom.koppeling_id).status = KoppelingStatus.ACTIEF
        session.commit()
    assert sync(store, config).verstuurd == 2
    assert set(esis_school(esis).resultaten) == verwachte_keys(store)


def test_esis_down_keeps_everything_queued_until_it_is_back(
    store: Store, boom: BoomSchool, esis: MockEsisHandle, config: ClientConfig
) -> None:
    ids = maak_afnames(store, boom, [boom.leerling(n) for n in range(5)])
    normeer(store, ids)
    esis.inject(operation="BrengLeerresultaten", kind="http_status", status=503, count=4)
    eerste = sync(store, config, wachtbeleid=GEEN_WACHT)
    assert (eerste.verstuurd, eerste.uitgesteld) == (0, 5)
    [fout] = {r.last_error for r in rijen(store)}
    assert fout is not None and "ESIS" in fout
    assert sync(store, config, wachtbeleid=GEEN_WACHT).verstuurd == 5
    assert set(esis_school(esis).resultaten) == verwachte_keys(store)


def test_key_refused_by_esis_keeps_results_waiting(
    store: Store, boom: BoomSchool, esis: MockEsisHandle, config: ClientConfig
) -> None:
    ids = maak_afnames(store, boom, [boom.leerling(0)])
    normeer(store, ids)
    state = esis_school(esis)
    esis.app.state.deactivate(state)
    rapport = sync(store, config, wachtbeleid=GEEN_WACHT)
    assert (rapport.verstuurd, rapport.geweigerd, rapport.uitgesteld) == (0, 0, 1)
    [rij] = rijen(store)
    assert rij.status.value == "wachtend"
    assert rij.last_error is not None and "AutorisatieOngeldig" in rij.last_error


def test_crash_between_send_and_record_is_safe(
    store: Store,
    boom: BoomSchool,
    esis: MockEsisHandle,
    config: ClientConfig,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ids = maak_afnames(store, boom, [boom.leerling(n) for n in range(6)])
    normeer(store, ids)
    klok = [dt.datetime(2026, 11, 3, 12, tzinfo=dt.UTC)]

    class Crash(BaseException):  # the process dies: nothing of ours runs any more
        pass

    def crash(claim: Claim, rij_ids: list[int]) -> None:
        raise Crash("worker killed after ESIS answered")

    with tel_ontvangsten(monkeypatch) as ontvangsten:
        with (
            Bezorging(
                store.sessions, store.kluis(), config, klok=lambda: klok[0], na_verzenden=crash
            ) as kapot,
            pytest.raises(Crash),
        ):
            kapot.alles()
        assert per_status(store) == {"wachtend": 6}
        with Bezorging(store.sessions, store.kluis(), config, klok=lambda: klok[0]) as ander:
            assert ander.alles().berichten == 0  # the lease still holds: nobody resends yet
            klok[0] += ander.lease + dt.timedelta(seconds=1)
            assert ander.alles().verstuurd == 6
    assert per_status(store) == {"verstuurd": 6}
    per_key = ontvangsten.per_key()
    assert set(per_key) == verwachte_keys(store) == set(esis_school(esis).resultaten)
    assert set(per_key.values()) == {2}  # sent twice, stored once: replaced by key
    assert len(esis_school(esis).resultaten) == 12


def test_batches_are_bounded(
    store: Store, boom: BoomSchool, esis: MockEsisHandle, config: ClientConfig
) -> None:
    ids = maak_afnames(store, boom, [boom.leerling(n) for n in range(25)])
    normeer(store, ids)
    with Bezorging(store.sessions, store.kluis(), config, batch=10) as bezorging:
        rapport = bezorging.alles()
    assert (rapport.batches, rapport.berichten, rapport.verstuurd) == (3, 3, 25)
    keys = {k for a in ids for k in resultaat_keys(a, met_score=True)}
    assert set(esis_school(esis).resultaten) == keys


def test_a_stored_schoolkey_addresses_the_school(
    store: Store, esis: MockEsisHandle, config: ClientConfig
) -> None:
    from resultaten_testkit import boom_school_uit

    boom = boom_school_uit(store, esis, schoolkey=esis.school.schoolkey)
    ids = maak_afnames(store, boom, [boom.leerling(0)])
    normeer(store, ids)
    assert sync(store, config).verstuurd == 1
    assert set(esis_school(esis).resultaten) == verwachte_keys(store)
