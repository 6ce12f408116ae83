"""``POST /__admin/recording`` ``{"dir": "...", "activeren": true}``: load a recording's schools.

The old route ``/__admin/opname`` and the old fields ``map`` and ``ruwe_opname`` still work for
one release (ADR 0025).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mock_esis.admin.old_names import renamed_fields
from mock_esis.recording.loader import load_recording
from mock_esis.state.model import MockState, SchoolState
from mock_esis.web.http import HttpError
from uwlr.recording import RecordingError

__all__ = ["OLD_FIELDS", "load_from_admin"]

#: old field name: new one
OLD_FIELDS = {"map": "dir", "ruwe_opname": "raw_recording"}


def load_from_admin(state: MockState, given: dict[str, Any]) -> tuple[list[SchoolState], list[str]]:
    """The admin API's body → :func:`load_recording`; a bad request is a 422 with a Dutch text.
    Returns the schools and the deprecation notes for old field names."""
    body, notes = renamed_fields(given, OLD_FIELDS)
    folder = body.get("dir")
    if not isinstance(folder, str) or not folder.strip():
        raise HttpError(422, "Geef 'dir': de map van een geanonimiseerde opname.")
    try:
        schools = load_recording(
            state,
            Path(folder),
            activate=body.get("activeren") is True,
            ruwe_opname=body.get("raw_recording") is True,
        )
    except RecordingError as exc:
        raise HttpError(422, str(exc)) from None
    return schools, notes
