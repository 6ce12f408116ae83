"""The small framework of ``make bench``: goals, measurements and the report."""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["Goal", "Report", "percentile", "rss_kib", "timed"]


@dataclass
class Goal:
    """A goal: ``value`` compared with ``limit`` (``op`` is ``<=`` or ``>=``)."""

    name: str
    value: float
    op: str
    limit: float
    unit: str = ""

    @property
    def met(self) -> bool:
        return self.value <= self.limit if self.op == "<=" else self.value >= self.limit

    def line(self) -> str:
        mark = "PASS" if self.met else "FAIL"
        return f"  [{mark}] {self.name}: {self.value:.3g}{self.unit} (doel {self.op} {self.limit:g}{self.unit})"


@dataclass
class Report:
    """Figures and goals of one benchmark module."""

    title: str
    figures: dict[str, Any] = field(default_factory=dict)
    goals: list[Goal] = field(default_factory=list)

    def print(self) -> None:
        print(f"\n== {self.title}")
        for key, value in self.figures.items():
            shown = f"{value:.4g}" if isinstance(value, float) else value
            print(f"  {key}: {shown}")
        for goal in self.goals:
            print(goal.line())

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for goal, raw in zip(self.goals, data["goals"], strict=True):
            raw["met"] = goal.met
        return data


def timed(fn: Callable[[], Any], repeat: int) -> list[float]:
    """Wall times in milliseconds of ``repeat`` calls of ``fn``."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return times


def percentile(values: list[float], share: float) -> float:
    """The ``share`` quantile (0..1) of ``values``."""
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]


def rss_kib() -> int:
    """Resident memory of this process in KiB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def write_reports(reports: list[Report], path: Path) -> None:
    """Write every report as JSON to ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps([r.to_json() for r in reports], indent=2, default=str), "utf-8")
