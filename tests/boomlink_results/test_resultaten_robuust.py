"""Issue 13: no stranded batch on an unexpected error, short leases kept alive while working, a
dead worker's results taken over, a stop that gives the batch back quickly.

Real processes where the claim is about processes: ``boomlink worker`` is started with
``subprocess``, killed with SIGKILL or stopped with SIGTERM, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from resultaten_testkit import (
    BoomSchool,
    esis_school,
    maak_afnames,
    normeer,
    per_status,
    rijen,
    tel_ontvangsten,
    verwachte_keys,
)
from sqlalchemy import text

from boomlink.cli.main import main
from boomlink.config import Settings
from boomlink.resultaten import Bezorging, Wachtbeleid, Worker, resultaten_overzicht
from boomlink.store import Store
from boomlink.uwlr_client import ClientConfig
from mock_esis.testing.handle import MockEsisHandle

BRENG = "BrengLeerresultaten"


class Kapot(RuntimeError):
    """A bug somewhere after ESIS accepted (stands for any unexpected error)."""


def _kapot(*_args: Any) -> None:
    raise Kapot("onverwacht")


# -- 2. an unexpected error never strands a claimed batch ------------------------------------


def test_an_unexpected_error_gives_the_claim_back_with_the_attempt_counted_and_backoff(
    store: Store, boom: BoomSchool, config: ClientConfig
) -> None:
    ids = maak_afnames(store, boom, [boom.leerling(n) for n in range(3)])
    normeer(store, ids)
    nu = dt.datetime(2026, 11, 3, 12, tzinfo=dt.UTC)
    with Bezorging(
        store.sessions,
        store.kluis(),
        config,
        wachtbeleid=Wachtbeleid(base=30.0, maximum=300.0),
        klok=lambda: nu,
        na_verzenden=_kapot,
    ) as bezorging:
        rapport = bezorging.een_batch()
    assert rapport is not None
    assert rapport.onverwacht is not None and "Kapot" in rapport.onverwacht
    assert rapport.uitgesteld == 3
    for rij in rijen(store):
        assert rij.status.value == "wachtend"
        assert rij.claim_token is None and rij.lease_until is None
        assert rij.attempts == 1
        assert rij.available_at.replace(tzinfo=dt.UTC) == nu + dt.timedelta(seconds=30)
        assert rij.last_error is not None and "Kapot" in rij.last_error


def test_a_worker_whose_threads_keep_failing_stops_with_the_cause(
    store: Store, boom: BoomSchool, config: ClientConfig
) -> None:
    normeer(store, maak_afnames(store, boom, [boom.leerling(n) for n in range(4)]))
    worker = Worker(
        store,
        config,
        parallel=2,
        poll=0.01,
        max_fouten=3,
        options={"batch": 1, "na_verzenden": _kapot, "wachtbeleid": Wachtbeleid(0.0, 0.0)},
    )
    worker.run()  # returns by itself: the threads keep failing
    assert worker.fout is not None and "Kapot" in worker.fout
    assert "achter elkaar" in worker.fout
    assert per_status(store) == {"wachtend": 4}
    assert all(r.claim_token is None for r in rijen(store))


def test_boomlink_worker_exits_non_zero_naming_the_cause(
    store: Store,
    settings: Settings,
    esis: MockEsisHandle,
    omgeving: dict[str, str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    with store.engine.begin() as conn:  # every claim now fails: a broken database
        conn.execute(text("DROP TABLE resultaten_outbox"))
    code = main(["worker", "--poll", "0.01", "--parallel", "2"])
    captured = capsys.readouterr()
    assert code == 1
    assert "De worker stopt" in captured.err
    assert "OperationalError" in captured.err or "ProgrammingError" in captured.err
    assert "Traceback" not in captured.err
    assert "resultaten afgeleverd" in captured.out


def test_status_shows_the_last_error_per_school(
    store: Store, boom: BoomSchool, esis: MockEsisHandle, config: ClientConfig
) -> None:
    normeer(store, maak_afnames(store, boom, [boom.leerling(0)]))
    esis.inject(operation=BRENG, kind="http_status", status=503, count=None)
    with Bezorging(store.sessions, store.kluis(), config) as bezorging:
        bezorging.alles()
    with store.session() as session:
        overzicht = resultaten_overzicht(session)
    [fout] = overzicht.fouten_per_school
    assert fout.school == esis.school.naam
    assert fout.brin == esis.school.brincode + esis.school.dependancecode
    assert "503" in fout.fout
    assert fout.wachtend == 1


# -- 3. short leases, extended while working -------------------------------------------------


def test_the_lease_is_short_and_kept_alive_while_a_slow_send_is_in_flight(
    store: Store,
    boom: BoomSchool,
    esis: MockEsisHandle,
    make_config: Callable[..., ClientConfig],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A send that takes longer than the lease: a second worker never takes the batch."""
    config = make_config(esis, read_timeout=20.0)
    normeer(store, maak_afnames(store, boom, [boom.leerling(n) for n in range(6)]))
    esis.inject(operation=BRENG, kind="latency", ms=4000, count=1)
    opties = {"batch": 6, "lease": dt.timedelta(seconds=1.5)}
    with tel_ontvangsten(monkeypatch) as ontvangsten:
        eerste = Worker(store, config, parallel=1, poll=0.02, options=opties).start()
        try:
            _wacht_tot(lambda: any(r.claim_token for r in rijen(store)), 20)
            tweede = Worker(store, config, parallel=2, poll=0.02, options=opties).start()
            try:
                _wacht_tot(lambda: per_status(store) == {"verstuurd": 6}, 30)
            finally:
                tweede.stop()
                tweede.join(10)
        finally:
            eerste.stop()
            eerste.join(10)
    assert eerste.rapport.verstuurd == 6 and tweede.rapport.verstuurd == 0
    assert set(ontvangsten.per_key().values()) == {1}


