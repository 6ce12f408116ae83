"""Result push speed (issue 7): 10,000 results of 1,000 pupils to the mock ESIS, and the time from
norming one administration to seeing it in Mijn Groep with the worker running.

The mock ESIS runs in its own process (``mock-esis serve``); the Boom store is a SQLite file. The
Boom side gets the same fake school by generating it with the same seed and options.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from cryptography.fernet import Fernet

from benchmarks.harness import Goal, Report, percentile
from benchmarks.processes import mock_esis_process
from boomlink.config import Settings
from boomlink.crypto import Autorisatiesleutel
from boomlink.resultaten import Normscores, Worker, afnames_normeren
from boomlink.store import (
    Afname,
    Groep,
    Koppeling,
    KoppelingStatus,
    Leerling,
    School,
    Store,
    Toets,
    open_store,
)
from boomlink.uwlr_client import ClientConfig
from mock_esis.testing.client import EsisClient
from uwlr.fake import generate_school

PUPILS = 1000
GROUPS = 40
PER_PUPIL = 10
BATCH = 500
PARALLEL = 4
LATENCY_TRIALS = 25


def _utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _mirror(store: Store, state: dict[str, Any]) -> tuple[int, list[int], str, list[int]]:
    """The mock's school in Boom; returns school id, pupil ids, a group key and its pupil ids."""
    info = state["scholen"][0]
    fake = generate_school(1, aantal_groepen=GROUPS, aantal_leerlingen=PUPILS)
    gegevens = fake.leerlinggegevens
    assert fake.brincode == info["brincode"], "the generated school must equal the mock's"
    with store.session() as session:
        school = School(naam=info["naam"], brincode=info["brincode"], dependancecode="00")
        session.add(school)
        session.flush()
        groepen = {
            g.key: Groep(
                school_id=school.id, schooljaar=fake.schooljaar, naam=g.naam, extern_nummer=g.key
            )
            for g in gegevens.groepen
        }
        session.add_all(groepen.values())
        leerlingen = []
        for p in gegevens.leerlingen:
            leerling = Leerling(school_id=school.id, extern_nummer=p.key, eckid=p.eckid)
            if p.groep in groepen:
                leerling.groepen.append(groepen[p.groep])
            leerlingen.append(leerling)
        session.add_all(leerlingen)
        session.add(
            Koppeling(
                school_id=school.id,
                type="ESIS UWLR",
                status=KoppelingStatus.ACTIEF,
                brincode=info["brincode"],
                dependancecode="00",
                schooljaar=fake.schooljaar,
                autorisatiesleutel_versleuteld=store.kluis().versleutel(
                    Autorisatiesleutel(info["autorisatiesleutel"])
                ),
                requested_at=_utc() - dt.timedelta(days=2),
                activated_at=_utc() - dt.timedelta(days=1),
            )
        )
        session.commit()
        groep = gegevens.groepen[0].key
        in_groep = [
            ll.id for ll, p in zip(leerlingen, gegevens.leerlingen, strict=True) if p.groep == groep
        ]
        return school.id, [ll.id for ll in leerlingen], groep, in_groep


def _afnames(store: Store, leerlingen: list[int], toets_code: str, per_pupil: int) -> list[int]:
    with store.session() as session:
        toets = Toets(code=toets_code, naam=f"Benchmark {toets_code}")
        session.add(toets)
        session.flush()
        vandaag = _utc().date()
        afnames = [
            Afname(leerling_id=ll, toets_id=toets.id, afnamedatum=vandaag - dt.timedelta(days=n))
            for ll in leerlingen
            for n in range(per_pupil)
        ]
        session.add_all(afnames)
        session.commit()
        return [a.id for a in afnames]


def _normeer(store: Store, ids: list[int]) -> None:
    with store.session() as session:
        afnames_normeren(
            session,
            [
                (a, Normscores(Decimal(100 + i % 80), Decimal(10 + i % 40), "1F", score=i % 50))
                for i, a in enumerate(ids)
            ],
        )


