"""MUST checks that need the official schemas: ``--officieel DIR``, "niet uitgevoerd", ``--streng``.

Through the command line against a real mock ESIS (LAS mode) and a real afnemer process (client
mode); every report format is read back.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conformance_testkit import client_command, serving
from lxml import etree

from conformance.cli import main
from uwlr.official import OFFICIAL_DIR_ENV, official_xsd_dir


@pytest.fixture(autouse=True)
def _no_schema_folder_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(OFFICIAL_DIR_ENV, raising=False)


def _results(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in data["results"]}


def test_without_officieel_the_official_must_is_not_run_and_says_how_to_get_the_schemas(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junit, html, js = tmp_path / "las.xml", tmp_path / "las.html", tmp_path / "las.json"
    with serving() as (server, _target):
        state = tmp_path / "esis.json"
        server.write_state_file(state)
        code = main(
            ["las", "--state-file", str(state), "--allow-writes"]
            + ["--junit", str(junit), "--html", str(html), "--json", str(js)]
        )
    out = capsys.readouterr().out
    assert code == 0, out
    data = json.loads(js.read_text("utf-8"))
    env003 = _results(data)["LAS-ENV-003"]
    assert env003["outcome"] == "SKIP" and env003["not_run"] is True
    assert "niet uitgevoerd" in str(env003["message"]).lower()
    assert "--officieel" in str(env003["message"]) and "Edustandaard" in str(env003["message"])
    not_run = [r for r in data["results"] if r["level"] == "MUST" and r["outcome"] == "SKIP"]
    assert data["must_not_run"] == len(not_run) >= 1
    assert data["strict"] is False and data["passed"] is True
    verdict = out.strip().splitlines()[-4:]
    assert any(f"{len(not_run)} MUST-controle" in line for line in verdict), out
    assert any("niet uitgevoerd" in line for line in verdict), out
    cases = etree.parse(str(junit)).iter("testcase")
    case = next(c for c in cases if c.get("name", "").startswith("LAS-ENV-003 "))
    skipped = case.find("skipped")
    assert skipped is not None and "niet uitgevoerd" in skipped.get("message", "").lower()
    page = html.read_text("utf-8")
    assert "niet uitgevoerd" in page and f"{len(not_run)} MUST-controle" in page


def test_streng_makes_a_skipped_must_a_failed_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junit, js = tmp_path / "las.xml", tmp_path / "las.json"
    with serving() as (server, _target):
        state = tmp_path / "esis.json"
        server.write_state_file(state)
        code = main(
            ["las", "--state-file", str(state), "--allow-writes", "--streng"]
            + ["--junit", str(junit), "--json", str(js)]
        )
    out = capsys.readouterr().out
    assert code == 1, out
    assert "GEZAKT" in out and "--streng" in out
    data = json.loads(js.read_text("utf-8"))
    assert data["strict"] is True and data["passed"] is False
    assert _results(data)["LAS-ENV-003"]["outcome"] == "SKIP"  # still shown as not run
    suite = etree.parse(str(junit)).find("testsuite")
    assert suite is not None and int(suite.get("failures", "0")) >= 1  # a JUnit gate fails too


def test_streng_passes_when_every_must_ran(tmp_path: Path) -> None:
    folder = official_xsd_dir()
    if folder is None:
        pytest.skip("de officiële UWLR 2.2-schema's staan niet in ../shared/uwlr-xsd")
    js = tmp_path / "las.json"
    with serving() as (server, _target):
        state = tmp_path / "esis.json"
        server.write_state_file(state)
        code = main(
            ["las", "--state-file", str(state), "--allow-writes", "--streng"]
            + ["--officieel", str(folder), "--json", str(js)]
        )
    data = json.loads(js.read_text("utf-8"))
    assert _results(data)["LAS-ENV-003"]["outcome"] == "PASS"
    assert data["must_not_run"] == 0
    assert code == 0


def test_xsd_dir_is_an_old_name_with_one_deprecation_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["las", "--state-file", "/bestaat/niet.json", "--officieel", "/nergens"]) == 2
    err = capsys.readouterr().err
    assert "--officieel" in err
    assert main(["las", "--state-file", "/bestaat/niet.json", "--xsd-dir", "/nergens"]) == 2
    err = capsys.readouterr().err
    deprecation = [line for line in err.splitlines() if "--xsd-dir" in line and "verouderd" in line]
    assert len(deprecation) == 1, err


def test_the_environment_variable_names_the_folder_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = official_xsd_dir()
    if folder is None:
        pytest.skip("de officiële UWLR 2.2-schema's staan niet in ../shared/uwlr-xsd")
    monkeypatch.setenv(OFFICIAL_DIR_ENV, str(folder))
    js = tmp_path / "las.json"
    with serving() as (server, _target):
        state = tmp_path / "esis.json"
        server.write_state_file(state)
        assert (
            main(["las", "--state-file", str(state), "--only", "LAS-ENV-003", "--json", str(js)])
            == 0
        )
    assert _results(json.loads(js.read_text("utf-8")))["LAS-ENV-003"]["outcome"] == "PASS"


def test_client_mode_reports_the_official_must_as_not_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    js = tmp_path / "client.json"
    code = main(
        ["client", "--scenario", "normaal", "--json", str(js), "--", *client_command("goed")]
    )
    out = capsys.readouterr().out
    data = json.loads(js.read_text("utf-8"))
    req003 = _results(data)["CLI-REQ-003"]
    assert req003["outcome"] == "SKIP" and "--officieel" in str(req003["message"])
    assert code == 0, out
    assert f"{data['must_not_run']} MUST-controle" in out
