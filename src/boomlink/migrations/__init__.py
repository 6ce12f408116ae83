"""Alembic migrations of the Boom store (run them with ``boomlink db upgrade``)."""

from __future__ import annotations
