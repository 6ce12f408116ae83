"""Binds the Dutch feature files of the mock ESIS to pytest (pytest only collects ``test_*.py``)."""

from __future__ import annotations

from pytest_bdd import scenarios

scenarios(
    "mock_esis_autorisatie.feature",
    "mock_esis_leerlinggegevens.feature",
    "mock_esis_leerresultaten.feature",
)
