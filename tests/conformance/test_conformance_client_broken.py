"""Broken clients: an afnemer broken in one way is caught by the check meant for it.

The afnemer is ``clients/afnemer.py`` (a real program talking HTTP to the mock ESIS); each case
runs only the scenarios its breakage shows up in, with short time limits.
"""

from __future__ import annotations

import pytest
from conformance_testkit import client_command

from conformance.client import ClientOptions, run_client
from conformance.result import Outcome, Report

pytestmark = pytest.mark.slow


def _run(breuk: str, *scenarios: str, time_limit: float = 15.0) -> Report:
    return run_client(
        ClientOptions(command=client_command(breuk), scenarios=scenarios, time_limit=time_limit)
    )


def _failed(report: Report) -> set[str]:
    return {r.check.id for r in report.results if r.outcome is Outcome.FAIL}


def test_the_conformant_test_client_passes_every_scenario() -> None:
    report = _run("goed", time_limit=15.0)
    assert _failed(report) == set(), [
        r.message for r in report.results if r.outcome is Outcome.FAIL
    ]
    assert report.passed
    assert report.outcomes()["CLI-REQ-003"] in (Outcome.PASS, Outcome.SKIP)


CASES = [
    (
        "nooit-opnieuw",
        ("tijdelijk-niet-beschikbaar", "http-503"),
        {"CLI-RETRY-001", "CLI-RETRY-002"},
    ),
    ("nooit-opnieuw", ("verbinding-verbroken",), {"CLI-RETRY-003"}),
    ("client-fouten-opnieuw", ("autorisatie-ongeldig",), {"CLI-AUTH-002"}),
    ("geen-soapaction", ("normaal",), {"CLI-REQ-004"}),
    # the mock refuses these requests, so the normal run fails too: that is right
    (
        "header-onvolledig",
        ("normaal",),
        {"CLI-REQ-001", "CLI-REQ-002", "CLI-REQ-003", "CLI-RUN-001", "CLI-RUN-002", "CLI-RUN-003"},
    ),
    (
        "dubbele-sleutels",
        ("normaal",),
        {"CLI-REQ-006", "CLI-REQ-002", "CLI-REQ-003", "CLI-RUN-001", "CLI-RUN-003"},
    ),
    ("crash-bij-kapotte-xml", ("onleesbaar-antwoord",), {"CLI-MALF-002", "CLI-OUT-002"}),
    ("toont-sleutel", ("normaal",), {"CLI-SEC-001"}),
]


@pytest.mark.parametrize(
    ("breuk", "scenarios", "expected"), CASES, ids=[f"{c[0]}-{c[1][0]}" for c in CASES]
)
def test_each_breakage_is_caught_by_its_check(
    breuk: str, scenarios: tuple[str, ...], expected: set[str]
) -> None:
    report = _run(breuk, *scenarios)
    failed = _failed(report)
    if "CLI-REQ-003" in expected and report.outcomes()["CLI-REQ-003"] is Outcome.SKIP:
        expected = expected - {"CLI-REQ-003"}  # the official schemas are not here
    assert failed == expected
    assert report.exit_code == 1


def test_a_client_without_timeout_is_stopped_at_the_time_limit() -> None:
    report = _run("geen-timeout", "hang", time_limit=3.0)
    assert _failed(report) == {"CLI-HANG-001", "CLI-HANG-002"}
    result = report.result("CLI-HANG-001")
    assert "3 s" in result.message
    assert report.result("CLI-HANG-001").check.level.value == "MUST"


def test_unknown_scenarios_are_refused() -> None:
    with pytest.raises(ValueError, match="onbekend scenario"):
        _run("goed", "bestaat-niet")
