"""Fixtures for the mock ESIS tests: one read-only server per test module, and the official check.

Tests that change the mock's state (keys, results, journal) use the plugin's function-scoped
``mock_esis`` / ``mock_esis_factory`` instead of :func:`esis`.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from mock_esis_testkit import started_server

from mock_esis.testing.handle import MockEsisHandle, SchoolInfo
from uwlr.official import OfficialSchemas, OfficialSchemasMissing, official_schemas


@pytest.fixture(scope="module")
def esis() -> Iterator[MockEsisHandle]:
    """A running mock ESIS shared by a module: seed 1, two activated schools, 5 pupils per group.

    Tests using it must not change its state.
    """
    with started_server(seed=1, schools=2, students_per_group=5, activate_all=True) as handle:
        yield handle


@pytest.fixture(scope="module")
def school(esis: MockEsisHandle) -> SchoolInfo:
    """The first seeded school (its link activated)."""
    return esis.schools[0]


@pytest.fixture(scope="module")
def other_school(esis: MockEsisHandle) -> SchoolInfo:
    """The second seeded school (its link activated too, with its own key)."""
    return esis.schools[1]


@pytest.fixture
def official() -> OfficialSchemas:
    """The official UWLR 2.2 schemas; the test is skipped when they are absent."""
    try:
        return official_schemas()
    except OfficialSchemasMissing as missing:
        pytest.skip(str(missing))
