"""The handbook gate, in one place: which rule has which scenario, and which rules passed.

Statically, it reads every ``features/*.feature`` with the official Gherkin parser and returns,
per scenario, the requirement IDs it carries (its own tags plus those of its ``Regel`` and
``Functionaliteit``, and of its ``Voorbeelden`` tables); ``tests/handbook`` checks that every
rule has a scenario. The rule list is ``../shared/handbook/REQUIREMENTS.md`` when present, else
the project's own copy ``features/REQUIREMENTS.md``.

At run time, :class:`Handboekpoort` (a pytest plugin that ``features/conftest.py`` registers)
records per rule how its scenarios ended with the run's driver (``--driver``):

- a rule counts as covered for that driver only when every one of its scenarios that ran
  passed and at least one did;
- a tagged scenario that was skipped or xfailed fails the run, naming the IDs; except a skip
  because a side has no driver of that kind yet (:data:`GEEN_DRIVER`), which is reported as
  "not yet covered with that driver" and does not fail the run;
- the terminal summary says, per driver, how many rules passed and which did not.

The browser run (``--driver=browser``) runs only the scenarios of the rules that must pass in a
browser (:data:`BROWSER_REGELS`: the Boom-side screens of the handbook) and fails, naming the
IDs, when such a rule of the run did not pass with the browser driver. Without Chromium the
scenarios skip with the install hint (:data:`GEEN_BROWSER`): reported, not failed (under
``CI=true`` the browser fixture fails instead).
"""

from __future__ import annotations

import re
from collections.abc import Generator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from gherkin.parser import Parser
from gherkin.token_scanner import TokenScanner

__all__ = [
    "FEATURES",
    "ID_TAG",
    "SHARED_REQUIREMENTS",
    "LOCAL_REQUIREMENTS",
    "BROWSER_REGELS",
    "GEEN_BROWSER",
    "GEEN_DRIVER",
    "Handboekpoort",
    "ScenarioTags",
    "register_markers",
    "requirement_ids",
    "requirements",
    "scenario_tags",
]

FEATURES = Path(__file__).resolve().parent
SHARED_REQUIREMENTS = FEATURES.parent.parent / "shared" / "handbook" / "REQUIREMENTS.md"
LOCAL_REQUIREMENTS = FEATURES / "REQUIREMENTS.md"
#: A tag that looks like a requirement ID.
ID_TAG = re.compile(r"^@?(H-[A-Z0-9]+-\d+)$")
_RULE = re.compile(r"^\s*-\s*\*\*(?P<id>H-[A-Z0-9]+-\d+)\*\*\s*(?P<rule>.*)$")
#: The skip reason of a scenario whose side has no driver of the run's kind yet.
GEEN_DRIVER = re.compile(r"nog geen (?P<soort>[\w-]+)-driver voor (?P<kant>.+)")
#: The skip reason of a browser scenario on a machine without Chromium (locally only).
GEEN_BROWSER = re.compile(r"Chromium ontbreekt")

#: The handbook rules that count as covered only when their scenarios pass in a browser: the
#: Boom side's screens (Voorbereiding, Stap 1, Stap 3, Stap 4's import review).
BROWSER_REGELS: frozenset[str] = frozenset(
    [f"H-P-0{n}" for n in range(1, 8)]
    + [f"H-S1-0{n}" for n in range(1, 6)]
    + [f"H-S3-0{n}" for n in range(1, 6)]
    + [f"H-S4-0{n}" for n in range(1, 9)]
)


@dataclass(frozen=True)
class ScenarioTags:
    """One scenario (or outline) and the requirement IDs it is tagged with."""

    feature_file: str
    name: str
    line: int
    ids: frozenset[str]


def requirement_ids(path: Path) -> dict[str, str]:
    """``{ID: rule}`` for every ``- **H-...** rule`` line of a requirements file."""
    found: dict[str, str] = {}
    for line in path.read_text("utf-8").splitlines():
        match = _RULE.match(line)
        if match:
            found[match["id"]] = match["rule"].strip()
    return found


