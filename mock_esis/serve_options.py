"""Checks of ``mock-esis serve``'s option values, as argparse ``type=`` functions.

Each says in Dutch what is allowed; argparse puts the option's name in front, so the user sees
one line such as ``mock-esis serve: fout: optie --port: moet een poort van 0 tot en met 65535
zijn, niet 99999 (zie: mock-esis serve --help)``, exit code 2, and no server starts. :func:`listen_error`
turns a failed bind (busy port, address not of this machine) into such a line too. The checks
that ``boomlink web`` shares live in :mod:`uwlr.cli_values`.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from uwlr.cli_values import at_least, host, listen_error, port
from uwlr.fake.identity import start_year

__all__ = [
    "at_least",
    "file_in_existing_folder",
    "host",
    "listen_error",
    "port",
    "schooljaar",
]


def schooljaar(text: str) -> str:
    """A school year such as 2025-2026 (two following years)."""
    try:
        start_year(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"ongeldig schooljaar {text!r}: verwacht twee opeenvolgende jaren, zoals 2025-2026"
        ) from None
    return text


def file_in_existing_folder(text: str) -> Path:
    """A file path whose folder exists (the file itself may be new); no folder is made."""
    path = Path(text)
    folder = path.parent
    if not folder.is_dir():
        raise argparse.ArgumentTypeError(
            f"de map {folder} bestaat niet; maak haar eerst aan of kies een bestand in een "
            "bestaande map"
        )
    if path.is_dir():
        raise argparse.ArgumentTypeError(f"{path} is een map; geef een bestandsnaam")
    return path
