"""``python -m benchmarks [NAME ...]``: run the benchmark modules and print every figure and goal.

Each ``benchmarks/bench_*.py`` has ``run() -> Report``. The JSON goes to ``reports/bench.json``.
Goals are reported, not enforced: the exit code is 0 unless a benchmark crashed.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

from benchmarks.harness import Report, write_reports


def main(argv: list[str]) -> int:
    package = Path(__file__).parent
    names = sorted(
        m.name for m in pkgutil.iter_modules([str(package)]) if m.name.startswith("bench_")
    )
    if argv:
        names = [n for n in names if any(a in n for a in argv)]
    reports: list[Report] = []
    for name in names:
        module = importlib.import_module(f"benchmarks.{name}")
        report: Report = module.run()
        report.print()
        reports.append(report)
    write_reports(reports, Path("reports") / "bench.json")
    missed = [g.name for r in reports for g in r.goals if not g.met]
    print(
        f"\n{sum(len(r.goals) for r in reports) - len(missed)} doelen gehaald, {len(missed)} gemist"
    )
    for name in missed:
        print(f"  gemist: {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
