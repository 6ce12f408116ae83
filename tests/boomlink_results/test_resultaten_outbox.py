"""The outbox claim: one school and year per batch, bounded, leased, never handed out twice."""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter

from resultaten_testkit import BoomSchool, maak_afnames, normeer, utc

from boomlink.resultaten.outbox import Claim, claim_batch, geef_vrij, markeer_verstuurd
from boomlink.store import Koppeling, KoppelingStatus, Leerling, School, Store

LEASE = dt.timedelta(minutes=5)
NU = utc(2026, 11, 3, 12)


def tweede_school(store: Store, boom: BoomSchool, aantal: int) -> list[int]:
    """Another school with an active link and ``aantal`` normed administrations."""
    with store.session() as session:
        school = School(naam="CBS De Wilgen", brincode="98AB", dependancecode="00")
        session.add(school)
        session.flush()
        session.add(
            Koppeling(
                school_id=school.id,
                type="ESIS UWLR",
                status=KoppelingStatus.ACTIEF,
                brincode="98AB",
                dependancecode="00",
                schooljaar="2026-2027",
                requested_at=utc(2026, 9, 1),
                activated_at=utc(2026, 9, 2),
            )
        )
        leerlingen = [Leerling(school_id=school.id, extern_nummer=f"W{n}") for n in range(aantal)]
        session.add_all(leerlingen)
        session.commit()
        ids = [leerling.id for leerling in leerlingen]
    afnames = maak_afnames(store, boom, ids)
    normeer(store, afnames)
    return afnames


def claim(store: Store, n: int = 100, now: dt.datetime = NU) -> Claim | None:
    with store.session() as session:
        return claim_batch(session, max_rows=n, lease=LEASE, now=now)


def test_a_claim_holds_one_school_oldest_first_and_is_bounded(
    store: Store, boom: BoomSchool
) -> None:
    eerste = maak_afnames(store, boom, [boom.leerling(n) for n in range(5)])
    normeer(store, eerste)
    tweede = tweede_school(store, boom, 4)
    a = claim(store, n=3)
    assert a is not None
    assert [r.afname_id for r in a.rows] == eerste[:3]
    assert (a.school_id, a.schooljaar, a.lease_until) == (boom.school_id, "2026-2027", NU + LEASE)
    b = claim(store)
    c = claim(store)
    assert b is not None and c is not None
    assert [r.afname_id for r in b.rows] == eerste[3:]
    assert [r.afname_id for r in c.rows] == tweede and c.school_id != boom.school_id
    assert claim(store) is None


def test_an_expired_lease_is_claimed_again_and_the_old_token_records_nothing(
    store: Store, boom: BoomSchool
) -> None:
    normeer(store, maak_afnames(store, boom, [boom.leerling(0), boom.leerling(1)]))
    oud = claim(store)
    assert oud is not None and claim(store) is None
    later = NU + LEASE + dt.timedelta(seconds=1)
    nieuw = claim(store, now=later)
    assert nieuw is not None and nieuw.ids == oud.ids
    assert [r.attempts for r in nieuw.rows] == [2, 2]
    with store.session() as session:
        assert markeer_verstuurd(session, oud, {i: 1 for i in oud.ids}, later) == 0
        assert markeer_verstuurd(session, nieuw, {i: 1 for i in nieuw.ids}, later) == 2


def test_released_rows_wait_for_their_time(store: Store, boom: BoomSchool) -> None:
    normeer(store, maak_afnames(store, boom, [boom.leerling(0)]))
    eerste = claim(store)
    assert eerste is not None
    with store.session() as session:
        geef_vrij(
            session, eerste, eerste.ids, fout="ESIS weg", now=NU, wacht=dt.timedelta(seconds=30)
        )
    assert claim(store, now=NU + dt.timedelta(seconds=29)) is None
    assert claim(store, now=NU + dt.timedelta(seconds=30)) is not None


def test_schools_with_a_switched_off_link_are_not_claimed(store: Store, boom: BoomSchool) -> None:
    normeer(store, maak_afnames(store, boom, [boom.leerling(0)]))
    with store.session() as session:
        session.get_one(Koppeling, boom.koppeling_id).status = KoppelingStatus.UIT
        session.commit()
    assert claim(store) is None
    with store.session() as session:  # a newer request that is not active yet counts, too
        session.get_one(Koppeling, boom.koppeling_id).status = KoppelingStatus.ACTIEF
        session.add(
            Koppeling(
                school_id=boom.school_id,
                type="ESIS UWLR",
                status=KoppelingStatus.AANGEVRAAGD,
                brincode="99SY",
                dependancecode="00",
                schooljaar="2026-2027",
                requested_at=utc(2026, 11, 1),
            )
        )
        session.commit()
    assert claim(store) is None


def test_concurrent_claims_never_hand_out_a_row_twice(store: Store, boom: BoomSchool) -> None:
    afnames = maak_afnames(store, boom, [boom.leerling(n) for n in range(50)], per_leerling=4)
    normeer(store, afnames)
    seen: list[int] = []
    lock = threading.Lock()
    errors: list[BaseException] = []

    def claimer() -> None:
        try:
            while True:
                got = claim(store, n=7)
                if got is None:
                    return
                with lock:
                    seen.extend(got.ids)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=claimer) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    counts = Counter(seen)
    assert len(counts) == len(afnames) == 200
    assert set(counts.values()) == {1}
