"""``make bench`` is not part of ``make test``, so its set-up code is run here on tiny data: a
change elsewhere (the journal's fields, the mock's options) must not break the benchmarks
unnoticed. Only the parts that fill state; the timed runs stay in ``make bench``."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest

import benchmarks
from benchmarks import bench_dashboard
from mock_esis.web.factory import MockOptions, build_app


def test_every_benchmark_module_imports_and_has_run() -> None:
    folder = Path(benchmarks.__file__).parent
    names = [m.name for m in pkgutil.iter_modules([str(folder)]) if m.name.startswith("bench_")]
    assert names
    for name in names:
        module = importlib.import_module(f"benchmarks.{name}")
        assert callable(module.run), name


def test_the_dashboard_bench_fills_a_journal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bench_dashboard, "EXCHANGES", 12)
    app = build_app(MockOptions(seed=1, schools=1, students_per_group=2, activate_all=True))
    bench_dashboard._fill(app)
    entries = app.journal.entries()
    assert len(entries) == 12
    copies = len(entries) - 3  # three real exchanges, then copies of them in turn
    assert copies > 0
    for copy, sample in zip(entries[3:], entries * 4, strict=False):
        assert (copy.verdict, copy.http_status) == (sample.verdict, sample.http_status)
        assert copy.request_body == sample.request_body
