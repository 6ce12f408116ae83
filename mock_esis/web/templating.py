"""Server-rendered HTML of the fake ESIS: one Jinja2 environment for the ESIS screens
(``templates/esis/``) and the tester's dashboard (``templates/admin/``), and the one stylesheet.

Templates only show what the views hand them; rules live in the screens' and admin API's code.
Autoescaping is on for every template. The stylesheet is served by the app itself (no CDN).
"""

from __future__ import annotations

import threading
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

__all__ = ["render", "stylesheet"]

_lock = threading.Lock()
_environment: Environment | None = None


def _env() -> Environment:
    global _environment
    with _lock:
        if _environment is None:
            _environment = Environment(
                loader=PackageLoader("mock_esis.web", "templates"),
                autoescape=select_autoescape(default=True, default_for_string=True),
                undefined=StrictUndefined,
                trim_blocks=True,
                lstrip_blocks=True,
            )
        return _environment


def render(template: str, **context: Any) -> bytes:
    """``template`` (e.g. ``"esis/activeren.html"``) rendered with ``context``, as UTF-8 bytes."""
    return _env().get_template(template).render(**context).encode("utf-8")


def stylesheet() -> bytes:
    """The one stylesheet of the fake ESIS's pages (``static/mock.css``)."""
    return resources.files("mock_esis.web").joinpath("static/mock.css").read_bytes()
