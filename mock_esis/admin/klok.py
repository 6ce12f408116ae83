"""The tester moves the mock's clock forward to a moment (never back, like the rollover).

A date without a time means 00:00 Europe/Amsterdam; a time without a zone is Amsterdam time too.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from mock_esis.state.model import MockState
from mock_esis.web.http import HttpError

__all__ = ["klok_json", "klok_zetten"]

_LOCAL = ZoneInfo("Europe/Amsterdam")


def klok_json(state: MockState) -> dict[str, Any]:
    """``GET /__admin/klok``."""
    return {
        "klok": state.now().isoformat(),
        "klok_verschoven_seconden": int(state.clock_offset.total_seconds()),
    }


def _moment(value: Any) -> dt.datetime:
    if not isinstance(value, str) or not value.strip():
        raise HttpError(422, "Geef het tijdstip op in veld 'klok' (bijv. 2027-03-01T09:00).")
    try:
        moment = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise HttpError(
            422, f"Ongeldig tijdstip voor de klok: '{value}' (gebruik bijv. 2027-03-01T09:00)."
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_LOCAL)
    return moment.astimezone(dt.UTC)


def klok_zetten(state: MockState, body: dict[str, Any]) -> dict[str, Any]:
    """Move the clock to ``body["klok"]``; 422 for a moment before the mock's now."""
    target = _moment(body.get("klok"))
    with state.change():
        now = state.now()
        if target < now:
            raise HttpError(
                422,
                f"De klok kan alleen vooruit: het is in de nep-ESIS al {now.isoformat()}.",
            )
        state.clock_offset += target - now
        return klok_json(state)
