"""Feature test set-up: the step modules, the scenario world, the run's driver and the gate.

The tags of the feature files (``@H-S2-06``) become pytest marks; pyproject runs pytest with
``--strict-markers``, so every ``H-...`` ID of the handbook is registered (:mod:`gate`). The
handbook gate itself is :class:`gate.Handboekpoort`, registered here with the run's driver.
``--driver=service|browser`` chooses how the steps work the product (:mod:`drivers`).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from typing import Any

import pytest
import steps
from drivers import SOORTEN
from gate import Handboekpoort, register_markers
from wereld import Wereld
from wereld.importeren import import_deel  # noqa: F401  (fixtures of the world's parts)
from wereld.koppelen import koppel_deel  # noqa: F401
from wereld.resultaten import resultaten_deel  # noqa: F401
from wereld.scherm import scherm_deel  # noqa: F401
from wereld.soap import soap_deel  # noqa: F401

from mock_esis.testing.journal_audit import journal_problems


def _import_step_modules() -> None:
    """Make the step definitions of every module in ``features/steps/`` visible to pytest-bdd."""
    for info in sorted(pkgutil.iter_modules(steps.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"steps.{info.name}")
        globals().update({k: v for k, v in vars(module).items() if not k.startswith("__")})


_import_step_modules()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--driver",
        choices=SOORTEN,
        default="service",
        help="hoe de scenario's het product bedienen: via de services of via de browser",
    )


def pytest_configure(config: pytest.Config) -> None:
    register_markers(config)
    config.pluginmanager.register(
        Handboekpoort(driver=str(config.getoption("--driver"))), "handboekpoort"
    )


@pytest.fixture
def wereld(request: pytest.FixtureRequest) -> Wereld:
    """The scenario's world, driven the way ``--driver`` says."""
    return Wereld(request=request, soort=str(request.config.getoption("--driver")))


@pytest.fixture(autouse=True)
def _journal_tells_the_truth(mock_esis_factory: Any) -> Iterator[None]:
    """After every scenario: each mock ESIS journal has one consistent entry per SOAP request."""
    yield
    problems = [p for server in mock_esis_factory.servers for p in journal_problems(server.app)]
    assert not problems, "\n".join(problems)
