"""``POST /__admin/opname`` ``{"map": "...", "activeren": true}``: load a recording's schools."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mock_esis.recording.loader import load_recording
from mock_esis.state.model import MockState, SchoolState
from mock_esis.web.http import HttpError
from uwlr.recording import RecordingError

__all__ = ["load_from_admin"]


def load_from_admin(state: MockState, body: dict[str, Any]) -> list[SchoolState]:
    """The admin API's body → :func:`load_recording`; a bad request is a 422 with a Dutch text."""
    folder = body.get("map")
    if not isinstance(folder, str) or not folder.strip():
        raise HttpError(422, "Geef 'map': de map van een geanonimiseerde opname.")
    try:
        return load_recording(
            state,
            Path(folder),
            activate=body.get("activeren") is True,
            ruwe_opname=body.get("ruwe_opname") is True,
        )
    except RecordingError as exc:
        raise HttpError(422, str(exc)) from None
