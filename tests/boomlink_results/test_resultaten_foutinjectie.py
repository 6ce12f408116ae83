"""H-X-02 under fire: resets, 503s, hangs and an unknown pupil across 1,000 results; two workers
at once; nothing lost, nothing stored twice, the refused ones listed with their reason."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from resultaten_testkit import (
    BoomSchool,
    esis_school,
    maak_afnames,
    normeer,
    onbekende_leerling,
    per_status,
    tel_ontvangsten,
    verwachte_keys,
)

from boomlink.resultaten import (
    Bezorging,
    BezorgRapport,
    Wachtbeleid,
    Worker,
    resultaten_overzicht,
)
from boomlink.store import Store
from boomlink.store.resultaten_models import ResultaatStatus
from boomlink.uwlr_client import ClientConfig, RetryPolicy
from mock_esis.testing.handle import MockEsisHandle

GEEN_WACHT = Wachtbeleid(base=0.0, maximum=0.0)


@pytest.mark.slow
def test_thousand_results_through_resets_503s_hangs_and_an_unknown_pupil(
    store: Store, boom: BoomSchool, esis: MockEsisHandle
) -> None:
    config = ClientConfig(
        leerlinggegevens_url=esis.endpoints["leerlinggegevens"],
        leerresultaten_url=esis.endpoints["leerresultaten"],
        klantnaam=esis.klantnaam,
        klantcode=esis.klantcode,
        connect_timeout=2.0,
        read_timeout=0.5,
        retry=RetryPolicy(max_attempts=3, sleep=lambda _s: None, random=lambda: 0.0),
    )
    leerlingen = [boom.leerling(n) for n in range(len(boom.leerlingen))]
    assert len(leerlingen) == 50
    goed = maak_afnames(store, boom, leerlingen, per_leerling=20)
    onbekend = onbekende_leerling(store, boom, "ONBEKEND-1")
    fout = maak_afnames(store, boom, [onbekend], per_leerling=3)
    normeer(store, goed + fout)
    assert len(goed) == 1000

    op = "BrengLeerresultaten"
    esis.inject(operation=op, kind="reset", share=0.15, seed=7, count=None)
    esis.inject(operation=op, kind="http_status", status=503, share=0.15, seed=8, count=None)
    esis.inject(operation=op, kind="hang", ms=1500, count=3)
    esis.inject(operation=op, kind="uwlr_fault", faultcode="Server.InterneFout", count=2)

    totaal = BezorgRapport()
    with Bezorging(
        store.sessions, store.kluis(), config, batch=60, wachtbeleid=GEEN_WACHT
    ) as bezorging:
        for _ in range(60):
            totaal.add(bezorging.alles())
            if not per_status(store).get("wachtend"):
                break
    fired = {f["kind"]: f["fired"] for f in esis.faults()}
    assert fired["reset"] > 0 and fired["http_status"] > 0 and fired["hang"] == 3

    assert per_status(store) == {"verstuurd": 1000, "geweigerd": 3}
    ontvangen = esis_school(esis).resultaten
    assert set(ontvangen) == verwachte_keys(store)
    assert len(ontvangen) == 2000  # a score part and a norm part per administration
    assert all(r.leerlingid != "ONBEKEND-1" for r in ontvangen.values())
    with store.session() as session:
        overzicht = resultaten_overzicht(session, school_id=boom.school_id)
    assert {g.afname_id for g in overzicht.geweigerde} == set(fout)
    assert all("Client.LeerlingOngeldig" in g.reden for g in overzicht.geweigerde)
    assert all("ONBEKEND-1" in g.reden for g in overzicht.geweigerde)
    assert totaal.uitgesteld > 0  # some batches really had to wait for a later pass
    for afname_id in goed[:50]:
        assert ontvangen[f"BOOM-TC-{afname_id}-norm"].vaardigheidsscore is not None
        assert isinstance(ontvangen[f"BOOM-TC-{afname_id}-norm"].vaardigheidsscore, Decimal)


def test_two_workers_at_once_never_send_a_result_twice(
    store: Store,
    boom: BoomSchool,
    esis: MockEsisHandle,
    config: ClientConfig,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    afnames = maak_afnames(store, boom, [boom.leerling(n) for n in range(50)], per_leerling=6)
    normeer(store, afnames)
    esis.inject(operation="BrengLeerresultaten", kind="latency", ms=20, share=1.0, count=None)
    rapporten: list[BezorgRapport] = []
    lock = threading.Lock()

    def worker() -> None:
        with Bezorging(store.sessions, store.kluis(), config, batch=10) as bezorging:
            rapport = bezorging.alles()
        with lock:
            rapporten.append(rapport)

    with tel_ontvangsten(monkeypatch) as ontvangsten:
        threads = [threading.Thread(target=worker) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
    assert sorted(r.verstuurd > 0 for r in rapporten) == [True, True]
    assert sum(r.verstuurd for r in rapporten) == 300
    per_key = ontvangsten.per_key()
    assert set(per_key) == verwachte_keys(store)
    assert set(per_key.values()) == {1}


def test_the_worker_delivers_while_running_and_stops_gracefully(
    store: Store, boom: BoomSchool, esis: MockEsisHandle, config: ClientConfig
) -> None:
    worker = Worker(store, config, parallel=2, poll=0.05).start()
    try:
        ids = maak_afnames(store, boom, [boom.leerling(n) for n in range(20)])
        normeer(store, ids)
        for _ in range(200):
            if per_status(store).get(ResultaatStatus.VERSTUURD.value) == 20:
                break
            threading.Event().wait(0.05)
    finally:
        worker.stop()
        worker.join(10)
    assert per_status(store) == {"verstuurd": 20}
    assert worker.rapport.verstuurd == 20
    assert set(esis_school(esis).resultaten) == verwachte_keys(store)
