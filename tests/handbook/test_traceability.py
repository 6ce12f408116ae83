"""The handbook gate: every rule has a Dutch scenario, every ID tag is a rule, the copy is current.

Whether the tagged scenarios actually pass (not skipped, not xfailed) is checked at the end of
every run by ``features/gate.py``'s ``Handboekpoort`` (tested in ``test_gate_runtime.py``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "features"))
from gate import (  # noqa: E402
    LOCAL_REQUIREMENTS,
    SHARED_REQUIREMENTS,
    requirement_ids,
    requirements,
    scenario_tags,
)


def _rules() -> dict[str, str]:
    return requirements()


def test_every_rule_has_a_scenario() -> None:
    covered = {i for s in scenario_tags() for i in s.ids}
    missing = sorted(set(_rules()) - covered)
    assert not missing, f"regels zonder scenario: {', '.join(missing)}"


def test_every_id_tag_is_a_rule() -> None:
    rules = set(_rules())
    stray = sorted(
        f"{s.feature_file}:{s.line} {i}" for s in scenario_tags() for i in s.ids if i not in rules
    )
    assert not stray, f"tags die geen regel uit REQUIREMENTS.md zijn: {', '.join(stray)}"


def test_the_local_copy_lists_the_same_rules() -> None:
    if not SHARED_REQUIREMENTS.is_file():
        pytest.skip("../shared/handbook/REQUIREMENTS.md ontbreekt; de eigen kopie wordt gebruikt")
    shared, local = (
        set(requirement_ids(SHARED_REQUIREMENTS)),
        set(requirement_ids(LOCAL_REQUIREMENTS)),
    )
    assert shared == local, (
        f"features/REQUIREMENTS.md wijkt af: ontbreekt {sorted(shared - local)}, "
        f"te veel {sorted(local - shared)}"
    )


def test_the_gate_sees_tags_on_rules_and_examples(tmp_path: Path) -> None:
    (tmp_path / "a.feature").write_text(
        "# language: nl\n@H-P-01\nFunctionaliteit: f\n"
        "  @H-S1-01\n  Regel: r\n"
        "    @H-S1-02\n    Abstract Scenario: s\n      Stel een <x>\n"
        "      @H-S1-03\n      Voorbeelden:\n        | x |\n        | 1 |\n",
        "utf-8",
    )
    (scenario,) = scenario_tags(tmp_path)
    assert scenario.ids == {"H-P-01", "H-S1-01", "H-S1-02", "H-S1-03"}
