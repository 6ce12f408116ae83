"""The demo's own failure: what the handbook promises did not happen (a Dutch message)."""

from __future__ import annotations

__all__ = ["DemoFout"]


class DemoFout(Exception):
    """What the handbook promises did not happen; the message is Dutch, for the reader."""