def _ids(tags: list[dict[str, Any]]) -> set[str]:
    return {m[1] for t in tags if (m := ID_TAG.match(t["name"]))}


def _scenarios(
    children: list[dict[str, Any]], inherited: set[str], file: str
) -> list[ScenarioTags]:
    found = []
    for child in children:
        if "rule" in child:
            rule = child["rule"]
            found += _scenarios(rule["children"], inherited | _ids(rule["tags"]), file)
        elif "scenario" in child:
            scenario = child["scenario"]
            ids = inherited | _ids(scenario["tags"])
            for examples in scenario.get("examples", []):
                ids |= _ids(examples["tags"])
            found.append(
                ScenarioTags(
                    feature_file=file,
                    name=scenario["name"],
                    line=scenario["location"]["line"],
                    ids=frozenset(ids),
                )
            )
    return found


def scenario_tags(folder: Path = FEATURES) -> list[ScenarioTags]:
    """Every scenario of every feature file under ``folder``, with its requirement IDs."""
    found: list[ScenarioTags] = []
    for path in sorted(folder.rglob("*.feature")):
        document = Parser().parse(TokenScanner(path.read_text("utf-8")))
        feature: dict[str, Any] | None = document.get("feature")  # type: ignore[assignment]
        if feature is None:
            continue
        name = str(path.relative_to(folder))
        found += _scenarios(feature["children"], _ids(feature["tags"]), name)
    return found


def requirements() -> dict[str, str]:
    """The rules of the shared handbook when present, else of the project's own copy."""
    path = SHARED_REQUIREMENTS if SHARED_REQUIREMENTS.is_file() else LOCAL_REQUIREMENTS
    return requirement_ids(path)


def register_markers(config: pytest.Config) -> None:
    """One pytest marker per handbook rule, so ``--strict-markers`` accepts the feature tags."""
    for requirement, rule in requirements().items():
        summary = rule.replace(":", " -")[:120]
        config.addinivalue_line("markers", f"{requirement}: handbook rule - {summary}")


def _requirement_marks(item: pytest.Item) -> list[str]:
    return sorted({m[1] for m in (ID_TAG.match(k.name) for k in item.iter_markers()) if m})


def _skip_reason(report: pytest.TestReport) -> str:
    if isinstance(report.longrepr, tuple):
        return str(report.longrepr[2]).removeprefix("Skipped: ")
    return str(report.longrepr or "")


