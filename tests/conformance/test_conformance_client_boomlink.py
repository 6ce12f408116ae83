"""Client mode against boomlink's own afnemer command: every MUST passes, in every scenario.

Run through the command line, as CI would (``uwlr-conformance client --timeout 1 -- python -m
boomlink.cli.afnemer``, the lean entry point of ``boomlink uwlr-afnemer``). The answer timeout
reaches the afnemer as ``UWLR_TIMEOUT``, so the hang scenario takes about a second.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from conformance.cli import main

pytestmark = pytest.mark.slow

AFNEMER = [sys.executable, "-m", "boomlink.cli.afnemer"]


def test_boomlink_passes_every_client_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("BOOMLINK_UWLR_READ_TIMEOUT", raising=False)  # UWLR_TIMEOUT decides
    monkeypatch.setenv("BOOMLINK_DB", str(tmp_path / "boomlink.sqlite3"))
    report = tmp_path / "client.json"
    code = main(
        ["client", "--time-limit", "20", "--timeout", "1", "--json", str(report), "--", *AFNEMER]
    )
    out = capsys.readouterr().out
    data = json.loads(report.read_text("utf-8"))
    failing = {r["id"]: r["message"] for r in data["results"] if r["outcome"] == "FAIL"}
    assert code == 0, failing or out
    assert data["counts"]["FAIL"] == 0
    skipped = {r["id"] for r in data["results"] if r["outcome"] == "SKIP"}
    assert skipped <= {"CLI-REQ-003"}  # only when the official schemas are absent
    assert "GESLAAGD" in out
    hang = next(r for r in data["results"] if r["id"] == "CLI-HANG-001")
    assert "exitcode" in hang["message"]  # ended by itself, after its 1 s answer timeout


def test_client_needs_a_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["client"]) == 2
    assert "geef de opdracht na --" in capsys.readouterr().err
    assert main(["client", "--scenario", "bestaat-niet", "--", "true"]) == 2
