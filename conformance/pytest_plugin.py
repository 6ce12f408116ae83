"""pytest entry point: the conformance checks as test items, one per check, for CI pipelines.

Installing the package registers it (``pytest11`` entry point ``uwlr_conformance``); it does
nothing until one of its options is given::

    pytest --uwlr-las-state-file state.json -k UWLR
    pytest --uwlr-las-url URL --uwlr-sleutel KEY --uwlr-klantcode C \\
        --uwlr-klantnaam N --uwlr-brincode 99QQ -k UWLR
    pytest --uwlr-client-command "boomlink uwlr-afnemer" -k UWLR

Every item is named ``UWLR <id>``; ``-k UWLR`` keeps only these when the folder has other tests.
The checks run once, at the first item; each item then reports its own result: FAIL fails,
SKIP skips, an expected failure (``--uwlr-expected-failures FILE``) is an xfail, WARN passes
with the warning in the item's report section. ``--junitxml`` gives one testcase per check.

Loading the plugin imports nothing but pytest (it is loaded in every run of the venv): the
harness is imported only when a run asks for the checks (docs/adr/0023-python-versions-and-lazy-plugins.md).
"""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from conformance.catalogue import Check, Mode
    from conformance.result import CheckResult, Report

__all__ = ["UwlrCheckFailed", "UwlrCheckItem"]

_REPORT: pytest.StashKey[Report] = pytest.StashKey()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("uwlr-conformance", "UWLR conformance checks as tests")
    group.addoption("--uwlr-las-state-file", type=Path, help="mock-esis state file of the LAS")
    group.addoption("--uwlr-las-url", help="leerlinggegevens endpoint of the LAS")
    group.addoption("--uwlr-leerresultaten-url", help="leerresultaten endpoint of the LAS")
    group.addoption("--uwlr-sleutel", help="autorisatiesleutel (LAS mode)")
    group.addoption("--uwlr-klantcode", help="klantcode (LAS mode)")
    group.addoption("--uwlr-klantnaam", help="klantnaam (LAS mode)")
    group.addoption("--uwlr-brincode", help="BRIN of the school (LAS mode)")
    group.addoption("--uwlr-dependancecode", help="dependancecode (LAS mode)")
    group.addoption("--uwlr-schoolkey", help="schoolkey instead of the BRIN (LAS mode)")
    group.addoption("--uwlr-schooljaar", help="schooljaar, e.g. 2026-2027")
    group.addoption("--uwlr-allow-writes", action="store_true", help="also BrengLeerresultaten")
    group.addoption("--uwlr-client-command", help="client mode: the afnemer command to run")
    group.addoption("--uwlr-time-limit", type=float, default=60.0, help="seconds per scenario")
    group.addoption("--uwlr-scenario", action="append", help="client mode: only this scenario")
    group.addoption("--uwlr-xsd-dir", type=Path, help="folder with the official UWLR schemas")
    group.addoption("--uwlr-expected-failures", type=Path, help="expected-failures file")


def _mode(config: pytest.Config) -> Mode | None:
    from conformance.catalogue import Mode

    if config.getoption("--uwlr-client-command"):
        return Mode.CLIENT
    if config.getoption("--uwlr-las-state-file") or config.getoption("--uwlr-las-url"):
        return Mode.LAS
    return None


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    mode = _mode(config)
    if mode is None:
        return
    from conformance.catalogue import checks_for

    items.extend(
        UwlrCheckItem.from_parent(session, name=f"UWLR {check.id}", check=check)
        for check in checks_for(mode)
    )


class UwlrCheckFailed(Exception):
    """A MUST check failed; carries the result for the failure report."""

    def __init__(self, result: CheckResult) -> None:
        super().__init__(result.message)
        self.result = result


class UwlrCheckItem(pytest.Item):
    """One conformance check as a test item."""

    def __init__(self, *, check: Check, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.check = check

    def runtest(self) -> None:
        from conformance.result import Outcome

        result = _report(self.config).result(self.check.id)
        if result.expected_failure is not None:
            pytest.xfail(f"{result.expected_failure}: {result.message}")
        if result.outcome is Outcome.SKIP:
            pytest.skip(result.message)
        if result.outcome is Outcome.WARN:
            self.add_report_section("call", "uwlr", f"WARN ({self.check.level}): {result.message}")
            return
        if result.outcome is Outcome.FAIL:
            raise UwlrCheckFailed(result)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, UwlrCheckFailed):
            result = excinfo.value.result
            lines = [
                f"{result.check.id} ({result.check.level}) {result.check.title}",
                f"bevinding: {result.message}",
                f"regel: {result.check.rule}",
                f"bron: {result.check.source}",
            ]
            for evidence in result.evidence[:3]:
                lines.append(f"--- {evidence.label}")
                for part in (evidence.note, evidence.request, evidence.response):
                    if part:
                        lines.append(part[:1500])
            return "\n".join(lines)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.config.rootpath, None, f"{self.check.id} {self.check.title}"


def _report(config: pytest.Config) -> Report:
    if _REPORT not in config.stash:
        from conformance.errors import ConfigurationError
        from conformance.expected import apply_expected, load_expected_failures

        try:
            report = _run(config)
        except ConfigurationError as exc:  # nothing to judge: stop, as the command line does
            pytest.exit(f"uwlr-conformance: configuratiefout: {exc}", pytest.ExitCode.USAGE_ERROR)
        expected_file = config.getoption("--uwlr-expected-failures")
        if expected_file is not None:
            apply_expected(report, load_expected_failures(expected_file))
        config.stash[_REPORT] = report
    return config.stash[_REPORT]


def _official(config: pytest.Config) -> Any:
    from uwlr.official import OfficialSchemasMissing, load_official, official_schemas

    folder = config.getoption("--uwlr-xsd-dir")
    if folder is not None:
        return load_official(folder)
    try:
        return official_schemas()
    except OfficialSchemasMissing:
        return None


def _run(config: pytest.Config) -> Report:
    from conformance.catalogue import Mode

    official = _official(config)
    if _mode(config) is Mode.CLIENT:
        from conformance.client import ClientOptions, run_client

        return run_client(
            ClientOptions(
                command=shlex.split(config.getoption("--uwlr-client-command")),
                time_limit=config.getoption("--uwlr-time-limit"),
                scenarios=config.getoption("--uwlr-scenario"),
                official=official,
            )
        )
    from conformance.las import LasOptions, LasTarget, run_las

    option = config.getoption
    state_file = option("--uwlr-las-state-file")
    fields: dict[str, Any] = {
        "leerlinggegevens_url": option("--uwlr-las-url"),
        "leerresultaten_url": option("--uwlr-leerresultaten-url"),
        "sleutel": option("--uwlr-sleutel"),
        "klantcode": option("--uwlr-klantcode"),
        "klantnaam": option("--uwlr-klantnaam"),
        "schooljaar": option("--uwlr-schooljaar"),
    }
    address = {
        "brincode": option("--uwlr-brincode"),
        "dependancecode": option("--uwlr-dependancecode"),
        "schoolkey": option("--uwlr-schoolkey"),
    }
    if state_file is not None:
        target = LasTarget.from_state_file(state_file, **address, **fields)
    else:
        given = {k: v for k, v in {**fields, **address}.items() if v is not None}
        target = LasTarget(**given)
    return run_las(
        target, LasOptions(allow_writes=option("--uwlr-allow-writes"), official=official)
    )
