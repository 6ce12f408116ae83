"""What the mock ESIS knows: the state model, new people for it, and its SQLite file."""

from __future__ import annotations
