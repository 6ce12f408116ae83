"""Mock ESIS speed (issues 3, 12): small answers against the HTTP floor, a big answer, memory.

Goals of issue 12, each a ratio measured in the same run:

- a 10-pupil HaalLeerlinggegevens at ≥ 0.65 of the floor's requests per second. The floor is
  the same server kind (waitress, same settings, own process) serving the same answer bytes,
  precomputed, to the same client (httpx, one keep-alive connection, sequential requests);
- a cold 1,241-pupil answer (``--answer-cache 0``, so every answer is built from the state)
  within 3× of parsing and re-serializing the same bytes with lxml.

Every request differs from the one before in its bytes (a numbered XML comment after the
envelope, :func:`_variants`), so what the mock keeps of a request it checked before
(``checked_requests``, ADR 0027) never carries the number; the same request repeated is reported
next to it as a figure.

The machine is shared, so both goals compare runs that are interleaved (floor and mock rounds
alternate, and so do cold requests and lxml runs), after a warm-up, and take the median of the
per-pair ratios; the spread of those ratios is reported next to it.
"""

from __future__ import annotations

import itertools
import statistics
import time
from pathlib import Path
from typing import Any

import httpx
from lxml import etree

from benchmarks.harness import Goal, Report, percentile
from benchmarks.processes import (
    cpu_seconds,
    floor_server,
    leerlinggegevens_request,
    mock_esis_process,
)

SMALL_WARMUP = 300
SMALL_REQUESTS = 250
ROUNDS = 20
LARGE_WARMUP = 3
LARGE_PAIRS = 30
LARGE_PUPILS = 1241
WARM_REQUESTS = 20
MEMORY_REQUESTS = 10_000
VARIANTS = 1000  # more than the mock keeps of checked requests (256)


def _request(state: dict[str, Any]) -> tuple[str, bytes]:
    """The leerlinggegevens URL and a request for the mock's first school."""
    url = state["endpoints"]["leerlinggegevens"]
    return url, leerlinggegevens_request(state, state["scholen"][0])


def _variants(body: bytes, count: int = VARIANTS) -> list[bytes]:
    """``count`` requests that mean what ``body`` means, each with other bytes."""
    return [body + f"<!-- verzoek {index} -->".encode() for index in range(count)]


def _post(client: httpx.Client, url: str, body: bytes) -> float:
    """One request; its wall time in ms."""
    started = time.perf_counter()
    response = client.post(url, content=body)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"HTTP {response.status_code}")
    return elapsed


def _rate(
    client: httpx.Client, url: str, bodies: list[bytes], count: int
) -> tuple[float, list[float]]:
    """Requests per second and latencies (ms) of ``count`` requests, cycling through ``bodies``."""
    latencies = []
    started = time.perf_counter()
    for body in itertools.islice(itertools.cycle(bodies), count):
        latencies.append(_post(client, url, body))
    return count / (time.perf_counter() - started), latencies


def _rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _spread(ratios: list[float]) -> str:
    ordered = sorted(ratios)
    return f"min {ordered[0]:.3f}, mediaan {statistics.median(ordered):.3f}, max {ordered[-1]:.3f}"


