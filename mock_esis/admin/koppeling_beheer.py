"""The tester switches a school's Boom testcentrum link on or off (no ESIS user, no terms box).

The ESIS screen (:mod:`mock_esis.screens.koppeling_scherm`) is how a school admin does it, with
the role rules; this is the tester's shortcut, with the same verificatiecode rule when a code is
given. Activation always makes a new key and revokes the previous one.
"""

from __future__ import annotations

from typing import Any

from mock_esis.screens.koppeling_scherm import check_verificatiecode
from mock_esis.state.model import MockState, SchoolState
from mock_esis.web.http import HttpError

__all__ = ["koppeling_activeren", "koppeling_deactiveren"]


def koppeling_activeren(state: MockState, school: SchoolState, body: dict[str, Any]) -> str:
    """Activate with ``verificatiecode`` (default ``<code>-admin-api-00000``); the new key."""
    code = body.get("verificatiecode") or f"{school.code}-admin-api-00000"
    code = check_verificatiecode(school, code)
    return state.activate(school, verificatiecode=code, door="__admin")


def koppeling_deactiveren(state: MockState, school: SchoolState) -> None:
    """Deactivate; 409 when the link is not active."""
    with state.lock:
        if not school.koppeling.actief:
            raise HttpError(409, f"De koppeling van school {school.code} is niet actief.")
        state.deactivate(school)
