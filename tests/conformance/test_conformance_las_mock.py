"""LAS mode against the mock ESIS: every MUST passes, in process and through the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conformance_testkit import serving

from conformance.cli import main
from conformance.las import LasOptions, run_las
from conformance.las.target import LasTarget, TargetError
from conformance.result import Outcome
from mock_esis.web.factory import MockOptions, build_app
from mock_esis.web.server import MockEsisServer
from uwlr.official import OfficialSchemasMissing, official_schemas


def test_every_check_passes_against_the_mock_with_writes() -> None:
    with serving() as (_, target):
        report = run_las(target, LasOptions(allow_writes=True))
    failing = {r.check.id: r.message for r in report.results if r.outcome is not Outcome.PASS}
    skipped_official = {"LAS-ENV-003"}  # no official schemas given here
    assert set(failing) == skipped_official, failing
    assert report.passed and report.exit_code == 0
    assert set(report.latency) == {
        "BrengLeerresultaten",
        "HaalLeerkrachten",
        "HaalLeerlingen",
        "HaalLeerlinggegevens",
        "HaalStructuur",
    }
    assert all(row["max_ms"] >= row["p50_ms"] > 0 for row in report.latency.values())


def test_against_the_official_schemas_too() -> None:
    try:
        official = official_schemas()
    except OfficialSchemasMissing as missing:
        pytest.skip(str(missing))
    with serving() as (_, target):
        report = run_las(target, LasOptions(official=official))
    assert report.result("LAS-ENV-003").outcome is Outcome.PASS
    assert report.passed


def test_writes_are_skipped_unless_allowed() -> None:
    with serving() as (server, target):
        report = run_las(target)
        stored = [r for s in server.app.state.schools.values() for r in s.resultaten]
    for check_id in ("LAS-WRITE-001", "LAS-WRITE-002", "LAS-WRITE-003", "LAS-WRITE-004"):
        assert report.result(check_id).outcome is Outcome.SKIP
    assert report.result("LAS-WRITE-005").outcome is Outcome.PASS  # refused, nothing stored
    assert stored == []


def test_a_school_addressed_by_schoolkey(tmp_path: Path) -> None:
    with serving() as (server, target):
        state = tmp_path / "state.json"
        server.write_state_file(state)
        school = json.loads(state.read_text())["scholen"][0]
        by_key = LasTarget.from_state_file(state, schoolkey=school["schoolkey"])
        report = run_las(by_key)
    assert by_key.schoolkey == school["schoolkey"] and by_key.brincode is None
    assert report.result("LAS-AUTH-012").outcome is Outcome.SKIP
    assert report.result("LAS-CONT-001").outcome is Outcome.PASS
    assert report.passed


def test_state_file_picks_the_school_by_brin(tmp_path: Path) -> None:
    server = MockEsisServer(build_app(MockOptions(seed=4, schools=2, activate_all=True)))
    state = tmp_path / "state.json"
    server.write_state_file(state)
    schools = json.loads(state.read_text())["scholen"]
    first = LasTarget.from_state_file(state)
    second = LasTarget.from_state_file(state, brincode=schools[1]["brincode"])
    assert first.brincode == schools[0]["brincode"]
    assert second.brincode == schools[1]["brincode"]
    assert second.sleutel == schools[1]["autorisatiesleutel"]
    assert "sleutel" not in repr(second) and second.sleutel not in repr(second)
    with pytest.raises(TargetError, match="geen school met BRIN 00ZZ"):
        LasTarget.from_state_file(state, brincode="00ZZ")
    server.stop()


def test_the_command_line_against_a_state_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with serving() as (server, target):
        state = tmp_path / "state.json"
        server.write_state_file(state)
        junit, js, html = tmp_path / "r.xml", tmp_path / "r.json", tmp_path / "r.html"
        code = main(
            ["las", "--state-file", str(state), "--allow-writes"]
            + ["--junit", str(junit), "--json", str(js), "--html", str(html)]
        )
    out = capsys.readouterr().out
    assert code == 0, out
    assert "GESLAAGD" in out
    for path in (junit, js, html):
        text = path.read_text("utf-8")
        assert target.sleutel not in text
        assert "LAS-AUTH-014" in text
    assert json.loads(js.read_text())["passed"] is True


def test_the_command_line_reports_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["las", "--klantcode", "X"]) == 2
    assert "ontbreekt" in capsys.readouterr().err
    assert main(["las", "--state-file", "/bestaat/niet.json"]) == 2
    assert main(["las", "--state-file", "/bestaat/niet.json", "--xsd-dir", "/nergens"]) == 2
    args = ["--leerlinggegevens-url", "http://127.0.0.1:9/x", "--sleutel", "abcdefgh"]
    args += ["--klantcode", "C", "--klantnaam", "N"]
    assert main(["las", *args]) == 2  # neither --brincode nor --schoolkey
    assert "precies één van --brincode en --schoolkey" in capsys.readouterr().err
