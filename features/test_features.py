"""Binds every Dutch feature file in ``features/`` to pytest (pytest only collects ``test_*.py``)."""

from __future__ import annotations

from pytest_bdd import scenarios

scenarios(".")
