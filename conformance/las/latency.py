"""Latency per UWLR operation over every SOAP call of the run (p50 and max, in milliseconds)."""

from __future__ import annotations

import statistics

from conformance.las.context import LasContext
from conformance.las.envelope import answers
from conformance.las.registry import las_checks
from conformance.result import Evidence, Verdict

__all__ = ["latency_table"]


def latency_table(ctx: LasContext) -> dict[str, dict[str, float]]:
    """``{operation: {"count", "p50_ms", "max_ms"}}`` of the answered SOAP calls."""
    per_operation: dict[str, list[float]] = {}
    for exchange in answers(ctx):
        per_operation.setdefault(exchange.operation or "?", []).append(exchange.seconds * 1000)
    return {
        operation: {
            "count": len(times),
            "p50_ms": round(statistics.median(times), 1),
            "max_ms": round(max(times), 1),
        }
        for operation, times in sorted(per_operation.items())
    }


@las_checks.check("LAS-LAT-001", phase=1)
def antwoordtijden(ctx: LasContext) -> Verdict:
    table = latency_table(ctx)
    ctx.share("latency", table)
    if not table:
        return Verdict.skipped("Geen beantwoorde SOAP-verzoeken")
    lines = [
        f"{op}: {row['count']:.0f}×, p50 {row['p50_ms']} ms, max {row['max_ms']} ms"
        for op, row in table.items()
    ]
    note = Evidence("antwoordtijden", note="\n".join(lines))
    limit_ms = ctx.max_latency * 1000
    slow = [op for op, row in table.items() if row["max_ms"] > limit_ms]
    if slow:
        return Verdict.broken(f"Trager dan {ctx.max_latency:g} s: {', '.join(slow)}", note)
    worst = max(row["max_ms"] for row in table.values())
    return Verdict.ok(f"Alle antwoorden binnen {ctx.max_latency:g} s (max {worst} ms)", note)
