"""The two pytest plugins the package registers stay out of the way of other projects.

Installing boomlink registers ``mock_esis`` and ``uwlr_conformance`` (``pytest11`` entry points)
in every pytest run of that venv. Loading them imports nothing heavy and warns about nothing;
spyne is imported only once a test asks for a mock fixture. The projects here live in
``tmp_path``, outside this repository, with ``filterwarnings = error``, and run in a subprocess
with this venv's python, as a stranger's CI would.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

#: Our plugin modules and their packages: the only modules of ours loading them may import.
_PLUGIN_MODULES = {
    "mock_esis",
    "mock_esis.testing",
    "mock_esis.testing.pytest_plugin",
    "conformance",
    "conformance.pytest_plugin",
}
_HEAVY = ("spyne", "lxml", "waitress", "httpx", "sqlalchemy", "faker", "zeep", "cryptography")
_OURS = ("mock_esis", "conformance", "uwlr", "boomlink")

_PROBE = """
import importlib.metadata, json, sys, warnings
warnings.simplefilter("error")
import pytest
before = set(sys.modules)
loaded = []
for point in importlib.metadata.entry_points(group="pytest11"):
    if point.value.split(".")[0] in ("mock_esis", "conformance"):
        point.load()
        loaded.append(point.name)
print(json.dumps({"loaded": sorted(loaded), "new": sorted(set(sys.modules) - before)}))
"""


def strict_project(tmp_path: Path, tests: str) -> Path:
    """A project outside the repo: its own pytest.ini with ``filterwarnings = error``."""
    project = tmp_path / "project"
    project.mkdir()
    (project / "pytest.ini").write_text("[pytest]\nfilterwarnings = error\n", "utf-8")
    (project / "test_project.py").write_text(textwrap.dedent(tests), "utf-8")
    return project


def run_pytest(project: Path) -> subprocess.CompletedProcess[str]:
    """This venv's pytest in ``project``, as its own rootdir."""
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-W", "error"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_loading_the_plugins_imports_nothing_heavy_and_warns_nothing() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    assert seen["loaded"] == ["mock_esis", "uwlr_conformance"]
    new = set(seen["new"])
    assert not {m for m in new if m.split(".")[0] in _HEAVY}
    assert {m for m in new if m.split(".")[0] in _OURS} <= _PLUGIN_MODULES


def test_an_unrelated_strict_project_passes_with_the_plugins_loaded(tmp_path: Path) -> None:
    project = strict_project(
        tmp_path,
        """
        import sys

        def test_sum():
            assert 1 + 1 == 2

        def test_our_plugins_are_loaded_and_spyne_is_not(pytestconfig):
            assert pytestconfig.pluginmanager.has_plugin("mock_esis")
            assert pytestconfig.pluginmanager.has_plugin("uwlr_conformance")
            assert "spyne" not in sys.modules
        """,
    )
    done = run_pytest(project)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 passed" in done.stdout
    assert "warning" not in done.stdout.lower()


def test_the_mock_esis_fixture_works_in_a_strict_project(tmp_path: Path) -> None:
    project = strict_project(
        tmp_path,
        """
        import sys
        import urllib.request

        def test_spyne_is_not_imported_before_a_fixture_needs_it():
            assert "spyne" not in sys.modules

        def test_mock_esis(mock_esis):
            with urllib.request.urlopen(mock_esis.endpoints["leerlinggegevens"] + "?wsdl") as answer:
                assert answer.status == 200
            assert mock_esis.school.autorisatiesleutel
            assert "spyne" in sys.modules
        """,
    )
    done = run_pytest(project)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 passed" in done.stdout
    assert "warning" not in done.stdout.lower()