def _measure(
    store: Store,
    state: dict[str, Any],
    worker: Worker,
    ids: list[int],
    in_groep: list[int],
    groep: str,
) -> tuple[float, list[float]]:
    """Deliver ``ids`` with ``worker``, then time norming to Mijn Groep; the caller stops it."""
    info = state["scholen"][0]
    started = time.perf_counter()
    worker.start()
    while worker.rapport.verstuurd < len(ids):
        if worker.stopping:
            raise RuntimeError(f"de worker stopte: {worker.fout}")
        time.sleep(0.01)
    push_seconds = time.perf_counter() - started

    split = urlsplit(state["endpoints"]["leerresultaten"])
    esis = EsisClient(f"{split.scheme}://{split.netloc}")
    directie = next(g["gebruikersnaam"] for g in info["gebruikers"] if g["rol"] == "Directie")
    latencies = []
    for trial in range(LATENCY_TRIALS):
        code = f"BENCH-LAT-{trial:02d}"
        [afname] = _afnames(store, in_groep[:1], code, 1)
        started = time.perf_counter()
        _normeer(store, [afname])
        while not any(
            t["toetscode"] == code
            for t in esis.mijn_groep(info["brincode"] + "00", groep, directie)["toetsen"]
        ):
            time.sleep(0.005)
        latencies.append((time.perf_counter() - started) * 1000)
    return push_seconds, latencies


def run() -> Report:
    report = Report("resultaten naar ESIS (issue 7)")
    args = ("--aantal-groepen", str(GROUPS), "--aantal-leerlingen", str(PUPILS), "--threads", "8")
    with mock_esis_process(*args) as state, tempfile.TemporaryDirectory() as folder:
        info = state["scholen"][0]
        assert info["leerlingen"] == PUPILS, info["leerlingen"]
        settings = Settings(
            database_url=f"sqlite:///{Path(folder) / 'boomlink.sqlite3'}",
            secret_key=Fernet.generate_key().decode(),
        )
        config = ClientConfig(
            leerlinggegevens_url=state["endpoints"]["leerlinggegevens"],
            leerresultaten_url=state["endpoints"]["leerresultaten"],
            klantnaam=state["klantnaam"],
            klantcode=state["klantcode"],
        )
        with open_store(settings) as store:
            _, leerlingen, groep, in_groep = _mirror(store, state)
            ids = _afnames(store, leerlingen, "BENCH-DOORVOER", PER_PUPIL)
            started = time.perf_counter()
            _normeer(store, ids)
            norm_seconds = time.perf_counter() - started

            worker = Worker(store, config, parallel=PARALLEL, poll=0.05, options={"batch": BATCH})
            try:
                push_seconds, latencies = _measure(store, state, worker, ids, in_groep, groep)
            finally:  # whatever happens, no worker thread outlives the temporary folder
                worker.stop()
                worker.join(30)
    rate = len(ids) / push_seconds
    p50 = percentile(latencies, 0.5)
    report.figures.update(
        {
            "resultaten (afnames)": len(ids),
            "resultaat-elementen (score + norm)": 2 * len(ids),
            "leerlingen": PUPILS,
            "batch / parallel": f"{BATCH} / {PARALLEL}",
            "normeren 10.000 afnames, s": norm_seconds,
            "afleveren, s": push_seconds,
            "afnames/s": rate,
            "normeren tot zichtbaar in Mijn Groep p50, ms": p50,
            "normeren tot zichtbaar in Mijn Groep p95, ms": percentile(latencies, 0.95),
        }
    )
    report.goals += [
        Goal("doorvoer naar ESIS", rate, ">=", 2000, " res/s"),
        Goal("normeren tot zichtbaar in Mijn Groep (p50)", p50, "<=", 1000, " ms"),
    ]
    return report
