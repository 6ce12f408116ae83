"""How every part of the project shows a secret (an autorisatiesleutel): ``••••••••3f9a``.

Eight bullets and the last four characters: enough to tell two keys apart, never enough to use
one. A value of eight characters or fewer shows only the bullets, so its length stays hidden too.
"""

from __future__ import annotations

from typing import Final

__all__ = ["MASK", "mask_secret"]

MASK: Final = "•" * 8
_VISIBLE: Final = 4


def mask_secret(value: str) -> str:
    """The masked form of ``value``."""
    if len(value) <= 2 * _VISIBLE:
        return MASK
    return MASK + value[-_VISIBLE:]
