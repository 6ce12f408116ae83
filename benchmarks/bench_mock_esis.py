"""Mock ESIS speed (issue 3): small answers against the HTTP floor, a 1,000-pupil answer, memory.

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
from uwlr.fake import generate_school
from uwlr.models import Autorisatie, LeerlinggegevensAntwoord, LeerlinggegevensVerzoek

SMALL_REQUESTS = 2000
LARGE_REQUESTS = 40
MEMORY_REQUESTS = 10_000


def _request(state: dict[str, Any]) -> tuple[str, bytes]:
    school = state["schools"][0]
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
    with mock_esis_process("--groups", "1", "--students-per-group", "3") as state:
        url, body = _request(state)
        with httpx.Client(timeout=30) as client:
            answer = client.post(url, content=body).content
            for _ in range(200):  # warm up
                client.post(url, content=body)
            mock_rate, mock_lat = _rate(client, url, body, SMALL_REQUESTS)
            pid = int(state["pid"])
            before = _rss_kib(pid)
            _rate(client, url, body, MEMORY_REQUESTS)
            after = _rss_kib(pid)
    with floor_server(answer) as floor_url, httpx.Client(timeout=30) as client:
        for _ in range(200):
            client.post(floor_url, content=body)
        floor_rate, floor_lat = _rate(client, floor_url, body, SMALL_REQUESTS)
    report.figures.update(
        {
            "klein antwoord (1 groep, 3 leerlingen), bytes": len(answer),
            "mock verzoeken/s": mock_rate,
            "vloer verzoeken/s": floor_rate,
            "mock p50 / p95 ms": f"{percentile(mock_lat, 0.5):.3f} / {percentile(mock_lat, 0.95):.3f}",
            "vloer p50 / p95 ms": f"{percentile(floor_lat, 0.5):.3f} / {percentile(floor_lat, 0.95):.3f}",
            "server-RSS voor / na 10.000 verzoeken (KiB)": f"{before} / {after}",
        }
    )
    report.goals.append(
        Goal("kleine verzoeken: aandeel van de vloer", mock_rate / floor_rate, ">=", 0.5)
    )
    report.goals.append(
        Goal(
            "geheugen vlak over 10.000 verzoeken (groei)", (after - before) / 1024, "<=", 8, " MiB"
        )
    )

    with mock_esis_process("--pupils", "1000") as state:
        url, body = _request(state)
        with httpx.Client(timeout=60) as client:
            answer = client.post(url, content=body).content
            _, latencies = _rate(client, url, body, LARGE_REQUESTS)
    fake = generate_school(1, aantal_leerlingen=1000)
    message = LeerlinggegevensAntwoord(gegevens=fake.leerlinggegevens)
    lxml_ms = timed(lambda: etree.tostring(build(message)), LARGE_REQUESTS)
    p50, lxml_p50 = percentile(latencies, 0.5), percentile(lxml_ms, 0.5)
    report.figures.update(
        {
            "1.000 leerlingen: antwoord (bytes)": len(answer),
            "1.000 leerlingen: p50 / p95 ms": f"{p50:.1f} / {percentile(latencies, 0.95):.1f}",
            "lxml alleen (bouwen + serialiseren) p50 ms": lxml_p50,
        }
    )
    report.goals.append(Goal("1.000 leerlingen: p50 / lxml alleen", p50 / lxml_p50, "<=", 3.0, "×"))
    return report
