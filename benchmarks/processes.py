"""Starting servers in their own process for benchmarks, so the client never shares their GIL."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

__all__ = ["floor_server", "mock_esis_process"]


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
