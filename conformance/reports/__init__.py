"""Report writers: rich terminal summary, JUnit XML, JSON and a self-contained HTML page."""

from __future__ import annotations

from conformance.reports.html import write_html
from conformance.reports.json_report import write_json
from conformance.reports.junit import write_junit
from conformance.reports.terminal import print_report

__all__ = ["print_report", "write_html", "write_json", "write_junit"]
