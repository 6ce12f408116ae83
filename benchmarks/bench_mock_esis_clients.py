"""Mock ESIS under eight afnemers at once (issue 12): answers for different schools side by side.

Eight clients, each asking its own school's 1,000-pupil HaalLeerlinggegevens as fast as it can,
against one client alone. Goals of issue 12: throughput ≥ 1 client's, p99 ≤ 3× 1 client's.

- Every request is a cache miss (``--answer-cache 0``): the issue's point is that building an
  answer must not hold a lock the other schools need. The same with the answer cache on, as
  shipped, is reported next to it.
- Each client is its own process (eight afnemers are eight programs), so the clients never share
  a GIL with each other or with the server; every client keeps one connection.
- The machine is shared: 1-client and 8-client runs alternate (``ROUNDS`` of each against the
  same server), and each side's latencies are pooled, so a busy moment hits both.
- CPU time of the server and the clients is measured per request. With ``k`` cores and ``n``
  clients that keep a request outstanding, no server can do better than ``k / cpu`` requests per
  second, so by Little's law the mean latency is at least ``n · cpu / k``: the report prints that
  floor as a ratio to 1 client's mean, and the floor of a one-process (one-GIL) server, so a
  failed goal shows whether the server wastes time (waiting on locks) or the machine is full.
"""

from __future__ import annotations

import multiprocessing
import os
import statistics
import time
from dataclasses import dataclass
from typing import Any

from benchmarks.harness import Goal, Report, percentile
from benchmarks.processes import cpu_seconds, leerlinggegevens_request, mock_esis_process

CLIENTS = 8
PUPILS = 1000
SECONDS = 3.0
ROUNDS = 3
WARMUP = 3


@dataclass
class Run:
    """One measurement: every client's latencies (ms) and the CPU seconds spent."""

    clients: int
    seconds: float
    latencies: list[float]
    server_cpu: float
    client_cpu: float

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds

    @property
    def cpu_ms(self) -> float:
        """Server + client CPU per request (ms)."""
        return (self.server_cpu + self.client_cpu) / len(self.latencies) * 1000

    @property
    def server_cpu_ms(self) -> float:
        return self.server_cpu / len(self.latencies) * 1000

    def p(self, share: float) -> float:
        return percentile(self.latencies, share)


def _client(url: str, body: bytes, start_at: float, results: Any) -> None:
    """One afnemer (its own process): ask ``body`` from ``start_at`` for SECONDS seconds."""
    import httpx  # in the client process

    with httpx.Client(timeout=60) as http:
        for _ in range(WARMUP):
            http.post(url, content=body)
        while time.time() < start_at:
            time.sleep(0.0005)
        cpu = time.process_time()
        latencies = []
        while time.time() < start_at + SECONDS:
            began = time.perf_counter()
            response = http.post(url, content=body)
            latencies.append((time.perf_counter() - began) * 1000)
            if response.status_code != 200:
                raise RuntimeError(f"HTTP {response.status_code}")
        results.put((latencies, time.process_time() - cpu))


def _measure(url: str, bodies: list[bytes], server_pid: int) -> Run:
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    start_at = time.time() + 3.0  # every client process started and warmed up by then
    processes = [
        context.Process(target=_client, args=(url, body, start_at, results)) for body in bodies
    ]
    for process in processes:
        process.start()
    while time.time() < start_at:
        time.sleep(0.0005)
    server_before = cpu_seconds(server_pid)
    collected = [results.get(timeout=SECONDS + 60) for _ in processes]
    server_cpu = cpu_seconds(server_pid) - server_before
    for process in processes:
        process.join(10)
        if process.exitcode != 0:
            raise RuntimeError(f"client stopte met code {process.exitcode}")
    return Run(
        clients=len(bodies),
        seconds=SECONDS,
        latencies=[x for latencies, _ in collected for x in latencies],
        server_cpu=server_cpu,
        client_cpu=sum(cpu for _, cpu in collected),
    )


def _pooled(runs: list[Run]) -> Run:
    return Run(
        clients=runs[0].clients,
        seconds=sum(r.seconds for r in runs),
        latencies=[x for r in runs for x in r.latencies],
        server_cpu=sum(r.server_cpu for r in runs),
        client_cpu=sum(r.client_cpu for r in runs),
    )


def _pair(cache: str) -> tuple[Run, Run]:
    args = ("--scholen", str(CLIENTS), "--aantal-leerlingen", str(PUPILS), "--answer-cache", cache)
    with mock_esis_process(*args) as state:
        url, pid = state["endpoints"]["leerlinggegevens"], int(state["pid"])
        bodies = [leerlinggegevens_request(state, s) for s in state["scholen"][:CLIENTS]]
        ones: list[Run] = []
        manys: list[Run] = []
        for index in range(ROUNDS):  # alternate which one goes first
            for count in (1, CLIENTS) if index % 2 == 0 else (CLIENTS, 1):
                run = _measure(url, bodies[:count], pid)
                (ones if count == 1 else manys).append(run)
        return _pooled(ones), _pooled(manys)


def _describe(report: Report, label: str, one: Run, many: Run) -> None:
    cores = os.cpu_count() or 1
    mean_one = statistics.fmean(one.latencies)
    machine_floor = many.clients * many.cpu_ms / (cores * mean_one)
    gil_floor = many.clients * many.server_cpu_ms / mean_one
    for run in (one, many):
        report.figures[f"{label}, {run.clients} client(s): verzoeken/s, p50 / p99 ms"] = (
            f"{run.rate:.0f}, {run.p(0.5):.1f} / {run.p(0.99):.1f}"
        )
        report.figures[f"{label}, {run.clients} client(s): CPU per verzoek server / clients ms"] = (
            f"{run.server_cpu_ms:.2f} / {(run.client_cpu / len(run.latencies)) * 1000:.2f}"
        )
    report.figures[f"{label}: gemiddelde latentie {CLIENTS} / 1 client"] = (
        f"{statistics.fmean(many.latencies) / mean_one:.2f}× (ondergrens op {cores} kernen: "
        f"{machine_floor:.2f}×; voor één proces met één GIL: {gil_floor:.2f}×)"
    )


def run() -> Report:
    report = Report("mock ESIS: 8 afnemers tegelijk (issue 12)")
    report.figures["kernen"] = os.cpu_count() or 1
    cold_one, cold_many = _pair("0")
    warm_one, warm_many = _pair("64")
    _describe(report, "zonder cache (elk antwoord gebouwd)", cold_one, cold_many)
    _describe(report, "met antwoordcache", warm_one, warm_many)
    report.goals.append(
        Goal(
            f"{CLIENTS} clients / 1 client zonder cache: doorvoer",
            cold_many.rate / cold_one.rate,
            ">=",
            1.0,
            "×",
        )
    )
    report.goals.append(
        Goal(
            f"{CLIENTS} clients / 1 client zonder cache: p99",
            cold_many.p(0.99) / cold_one.p(0.99),
            "<=",
            3.0,
            "×",
        )
    )
    return report