@dataclass(eq=False)
class Handboekpoort:
    """The gate at run time (see the module docstring); ``driver`` is the run's ``--driver``."""

    driver: str
    rules: dict[str, str] = field(default_factory=requirements)
    passed: dict[str, set[str]] = field(default_factory=dict)
    failed: dict[str, set[str]] = field(default_factory=dict)
    not_run: dict[str, set[str]] = field(default_factory=dict)
    no_driver: dict[str, set[str]] = field(default_factory=dict)
    no_browser: dict[str, set[str]] = field(default_factory=dict)
    selected: set[str] = field(default_factory=set)

    @property
    def browser_run(self) -> bool:
        return self.driver == "browser"

    def pytest_collection_modifyitems(
        self, config: pytest.Config, items: list[pytest.Item]
    ) -> None:
        """The browser run keeps only the scenarios of :data:`BROWSER_REGELS`."""
        if not self.browser_run:
            return
        keep = [i for i in items if BROWSER_REGELS & set(_requirement_marks(i))]
        dropped = [i for i in items if i not in keep]
        if dropped:
            config.hook.pytest_deselected(items=dropped)
            items[:] = keep

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        self.selected = {rid for item in session.items for rid in _requirement_marks(item)}

    def browser_missing(self) -> list[str]:
        """Browser rules of this run that did not pass in the browser (none for the service run
        and for rules none of whose scenarios was selected, such as with ``-k``)."""
        if not self.browser_run:
            return []
        return sorted((BROWSER_REGELS & self.selected) - self.covered() - set(self.no_browser))

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> Generator[None, Any, None]:
        outcome = yield
        report = outcome.get_result()
        report.requirement_ids = _requirement_marks(item)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        ids: list[str] = getattr(report, "requirement_ids", [])
        if not ids:
            return
        # Under pytest-xdist the controller collects nothing: what was selected is read off the
        # reports (requirement_ids travels with each report from the worker).
        self.selected.update(ids)
        if report.skipped or hasattr(report, "wasxfail"):
            reason = _skip_reason(report) if report.skipped else ""
            if GEEN_BROWSER.search(reason):
                bucket = self.no_browser
            elif GEEN_DRIVER.search(reason):
                bucket = self.no_driver
            else:
                bucket = self.not_run
            for rid in ids:
                bucket.setdefault(rid, set()).add(report.nodeid)
        elif report.failed:
            for rid in ids:
                self.failed.setdefault(rid, set()).add(report.nodeid)
        elif report.when == "call" and report.passed:
            for rid in ids:
                self.passed.setdefault(rid, set()).add(report.nodeid)

    def covered(self) -> set[str]:
        """The rules whose scenarios all passed with this driver (at least one ran)."""
        spoiled = set(self.failed) | set(self.not_run) | set(self.no_driver) | set(self.no_browser)
        return set(self.passed) - spoiled

    def summary(self) -> list[str]:
        """The lines the run ends with: one per driver, then what is missing."""
        covered = self.covered()
        seen = (
            set(self.passed)
            | set(self.failed)
            | set(self.not_run)
            | set(self.no_driver)
            | set(self.no_browser)
        )
        lines = [
            f"Handboekpoort [{self.driver}]: {len(covered)} van {len(self.rules)} regels "
            f"geslaagd met driver {self.driver}"
            + (f" ({len(seen)} regels liepen in deze run)" if seen != set(self.rules) else "")
        ]
        if self.browser_run:
            in_browser = sorted(BROWSER_REGELS & covered)
            lines.append(
                f"  in de browser geslaagd: {len(in_browser)} van {len(BROWSER_REGELS)} "
                "browserregels: " + ", ".join(in_browser)
            )
        if self.no_browser:
            lines.append(
                "  niet gedraaid zonder Chromium (installeer `chromium`): "
                + ", ".join(sorted(self.no_browser))
            )
        if self.no_driver:
            lines.append(
                f"  nog niet gedekt met driver {self.driver} (nog geen {self.driver}-driver): "
                + ", ".join(sorted(self.no_driver))
            )
        if self.failed:
            lines.append("  mislukt: " + ", ".join(sorted(self.failed)))
        return lines

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if not (self.passed or self.failed or self.not_run or self.no_driver or self.no_browser):
            return
        for line in self.summary():
            terminalreporter.write_line(line)

    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        """Fail the run, naming the IDs, when a scenario of a handbook rule did not really run,
        or (browser run) a browser rule did not pass in the browser."""
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write("\n")  # under xdist the progress line is still open here
        if self.not_run:
            lines = [
                f"  {rid}: {', '.join(sorted(nodes))}"
                for rid, nodes in sorted(self.not_run.items())
            ]
            message = "Handboekpoort: scenario's van deze regels zijn overgeslagen of xfail:\n"
            if reporter is not None:
                reporter.write_line(message + "\n".join(lines), red=True)
            session.exitstatus = pytest.ExitCode.TESTS_FAILED
        missing = self.browser_missing()
        if missing:
            if reporter is not None:
                reporter.write_line(
                    "Handboekpoort: deze regels zijn niet geslaagd in de browser: "
                    + ", ".join(missing),
                    red=True,
                )
            session.exitstatus = pytest.ExitCode.TESTS_FAILED
