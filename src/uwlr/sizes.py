"""Sizes in bytes as a Dutch message shows them: ``20 MiB (20971520 bytes)``."""

from __future__ import annotations

from typing import Final

__all__ = ["human_size", "size_and_limit"]

_MIB: Final = 1024 * 1024


def human_size(size: int) -> str:
    """``20 MiB`` for 20 × 2²⁰ bytes, ``20,5 MiB`` with a decimal comma otherwise, or ``512 bytes``."""
    if size < _MIB:
        return f"{size} bytes"
    mib = size / _MIB
    text = f"{mib:.0f}" if size % _MIB == 0 else f"{mib:.1f}".replace(".", ",")
    return f"{text} MiB"


def size_and_limit(size: int, limit: int) -> str:
    """``21,0 MiB (22020101 bytes); de grens is 20 MiB (20971520 bytes)``."""
    exact = "" if size < _MIB else f" ({size} bytes)"
    exact_limit = "" if limit < _MIB else f" ({limit} bytes)"
    return f"{human_size(size)}{exact}; de grens is {human_size(limit)}{exact_limit}"
