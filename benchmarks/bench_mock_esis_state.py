"""Mock ESIS state (issue 12): the cost of one change in ``--db``, and answers built side by side.

1. One pupil change saved to the SQLite store with 200 schools of 500 pupils (p50 < 5 ms), and the
   same with 1 school: a change costs what it touches, not what the state holds.
2. Eight clients asking eight different schools' 1,000-pupil answers at once, against one client:
   building one school's answer must not block the others (throughput ≥ 1 client's, p99 ≤ 3×).
   The server runs in its own process (``mock-esis serve``), with its answer cache on as shipped.
"""

from __future__ import annotations

import random
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

from benchmarks.harness import Goal, Report, percentile
from benchmarks.processes import mock_esis_process
from mock_esis.admin.changes_leerlingen import update_leerling
from mock_esis.state.model import MockState
from mock_esis.state.store import SqliteStore
from uwlr.build import build, build_autorisatie
from uwlr.envelope import build_envelope, to_bytes
from uwlr.fake import generate_school, parse_school, render_school
from uwlr.models import Autorisatie, LeerlinggegevensVerzoek

SCHOOLS = 200
PUPILS = 500
CHANGES = 200
CLIENTS = 8
CONCURRENT_SECONDS = 6.0


def _state(schools: int, folder: Path) -> MockState:
    template = render_school(generate_school(1, aantal_leerlingen=PUPILS))
    state = MockState()
    for i in range(schools):
        fake = parse_school(template)
        fake.brincode = f"{10 + i // 26:02d}{chr(65 + i % 26)}A"
        fake.leerlinggegevens.school.brincode = fake.brincode
        state.add_school(fake)
    store = SqliteStore(folder / f"state-{schools}.sqlite3")
    store.commit(state, None)
    state.store = store
    return state


def _change_ms(state: MockState) -> list[float]:
    rng = random.Random(12)
    schools = list(state.schools.values())
    times = []
    for i in range(CHANGES):
        school = rng.choice(schools)
        pupil = rng.choice(school.jaren[school.schooljaar].leerlingen)
        started = time.perf_counter()
        update_leerling(state, school, str(pupil.key), {"roepnaam": f"Naam{i}"})
        times.append((time.perf_counter() - started) * 1000)
    return times


def _body(state: dict[str, Any], school: dict[str, Any]) -> bytes:
    verzoek = LeerlinggegevensVerzoek(schooljaar=school["schooljaar"], brincode=school["brincode"])
    header = Autorisatie(
        autorisatiesleutel=school["autorisatiesleutel"],
        klantcode=state["klantcode"],
        klantnaam=state["klantnaam"],
    )
    return to_bytes(build_envelope(build(verzoek), build_autorisatie(header)))


def _clients(url: str, bodies: list[bytes]) -> tuple[float, list[float]]:
    """Requests per second and latencies (ms) of one client per body, for a fixed time."""
    latencies: list[list[float]] = [[] for _ in bodies]
    start = threading.Barrier(len(bodies) + 1)
    deadline: list[float] = []

    def client(index: int) -> None:
        with httpx.Client(timeout=60) as http:
            http.post(url, content=bodies[index])  # connect and warm up
            start.wait()
            while time.perf_counter() < deadline[0]:
                t0 = time.perf_counter()
                response = http.post(url, content=bodies[index])
                latencies[index].append((time.perf_counter() - t0) * 1000)
                if response.status_code != 200:
                    raise RuntimeError(f"HTTP {response.status_code}")

    threads = [threading.Thread(target=client, args=(i,)) for i in range(len(bodies))]
    for thread in threads:
        thread.start()
    deadline.append(time.perf_counter() + CONCURRENT_SECONDS + 0.5)
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    every = [x for per_client in latencies for x in per_client]
    return len(every) / elapsed, every


def run() -> Report:
    report = Report("mock ESIS toestand (issue 12)")
    with tempfile.TemporaryDirectory() as folder:
        big = _state(SCHOOLS, Path(folder))
        many = _change_ms(big)
        big_store = big.store
        assert isinstance(big_store, SqliteStore)
        big_store.close()
        del big
        small = _state(1, Path(folder))
        one = _change_ms(small)
    p50_many, p50_one = percentile(many, 0.5), percentile(one, 0.5)
    report.figures[f"1 leerlingwijziging, {SCHOOLS} scholen × {PUPILS}: p50 / p95 ms"] = (
        f"{p50_many:.2f} / {percentile(many, 0.95):.2f}"
    )
    report.figures[f"1 leerlingwijziging, 1 school × {PUPILS}: p50 / p95 ms"] = (
        f"{p50_one:.2f} / {percentile(one, 0.95):.2f}"
    )
    report.goals.append(
        Goal(f"1 leerlingwijziging bij {SCHOOLS} × {PUPILS}: p50", p50_many, "<=", 5.0, " ms")
    )
    report.goals.append(
        Goal("wijziging: 200 scholen / 1 school (p50)", p50_many / p50_one, "<=", 2.0, "×")
    )

    with mock_esis_process("--scholen", str(CLIENTS), "--aantal-leerlingen", "1000") as state:
        url = state["endpoints"]["leerlinggegevens"]
        bodies = [_body(state, school) for school in state["scholen"][:CLIENTS]]
        one_rate, one_lat = _clients(url, bodies[:1])
        all_rate, all_lat = _clients(url, bodies)
    one_p99, all_p99 = percentile(one_lat, 0.99), percentile(all_lat, 0.99)
    report.figures["1.000 leerlingen, 1 client: verzoeken/s, p50 / p99 ms"] = (
        f"{one_rate:.0f}, {percentile(one_lat, 0.5):.1f} / {one_p99:.1f}"
    )
    report.figures[
        f"1.000 leerlingen, {CLIENTS} clients (elk een school): verzoeken/s, p50 / p99 ms"
    ] = f"{all_rate:.0f}, {percentile(all_lat, 0.5):.1f} / {all_p99:.1f}"
    report.goals.append(
        Goal(f"{CLIENTS} clients / 1 client: doorvoer", all_rate / one_rate, ">=", 1.0, "×")
    )
    report.goals.append(
        Goal(f"{CLIENTS} clients / 1 client: p99", all_p99 / one_p99, "<=", 3.0, "×")
    )
    return report
