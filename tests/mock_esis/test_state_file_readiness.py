"""``mock-esis serve --state-file`` as CI uses it (issue 15, issue 12): real subprocesses.

The file appears only once the server accepts connections, follows every change of keys and
schools, and is gone after a clean stop; a leftover of an earlier run is never taken for the new
server; ``uwlr-conformance las --wacht`` and ``boomlink --wacht`` wait for a server that answers.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from mock_esis_testkit import stop_process

from mock_esis.cli import main as mock_esis_main
from mock_esis.testing.client import AdminClient
from uwlr.esis_state_file import read_state_file, wait_for_state_file

STARTUP_SECONDS = 30
ENV = {**os.environ, "PYTHONWARNINGS": "ignore"}


def tool(name: str) -> list[str]:
    script = Path(sys.executable).with_name(name)
    assert script.is_file(), f"{name} is not installed in the venv"
    return [str(script)]


def start(state_file: Path, *extra: str) -> subprocess.Popen[bytes]:
    """``mock-esis serve --port 0 --state-file F`` in the background, not waited for."""
    args = [*tool("mock-esis"), "serve", "--port", "0", "--state-file", str(state_file)]
    return subprocess.Popen(
        [*args, "--scholen", "2", "--leerlingen-per-groep", "3", *extra],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=ENV,
    )


def stop(process: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> int:
    try:
        return stop_process(process, sig)
    finally:
        if process.stderr:
            process.stderr.close()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], Path]]:
    """A running mock with two activated schools and its (waited for) state file."""
    state_file = tmp_path / "esis.json"
    process = start(state_file, "--activeren")
    try:
        wait_for_state_file(state_file, STARTUP_SECONDS)
        yield process, state_file
    finally:
        stop(process)


def test_the_documented_recipe_works_without_a_sleep(tmp_path: Path) -> None:
    """``serve … --state-file esis.json &`` at once followed by ``uwlr-conformance … --wacht``."""
    state_file = tmp_path / "esis.json"
    process = start(state_file, "--activeren")
    try:
        result = subprocess.run(
            [*tool("uwlr-conformance"), "las", "--state-file", str(state_file), "--wacht", "30"]
            + ["--only", "LAS-WSDL-001", "--only", "LAS-CONT-001"],
            capture_output=True,
            text=True,
            timeout=60,
            env=ENV,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert "niet te lezen" not in result.stderr
    finally:
        stop(process)


def test_the_file_appears_only_when_the_server_answers(tmp_path: Path) -> None:
    state_file = tmp_path / "esis.json"
    process = start(state_file)
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while not state_file.exists():
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            assert time.monotonic() < deadline, "no state file"
            time.sleep(0.01)
        document = json.loads(state_file.read_text("utf-8"))
        # the very first look: no retry, the server must answer now
        admin = document["endpoints"]["admin"]
        answer = httpx.get(f"{admin}/gezond", timeout=5)
        assert answer.status_code == 200
        assert answer.json() == {"status": "gezond", "start_id": document["start_id"]}
        assert document["versie"] == 1
        assert document["pid"] == process.pid
        assert not list(tmp_path.glob(".*.tmp")), "no temp file left next to it"
    finally:
        stop(process)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_clean_stop_removes_the_file(
    served: tuple[subprocess.Popen[bytes], Path], sig: int
) -> None:
    process, state_file = served
    assert stop(process, sig) == 0
    assert not state_file.exists()


def test_a_leftover_of_a_killed_run_is_never_used(tmp_path: Path) -> None:
    state_file = tmp_path / "esis.json"
    first = start(state_file, "--activeren")
    old = wait_for_state_file(state_file, STARTUP_SECONDS)
    first.kill()  # no clean stop: the file stays behind, naming a dead server
    first.wait(timeout=10)
    if first.stderr:
        first.stderr.close()
    assert state_file.exists()
    waited = subprocess.run(
        [*tool("uwlr-conformance"), "las", "--state-file", str(state_file), "--wacht", "0.5"],
        capture_output=True,
        text=True,
        timeout=30,
        env=ENV,
    )
    assert waited.returncode == 2
    assert waited.stdout == ""
    line = waited.stderr.strip()
    assert "\n" not in line and "Traceback" not in line
    assert "na 0.5 s wachten" in line and "eerdere run" in line, line
    assert old.scholen[0].autorisatiesleutel not in line  # type: ignore[operator]

    second = start(state_file, "--activeren")
    try:
        new = wait_for_state_file(state_file, STARTUP_SECONDS)
        assert new.start_id != old.start_id
        assert new.pid == second.pid
        keys = {s.autorisatiesleutel for s in new.scholen}
        assert not keys & {s.autorisatiesleutel for s in old.scholen}
    finally:
        stop(second)


def test_a_leftover_is_removed_before_listening(tmp_path: Path) -> None:
    """Even a server that never comes up (its port is busy) leaves no old file behind."""
    state_file = tmp_path / "esis.json"
    state_file.write_text(json.dumps({"versie": 1, "start_id": "oud", "scholen": []}))
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = subprocess.run(
            [*tool("mock-esis"), "serve", "--port", str(port), "--state-file", str(state_file)],
            capture_output=True,
            timeout=STARTUP_SECONDS,
            env=ENV,
        )
    assert result.returncode == 2  # a busy port is wrong use (one Dutch line)
    assert not state_file.exists()


def test_the_file_follows_key_and_school_changes(
    served: tuple[subprocess.Popen[bytes], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _, state_file = served
    start_state = read_state_file(state_file)
    admin = start_state.admin_url
    assert admin is not None
    first, second = start_state.scholen

    def admin_cli(*args: str) -> None:
        assert mock_esis_main(["admin", "--url", admin, *args]) == 0  # the entry as is
        capsys.readouterr()

    client = AdminClient(admin)  # the entry as is, here too
    client.koppeling_activeren(first.brincode + first.dependancecode)
    rotated = read_state_file(state_file)
    assert rotated.scholen[0].autorisatiesleutel not in (None, first.autorisatiesleutel)
    client.koppeling_deactiveren(second.brincode + second.dependancecode)
    assert read_state_file(state_file).scholen[1].autorisatiesleutel is None

    admin_cli("scholen", "--seed", "5", "--aantal", "1", "--activeren")
    added = read_state_file(state_file)
    assert len(added.scholen) == 3 and added.scholen[2].autorisatiesleutel

    admin_cli("reset")
    assert read_state_file(state_file).scholen == ()

    admin_cli("reset", "--naar-start")
    back = read_state_file(state_file)
    assert [(s.brincode, s.autorisatiesleutel) for s in back.scholen] == [
        (s.brincode, s.autorisatiesleutel) for s in (first, second)
    ]
    assert back.start_id == start_state.start_id


def test_boomlink_waits_for_the_state_file(tmp_path: Path) -> None:
    """``boomlink --esis-state-file F --wacht`` reads the new server, not a leftover."""
    from boomlink.las_config import las_settings_from

    state_file = tmp_path / "esis.json"
    state_file.write_text(
        json.dumps(
            {
                "versie": 1,
                "start_id": "oud",
                "endpoints": {
                    "leerlinggegevens": "http://127.0.0.1:9/uwlr/leerlinggegevens",
                    "leerresultaten": "http://127.0.0.1:9/uwlr/leerresultaten",
                    "admin": "http://127.0.0.1:9/__admin",
                },
                "klantnaam": "Boom testcentrum",
                "klantcode": "OUD",
                "scholen": [],
            }
        )
    )
    process = start(state_file)
    try:
        las = las_settings_from({}, state_file=str(state_file), wacht=30)
        assert las is not None
        assert ":9/" not in las.leerlinggegevens_url
        assert httpx.get(f"{las.leerlinggegevens_url}?wsdl", timeout=5).status_code == 200
    finally:
        stop(process)


def test_boomlink_says_in_one_line_that_the_mock_never_came(tmp_path: Path) -> None:
    missing = tmp_path / "esis.json"
    result = subprocess.run(
        [*tool("boomlink"), "--esis-state-file", str(missing), "--wacht", "0.3"]
        + ["--db", str(tmp_path / "b.sqlite3"), "koppeling", "status", "--gebruiker", "a@b.nl"],
        capture_output=True,
        text=True,
        timeout=30,
        env=ENV,
    )
    assert result.returncode == 3, result.stderr
    line = result.stderr.strip()
    assert "\n" not in line and "Traceback" not in line
    assert line.startswith("Na 0.3 s wachten is er nog geen bruikbare nep-ESIS in"), line
    assert "bestaat niet" in line
