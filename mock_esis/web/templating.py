"""Server-rendered HTML of the fake ESIS: one Jinja2 environment for the ESIS screens
(``templates/esis/``) and the tester's dashboard (``templates/admin/``).

Templates only show what the views hand them; rules live in the screens' and admin API's code.
Autoescaping is on for every template. CSS and JS are served by the app itself (no CDN,
:func:`mock_esis.web.html_page.static_page`).
"""

from __future__ import annotations

import threading
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

__all__ = ["render"]

_lock = threading.Lock()
_environment: Environment | None = None


def _env() -> Environment:
    global _environment
    if _environment is not None:  # built once; every page render passes here
        return _environment
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
