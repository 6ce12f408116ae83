"""Column helpers shared by the store's model modules: the clock default and enum columns."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Enum

__all__ = ["enum_kolom", "utcnow"]


def utcnow() -> dt.datetime:
    """Now, in UTC (the default of every timestamp column)."""
    return dt.datetime.now(dt.UTC)


def enum_kolom(cls: type[enum.StrEnum], name: str) -> Enum:
    """A portable enum column: stored as its value in a VARCHAR(16) with a CHECK constraint."""
    return Enum(
        cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=16,
        validate_strings=True,
        values_callable=lambda members: [m.value for m in members],
    )
