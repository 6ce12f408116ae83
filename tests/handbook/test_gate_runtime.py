"""The handbook gate at run time (``features/gate.py``'s :class:`Handboekpoort`), run in a pytester.

A tagged scenario that is skipped or xfailed fails the run naming its IDs; a skip because a side
has no driver of the run's kind is reported per driver and does not; a rule counts as covered
for a driver only when its scenarios passed with it. The browser run keeps only the scenarios of
the browser rules and fails naming a browser rule that did not pass in it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

FEATURES = Path(__file__).resolve().parents[2] / "features"


def _run(pytester: pytest.Pytester, driver: str, body: str, *args: str) -> pytest.RunResult:
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
        "S103 = getattr(pytest.mark, 'H-S1-03')\n"
        "S201 = getattr(pytest.mark, 'H-S2-01')\n"
        "S202 = getattr(pytest.mark, 'H-S2-02')\n"
        "SX03 = getattr(pytest.mark, 'H-X-03')\n" + body
    )
    return pytester.runpytest_subprocess("--strict-markers", "-p", "no:cacheprovider", *args)


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
    # H-S2-02's scenario skips because the ESIS side has no driver of the run's kind: reported
    # as not yet covered, and (a browser rule) named as not passed in the browser
    result = _run(
        pytester,
        "browser",
        "@S101\n@S201\ndef test_a(): pass\n"
        "@S101\n@S202\ndef test_b(): pytest.skip('nog geen browser-driver voor de ESIS-kant')\n"
        "@S102\ndef test_c(): pass\n",
    )
    assert result.ret == pytest.ExitCode.TESTS_FAILED  # H-S1-01 did not pass in the browser
    result.stdout.fnmatch_lines(
        [
            "Handboekpoort: deze regels zijn niet geslaagd in de browser: H-S1-01, H-S2-02",
            "Handboekpoort ?browser?: 2 van * regels geslaagd met driver browser*",
            "  nog niet gedekt met driver browser (nog geen browser-driver): H-S1-01, H-S2-02",
        ]
    )


def test_the_browser_run_selects_the_browser_rules_and_fails_naming_those_that_did_not_pass(
    pytester: pytest.Pytester,
) -> None:
    result = _run(
        pytester,
        "browser",
        "@S101\ndef test_a(): pass\n"
        "@S102\ndef test_b(): assert False\n"
        "@SX03\ndef test_not_a_screen_rule(): assert False\n"
        "def test_untagged(): assert False\n",
    )
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.assert_outcomes(passed=1, failed=1, deselected=2)
    result.stdout.fnmatch_lines(
        [
            "Handboekpoort: deze regels zijn niet geslaagd in de browser: H-S1-02",
            "  in de browser geslaagd: 1 van 33 browserregels: H-S1-01",
        ]
    )


def test_under_xdist_the_controller_judges_the_rules_its_workers_ran(
    pytester: pytest.Pytester,
) -> None:
    """``make test`` runs the features with ``-n 2``: the controller collects nothing itself, so
    it must learn the selected rules and outcomes from the workers' reports."""
    result = _run(
        pytester,
        "browser",
        "@S101\ndef test_a(): pass\n"
        "@S102\ndef test_b(): assert False\n"
        "@S103\ndef test_c(): pass\n"
        "@SX03\ndef test_not_a_browser_rule(): assert False\n",
        "-n",
        "2",
    )
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(
        [
            "Handboekpoort: deze regels zijn niet geslaagd in de browser: H-S1-02",
            "Handboekpoort ?browser?: 2 van * regels geslaagd met driver browser*",
        ]
    )


def test_a_browser_rule_with_no_selected_scenario_does_not_fail_the_run(
    pytester: pytest.Pytester,
) -> None:
    result = _run(pytester, "browser", "@S101\ndef test_a(): pass\n@S102\ndef test_b(): pass\n")
    assert result.ret == pytest.ExitCode.OK
    narrowed = pytester.runpytest_subprocess(
        "--strict-markers", "-p", "no:cacheprovider", "-k", "test_a"
    )
    assert narrowed.ret == pytest.ExitCode.OK


def test_without_chromium_a_browser_scenario_is_reported_not_run_and_does_not_fail(
    pytester: pytest.Pytester,
) -> None:
    result = _run(
        pytester,
        "browser",
        "@S101\ndef test_a(): pytest.skip('Chromium ontbreekt: installeer Debian-Chromium')\n",
    )
    assert result.ret == pytest.ExitCode.OK
    result.stdout.fnmatch_lines(
        ["  niet gedraaid zonder Chromium (installeer `chromium`): H-S1-01"]
    )
