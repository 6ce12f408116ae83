"""Write the committed fixture datasets: ``python -m uwlr.fake.regenerate fixtures`` (``make fixtures``).

Each kind of output has its own function returning ``{file name: text}``: :func:`school_files`
(the fake schools) and :func:`message_files` (the golden SOAP messages of :mod:`uwlr.golden`).
``--check`` compares every kind against the files on disk without writing, and exits 1 when
anything is stale; in the folders of :data:`OWNED_DIRS` a file that no kind makes is stale too
(and writing removes it), so a renamed golden message leaves no orphan behind.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path

from uwlr import golden
from uwlr.fake.jsonio import render_school
from uwlr.fake.school import FakeSchool, generate_school

__all__ = [
    "OUTPUT_KINDS",
    "OWNED_DIRS",
    "main",
    "message_files",
    "output_files",
    "school_files",
    "school_fixtures",
]


def school_fixtures() -> dict[str, Callable[[], FakeSchool]]:
    """The committed fake schools: file stem → how to make it."""
    return {
        "seed-1": partial(generate_school, 1),
        "seed-2": partial(generate_school, 2),
        "seed-3": partial(generate_school, 3),
        "large-1000": partial(generate_school, 1000, aantal_leerlingen=1000),
    }


def school_files() -> dict[str, str]:
    """``schools/<stem>.json`` → its JSON text."""
    return {
        f"schools/{stem}.json": render_school(make()) for stem, make in school_fixtures().items()
    }


def message_files() -> dict[str, str]:
    """``messages/valid/*.xml``, ``messages/invalid/*.xml`` and ``messages/invalid/expected.json``."""
    return {f"messages/{path}": text for path, text in golden.message_files().items()}


#: Every kind of output, each a function giving paths (relative to the fixtures root) and texts.
OUTPUT_KINDS: tuple[Callable[[], dict[str, str]], ...] = (school_files, message_files)

#: Folders (relative to the fixtures root) that hold generated files only.
OWNED_DIRS: tuple[str, ...] = ("messages/valid", "messages/invalid")


def output_files() -> dict[str, str]:
    """All fixture files, relative path → text."""
    files: dict[str, str] = {}
    for kind in OUTPUT_KINDS:
        files.update(kind())
    return files


def _stale(root: Path, files: dict[str, str]) -> list[str]:
    stale = []
    for relative, text in files.items():
        path = root / relative
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            stale.append(relative)
    return stale


def _orphans(root: Path, files: dict[str, str]) -> list[str]:
    """Files in :data:`OWNED_DIRS` that no output kind makes."""
    orphans = []
    for folder in OWNED_DIRS:
        directory = root / folder
        if directory.is_dir():
            for path in sorted(directory.iterdir()):
                relative = path.relative_to(root).as_posix()
                if path.is_file() and relative not in files:
                    orphans.append(relative)
    return orphans


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m uwlr.fake.regenerate",
        description="Schrijf de nepscholen en de gouden berichten onder de fixtures-map.",
    )
    parser.add_argument("root", type=Path, help="de fixtures-map, bijvoorbeeld 'fixtures'")
    parser.add_argument(
        "--check",
        action="store_true",
        help="niets schrijven; exitcode 1 als een bestand ontbreekt of verouderd is",
    )
    args = parser.parse_args(argv)
    root: Path = args.root
    files = output_files()
    if args.check:
        stale = _stale(root, files)
        for relative in stale:
            print(
                f"Verouderd of ontbrekend: {root / relative} (draai 'make fixtures')",
                file=sys.stderr,
            )
        orphans = _orphans(root, files)
        for relative in orphans:
            print(f"Overbodig: {root / relative} (draai 'make fixtures')", file=sys.stderr)
        return 1 if stale or orphans else 0
    for relative in _orphans(root, files):
        (root / relative).unlink()
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
