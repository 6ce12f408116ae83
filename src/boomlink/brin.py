"""BRIN codes as users type them: ``99QQ``, ``99QQ00`` (BRIN + vestiging) or ``99QQ.00``."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Brin", "BrinFormaatFout", "parse_brin"]

_BRIN = re.compile(r"^(?P<brin>\d{2}[A-Z]{2})(?:\.?(?P<vestiging>\d{2}))?$")


class BrinFormaatFout(ValueError):
    """Not a BRIN code; ``reden`` is the Dutch explanation."""

    def __init__(self, waarde: str) -> None:
        self.reden = (
            f"‘{waarde}’ is geen BRIN-code: een BRIN-code is twee cijfers en twee hoofdletters, "
            "bijvoorbeeld 99OI, eventueel gevolgd door het vestigingsnummer (99OI00)."
        )
        super().__init__(self.reden)


@dataclass(frozen=True, slots=True)
class Brin:
    """UWLR ``brincode`` + ``dependancecode`` (``00`` means the main location)."""

    brincode: str
    dependancecode: str = "00"

    def __str__(self) -> str:
        return f"{self.brincode}{self.dependancecode}"


def parse_brin(waarde: str) -> tuple[Brin, bool]:
    """The BRIN in ``waarde`` and whether a vestigingsnummer was given explicitly."""
    match = _BRIN.match(waarde.strip())
    if not match:
        raise BrinFormaatFout(waarde.strip())
    vestiging = match.group("vestiging")
    return Brin(match.group("brin"), vestiging or "00"), vestiging is not None
