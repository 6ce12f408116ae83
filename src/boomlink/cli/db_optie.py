"""``--db`` naming a SQLite file in a folder that does not exist: refused, never created.

boomlink creates the folder of its default database (``./.boomlink``) only. A folder the user
named by mistake (a typo, a missing mount) is not made for them: one Dutch line naming the option,
exit code 2 (verkeerd gebruik), and nothing is written.
"""

from __future__ import annotations

from typing import Final, TextIO

from boomlink.config import missing_db_folder

__all__ = ["refuse_missing_db_folder"]

_EXIT_GEBRUIK: Final = 2


def refuse_missing_db_folder(db: str | None, err: TextIO) -> int | None:
    """Exit code 2 after one line on ``err`` when ``db`` lies in a missing folder, else None."""
    missing = missing_db_folder(db)
    if missing is None:
        return None
    print(
        f"boomlink: --db: de map {missing} bestaat niet; maak die eerst aan "
        "of kies een bestand in een bestaande map",
        file=err,
    )
    return _EXIT_GEBRUIK
