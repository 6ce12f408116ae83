"""Fenced code blocks of a Markdown page, so tests can run what the docs tell a stranger to do."""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["DOCS", "fenced_blocks"]

#: The repository's docs folder.
DOCS = Path(__file__).resolve().parents[2] / "docs"

_FENCE = re.compile(r"^```(?P<lang>[\w-]*)[^\n]*\n(?P<body>.*?)^```\s*$", re.M | re.S)


def fenced_blocks(page: Path, lang: str) -> list[str]:
    """The bodies of the ```lang blocks of ``page``, in order."""
    text = page.read_text("utf-8")
    return [m["body"] for m in _FENCE.finditer(text) if m["lang"] == lang]
