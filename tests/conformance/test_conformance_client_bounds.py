"""The client suite's time bounds are options: ``--timeout`` reaches the afnemer as ``UWLR_TIMEOUT``.

With a short answer timeout the hang scenario takes about that long, so a CI job runs the whole
client suite in seconds; boomlink's own afnemer honours it (its own setting still wins).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conformance.cli import main
from conformance.client import ClientOptions, run_client


def _recording_command(seen: Path) -> list[str]:
    code = (
        "import os, pathlib; "
        f"pathlib.Path({str(seen)!r}).write_text(os.environ.get('UWLR_TIMEOUT', 'geen'))"
    )
    return [sys.executable, "-c", code]


def test_the_answer_timeout_reaches_the_command_as_uwlr_timeout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seen = tmp_path / "timeout.txt"
    main(["client", "--scenario", "normaal", "--timeout", "1.5", "--", *_recording_command(seen)])
    capsys.readouterr()
    assert seen.read_text() == "1.5"


def test_the_default_answer_timeout_is_ten_seconds(tmp_path: Path) -> None:
    seen = tmp_path / "timeout.txt"
    report = run_client(
        ClientOptions(command=_recording_command(seen), scenarios=["geenwijzigingen"])
    )
    assert seen.read_text() == "10"
    assert any("time-out per antwoord 10 s" in note for note in report.notes)


@pytest.mark.parametrize(
    "args",
    [
        ["--timeout", "0"],
        ["--timeout", "-1"],
        ["--timeout", "60", "--time-limit", "60"],  # no time left to give up and say so
    ],
)
def test_bounds_that_cannot_work_are_refused(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["client", *args, "--", "true"]) == 2
    err = capsys.readouterr().err
    assert "--timeout" in err and len(err.strip().splitlines()) == 1


def test_a_short_time_limit_alone_shortens_the_default_timeout(tmp_path: Path) -> None:
    seen = tmp_path / "timeout.txt"
    command = _recording_command(seen)
    assert main(["client", "--scenario", "normaal", "--time-limit", "6", "--", *command]) != 2
    assert seen.read_text() == "3"  # half the time limit, so the command can still give up
