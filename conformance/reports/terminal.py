"""The terminal summary (rich): one line per check, the counts, latency and the verdict."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from conformance.result import CheckResult, Outcome, Report

__all__ = ["print_report"]

_STYLE = {
    Outcome.PASS: "green",
    Outcome.FAIL: "bold red",
    Outcome.WARN: "yellow",
    Outcome.SKIP: "dim",
}


def _outcome(result: CheckResult) -> Text:
    if result.expected_failure is not None:
        return Text("XFAIL", style="magenta")
    return Text(result.outcome.value, style=_STYLE[result.outcome])


def print_report(report: Report, file: TextIO | None = None, *, verbose: bool = False) -> None:
    """Print ``report``; with ``verbose`` also the evidence notes of FAIL and WARN results."""
    console = Console(file=file, highlight=False)
    if not console.is_terminal:
        console.width = 160  # CI logs and files: room for the findings
    table = Table(title=f"uwlr-conformance {report.mode.value}: {report.target}", expand=False)
    table.add_column("controle", no_wrap=True)
    table.add_column("niveau", no_wrap=True)
    table.add_column("uitkomst", no_wrap=True)
    table.add_column("titel")
    table.add_column("bevinding")
    for result in report.results:
        message = result.message
        if result.expected_failure is not None:
            message = f"verwacht ({result.expected_failure}): {message}"
        table.add_row(
            result.check.id,
            result.check.level.value,
            _outcome(result),
            result.check.title,
            message if len(message) < 400 else message[:400] + "…",
        )
    console.print(table)
    if verbose:
        for result in report.results:
            if result.outcome in (Outcome.FAIL, Outcome.WARN):
                console.rule(f"{result.check.id} {result.outcome.value}")
                for evidence in result.evidence:
                    console.print(Text(f"{evidence.label}", style="bold"))
                    for part in (evidence.note, evidence.request, evidence.response):
                        if part:
                            console.print(Text(part[:2000]))
    if report.latency:
        latency = Table(title="antwoordtijden per operatie", expand=False)
        for column in ("operatie", "aantal", "p50 ms", "max ms"):
            latency.add_column(column)
        for operation, row in report.latency.items():
            latency.add_row(
                operation, f"{row['count']:.0f}", f"{row['p50_ms']}", f"{row['max_ms']}"
            )
        console.print(latency)
    for note in report.notes:
        console.print(Text(f"• {note}", style="cyan"))
    counts = report.counts()
    summary = ", ".join(f"{counts[name]} {name}" for name in counts if counts[name])
    style = "bold green" if report.passed else "bold red"
    console.print(Text(f"{summary} in {report.seconds:.1f} s — "), Text(report.verdict(), style))
