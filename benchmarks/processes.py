"""Starting servers in their own process for benchmarks, so the client never shares their GIL;
the CPU time such a process used, and a request built from a mock's state file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from uwlr.build import build, build_autorisatie
from uwlr.envelope import build_envelope, to_bytes
from uwlr.models import Autorisatie, LeerlinggegevensVerzoek

__all__ = ["cpu_seconds", "floor_server", "leerlinggegevens_request", "mock_esis_process"]


def _wait_for(path: Path, process: subprocess.Popen[bytes], seconds: float = 30) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if path.exists() and path.stat().st_size:
            return json.loads(path.read_text("utf-8"))
        if process.poll() is not None:
            raise RuntimeError(f"server stopte met code {process.returncode}")
        time.sleep(0.05)
    raise TimeoutError(f"geen statusbestand {path} binnen {seconds} s")


@contextmanager
def _process(args: list[str], state: Path) -> Iterator[Any]:
    process = subprocess.Popen([sys.executable, *args], stdout=subprocess.DEVNULL)
    try:
        yield _wait_for(state, process)
    finally:
        process.terminate()
        process.wait(timeout=10)


@contextmanager
def mock_esis_process(*extra: str) -> Iterator[dict[str, Any]]:
    """``mock-esis serve --port 0 --activeren`` in a subprocess; yields its state file."""
    with tempfile.TemporaryDirectory() as folder:
        state = Path(folder) / "state.json"
        args = [
            "-m",
            "mock_esis",
            "serve",
            "--port",
            "0",
            "--activeren",
            "--state-file",
            str(state),
        ]
        with _process([*args, *extra], state) as data:
            yield data


@contextmanager
def floor_server(body: bytes) -> Iterator[tuple[str, int]]:
    """The floor server in a subprocess; yields its URL and process id."""
    with tempfile.TemporaryDirectory() as folder:
        answer = Path(folder) / "answer.xml"
        answer.write_bytes(body)
        state = Path(folder) / "floor.json"
        with _process(["-m", "benchmarks.floor_server", str(answer), str(state)], state) as data:
            yield str(data["url"]), int(data["pid"])


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of process ``pid`` so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def leerlinggegevens_request(state: dict[str, Any], school: dict[str, Any]) -> bytes:
    """A HaalLeerlinggegevens request for ``school`` of a ``--state-file`` document."""
    verzoek = LeerlinggegevensVerzoek(schooljaar=school["schooljaar"], brincode=school["brincode"])
    header = Autorisatie(
        autorisatiesleutel=school["autorisatiesleutel"],
        klantcode=state["klantcode"],
        klantnaam=state["klantnaam"],
    )
    return to_bytes(build_envelope(build(verzoek), build_autorisatie(header)))
