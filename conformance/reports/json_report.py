"""The report as JSON (every result with its masked evidence), for tools and dashboards."""

from __future__ import annotations

import json
from pathlib import Path

from conformance.result import Report

__all__ = ["write_json"]


def write_json(report: Report, path: Path) -> None:
    """Write ``report`` to ``path`` as UTF-8 JSON."""
    path.write_text(json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n", "utf-8")
