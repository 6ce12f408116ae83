"""The golden messages in ``fixtures/messages``: valid ones pass both schema sets, invalid ones fail
for the reason ``invalid/expected.json`` gives, and every file equals a fresh regeneration.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any

import pytest

from uwlr import examples, golden
from uwlr.fake import regenerate
from uwlr.official import OfficialSchemas, OfficialSchemasMissing, official_schemas
from uwlr.safexml import parse_xml
from uwlr.validate import validate

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
MESSAGES = FIXTURES / "messages"
VALID = sorted((MESSAGES / "valid").glob("*.xml"))
INVALID = sorted((MESSAGES / "invalid").glob("*.xml"))

#: The mistakes the issue asks for, by file stem: every one must be in the golden set.
REQUIRED_INVALID = {
    "brincode-kleine-letters",
    "verkeerde-volgorde",
    "leeg-element",
    "onbekend-element",
    "geslacht-ongeldig",
    "jaargroep-ongeldig",
    "score-decimaal",
    "resultaatkey-dubbel",
    "toetscode-zonder-toets",
    "brincode-en-schoolkey",
    "schooljaar-2026-2028",
    "xsdversie-onbekend",
    "leerling-zonder-key-2.2",
}


def _manifest() -> dict[str, dict[str, Any]]:
    path = MESSAGES / "invalid" / "expected.json"
    if not path.is_file():
        return {}
    data: dict[str, dict[str, Any]] = json.loads(path.read_text("utf-8"))
    return data


MANIFEST = _manifest()


@pytest.fixture(scope="module")
def official() -> OfficialSchemas:
    try:
        return official_schemas()
    except OfficialSchemasMissing as exc:
        pytest.skip(str(exc))


def test_golden_set_is_complete() -> None:
    assert {p.name for p in VALID} == {
        f"{kind}-{version}.xml" for kind in examples.KINDS for version in examples.XSDVERSIES
    }, "run `make fixtures`"
    assert {p.stem for p in INVALID} >= REQUIRED_INVALID
    assert set(MANIFEST) == {p.name for p in INVALID}
    for name, entry in MANIFEST.items():
        assert set(entry) >= {"path", "fragment", "official_rejects", "issue_kind"}, name
        assert entry["path"].startswith("/Envelope/Body/"), name
        assert entry["fragment"], name
        assert isinstance(entry["official_rejects"], bool), name


def test_golden_files_equal_a_fresh_regeneration() -> None:
    fresh = regenerate.message_files()
    assert set(fresh) == {
        p.relative_to(FIXTURES).as_posix() for p in MESSAGES.rglob("*") if p.is_file()
    }, "run `make fixtures`"
    for relative, text in fresh.items():
        assert (FIXTURES / relative).read_text("utf-8") == text, f"{relative} is stale"


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_golden_message_is_valid_for_our_contract(path: Path) -> None:
    assert validate(parse_xml(path.read_bytes())) == []


@pytest.mark.official
@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_golden_message_is_valid_for_the_official_schemas(
    path: Path, official: OfficialSchemas
) -> None:
    assert official.errors(parse_xml(path.read_bytes())) == []


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_invalid_golden_message_is_rejected_for_the_expected_reason(name: str) -> None:
    expected = MANIFEST[name]
    issues = validate(parse_xml((MESSAGES / "invalid" / name).read_bytes()))
    assert issues, f"{name} is valid for our contract"
    matching = [
        issue
        for issue in issues
        if issue.path == expected["path"] and expected["fragment"] in issue.message
    ]
    assert matching, (
        f"{name}: no issue at {expected['path']} with {expected['fragment']!r}: {issues}"
    )
    assert {issue.kind for issue in matching} == {expected["issue_kind"]}
    assert all(issue.line is not None for issue in issues)
    # one mistake per file: nothing else may be reported
    assert {issue.path for issue in issues} == {expected["path"]}, issues


@pytest.mark.official
@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_official_schemas_agree_where_the_manifest_says_so(
    name: str, official: OfficialSchemas
) -> None:
    errors = official.errors(parse_xml((MESSAGES / "invalid" / name).read_bytes()))
    if MANIFEST[name]["official_rejects"]:
        assert errors, f"{name}: the official schemas should reject this"
    else:
        assert errors == [], f"{name}: only our contract should see this mistake: {errors}"


def test_each_invalid_message_differs_from_its_valid_example_in_one_place() -> None:
    for case in golden.INVALID_CASES:
        valid = (MESSAGES / "valid" / f"{case.kind}-{case.xsdversie}.xml").read_text("utf-8")
        invalid = (MESSAGES / "invalid" / f"{case.name}.xml").read_text("utf-8")
        diff = difflib.unified_diff(valid.splitlines(), invalid.splitlines(), n=0, lineterm="")
        changed = [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]
        assert 1 <= len(changed) <= 4, (case.name, changed)


def test_regenerate_check_flags_orphan_golden_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert regenerate.main([str(tmp_path)]) == 0
    assert (tmp_path / "messages" / "invalid" / "expected.json").is_file()
    orphan = tmp_path / "messages" / "invalid" / "oud-geval.xml"
    orphan.write_text("<x/>", "utf-8")
    assert regenerate.main(["--check", str(tmp_path)]) == 1
    assert "oud-geval.xml" in capsys.readouterr().err
    assert regenerate.main([str(tmp_path)]) == 0
    assert not orphan.exists()
    assert regenerate.main(["--check", str(tmp_path)]) == 0