def test_a_claim_lease_is_the_short_lease_not_the_retry_budget(
    store: Store, boom: BoomSchool, config: ClientConfig
) -> None:
    normeer(store, maak_afnames(store, boom, [boom.leerling(0)]))
    nu = dt.datetime(2026, 11, 3, 12, tzinfo=dt.UTC)
    with Bezorging(store.sessions, store.kluis(), config, batch=500, klok=lambda: nu) as b:
        assert b.lease == dt.timedelta(seconds=60)
        claim_rapport = b.een_batch()
    assert claim_rapport is not None and claim_rapport.verstuurd == 1


# -- real processes: kill -9, SIGTERM --------------------------------------------------------


@pytest.fixture
def omgeving(
    monkeypatch: pytest.MonkeyPatch, settings: Settings, esis: MockEsisHandle
) -> dict[str, str]:
    env = {
        "BOOMLINK_DATABASE_URL": settings.database_url,
        "BOOMLINK_SECRET_KEY": settings.secret_key or "",
        "BOOMLINK_ESIS_LEERLINGGEGEVENS_URL": esis.endpoints["leerlinggegevens"],
        "BOOMLINK_ESIS_LEERRESULTATEN_URL": esis.endpoints["leerresultaten"],
        "BOOMLINK_KLANTNAAM": esis.klantnaam,
        "BOOMLINK_KLANTCODE": esis.klantcode,
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return env


@contextmanager
def _worker_proces(omgeving: dict[str, str], *args: str) -> Iterator[subprocess.Popen[str]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "boomlink.cli", "worker", "--poll", "0.05", *args],
        env={**os.environ, **omgeving},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=30)  # also closes a killed worker's pipes


def _wacht_tot(conditie: Callable[[], bool], seconden: float) -> None:
    deadline = time.monotonic() + seconden
    while not conditie():
        if time.monotonic() > deadline:
            raise AssertionError(f"niet gebeurd binnen {seconden} s")
        time.sleep(0.05)


def _hang_fired(esis: MockEsisHandle) -> bool:
    return any(f["kind"] == "hang" and f["fired"] for f in esis.faults())


@pytest.mark.slow
def test_a_killed_workers_batch_is_taken_over_after_its_short_lease(
    store: Store, boom: BoomSchool, esis: MockEsisHandle, omgeving: dict[str, str]
) -> None:
    normeer(store, maak_afnames(store, boom, [boom.leerling(n) for n in range(8)]))
    esis.inject(operation=BRENG, kind="hang", ms=15000, count=1)
    with _worker_proces(omgeving, "--lease", "3", "--parallel", "1") as eerste:
        _wacht_tot(lambda: _hang_fired(esis), 30)
        assert all(r.claim_token for r in rijen(store))  # claimed, mid-send
        eerste.send_signal(signal.SIGKILL)
        eerste.wait(10)
    with _worker_proces(omgeving, "--lease", "3", "--parallel", "1") as tweede:
        _wacht_tot(lambda: per_status(store) == {"verstuurd": 8}, 60)
        tweede.send_signal(signal.SIGTERM)
        out, err = tweede.communicate(timeout=15)
    assert tweede.returncode == 0, err
    assert "8 resultaten afgeleverd" in out
    assert set(esis_school(esis).resultaten) == verwachte_keys(store)


@pytest.mark.slow
def test_sigterm_with_a_hung_message_in_flight_gives_the_batch_back_quickly(
    store: Store, boom: BoomSchool, esis: MockEsisHandle, omgeving: dict[str, str]
) -> None:
    normeer(store, maak_afnames(store, boom, [boom.leerling(n) for n in range(5)]))
    esis.inject(operation=BRENG, kind="hang", ms=60000, count=None)
    with _worker_proces(omgeving, "--parallel", "1") as worker:
        _wacht_tot(lambda: _hang_fired(esis), 30)
        worker.send_signal(signal.SIGTERM)
        out, err = worker.communicate(timeout=10)  # the bound of issue 13: ≤ 10 s
    assert worker.returncode == 0, err
    assert per_status(store) == {"wachtend": 5}
    assert all(r.claim_token is None and r.lease_until is None for r in rijen(store))
    assert "0 resultaten afgeleverd" in out and "5 later opnieuw" in out
