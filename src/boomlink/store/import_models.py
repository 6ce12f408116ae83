"""ORM models of the import review (Stap 4): import sessions and their staged records."""

from __future__ import annotations

__all__: list[str] = []
