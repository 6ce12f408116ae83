"""Mock ESIS state (issue 12): the cost of one change in ``--db``.

One pupil change saved to the SQLite store with 200 schools of 500 pupils (p50 < 5 ms), and the
same with 1 school: a change costs what it touches, not what the state holds. Answers for many
schools at once: ``bench_mock_esis_clients``.
"""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

from benchmarks.harness import Goal, Report, percentile
from mock_esis.admin.changes_leerlingen import update_leerling
from mock_esis.state.model import MockState
from mock_esis.state.store import SqliteStore
from uwlr.fake import generate_school, parse_school, render_school

SCHOOLS = 200
PUPILS = 500
CHANGES = 200


def _state(schools: int, folder: Path) -> MockState:
    template = render_school(generate_school(1, aantal_leerlingen=PUPILS))
    state = MockState()
    for i in range(schools):
        fake = parse_school(template)
        fake.brincode = f"{10 + i // 26:02d}{chr(65 + i % 26)}A"
        fake.leerlinggegevens.school.brincode = fake.brincode
        state.add_school(fake)
    store = SqliteStore(folder / f"state-{schools}.sqlite3")
    store.commit(state, None)
    state.store = store
    return state


def _change_ms(state: MockState) -> list[float]:
    rng = random.Random(12)
    schools = list(state.schools.values())
    times = []
    for i in range(CHANGES):
        school = rng.choice(schools)
        pupil = rng.choice(school.jaren[school.schooljaar].leerlingen)
        started = time.perf_counter()
        update_leerling(state, school, str(pupil.key), {"roepnaam": f"Naam{i}"})
        times.append((time.perf_counter() - started) * 1000)
    return times


def run() -> Report:
    report = Report("mock ESIS toestand (issue 12)")
    with tempfile.TemporaryDirectory() as folder:
        big = _state(SCHOOLS, Path(folder))
        many = _change_ms(big)
        big_store = big.store
        assert isinstance(big_store, SqliteStore)
        big_store.close()
        del big
        small = _state(1, Path(folder))
        one = _change_ms(small)
    p50_many, p50_one = percentile(many, 0.5), percentile(one, 0.5)
    report.figures[f"1 leerlingwijziging, {SCHOOLS} scholen × {PUPILS}: p50 / p95 ms"] = (
        f"{p50_many:.2f} / {percentile(many, 0.95):.2f}"
    )
    report.figures[f"1 leerlingwijziging, 1 school × {PUPILS}: p50 / p95 ms"] = (
        f"{p50_one:.2f} / {percentile(one, 0.95):.2f}"
    )
    report.goals.append(
        Goal(f"1 leerlingwijziging bij {SCHOOLS} × {PUPILS}: p50", p50_many, "<=", 5.0, " ms")
    )
    report.goals.append(
        Goal("wijziging: 200 scholen / 1 school (p50)", p50_many / p50_one, "<=", 2.0, "×")
    )

    return report
