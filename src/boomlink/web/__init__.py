"""``boomlink web``: the Boom side of the link as server-rendered screens (Flask + Jinja2).

Screens per group: :mod:`~boomlink.web.auth` (inloggen, uitnodiging), :mod:`~boomlink.web.koppelen`
(Beheer → Koppelen met LAS), :mod:`~boomlink.web.importeren` (import controleren en afronden),
:mod:`~boomlink.web.resultaten` (Resultaten, Toetsafnames) and :mod:`~boomlink.web.support`
(Boom support). Design and choices: docs/web.md and docs/adr/0016-boom-web.md.
"""

from __future__ import annotations

from boomlink.web.app import create_app

__all__ = ["create_app"]
