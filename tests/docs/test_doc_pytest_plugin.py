"""docs/pytest-plugin.md: its complete example runs in a stranger's strict project; every
MockOptions field is documented."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from pathlib import Path

from doc_blocks import DOCS, fenced_blocks

from mock_esis.web.factory import MockOptions

PAGE = DOCS / "pytest-plugin.md"


def _example() -> str:
    """The complete example: the one python block that is a whole test module."""
    [example] = [b for b in fenced_blocks(PAGE, "python") if b.startswith('"""')]
    return example


def test_every_mock_options_field_is_documented() -> None:
    text = PAGE.read_text("utf-8")
    documented = set(re.findall(r"^\| `(\w+)` \|", text, re.M))
    fields = {f.name for f in dataclasses.fields(MockOptions)}
    assert fields - documented == set()


def test_the_handle_api_the_issue_names_is_documented() -> None:
    text = PAGE.read_text("utf-8")
    for name in ("mock_esis", "mock_esis_factory"):
        assert f"### `{name}`" in text, name
    for name in ("endpoints", "school", "inject", "admin", "esis"):
        assert re.search(rf"^\| `{name}[`(]", text, re.M), name


def test_the_example_passes_in_a_strict_project_outside_the_repo(tmp_path: Path) -> None:
    project = tmp_path / "afnemer"
    project.mkdir()
    (project / "pytest.ini").write_text("[pytest]\nfilterwarnings = error\n", "utf-8")
    example = _example()
    (project / "test_mijn_afnemer.py").write_text(example, "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    tests = len(re.findall(r"^def test_", example, re.M))
    assert tests >= 5
    assert f"{tests} passed" in done.stdout
    assert "warning" not in done.stdout.lower()
