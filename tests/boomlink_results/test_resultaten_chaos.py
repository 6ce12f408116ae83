"""The proof of issue 13: several ``boomlink worker`` processes on PostgreSQL against a mock ESIS
that resets connections, answers 503, hangs, says ``Server.InterneFout`` and is slow; one worker
is killed with SIGKILL while it is sending, another is stopped with SIGTERM and started again.

Afterwards every normed administration's results are in ESIS exactly once by resultaat key, with
the values Boom normed; the unknown pupil's are refused with ``Client.LeerlingOngeldig``; the dead
worker's batch was delivered by the others within a short lease; nothing stays claimed.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import ExitStack

import pytest
from resultaten_testkit import (
    BoomSchool,
    esis_school,
    maak_afnames,
    normeer,
    onbekende_leerling,
    per_status,
    rijen,
    verwachte_keys,
)
from sqlalchemy import select

from boomlink.config import Settings
from boomlink.store import Afname, Store
from mock_esis.testing.handle import MockEsisHandle

BRENG = "BrengLeerresultaten"
LEASE = 3.0


def _wacht_tot(conditie: Callable[[], bool], seconden: float, wat: str) -> None:
    deadline = time.monotonic() + seconden
    while not conditie():
        if time.monotonic() > deadline:
            raise AssertionError(f"{wat}: niet gebeurd binnen {seconden} s")
        time.sleep(0.05)


@pytest.mark.slow
@pytest.mark.parametrize("settings", ["postgresql"], indirect=True)  # skipped without PostgreSQL
def test_workers_crash_stop_and_restart_under_faults_and_every_result_arrives_once(
    store: Store, settings: Settings, boom: BoomSchool, esis: MockEsisHandle
) -> None:
    goed = maak_afnames(store, boom, [boom.leerling(n) for n in range(50)], per_leerling=8)
    onbekend = maak_afnames(
        store, boom, [onbekende_leerling(store, boom, "ONBEKEND-9")], per_leerling=3
    )
    normeer(store, goed + onbekend)
    env = {
        **os.environ,
        "BOOMLINK_DATABASE_URL": settings.database_url,
        "BOOMLINK_SECRET_KEY": settings.secret_key or "",
        "BOOMLINK_ESIS_LEERLINGGEGEVENS_URL": esis.endpoints["leerlinggegevens"],
        "BOOMLINK_ESIS_LEERRESULTATEN_URL": esis.endpoints["leerresultaten"],
        "BOOMLINK_KLANTNAAM": esis.klantnaam,
        "BOOMLINK_KLANTCODE": esis.klantcode,
    }

    def worker() -> subprocess.Popen[str]:
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "boomlink.cli",
                "worker",
                "--parallel",
                "2",
                "--batch",
                "20",
                "--lease",
                str(LEASE),
                "--poll",
                "0.05",
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def _reap(process: subprocess.Popen[str]) -> None:
        """Kill if still running, and close its pipes (a killed worker's too)."""
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=30)

    with ExitStack() as processen:

        def gestart() -> subprocess.Popen[str]:
            process = worker()
            processen.callback(_reap, process)
            assert process.stdout is not None  # wait until it handles SIGTERM: its first line
            assert "De worker levert resultaten af" in process.stdout.readline()
            return process

        # worker A alone first: its first message hangs, so it is surely mid-send when killed
        esis.inject(operation=BRENG, kind="hang", ms=6000, count=1)
        a = gestart()
        _wacht_tot(lambda: any(f["fired"] for f in esis.faults()), 60, "A stuurt")
        van_a = {r.id for r in rijen(store) if r.claim_token}
        assert van_a
        esis.inject(operation=BRENG, kind="reset", share=0.1, seed=3, count=None)
        esis.inject(operation=BRENG, kind="http_status", status=503, share=0.1, seed=4, count=None)
        esis.inject(operation=BRENG, kind="uwlr_fault", faultcode="Server.InterneFout", count=3)
        esis.inject(operation=BRENG, kind="latency", min_ms=5, max_ms=60, share=1.0, count=None)
        esis.inject(operation=BRENG, kind="hang", ms=2500, count=2)
        b, c = gestart(), gestart()
        a.send_signal(signal.SIGKILL)
        a.wait(10)
        gedood = dt.datetime.now(dt.UTC)

        # B stopped with SIGTERM mid-run, then started again
        _wacht_tot(lambda: per_status(store).get("verstuurd", 0) >= 100, 60, "100 verstuurd")
        b.send_signal(signal.SIGTERM)
        _, err_b = b.communicate(timeout=15)
        assert b.returncode == 0, err_b
        b2 = gestart()

        klaar = {"verstuurd": len(goed), "geweigerd": len(onbekend)}
        _wacht_tot(lambda: per_status(store) == klaar, 120, "alles afgeleverd")
        for process in (c, b2):
            process.send_signal(signal.SIGTERM)
            _, err = process.communicate(timeout=15)
            assert process.returncode == 0, err

    fired = {(f["kind"], f.get("status")): f["fired"] for f in esis.faults()}
    assert fired[("reset", None)] and fired[("http_status", 503)]
    # nothing stays claimed; the dead worker's rows were taken over within the short lease
    assert all(r.claim_token is None and r.lease_until is None for r in rijen(store))
    overgenomen = [r.delivered_at for r in rijen(store) if r.id in van_a]
    assert None not in overgenomen
    laatste = max(t.astimezone(dt.UTC) for t in overgenomen if t is not None)
    assert laatste - gedood < dt.timedelta(minutes=2)
    print(
        f"batch van de gedode worker afgeleverd {(laatste - gedood).total_seconds():.1f} s "
        f"na kill -9 (lease {LEASE} s)"
    )

    # exactly once by resultaat key, with the right values
    ontvangen = esis_school(esis).resultaten
    assert set(ontvangen) == verwachte_keys(store)
    with store.session() as session:
        afnames = {a.id: a for a in session.scalars(select(Afname).where(Afname.id.in_(goed)))}
    for afname_id in goed:
        afname = afnames[afname_id]
        norm = ontvangen[f"BOOM-TC-{afname_id}-norm"]
        assert norm.vaardigheidsscore == afname.vaardigheidsscore
        assert norm.dle is not None and afname.dle is not None
        assert float(norm.dle) == float(afname.dle)
        assert norm.niveau == afname.niveau
        assert ontvangen[f"BOOM-TC-{afname_id}-score"].score == afname.score
    assert all(r.leerlingid != "ONBEKEND-9" for r in ontvangen.values())
    geweigerd = [r for r in rijen(store) if r.status.value == "geweigerd"]
    assert {r.afname_id for r in geweigerd} == set(onbekend)
    assert all(r.reden and "Client.LeerlingOngeldig" in r.reden for r in geweigerd)
