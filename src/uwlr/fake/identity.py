"""Who a fake school is: its BRIN code (``99xx``, the fake range) and its name, per seed and index.

Within one seed every index gets its own BRIN (676 at most) and, up to 216 schools, its own name.
"""

from __future__ import annotations

import random
import re
import string
from typing import Final

__all__ = ["MAX_SCHOLEN", "brincode", "school_name", "start_year"]

_PREFIXES: Final = (
    "Basisschool",
    "OBS",
    "CBS",
    "PCBS",
    "RKBS",
    "IKC",
    "Montessorischool",
    "Daltonschool",
    "Jenaplanschool",
)
_SCHOOL_NAMES: Final = (
    "De Regenboog",
    "'t Kompas",
    "De Wegwijzer",
    "De Vlinder",
    "De Springplank",
    "Het Palet",
    "De Zonnewijzer",
    "De Klimop",
    "Het Anker",
    "De Toermalijn",
    "De Fonkelsteen",
    "De Horizon",
    "De Kameleon",
    "Het Octaaf",
    "De Wilgenhoek",
    "Op Dreef",
    "De Meander",
    "De Bongerd",
    "'t Schrijverke",
    "De Tweemaster",
    "De Windroos",
    "Het Mozaïek",
    "De Boomgaard",
    "De Sterrenkijker",
)

_BRIN_LETTERS: Final = tuple(a + b for a in string.ascii_uppercase for b in string.ascii_uppercase)

#: Schools per seed: one per pair of BRIN letters.
MAX_SCHOLEN: Final = len(_BRIN_LETTERS)


def brincode(seed: int, index: int) -> str:
    """``99`` + two capitals: the 99xx range marks a school as fake."""
    if index >= MAX_SCHOLEN:
        raise ValueError(f"Hoogstens {MAX_SCHOLEN} nepscholen per seed (index {index}).")
    letters = list(_BRIN_LETTERS)
    random.Random(f"uwlr.fake.brin:{seed}").shuffle(letters)
    return "99" + letters[index]


def school_name(seed: int, index: int) -> tuple[str, str]:
    """(prefix, name), e.g. ("OBS", "'t Kompas"); repeats only after every combination."""
    combos = [(p, n) for p in _PREFIXES for n in _SCHOOL_NAMES]
    random.Random(f"uwlr.fake.naam:{seed}").shuffle(combos)
    return combos[index % len(combos)]


def start_year(schooljaar: str) -> int:
    """2026 for "2026-2027"; ValueError (in Dutch) for anything else."""
    match = re.fullmatch(r"(\d{4})-(\d{4})", schooljaar)
    if not match or int(match[2]) != int(match[1]) + 1:
        raise ValueError(f"Ongeldig schooljaar {schooljaar!r}: verwacht bijvoorbeeld '2026-2027'.")
    return int(match[1])