def _small(report: Report) -> None:
    with (
        mock_esis_process("--aantal-groepen", "1", "--aantal-leerlingen", "10") as state,
        httpx.Client(timeout=30) as client,
    ):
        url, body = _request(state)
        bodies = _variants(body)
        pid = int(state["pid"])
        answer = client.post(url, content=body).content
        with floor_server(answer) as (floor_url, floor_pid):
            _rate(client, floor_url, bodies, SMALL_WARMUP)
            _rate(client, url, bodies, SMALL_WARMUP)
            mock_rounds: list[tuple[float, list[float]]] = []
            floor_rounds: list[tuple[float, list[float]]] = []
            # CPU seconds (server + client) per target: what the rate would be if nothing else
            # ran on the machine; a figure next to the goal, not the goal.
            cpu = {url: 0.0, floor_url: 0.0}
            for index in range(ROUNDS):  # alternate which one goes first
                order = (floor_url, url) if index % 2 == 0 else (url, floor_url)
                for target in order:
                    server = pid if target == url else floor_pid
                    before_cpu = cpu_seconds(server) + time.process_time()
                    result = _rate(client, target, bodies, SMALL_REQUESTS)
                    cpu[target] += cpu_seconds(server) + time.process_time() - before_cpu
                    (floor_rounds if target == floor_url else mock_rounds).append(result)
            same = [  # one request repeated: checked once, then kept (a figure, not the goal)
                _rate(client, url, [body], SMALL_REQUESTS)[0]
                / _rate(client, floor_url, [body], SMALL_REQUESTS)[0]
                for _ in range(ROUNDS // 2)
            ]
        before = _rss_kib(pid)
        _rate(client, url, bodies, MEMORY_REQUESTS)
        after = _rss_kib(pid)
    ratios = [m[0] / f[0] for m, f in zip(mock_rounds, floor_rounds, strict=True)]
    mock_lat = [v for r in mock_rounds for v in r[1]]
    floor_lat = [v for r in floor_rounds for v in r[1]]
    count = ROUNDS * SMALL_REQUESTS
    report.figures.update(
        {
            "klein antwoord (1 groep, 10 leerlingen), bytes": len(answer),
            "rondes × verzoeken (na opwarmen)": f"{ROUNDS} × {SMALL_REQUESTS} (+{SMALL_WARMUP})",
            "mock verzoeken/s per ronde": ", ".join(f"{r[0]:.0f}" for r in mock_rounds),
            "vloer verzoeken/s per ronde": ", ".join(f"{r[0]:.0f}" for r in floor_rounds),
            "aandeel van de vloer per rondepaar (elk verzoek andere bytes)": _spread(ratios),
            "aandeel van de vloer, steeds hetzelfde verzoek (gecontroleerd onthouden)": _spread(
                same
            ),
            "mock p50 / p95 ms": f"{percentile(mock_lat, 0.5):.3f} / {percentile(mock_lat, 0.95):.3f}",
            "vloer p50 / p95 ms": f"{percentile(floor_lat, 0.5):.3f} / {percentile(floor_lat, 0.95):.3f}",
            "CPU-tijd per verzoek, server + client, mock / vloer (µs)": (
                f"{cpu[url] / count * 1e6:.0f} / {cpu[floor_url] / count * 1e6:.0f}"
            ),
            "aandeel van de vloer naar CPU-tijd (ongevoelig voor drukte)": (
                f"{cpu[floor_url] / cpu[url]:.3f}" if cpu[url] else "-"
            ),
            "server-RSS voor / na 10.000 verzoeken (KiB)": f"{before} / {after}",
        }
    )
    report.goals.append(
        Goal(
            "kleine verzoeken: aandeel van de vloer (mediaan van de rondeparen)",
            statistics.median(ratios),
            ">=",
            0.65,
        )
    )
    report.goals.append(
        Goal(
            "geheugen vlak over 10.000 verzoeken (groei)", (after - before) / 1024, "<=", 8, " MiB"
        )
    )


def _lxml_round_trip(answer: bytes) -> float:
    started = time.perf_counter()
    etree.tostring(etree.fromstring(answer))
    return (time.perf_counter() - started) * 1000


def _large(report: Report) -> None:
    with mock_esis_process("--aantal-leerlingen", str(LARGE_PUPILS)) as state:
        url, body = _request(state)
        with httpx.Client(timeout=60) as client:
            client.post(url, content=body)
            warm = [_post(client, url, body) for _ in range(WARM_REQUESTS)]
    with mock_esis_process(
        "--aantal-leerlingen", str(LARGE_PUPILS), "--answer-cache", "0"
    ) as state:
        url, body = _request(state)
        variants = iter(_variants(body))
        with httpx.Client(timeout=60) as client:
            answer = client.post(url, content=body).content
            for _ in range(LARGE_WARMUP):
                _post(client, url, next(variants))
                _lxml_round_trip(answer)
            cold, lxml_ms = [], []
            for _ in range(LARGE_PAIRS):  # interleaved: a busy moment hits both
                cold.append(_post(client, url, next(variants)))
                lxml_ms.append(_lxml_round_trip(answer))
    ratios = [c / x for c, x in zip(cold, lxml_ms, strict=True)]
    report.figures[f"{LARGE_PUPILS} leerlingen: antwoord (bytes)"] = len(answer)
    report.figures[f"{LARGE_PUPILS} leerlingen warm (antwoordcache): p50 / p95 ms"] = (
        f"{percentile(warm, 0.5):.1f} / {percentile(warm, 0.95):.1f}"
    )
    report.figures[f"{LARGE_PUPILS} leerlingen koud (zonder cache): p50 / p95 ms"] = (
        f"{percentile(cold, 0.5):.1f} / {percentile(cold, 0.95):.1f}"
    )
    report.figures["lxml: dezelfde bytes parsen + serialiseren, p50 / p95 ms"] = (
        f"{percentile(lxml_ms, 0.5):.1f} / {percentile(lxml_ms, 0.95):.1f}"
    )
    report.figures[f"koud / lxml per paar ({LARGE_PAIRS} paren)"] = _spread(ratios)
    report.goals.append(
        Goal(
            f"{LARGE_PUPILS} leerlingen zonder cache / lxml parsen+serialiseren (mediaan per paar)",
            statistics.median(ratios),
            "<=",
            3.0,
            "×",
        )
    )


def run() -> Report:
    report = Report("mock ESIS (issues 3, 12)")
    _small(report)
    _large(report)
    return report
