"""``uwlr-conformance client`` scenarios with the judging proxy in between: the afnemer still
passes (the proxy changes nothing), and the proxy judged every exchange of every scenario."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from conformance_testkit import CLIENTS, client_command

from conformance.cli import main

pytestmark = pytest.mark.slow


def test_client_scenarios_pass_through_the_proxy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PROXY_RAPPORTEN", str(tmp_path))
    report = tmp_path / "client.json"
    command = [sys.executable, str(CLIENTS / "via_proxy.py"), *client_command("goed")]
    scenarios = ["--scenario", "normaal", "--scenario", "tijdelijk-niet-beschikbaar"]
    code = main(["client", *scenarios, "--time-limit", "30", "--json", str(report), "--", *command])
    data = json.loads(report.read_text("utf-8"))
    failing = {r["id"]: r["message"] for r in data["results"] if r["outcome"] == "FAIL"}
    assert code == 0, failing or capsys.readouterr().out
    proxied = [json.loads(p.read_text("utf-8")) for p in tmp_path.glob("proxy-*.json")]
    assert len(proxied) == 2  # one proxy run per scenario, each wrote its report
    for run in proxied:
        assert run["mode"] == "proxy"
        assert "HaalLeerlinggegevens" in run["latency_ms"]
        outcomes = {r["id"]: r["outcome"] for r in run["results"]}
        assert outcomes["CLI-REQ-002"] == "PASS" and outcomes["LAS-ENV-002"] == "PASS"
    # the injected Server.TijdelijkNietBeschikbaar was passed on unchanged and judged as a fault
    faults = [r for run in proxied for r in run["results"] if r["id"] == "LAS-ENV-005"]
    assert any(r["outcome"] == "PASS" for r in faults)
