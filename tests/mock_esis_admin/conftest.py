"""Fixtures for the admin-API and ESIS-screen tests: a fresh real server per test."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from mock_esis.testing.handle import MockEsisHandle


@pytest.fixture
def esis(mock_esis_factory: Callable[..., MockEsisHandle]) -> MockEsisHandle:
    """A running mock ESIS: seed 3, one school, 6 pupils per group, link NOT activated."""
    return mock_esis_factory(seed=3, schools=1, students_per_group=6)


@pytest.fixture
def actief(mock_esis_factory: Callable[..., MockEsisHandle]) -> MockEsisHandle:
    """A running mock ESIS: seed 3, one school, 6 pupils per group, link activated."""
    return mock_esis_factory(seed=3, schools=1, students_per_group=6, activate_all=True)
