"""spyne 2.14 through our one door (:mod:`mock_esis.soap.spyne_compat`) on every supported Python.

The door loads spyne's vendored six with the modern import API first, so ``import spyne`` works
on 3.12 and 3.13 and warns about nothing on 3.11; ``.ci/test-py 3.12`` runs these on 3.12 too.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[2]
_DOOR = Path("mock_esis/soap/spyne_compat.py")
_TREES = ("src", "mock_esis", "conformance", "demo", "benchmarks", "features", "tests")


def _imports_spyne(path: Path) -> bool:
    text = path.read_text("utf-8")
    if "spyne" not in text:
        return False
    for node in ast.walk(ast.parse(text, str(path))):
        if isinstance(node, ast.Import) and any(
            alias.name.split(".")[0] == "spyne" for alias in node.names
        ):
            return True
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "spyne":
            return True
    return False


def test_no_module_but_the_door_imports_spyne() -> None:
    offenders = [
        str(path.relative_to(_ROOT))
        for tree in _TREES
        for path in sorted((_ROOT / tree).rglob("*.py"))
        if path.relative_to(_ROOT) != _DOOR and _imports_spyne(path)
    ]
    assert offenders == []
    assert _imports_spyne(_ROOT / _DOOR)


def test_spyne_imports_through_the_door_without_any_warning() -> None:
    probe = (
        "import sys, mock_esis.soap.spyne_compat as door, spyne, spyne.util.six.moves;"
        "door.prepare_spyne();"  # a second call changes nothing
        "print(spyne.__version__, door.WsgiApplication.__module__)"
    )
    done = subprocess.run(
        [sys.executable, "-W", "error", "-c", probe], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["2.14.0", "spyne.server.wsgi"]
    assert done.stderr == ""
