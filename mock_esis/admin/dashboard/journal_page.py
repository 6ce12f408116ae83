"""What the journal pages show beyond the admin API's answer: pretty XML, filter choices, files.

The entries themselves come from ``GET /__admin/journal`` (through :meth:`AdminApi.perform`);
this module only formats them for people.
"""

from __future__ import annotations

import json
from typing import Any

from lxml import etree

from mock_esis.testing.injection import KINDS, OPERATIONS
from uwlr.safexml import XmlInputError, parse_xml

__all__ = [
    "FILTERS",
    "OPERATION_CHOICES",
    "PAGE_SIZE",
    "VERDICTS",
    "download_name",
    "journal_file",
    "pretty_xml",
]

VERDICTS = ("ok", "fault", "invalid", "unmatched", "injected")
OPERATION_CHOICES = tuple(OPERATIONS.values())
FAULT_KINDS = KINDS
FILTERS = ("operation", "verdict", "school", "since", "until")
#: Rows the live list shows (the newest); the rest stays in the journal and in the download.
PAGE_SIZE = 200


def pretty_xml(text: str | None) -> str:
    """``text`` indented when it is XML (parsed safely), else as it is."""
    if not text:
        return ""
    try:
        root = parse_xml(text.encode("utf-8"))
    except (XmlInputError, ValueError):
        return text
    etree.indent(root, space="  ")
    return etree.tostring(root, encoding="unicode")


def journal_file(entries: list[dict[str, Any]]) -> bytes:
    """A JSON file of journal entries (with their bodies, keys masked)."""
    return json.dumps(entries, ensure_ascii=False, indent=2).encode("utf-8")


def download_name(what: str) -> str:
    return f"journaal-{what}.json"
