"""Mock ESIS speed (issues 3, 12): small answers against the HTTP floor, a big answer, memory.

Goals of issue 12: a 10-pupil HaalLeerlinggegevens at ≥ 0.65 of the floor; a cold 1,241-pupil
answer (``--answer-cache 0``) within 3× of parsing and re-serializing the same bytes with lxml.

Servers run in their own process (``mock-esis serve``), so the client never shares their GIL.
The floor is the same server kind (waitress, same settings) serving the same answer bytes,
precomputed, to the same client (httpx, one keep-alive connection, sequential requests).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import httpx
from lxml import etree

from benchmarks.harness import Goal, Report, percentile, timed
from benchmarks.processes import floor_server, mock_esis_process
from uwlr.build import build, build_autorisatie
from uwlr.envelope import build_envelope, to_bytes
from uwlr.models import Autorisatie, LeerlinggegevensVerzoek

SMALL_REQUESTS = 1000
ROUNDS = 5
LARGE_REQUESTS = 40
LARGE_PUPILS = 1241
MEMORY_REQUESTS = 10_000


def _request(state: dict[str, Any]) -> tuple[str, bytes]:
    school = state["scholen"][0]
    verzoek = LeerlinggegevensVerzoek(schooljaar=school["schooljaar"], brincode=school["brincode"])
    header = Autorisatie(
        autorisatiesleutel=school["autorisatiesleutel"],
        klantcode=state["klantcode"],
        klantnaam=state["klantnaam"],
    )
    body = to_bytes(build_envelope(build(verzoek), build_autorisatie(header)))
    return state["endpoints"]["leerlinggegevens"], body


def _rate(client: httpx.Client, url: str, body: bytes, count: int) -> tuple[float, list[float]]:
    latencies = []
    started = time.perf_counter()
    for _ in range(count):
        t0 = time.perf_counter()
        response = client.post(url, content=body)
        latencies.append((time.perf_counter() - t0) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"HTTP {response.status_code}")
    return count / (time.perf_counter() - started), latencies


def _rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def run() -> Report:
    report = Report("mock ESIS (issue 3)")
    # Mock and floor run side by side and are measured in alternating rounds, so a busy moment
    # of the machine hits both; the best round of each counts (the usual rule for throughput).
    with (
        mock_esis_process("--aantal-groepen", "1", "--aantal-leerlingen", "10") as state,
        httpx.Client(timeout=30) as client,
    ):
        url, body = _request(state)
        answer = client.post(url, content=body).content
        with floor_server(answer) as floor_url:
            mock_rounds, floor_rounds = [], []
            for _ in range(ROUNDS):
                floor_rounds.append(_rate(client, floor_url, body, SMALL_REQUESTS))
                mock_rounds.append(_rate(client, url, body, SMALL_REQUESTS))
        pid = int(state["pid"])
        before = _rss_kib(pid)
        _rate(client, url, body, MEMORY_REQUESTS)
        after = _rss_kib(pid)
    mock_rate, mock_lat = max(mock_rounds, key=lambda r: r[0])
    floor_rate, floor_lat = max(floor_rounds, key=lambda r: r[0])
    report.figures.update(
        {
            "klein antwoord (1 groep, 10 leerlingen), bytes": len(answer),
            "rondes × verzoeken": f"{ROUNDS} × {SMALL_REQUESTS}",
            "mock verzoeken/s (beste ronde; alle)": f"{mock_rate:.0f}; "
            + ", ".join(f"{r[0]:.0f}" for r in mock_rounds),
            "vloer verzoeken/s (beste ronde; alle)": f"{floor_rate:.0f}; "
            + ", ".join(f"{r[0]:.0f}" for r in floor_rounds),
            "mock p50 / p95 ms": f"{percentile(mock_lat, 0.5):.3f} / {percentile(mock_lat, 0.95):.3f}",
            "vloer p50 / p95 ms": f"{percentile(floor_lat, 0.5):.3f} / {percentile(floor_lat, 0.95):.3f}",
            "server-RSS voor / na 10.000 verzoeken (KiB)": f"{before} / {after}",
        }
    )
    report.goals.append(
        Goal("kleine verzoeken: aandeel van de vloer", mock_rate / floor_rate, ">=", 0.65)
    )
    report.goals.append(
        Goal(
            "geheugen vlak over 10.000 verzoeken (groei)", (after - before) / 1024, "<=", 8, " MiB"
        )
    )

    figures = {}
    for label, extra in (
        ("warm (antwoordcache)", ()),
        ("koud (zonder cache)", ("--answer-cache", "0")),
    ):
        with mock_esis_process("--aantal-leerlingen", str(LARGE_PUPILS), *extra) as state:
            url, body = _request(state)
            with httpx.Client(timeout=60) as client:
                answer = client.post(url, content=body).content
                _, latencies = _rate(client, url, body, LARGE_REQUESTS)
        figures[label] = latencies
    lxml_ms = timed(lambda: etree.tostring(etree.fromstring(answer)), LARGE_REQUESTS)
    lxml_p50 = percentile(lxml_ms, 0.5)
    report.figures[f"{LARGE_PUPILS} leerlingen: antwoord (bytes)"] = len(answer)
    for label, latencies in figures.items():
        report.figures[f"{LARGE_PUPILS} leerlingen {label}: p50 / p95 ms"] = (
            f"{percentile(latencies, 0.5):.1f} / {percentile(latencies, 0.95):.1f}"
        )
    report.figures["lxml: dezelfde bytes parsen + serialiseren, p50 ms"] = lxml_p50
    cold = percentile(figures["koud (zonder cache)"], 0.5)
    report.goals.append(
        Goal(
            f"{LARGE_PUPILS} leerlingen zonder cache: p50 / lxml parsen+serialiseren",
            cold / lxml_p50,
            "<=",
            3.0,
            "×",
        )
    )
    return report
