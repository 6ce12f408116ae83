"""The one door to spyne: spyne 2.14 made importable on Python 3.11, 3.12 and 3.13, quietly.

spyne 2.14.0 (2022) is the last release and vendors six 1.14 as ``spyne.util.six``. Its import
hook ``_SixMetaPathImporter`` has only the old ``find_module`` API, and spyne uses ``cgi``:

- 3.11: every import that passes the hook warns ``ImportWarning: _SixMetaPathImporter.find_spec()
  not found``, an error in any project with ``filterwarnings = error``; ``cgi`` warns that it is
  deprecated.
- 3.12: importlib no longer falls back to ``find_module``: ``import spyne`` fails with ``No module
  named 'spyne.util.six.moves'`` (arskom/spyne#700; fixed upstream, never released).
- 3.13: ``cgi`` is gone; the ``legacy-cgi`` package (a dependency on 3.13 only) puts it back.

Importing this module first loads spyne's vendored six by hand and gives its importer the
``find_spec`` API (:func:`prepare_spyne`), then imports the spyne names we use with spyne's own
import-time warnings silenced (``cgi``, invalid escapes in its sources). Nothing in site-packages
is changed. Every module of ours takes spyne from here, never ``import spyne`` itself (a test
checks), so this step always runs first. Only the mock ESIS server needs spyne: the pytest
plugins import this module when a mock fixture is used, never when pytest loads them.
"""

from __future__ import annotations

import importlib.util
import sys
import warnings
from pathlib import Path
from types import ModuleType
from typing import Any

__all__ = [
    "AnyXml",
    "Application",
    "EventManager",
    "Fault",
    "MethodContext",
    "ResourceNotFoundError",
    "ServerBase",
    "ServiceBase",
    "Soap11",
    "WsgiApplication",
    "prepare_spyne",
    "rpc",
    "spyne_const",
]

_SIX = "spyne.util.six"


def _find_spec(self: Any, fullname: str, path: object = None, target: object = None) -> Any:
    if fullname in self.known_modules:
        return importlib.util.spec_from_loader(fullname, self)
    return None


def _create_module(self: Any, spec: Any) -> ModuleType:
    module: ModuleType = self.load_module(spec.name)
    return module


def _exec_module(self: Any, module: ModuleType) -> None:
    """Nothing to do: ``load_module`` (called by ``create_module``) gave a ready module."""


def prepare_spyne() -> None:
    """Load spyne's vendored six and give its import hook ``find_spec`` (idempotent).

    Must run before ``spyne`` itself is imported; does nothing once spyne's six is loaded.
    """
    if _SIX in sys.modules:
        return
    spyne = importlib.util.find_spec("spyne")  # finds the package without importing it
    if spyne is None or spyne.origin is None:
        raise ModuleNotFoundError("spyne is niet geïnstalleerd", name="spyne")
    spec = importlib.util.spec_from_file_location(
        _SIX, Path(spyne.origin).parent / "util" / "six.py"
    )
    assert spec is not None and spec.loader is not None
    six = importlib.util.module_from_spec(spec)
    sys.modules[_SIX] = six
    try:
        spec.loader.exec_module(six)
    except BaseException:
        del sys.modules[_SIX]
        raise
    importer = six._SixMetaPathImporter
    importer.find_spec = _find_spec
    importer.create_module = _create_module
    importer.exec_module = _exec_module


prepare_spyne()
with warnings.catch_warnings():
    # spyne's own import-time noise: cgi's deprecation (3.11, 3.12) and, when its sources are
    # compiled, invalid escape sequences (DeprecationWarning on 3.11, SyntaxWarning from 3.12).
    warnings.filterwarnings("ignore", "'cgi' is deprecated", DeprecationWarning)
    warnings.filterwarnings("ignore", "invalid escape sequence", DeprecationWarning)
    warnings.filterwarnings("ignore", "invalid escape sequence", SyntaxWarning)
    from spyne import AnyXml, Application, EventManager, Fault, ServiceBase, rpc
    from spyne import const as spyne_const
    from spyne.context import MethodContext
    from spyne.error import ResourceNotFoundError
    from spyne.protocol.soap import Soap11
    from spyne.server import ServerBase
    from spyne.server.wsgi import WsgiApplication
