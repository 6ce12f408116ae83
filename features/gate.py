"""Traceability between the handbook's rules and the Dutch scenarios (the handbook gate).

Reads every ``features/*.feature`` with the official Gherkin parser and returns, per scenario,
the requirement IDs it carries (its own tags plus those of its ``Regel`` and ``Functionaliteit``,
and of its ``Voorbeelden`` tables). The rule list is ``../shared/handbook/REQUIREMENTS.md`` when
present, else the project's own copy ``features/REQUIREMENTS.md``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gherkin.parser import Parser
from gherkin.token_scanner import TokenScanner

__all__ = [
    "FEATURES",
    "ID_TAG",
    "SHARED_REQUIREMENTS",
    "LOCAL_REQUIREMENTS",
    "ScenarioTags",
    "requirement_ids",
    "scenario_tags",
]

FEATURES = Path(__file__).resolve().parent
SHARED_REQUIREMENTS = FEATURES.parent.parent / "shared" / "handbook" / "REQUIREMENTS.md"
LOCAL_REQUIREMENTS = FEATURES / "REQUIREMENTS.md"
#: A tag that looks like a requirement ID.
ID_TAG = re.compile(r"^@?(H-[A-Z0-9]+-\d+)$")
_RULE = re.compile(r"^\s*-\s*\*\*(?P<id>H-[A-Z0-9]+-\d+)\*\*\s*(?P<rule>.*)$")


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
        feature = document.get("feature")
        if feature is None:
            continue
        name = str(path.relative_to(folder))
        found += _scenarios(feature["children"], _ids(feature["tags"]), name)
    return found
