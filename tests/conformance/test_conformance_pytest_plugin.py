"""The pytest entry point: one test item per check, so CI can run the checks as tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conformance_testkit import Answer, serving
from lxml import etree

from conformance.catalogue import Mode, checks_for


def _pytest(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            *args,
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_las_checks_become_test_items(tmp_path: Path) -> None:
    junit = tmp_path / "junit.xml"
    with serving() as (server, _):
        state = tmp_path / "state.json"
        server.write_state_file(state)
        done = _pytest(
            tmp_path, "--uwlr-las-state-file", str(state), "-k", "UWLR", f"--junitxml={junit}", "-q"
        )
    assert done.returncode == 0, done.stdout + done.stderr
    cases = etree.parse(str(junit)).getroot().iter("testcase")
    names = {case.get("name") for case in cases}
    assert names == {f"UWLR {check.id}" for check in checks_for(Mode.LAS)}
    assert "skipped" in done.stdout  # the writes, without --uwlr-allow-writes


def test_a_failing_check_fails_its_item(tmp_path: Path) -> None:
    def content_type(answer: Answer) -> None:
        if answer.environ["REQUEST_METHOD"] == "POST":
            answer.header("Content-Type", "application/json")

    with serving(response=content_type) as (server, _):
        state = tmp_path / "state.json"
        server.write_state_file(state)
        done = _pytest(tmp_path, "--uwlr-las-state-file", str(state), "-k", "UWLR", "-q", "-rf")
    assert done.returncode == 1
    assert "FAILED ::UWLR LAS-ENV-004" in done.stdout
    assert done.stdout.count("FAILED") == 1


def test_without_options_the_plugin_adds_nothing(tmp_path: Path) -> None:
    done = _pytest(tmp_path, "-q")
    assert done.returncode == 5  # no tests collected


def test_a_stopped_mock_stops_the_session_with_one_line(tmp_path: Path) -> None:
    with serving() as (server, target):
        state = tmp_path / "state.json"
        server.write_state_file(state)
    done = _pytest(tmp_path, "--uwlr-las-state-file", str(state), "-k", "UWLR", "-q")
    assert done.returncode == 4, done.stdout + done.stderr  # pytest's usage error, no FAILED items
    assert "configuratiefout" in done.stdout + done.stderr
    assert "niet bereikbaar" in done.stdout + done.stderr
    assert "FAILED" not in done.stdout and "Traceback" not in done.stdout + done.stderr
    assert target.sleutel not in done.stdout + done.stderr
