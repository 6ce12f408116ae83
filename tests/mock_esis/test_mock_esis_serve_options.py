"""``mock-esis serve`` with a wrong option: one Dutch line that names the option and what is
allowed, exit code 2, no traceback, no server (issue 15).

``main()`` runs in a thread so that a check that lets a bad value through fails the test (the
server would start) instead of hanging it. The busy port is also tried as a real subprocess.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from mock_esis import cli
from mock_esis.cli import main

STARTUP_SECONDS = 30


def bad_cases(tmp_path: Path) -> dict[str, tuple[list[str], list[str]]]:
    """name: (arguments, words the one line must hold)."""
    missing = tmp_path / "bestaat-niet"
    return {
        "state-file-folder": (
            ["--state-file", str(missing / "esis.json")],
            ["--state-file", str(missing), "bestaat niet"],
        ),
        "db-folder": (["--db", str(missing / "esis.sqlite3")], ["--db", str(missing)]),
        "schooljaar": (["--schooljaar", "2026"], ["--schooljaar", "'2026'", "2025-2026"]),
        "leerlingen": (["--aantal-leerlingen", "-5"], ["--aantal-leerlingen", "minstens 1"]),
        "pupils": (["--pupils", "-5"], ["--pupils", "minstens 1"]),
        "scholen": (["--scholen", "-1"], ["--scholen", "minstens 0"]),
        "leerlingen-per-groep": (
            ["--leerlingen-per-groep", "0"],
            ["--leerlingen-per-groep", "minstens 1"],
        ),
        "groepen": (["--aantal-groepen", "x"], ["--aantal-groepen", "geheel getal"]),
        "threads": (["--threads", "0"], ["--threads", "minstens 1"]),
        "answer-cache": (["--answer-cache", "-1"], ["--answer-cache", "minstens 0"]),
        "host": (["--host", "999.1.1.1"], ["--host", "'999.1.1.1'", "IP-adres"]),
        "host-name": (["--host", "geen host!"], ["--host", "IP-adres"]),
        "port": (["--port", "99999"], ["--port", "99999", "0 tot en met 65535"]),
        "port-negative": (["--port", "-1"], ["--port", "0 tot en met 65535"]),
    }


CASES = [
    "state-file-folder",
    "db-folder",
    "schooljaar",
    "leerlingen",
    "pupils",
    "scholen",
    "leerlingen-per-groep",
    "groepen",
    "threads",
    "answer-cache",
    "host",
    "host-name",
    "port",
    "port-negative",
]


def one_dutch_line(err: str) -> str:
    lines = [line for line in err.splitlines() if "is verouderd; gebruik" not in line]
    assert len(lines) == 1, err
    assert "Traceback" not in err and "error" not in err.lower()
    return lines[0]


@pytest.mark.parametrize("case", CASES)
def test_a_bad_option_is_one_dutch_line_and_exit_2(
    case: str, tmp_path: Path, main_stops: Callable[..., tuple[int, str]]
) -> None:
    argv, words = bad_cases(tmp_path)[case]
    code, err = main_stops(main, ["serve", "--port", "0", *argv])
    assert code == 2, err
    line = one_dutch_line(err)
    assert line.startswith("mock-esis"), line
    for word in words:
        assert word in line, line
    assert not (tmp_path / "bestaat-niet").exists()


def test_a_busy_port_is_one_dutch_line_and_exit_2(
    busy_port: int, tmp_path: Path, main_stops: Callable[..., tuple[int, str]]
) -> None:
    state_file = tmp_path / "esis.json"
    argv = ["serve", "--port", str(busy_port), "--state-file", str(state_file)]
    code, err = main_stops(main, argv)
    assert code == 2, err
    line = one_dutch_line(err)
    assert f"--port {busy_port}" in line and "al in gebruik" in line and "--port 0" in line
    assert not state_file.exists()


def test_a_busy_port_with_tls_is_refused_the_same_way(
    busy_port: int, tmp_path: Path, main_stops: Callable[..., tuple[int, str]]
) -> None:
    argv = ["serve", "--tls", "--tls-dir", str(tmp_path), "--port", str(busy_port)]
    code, err = main_stops(main, argv)
    assert code == 2, err
    assert "al in gebruik" in one_dutch_line(err)


def test_the_installed_command_refuses_a_busy_port(busy_port: int, tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("mock-esis")
    command = [str(script)] if script.is_file() else [sys.executable, "-m", "mock_esis"]
    done = subprocess.run(
        [*command, "serve", "--port", str(busy_port)],
        capture_output=True,
        text=True,
        timeout=STARTUP_SECONDS,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
        check=False,
    )
    assert done.returncode == 2
    assert "al in gebruik" in one_dutch_line(done.stderr)


@pytest.mark.parametrize(
    ("old", "new", "value", "dest", "expected"),
    [
        ("--schools", "--scholen", "3", "schools", 3),
        ("--students-per-group", "--leerlingen-per-groep", "4", "students_per_group", 4),
        ("--groups", "--aantal-groepen", "2", "groups", 2),
        ("--pupils", "--aantal-leerlingen", "9", "pupils", 9),
        ("--activate-all", "--activeren", None, "activate_all", True),
        ("--ruwe-opname", "--raw-recording", None, "ruwe_opname", True),
    ],
)
def test_an_old_spelling_still_works_with_one_deprecation_line(
    old: str,
    new: str,
    value: str | None,
    dest: str,
    expected: object,
    capsys: pytest.CaptureFixture[str],
) -> None:
    given = [old] if value is None else [old, value]
    args = cli._parser().parse_args(["serve", *given])
    assert getattr(args, dest) == expected
    assert capsys.readouterr().err == f"{old} is verouderd; gebruik {new}\n"
    assert old not in cli._parser().parse_args(["serve"]).__dict__
    new_given = [new] if value is None else [new, value]
    assert getattr(cli._parser().parse_args(["serve", *new_given]), dest) == expected
    assert capsys.readouterr().err == ""


def test_the_old_recording_secret_option_still_works(capsys: pytest.CaptureFixture[str]) -> None:
    base = ["recording", "anonimiseren", "opname", "--out", "anoniem"]
    args = cli._parser().parse_args([*base, "--sleutel", "geheim"])
    assert args.sleutel == "geheim"
    assert capsys.readouterr().err == "--sleutel is verouderd; gebruik --secret\n"
    assert cli._parser().parse_args([*base, "--secret", "geheim"]).sleutel == "geheim"
    assert capsys.readouterr().err == ""
