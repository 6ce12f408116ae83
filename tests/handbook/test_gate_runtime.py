"""The handbook gate at run time (``features/gate.py``'s :class:`Handboekpoort`), run in a pytester.

A tagged scenario that is skipped or xfailed fails the run naming its IDs; a skip because a side
has no driver of the run's kind is reported per driver and does not; a rule counts as covered
for a driver only when its scenarios passed with it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

FEATURES = Path(__file__).resolve().parents[2] / "features"


def _run(pytester: pytest.Pytester, driver: str, body: str) -> pytest.RunResult:
    pytester.makeconftest(
        f"""
import sys
sys.path.insert(0, {str(FEATURES)!r})
from gate import Handboekpoort, register_markers

def pytest_configure(config):
    register_markers(config)
    config.pluginmanager.register(Handboekpoort(driver={driver!r}), "handboekpoort")
"""
    )
    pytester.makepyfile(
        "import pytest\n"
        "S101 = getattr(pytest.mark, 'H-S1-01')\n"
        "S102 = getattr(pytest.mark, 'H-S1-02')\n"
        "S103 = getattr(pytest.mark, 'H-S1-03')\n" + body
    )
    return pytester.runpytest_subprocess("--strict-markers", "-p", "no:cacheprovider")


def test_a_rule_is_covered_per_driver_only_when_its_scenarios_passed(
    pytester: pytest.Pytester,
) -> None:
    result = _run(
        pytester,
        "service",
        "@S101\ndef test_a(): pass\n"
        "@S101\n@S102\ndef test_b(): pass\n"
        "@S103\ndef test_c(): assert False\n",
    )
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(
        [
            "Handboekpoort ?service?: 2 van * regels geslaagd met driver service*",
            "*mislukt: H-S1-03*",
        ]
    )


def test_a_skipped_or_xfailed_scenario_fails_the_run_naming_its_ids(
    pytester: pytest.Pytester,
) -> None:
    result = _run(
        pytester,
        "service",
        "@S101\ndef test_a(): pytest.skip('later')\n"
        "@S102\n@pytest.mark.xfail(reason='kapot')\ndef test_b(): assert False\n",
    )
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(
        [
            "Handboekpoort: scenario's van deze regels zijn overgeslagen of xfail:",
            "  H-S1-01: *test_a*",
            "  H-S1-02: *test_b*",
        ]
    )


def test_a_side_without_a_browser_driver_is_reported_not_failed(
    pytester: pytest.Pytester,
) -> None:
    result = _run(
        pytester,
        "browser",
        "@S101\ndef test_a(): pass\n"
        "@S102\ndef test_b(): pytest.skip('nog geen browser-driver voor de Boom-kant')\n",
    )
    assert result.ret == pytest.ExitCode.OK
    result.stdout.fnmatch_lines(
        [
            "Handboekpoort ?browser?: 1 van * regels geslaagd met driver browser*",
            "  nog niet gedekt met driver browser (nog geen browser-driver): H-S1-02",
        ]
    )
