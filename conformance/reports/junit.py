"""The report as JUnit XML: one testcase per check, so any CI server can show and gate on it.

FAIL → ``<failure>``; SKIP and expected failures → ``<skipped>``; WARN passes with the warning in
``<system-out>``. Evidence (masked) goes into ``<system-out>`` too.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from conformance.result import CheckResult, Outcome, Report

__all__ = ["junit_xml", "write_junit"]

_NOT_XML = re.compile("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _x(text: str) -> str:
    """``text`` with the characters XML cannot hold replaced (garbage answers have them)."""
    return _NOT_XML.sub("\ufffd", text)


def _evidence_text(result: CheckResult) -> str:
    parts = [f"{result.outcome.value}: {result.message}", f"regel: {result.check.rule}"]
    parts.append(f"bron: {result.check.source}")
    for evidence in result.evidence:
        parts.append(f"--- {evidence.label}")
        if evidence.note:
            parts.append(evidence.note)
        if evidence.request:
            parts.append(f">>> verzoek\n{evidence.request}")
        if evidence.response:
            parts.append(f"<<< antwoord\n{evidence.response}")
    return "\n".join(parts)


def junit_xml(report: Report) -> bytes:
    """The JUnit XML document for ``report``."""
    counts = report.counts()
    suites = etree.Element("testsuites", name="uwlr-conformance")
    suite = etree.SubElement(
        suites,
        "testsuite",
        name=f"uwlr-conformance {report.mode.value}",
        tests=str(len(report.results)),
        failures=str(sum(1 for r in report.results if r.counts_as_failure)),
        errors="0",
        skipped=str(counts["SKIP"] + counts["XFAIL"]),
        time=f"{report.seconds:.3f}",
        timestamp=report.started.isoformat(timespec="seconds"),
    )
    properties = etree.SubElement(suite, "properties")
    etree.SubElement(properties, "property", name="target", value=_x(report.target))
    for result in report.results:
        case = etree.SubElement(
            suite,
            "testcase",
            classname=f"uwlr.{report.mode.value}.{result.check.area}",
            name=f"{result.check.id} {result.check.title}",
            time=f"{result.seconds:.3f}",
        )
        if result.expected_failure is not None:
            etree.SubElement(
                case, "skipped", message=_x(f"verwachte fout: {result.expected_failure}")
            ).text = _x(result.message)
        elif result.outcome is Outcome.FAIL:
            etree.SubElement(
                case, "failure", message=_x(result.message), type=result.check.level.value
            ).text = _x(result.message)
        elif result.outcome is Outcome.SKIP:
            message = result.message
            if not message.lower().startswith("niet uitgevoerd"):
                message = f"niet uitgevoerd: {message}"
            etree.SubElement(case, "skipped", message=_x(message))
        etree.SubElement(case, "system-out").text = _x(_evidence_text(result))
    if report.strict and report.must_not_run():
        _strict_failure(suite, report)
    return bytes(etree.tostring(suites, xml_declaration=True, encoding="utf-8", pretty_print=True))


def _strict_failure(suite: etree._Element, report: Report) -> None:
    """With ``--streng`` one more testcase fails, so a gate on the JUnit file fails as the exit
    code does; the checks themselves stay ``<skipped>``."""
    missing = [r.check.id for r in report.must_not_run()]
    case = etree.SubElement(
        suite,
        "testcase",
        classname=f"uwlr.{report.mode.value}.streng",
        name="--streng: elke MUST-controle is uitgevoerd",
        time="0.000",
    )
    message = f"{len(missing)} MUST-controle(s) niet uitgevoerd: {', '.join(missing)}"
    etree.SubElement(case, "failure", message=message, type="MUST").text = message
    suite.set("tests", str(int(suite.get("tests", "0")) + 1))
    suite.set("failures", str(int(suite.get("failures", "0")) + 1))


def write_junit(report: Report, path: Path) -> None:
    """Write the JUnit XML of ``report`` to ``path``."""
    path.write_bytes(junit_xml(report))
