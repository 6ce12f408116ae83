"""The catalogue is data: stable, well-formed ids, and exactly one implementation per check."""

from __future__ import annotations

import json
import re

import pytest

from conformance.catalogue import CATALOGUE, Level, Mode, by_id, checks_for
from conformance.cli import main
from conformance.client import client_checks
from conformance.las import las_checks

_ID = re.compile(r"^(LAS|CLI)-[A-Z]+-\d{3}$")


def test_ids_are_unique_and_well_formed() -> None:
    ids = [check.id for check in CATALOGUE]
    assert len(ids) == len(set(ids))
    for check in CATALOGUE:
        assert _ID.match(check.id), check.id
        assert check.id.startswith("LAS-" if check.mode is Mode.LAS else "CLI-")
        assert check.title and check.rule and check.source
        assert check.level in (Level.MUST, Level.SHOULD)


def test_every_check_has_exactly_one_implementation() -> None:
    assert las_checks.ids() == {c.id for c in checks_for(Mode.LAS)}
    assert client_checks.ids() == {c.id for c in checks_for(Mode.CLIENT)}


def test_the_issue_areas_are_covered() -> None:
    areas = {check.area for check in CATALOGUE}
    assert {"WSDL", "ENV", "AUTH", "BAD", "CONT", "GETR", "DELTA", "WRITE", "LAT"} <= areas
    assert {"RUN", "REQ", "GEEN", "RETRY", "HANG", "AUTH", "MALF"} <= areas
    assert by_id("LAS-CONT-009").level is Level.SHOULD  # a plausibility WARN, as the issue says


def test_an_unknown_id_cannot_be_registered() -> None:
    with pytest.raises(KeyError):
        las_checks.check("LAS-NOPE-001")


def test_checks_command_lists_the_catalogue_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["checks", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [row["id"] for row in rows] == [check.id for check in CATALOGUE]
    assert main(["checks", "--mode", "client"]) == 0
    assert "CLI-HANG-001" in capsys.readouterr().out
