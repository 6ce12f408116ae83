"""Printing the walk-through: step headings, indented lines, progress lines, tables, failures.

Everything the school admin reads goes through :class:`Uitvoer`, so the layout is the same in
every step: a heading per handbook step, two-space indents for what a screen shows, a line
starting with ``…`` while something takes time (flushed at once), and numbers the Dutch way
(``0,4 s``). Long messages are wrapped to :data:`BREEDTE` characters, never inside a word
(so a name, an address or a token stays whole). Failures go to stderr.
"""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TextIO

__all__ = ["BREEDTE", "Uitvoer", "getal", "seconden"]

BREEDTE = 100


def getal(waarde: float, decimalen: int = 1) -> str:
    """``3,5``: a number with a decimal comma."""
    return f"{waarde:.{decimalen}f}".replace(".", ",")


def seconden(waarde: float) -> str:
    """``0,42 s`` below ten seconds, ``12,3 s`` above."""
    return f"{getal(waarde, 2 if waarde < 10 else 1)} s"


@dataclass
class Uitvoer:
    """Where the walk-through writes to (stdout and stderr by default)."""

    out: TextIO = field(default_factory=lambda: sys.stdout)
    err: TextIO = field(default_factory=lambda: sys.stderr)

    def _schrijf(self, tekst: str) -> None:
        self.out.write(tekst + "\n")
        self.out.flush()

    def titel(self, tekst: str) -> None:
        self._schrijf(tekst)
        self._schrijf("=" * min(len(tekst), BREEDTE))

    def kop(self, tekst: str) -> None:
        """The heading of one handbook step."""
        self._schrijf("")
        self._schrijf(f"── {tekst} " + "─" * max(3, 70 - len(tekst)))

    def regel(self, tekst: str = "", *, inspringen: int = 1) -> None:
        """One line, indented by ``inspringen`` levels; wrapped when it is long."""
        prefix = "  " * inspringen
        if not tekst:
            self._schrijf("")
            return
        for deel in textwrap.wrap(
            tekst,
            BREEDTE,
            initial_indent=prefix,
            subsequent_indent=prefix + "  ",
            break_long_words=False,
            break_on_hyphens=False,
        ):
            self._schrijf(deel)

    def tabel(
        self, koppen: Sequence[str], rijen: Sequence[Sequence[object]], *, inspringen: int = 1
    ) -> None:
        """A small table: the first column left-aligned, the others right-aligned."""
        breedtes = [max(len(str(rij[i])) for rij in [koppen, *rijen]) for i in range(len(koppen))]
        prefix = "  " * inspringen
        for rij in [koppen, *rijen]:
            cellen = [str(rij[0]).ljust(breedtes[0])]
            cellen += [str(c).rjust(b) for c, b in zip(rij[1:], breedtes[1:], strict=True)]
            self._schrijf(prefix + "   ".join(cellen).rstrip())

    def voortgang(self, tekst: str, *, inspringen: int = 1) -> None:
        """The progress line printed (and flushed) before a long step: ``… tekst``."""
        self._schrijf("  " * inspringen + f"… {tekst}")

    def fout(self, tekst: str) -> None:
        """A failure, for the admin: no traceback, wrapped, on stderr."""
        self.err.write(
            textwrap.fill(tekst, BREEDTE, break_long_words=False, break_on_hyphens=False) + "\n"
        )
        self.err.flush()
