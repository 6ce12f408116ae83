"""Feature test set-up: a pytest marker per handbook requirement ID, and the step modules.

The tags of the feature files (``@H-S2-06``) become pytest marks; pyproject runs pytest with
``--strict-markers``, so every ``H-...`` ID of the handbook is registered here. The IDs come
from ``../shared/handbook/REQUIREMENTS.md`` when present, else from ``features/REQUIREMENTS.md``.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import steps
from drivers import SOORTEN
from gate import ID_TAG
from wereld import Wereld
from wereld.koppelen import koppel_deel  # noqa: F401  (fixtures of the world's parts)
from wereld.scherm import scherm_deel  # noqa: F401
from wereld.soap import soap_deel  # noqa: F401

from mock_esis.journal_audit import journal_problems


def _import_step_modules() -> None:
    """Make the step definitions of every module in ``features/steps/`` visible to pytest-bdd."""
    for info in sorted(pkgutil.iter_modules(steps.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"steps.{info.name}")
        globals().update({k: v for k, v in vars(module).items() if not k.startswith("__")})


_import_step_modules()

HERE = Path(__file__).resolve().parent
REQUIREMENT_FILES = (
    HERE.parent.parent / "shared" / "handbook" / "REQUIREMENTS.md",
    HERE / "REQUIREMENTS.md",
)
_RULE = re.compile(r"^\s*-\s*\*\*(?P<id>H-[A-Z0-9]+-\d+)\*\*\s*(?P<rule>.*)$")


def requirement_ids(text: str) -> dict[str, str]:
    """``{ID: one-line rule}`` for every ``- **H-...** rule`` line of a requirements file."""
    found: dict[str, str] = {}
    for line in text.splitlines():
        match = _RULE.match(line)
        if match:
            found[match["id"]] = match["rule"].strip()
    return found


def requirements() -> dict[str, str]:
    """The requirement IDs of the first requirements file that exists."""
    for path in REQUIREMENT_FILES:
        if path.is_file():
            return requirement_ids(path.read_text("utf-8"))
    raise FileNotFoundError("geen REQUIREMENTS.md gevonden voor de feature-tags")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--driver",
        choices=SOORTEN,
        default="service",
        help="hoe de scenario's het product bedienen: via de services of via de browser",
    )


@pytest.fixture
def wereld(request: pytest.FixtureRequest) -> Wereld:
    """The scenario's world, driven the way ``--driver`` says."""
    return Wereld(request=request, soort=str(request.config.getoption("--driver")))


def pytest_configure(config: pytest.Config) -> None:
    for requirement, rule in requirements().items():
        summary = rule.replace(":", " -")[:120]
        config.addinivalue_line("markers", f"{requirement}: handbook rule - {summary}")


@pytest.fixture(autouse=True)
def _journal_tells_the_truth(mock_esis_factory: Any) -> Iterator[None]:
    """After every scenario: each mock ESIS journal has one consistent entry per SOAP request."""
    yield
    problems = [p for server in mock_esis_factory.servers for p in journal_problems(server.app)]
    assert not problems, "\n".join(problems)


# --- the handbook gate at run time: a tagged scenario must not be skipped or xfailed -------------
_NOT_RUN: dict[str, list[str]] = {}


def _requirement_marks(item: pytest.Item) -> list[str]:
    return sorted({m.name for m in item.iter_markers() if ID_TAG.match(m.name)})


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Remember scenarios of a requirement that were skipped or xfailed instead of passing."""
    if report.skipped or hasattr(report, "wasxfail"):
        for requirement in getattr(report, "requirement_ids", ()):
            _NOT_RUN.setdefault(requirement, []).append(report.nodeid)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    report.requirement_ids = _requirement_marks(item)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run, naming the IDs, when a scenario of a handbook rule did not really run."""
    if not _NOT_RUN:
        return
    lines = [f"  {rid}: {', '.join(nodes)}" for rid, nodes in sorted(_NOT_RUN.items())]
    message = "Handboekpoort: scenario's van deze regels zijn overgeslagen of xfail:\n" + "\n".join(
        lines
    )
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(message, red=True)
    session.exitstatus = pytest.ExitCode.TESTS_FAILED
