"""Old spellings in the admin API, accepted for one release (ADR 0025).

A body that uses an old field name is read as if it had used the new one; the answer then holds
``"verouderd": ["'map' is verouderd; gebruik 'dir'"]`` so that the caller sees it. Old and new
name together is refused (which one was meant?).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mock_esis.web.http import HttpError

__all__ = ["NOTES_FIELD", "renamed_fields"]

NOTES_FIELD = "verouderd"


def renamed_fields(
    body: dict[str, Any], renames: Mapping[str, str]
) -> tuple[dict[str, Any], list[str]]:
    """``body`` with each old field name (key of ``renames``) under its new name, and a note
    per old name used."""
    out = dict(body)
    notes: list[str] = []
    for old, new in renames.items():
        if old not in out:
            continue
        if new in out:
            raise HttpError(422, f"Geef alleen '{new}': '{old}' is verouderd.")
        out[new] = out.pop(old)
        notes.append(f"'{old}' is verouderd; gebruik '{new}'")
    return out, notes
