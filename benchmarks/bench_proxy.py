"""Judging proxy overhead (issue 18): a 1,000-pupil answer through the proxy against direct.

The mock ESIS and the proxy each run in their own process (``uwlr-conformance proxy``, judging
on), so the client never shares their GIL. One client, one keep-alive connection per route,
requests alternate direct / via the proxy, so a busy moment of the machine hits both alike.
The overhead is p50(proxy) − p50(direct) in the same run; the goal is at most 5 ms.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from benchmarks.harness import Goal, Report, percentile
from benchmarks.processes import leerlinggegevens_request, mock_esis_process
from uwlr.namespaces import SOAP_ACTIONS

REQUESTS = 60
WARMUP = 5


@contextmanager
def proxy_process(upstream: str, judged: list[str]) -> Iterator[dict[str, str]]:
    """``uwlr-conformance proxy`` in a subprocess in front of ``upstream``; yields its endpoints
    and, once it stopped, appends the notes of its report to ``judged``."""
    with tempfile.TemporaryDirectory() as folder:
        state = Path(folder) / "proxy.json"
        process = subprocess.Popen(
            [sys.executable, "-m", "conformance.cli", "proxy", "--listen", "127.0.0.1:0",
             "--state-file", str(state), "--upstream-leerlinggegevens", upstream,
             "--json", str(Path(folder) / "rapport.json")],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 30
            while not (state.exists() and state.stat().st_size):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("de proxy startte niet")
                time.sleep(0.05)
            yield json.loads(state.read_text("utf-8"))["endpoints"]
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=300)
            rapport = Path(folder) / "rapport.json"
            if rapport.exists():
                judged.extend(json.loads(rapport.read_text("utf-8"))["notes"])


def run() -> Report:
    report = Report("judging proxy (issue 18)")
    headers = {
        "Content-Type": "text/xml; charset=utf-8",
        "SOAPAction": f'"{SOAP_ACTIONS["HaalLeerlinggegevens"]}"',
    }
    with mock_esis_process("--aantal-leerlingen", "1000") as state:
        url = state["endpoints"]["leerlinggegevens"]
        body = leerlinggegevens_request(state, state["scholen"][0])
        judged: list[str] = []
        with proxy_process(url, judged) as endpoints, httpx.Client(timeout=60) as client:
            via = endpoints["leerlinggegevens"]
            direct_ms: list[float] = []
            proxy_ms: list[float] = []
            size = 0
            for i in range(WARMUP + REQUESTS):
                for target, sink in ((url, direct_ms), (via, proxy_ms)):
                    t0 = time.perf_counter()
                    response = client.post(target, content=body, headers=headers)
                    elapsed = (time.perf_counter() - t0) * 1000
                    if response.status_code != 200:
                        raise RuntimeError(f"HTTP {response.status_code}")
                    size = len(response.content)
                    if i >= WARMUP:
                        sink.append(elapsed)
    direct, proxied = percentile(direct_ms, 0.5), percentile(proxy_ms, 0.5)
    report.figures.update(
        {
            "1.000 leerlingen: antwoord (bytes)": size,
            "verzoeken per route": REQUESTS,
            "direct p50 / p95 ms": f"{direct:.2f} / {percentile(direct_ms, 0.95):.2f}",
            "via de proxy p50 / p95 ms": f"{proxied:.2f} / {percentile(proxy_ms, 0.95):.2f}",
            "beoordeling (rapport van de proxy)": "; ".join(judged[:1]) or "geen rapport",
        }
    )
    report.goals.append(
        Goal("proxy: extra tijd p50 (1.000 leerlingen)", proxied - direct, "<=", 5.0, " ms")
    )
    return report
