"""Reports (JUnit, JSON, HTML, terminal) and the expected-failures file."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from lxml import etree

from conformance.catalogue import Mode, by_id
from conformance.expected import ExpectedFailuresError, apply_expected, load_expected_failures
from conformance.reports import print_report, write_html, write_json, write_junit
from conformance.result import CheckResult, Evidence, Outcome, Report, Verdict

MASKED = "••••••••7890"


def _report() -> Report:
    evidence = Evidence(
        "verzoek", request=f"<x>{MASKED}</x>", response="\x00\x07kapot", http_status=500
    )
    return Report(
        mode=Mode.LAS,
        target="http://las.example/uwlr",
        results=[
            CheckResult.from_verdict(by_id("LAS-WSDL-001"), Verdict.ok("goed")),
            CheckResult.from_verdict(by_id("LAS-AUTH-001"), Verdict.broken("fout <b>", evidence)),
            CheckResult.from_verdict(by_id("LAS-WSDL-003"), Verdict.broken("waarschuwing")),
            CheckResult.from_verdict(by_id("LAS-WRITE-001"), Verdict.skipped("niet gedaan")),
        ],
        latency={"HaalLeerlinggegevens": {"count": 3, "p50_ms": 1.5, "max_ms": 4.0}},
    )


def test_outcomes_follow_the_level() -> None:
    report = _report()
    assert report.outcomes() == {
        "LAS-WSDL-001": Outcome.PASS,
        "LAS-AUTH-001": Outcome.FAIL,
        "LAS-WSDL-003": Outcome.WARN,  # a SHOULD
        "LAS-WRITE-001": Outcome.SKIP,
    }
    assert report.counts() == {"PASS": 1, "FAIL": 1, "WARN": 1, "SKIP": 1, "XFAIL": 0}
    assert report.exit_code == 1


def test_junit_has_one_case_per_check(tmp_path: Path) -> None:
    path = tmp_path / "junit.xml"
    write_junit(_report(), path)
    suite = etree.parse(str(path)).getroot().find("testsuite")
    assert suite is not None
    assert (
        suite.get("tests") == "4" and suite.get("failures") == "1" and suite.get("skipped") == "1"
    )
    failure = suite.find("testcase/failure")
    assert failure is not None and failure.get("message") == "fout <b>"
    assert "\ufffd" in etree.tostring(suite, encoding="unicode")  # control bytes replaced


def test_html_is_self_contained_and_escaped(tmp_path: Path) -> None:
    path = tmp_path / "r.html"
    write_html(_report(), path)
    html = path.read_text("utf-8")
    assert "<script" not in html and "http-equiv" not in html and "<link" not in html
    assert "fout &lt;b&gt;" in html
    assert MASKED in html and "LAS-WRITE-001" in html and "GEZAKT" in html


def test_json_and_terminal(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    write_json(_report(), path)
    data = json.loads(path.read_text("utf-8"))
    assert data["counts"]["FAIL"] == 1 and data["results"][1]["evidence"][0]["http_status"] == 500
    out = io.StringIO()
    print_report(_report(), out, verbose=True)
    text = out.getvalue()
    assert "LAS-AUTH-001" in text and "GEZAKT" in text and "p50" in text


def test_expected_failures_are_reported_not_counted(tmp_path: Path) -> None:
    listed = tmp_path / "verwacht.txt"
    listed.write_text(
        "# bekende fouten\nLAS-AUTH-001  ticket 42: header nog niet gecontroleerd\nLAS-WSDL-001\n",
        "utf-8",
    )
    expected = load_expected_failures(listed)
    assert expected == {
        "LAS-AUTH-001": "ticket 42: header nog niet gecontroleerd",
        "LAS-WSDL-001": "verwacht",
    }
    report = apply_expected(_report(), expected)
    assert report.passed and report.exit_code == 0
    assert report.counts()["XFAIL"] == 1
    assert any("LAS-WSDL-001" in note for note in report.notes)  # listed but passed


def test_expected_failures_file_formats_and_errors(tmp_path: Path) -> None:
    as_json = tmp_path / "verwacht.json"
    as_json.write_text('{"LAS-GETR-001": "getrapt nog niet gebouwd"}', "utf-8")
    assert load_expected_failures(as_json) == {"LAS-GETR-001": "getrapt nog niet gebouwd"}
    typo = tmp_path / "typo.txt"
    typo.write_text("LAS-AUTH-01\n", "utf-8")
    with pytest.raises(ExpectedFailuresError, match="onbekende controles: LAS-AUTH-01"):
        load_expected_failures(typo)
    with pytest.raises(ExpectedFailuresError):
        load_expected_failures(tmp_path / "bestaat-niet.txt")


def test_a_crashing_check_is_a_fail_with_its_traceback() -> None:
    from conformance.registry import Registry

    registry: Registry[object] = Registry()

    @registry.check("LAS-WSDL-001")
    def boom(context: object) -> Verdict:
        raise RuntimeError("kapot")

    [result] = registry.run([by_id("LAS-WSDL-001")], object())
    assert result.outcome is Outcome.FAIL
    assert "RuntimeError: kapot" in result.message
    assert result.evidence[0].note and "Traceback" in result.evidence[0].note
