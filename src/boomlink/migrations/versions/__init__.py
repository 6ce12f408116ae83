"""Alembic revisions, oldest first; each file is one revision."""

from __future__ import annotations
