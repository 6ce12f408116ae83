"""ORM models of the result push: the durable outbox of results on their way to ESIS."""

from __future__ import annotations

__all__: list[str] = []
