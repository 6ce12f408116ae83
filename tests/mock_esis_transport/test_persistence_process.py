"""``mock-esis serve --db`` as a real process: ``kill -9`` mid-burst, and a restart with seed options."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx

from mock_esis.web.factory import MockOptions, build_app

STARTUP_SECONDS = 30


def _start(tmp_path: Path, db: Path, *extra: str) -> tuple[subprocess.Popen[bytes], dict[str, Any]]:
    state_file = tmp_path / f"state-{time.monotonic_ns()}.json"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mock_esis",
            "serve",
            "--port",
            "0",
            "--db",
            str(db),
            "--state-file",
            str(state_file),
            *extra,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    deadline = time.monotonic() + STARTUP_SECONDS
    while not state_file.is_file():
        if process.poll() is not None:
            raise AssertionError(process.communicate()[1].decode())
        assert time.monotonic() < deadline, "geen statusbestand"
        time.sleep(0.05)
    return process, json.loads(state_file.read_text("utf-8"))


def _end(process: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> str:
    if process.poll() is None:
        process.send_signal(sig)
    _, err = process.communicate(timeout=15)
    return err.decode()


def test_kill_9_during_a_burst_of_writes_keeps_the_last_commit(tmp_path: Path) -> None:
    db = tmp_path / "esis.sqlite3"
    process, state = _start(tmp_path, db, "--leerlingen-per-groep", "4")
    school = state["scholen"][0]
    code = f"{school['brincode']}{school['dependancecode']}"
    admin = state["endpoints"]["admin"]
    detail = httpx.get(f"{admin}/scholen/{code}").json()
    pupil = detail["leerlingen"][0]["key"]
    acknowledged: list[int] = []
    stop = threading.Event()

    def burst() -> None:
        with httpx.Client(timeout=10) as client:
            for i in range(100_000):
                if stop.is_set():
                    return
                try:
                    response = client.patch(
                        f"{admin}/scholen/{code}/leerlingen/{pupil}",
                        json={"roepnaam": f"Naam{i}"},
                    )
                except httpx.TransportError:
                    return
                if response.status_code == 200:
                    acknowledged.append(i)

    writer = threading.Thread(target=burst)
    writer.start()
    try:
        deadline = time.monotonic() + 30
        while len(acknowledged) < 50 and time.monotonic() < deadline:
            time.sleep(0.01)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=15)
    finally:
        stop.set()
        writer.join(timeout=30)
        _end(process)
    assert len(acknowledged) >= 50
    last = acknowledged[-1]

    with sqlite3.connect(db) as connection:
        assert connection.execute("pragma integrity_check").fetchone() == ("ok",)
    connection.close()
    restored = build_app(MockOptions(db=str(db))).state.schools[code]
    names = {p.key: p.roepnaam for p in restored.all_leerlingen()}
    # The last acknowledged change is there; the one in flight at the kill may be too.
    assert names[pupil] in (f"Naam{last}", f"Naam{last + 1}")


def test_a_restart_says_which_seed_options_it_ignores(tmp_path: Path) -> None:
    """Regression (issue 12): seed options were ignored without a word on a restored state."""
    db = tmp_path / "esis.sqlite3"
    first, _ = _start(tmp_path, db, "--leerlingen-per-groep", "2")
    assert "genegeerd" not in _end(first)
    second, state = _start(tmp_path, db, "--scholen", "3", "--seed", "7")
    err = _end(second)
    assert len(state["scholen"]) == 1
    lines = [line for line in err.splitlines() if "genegeerd" in line]
    assert len(lines) == 1, err
    assert str(db) in lines[0] and "--scholen" in lines[0] and "--seed" in lines[0]
    assert "--leerlingen-per-groep" not in lines[0]
