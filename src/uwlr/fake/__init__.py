"""Deterministic fake Dutch primary schools for tests, the mock ESIS and the fixtures.

``generate_school(seed)`` gives a :class:`FakeSchool`: the :class:`~uwlr.models.Leerlinggegevens`
its LAS answers with, the pupils and teachers it leaves out (no group, H-P-07) and its ESIS users.
Same arguments, same school, on any day. ``dump_school`` / ``load_school`` keep schools as JSON;
``python -m uwlr.fake.regenerate fixtures`` rewrites the committed ones.
"""

from __future__ import annotations

from uwlr.fake.jsonio import FORMAAT, dump_school, load_school, parse_school, render_school
from uwlr.fake.names import HARD_CASES, PersonName
from uwlr.fake.school import (
    DEFAULT_SCHOOLJAAR,
    GEBRUIKERSROLLEN,
    FakeSchool,
    Gebruiker,
    Gebruikersrol,
    generate_school,
    generate_schools,
)

__all__ = [
    "DEFAULT_SCHOOLJAAR",
    "FORMAAT",
    "GEBRUIKERSROLLEN",
    "HARD_CASES",
    "FakeSchool",
    "Gebruiker",
    "Gebruikersrol",
    "PersonName",
    "dump_school",
    "generate_school",
    "generate_schools",
    "load_school",
    "parse_school",
    "render_school",
]
