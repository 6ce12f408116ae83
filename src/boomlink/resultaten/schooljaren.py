"""Which school year an administration belongs to (1 August to 31 July), and the one before."""

from __future__ import annotations

import datetime as dt

__all__ = ["schooljaar_van_datum", "vorig_schooljaar"]


def schooljaar_van_datum(datum: dt.date) -> str:
    """``2027-03-04`` → ``"2026-2027"``; ``2026-08-01`` → ``"2026-2027"``."""
    start = datum.year if datum.month >= 8 else datum.year - 1
    return f"{start}-{start + 1}"


def vorig_schooljaar(schooljaar: str) -> str:
    """``"2026-2027"`` → ``"2025-2026"``."""
    start = int(schooljaar[:4]) - 1
    return f"{start}-{start + 1}"
