"""The step patterns and parameter types of the Dutch features, in one place.

``stap('... "{naam}" ... {aantal:d} ... {datum:dmy}')`` turns the text of a step into a fullmatch
regular expression: ``"{x}"`` is a quoted value, ``{x:d}`` a whole number (passed as ``int``),
``{x:dmy}`` a ``dd-mm-jjjj`` date and a bare ``{x}`` any text. The converters below read what the
handbook writes: Dutch dates (``16 november 2026``, ``31 juli 2027 23:59``), ISO dates, names
(``Jan van Dijk``) and Gherkin tables.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pytest_bdd import parsers

from boomlink.schooljaar import amsterdam

__all__ = [
    "MAANDEN",
    "dmy",
    "iso_moment",
    "naam_delen",
    "nl_moment",
    "stap",
    "tabel_rijen",
    "twee_koloms",
]

MAANDEN = {
    m: i + 1
    for i, m in enumerate(
        "januari februari maart april mei juni juli augustus september oktober november december".split()
    )
}

_GETAL = re.compile(r"\\\{(\w+):d\\\}")
_DMY = re.compile(r"\\\{(\w+):dmy\\\}")
_VRIJ = re.compile(r"\\\{(\w+)\\\}")


def stap(tekst: str) -> Stap:
    """A pytest-bdd parser for ``tekst`` (see the module docstring); numbers arrive as ``int``."""
    return Stap(tekst)


class Stap(parsers.re):
    """A fullmatch regular expression made from a step's text; ``{x:d}`` fields become ``int``."""

    def __init__(self, tekst: str) -> None:
        escaped = re.escape(tekst)
        self.getallen = frozenset(_GETAL.findall(escaped))
        pattern = _GETAL.sub(r"(?P<\1>-?\\d+)", escaped)
        pattern = _DMY.sub(r"(?P<\1>\\d\\d-\\d\\d-\\d{4})", pattern)
        pattern = _VRIJ.sub(r'(?P<\1>[^"]*)', pattern)
        super().__init__(pattern)

    def parse_arguments(self, name: str) -> dict[str, Any] | None:
        found = super().parse_arguments(name)
        if found is None:
            return None
        return {k: int(v) if k in self.getallen else v for k, v in found.items()}


def nl_moment(tekst: str) -> dt.datetime:
    """``16 november 2026`` (at noon) or ``31 juli 2027 23:59``, Amsterdam time."""
    match = re.fullmatch(r"(\d{1,2}) (\w+) (\d{4})(?: (\d{2}):(\d{2}))?", tekst.strip())
    assert match, f"onbekende datum {tekst!r}"
    dag, maand, jaar, uur, minuut = match.groups()
    return dt.datetime(
        int(jaar), MAANDEN[maand], int(dag), int(uur or 12), int(minuut or 0), tzinfo=amsterdam()
    )


def iso_moment(datum: str) -> dt.datetime:
    """``2026-11-03`` at 10:00 UTC (the moment a scenario's ISO date stands for)."""
    return dt.datetime.combine(dt.date.fromisoformat(datum), dt.time(10), tzinfo=dt.UTC)


def dmy(tekst: str) -> dt.date:
    """``16-11-2026`` as a date."""
    return dt.datetime.strptime(tekst, "%d-%m-%Y").date()


def naam_delen(naam: str) -> dict[str, Any]:
    """``Jan van Dijk`` → roepnaam Jan, voorvoegsel van, achternaam Dijk, voorletters J."""
    delen = naam.split()
    roepnaam, rest = delen[0], delen[1:]
    voorvoegsel = " ".join(d for d in rest[:-1] if d.islower()) or None
    return {
        "roepnaam": roepnaam,
        "voorvoegsel": voorvoegsel,
        "achternaam": rest[-1],
        "voorletters": f"{roepnaam[0]}.",
    }


def tabel_rijen(datatable: list[list[str]]) -> list[dict[str, str]]:
    """A Gherkin table with a header row as one ``{kolom: waarde}`` per row."""
    header, *rows = datatable
    return [dict(zip(header, row, strict=True)) for row in rows]


def twee_koloms(datatable: list[list[str]]) -> dict[str, str]:
    """A two-column table (header row first) as ``{eerste kolom: tweede kolom}``."""
    return {rij[0].strip(): rij[1].strip() for rij in datatable[1:]}
