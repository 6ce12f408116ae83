"""``--db``: the mock's state survives a restart (keys, data changes, results, clock)."""

from __future__ import annotations

import datetime as dt
import gc
import json
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from decimal import Decimal
from pathlib import Path

import pytest

from mock_esis.admin.changes_leerlingen import update_leerling
from mock_esis.state.store import SCHEMA_VERSION, SqliteStore, StoreError
from mock_esis.testing.handle import MockEsisHandle
from mock_esis.testing.resultaten import leerresultaten_verzoek, oso_resultaat
from mock_esis.web.factory import MockOptions, build_app
from mock_esis.web.server import MockEsisServer
from uwlr.envelope import parse_envelope
from uwlr.fake import generate_schools, render_school
from uwlr.models import (
    Leerlinggegevens,
    LeerlinggegevensAntwoord,
    LeerlinggegevensVerzoek,
    Toets,
)
from uwlr.parse import parse


def _fetch(handle: MockEsisHandle) -> Leerlinggegevens:
    school = handle.school
    response = handle.call(
        "HaalLeerlinggegevens",
        LeerlinggegevensVerzoek(schooljaar=school.schooljaar, brincode=school.brincode),
    )
    assert response.status_code == 200, response.text
    body = parse_envelope(response.content).body
    assert body is not None
    answer = parse(body)
    assert isinstance(answer, LeerlinggegevensAntwoord) and answer.gegevens is not None
    return answer.gegevens


def _push(handle: MockEsisHandle, leerlingid: str) -> None:
    resultaat = oso_resultaat(
        "afname-1",
        toetscode="REK-M5",
        afnamedatum=dt.date(2026, 10, 30),
        vaardigheidsscore="123.5",
        niveau="III",
        dle="21",
    )
    verzoek = leerresultaten_verzoek(
        handle.school,
        {leerlingid: [resultaat]},
        [Toets(toetscode="REK-M5", toetsnaam="Rekenen M5")],
        aanmaakdatum=dt.datetime(2026, 11, 1, 12, tzinfo=dt.UTC),
        auteur=None,
    )
    assert handle.call("BrengLeerresultaten", verzoek).status_code == 200


def test_state_survives_a_restart(tmp_path: Path) -> None:
    db = tmp_path / "esis.sqlite3"
    options = MockOptions(students_per_group=3, activate_all=True, db=str(db))
    with MockEsisServer(build_app(options)) as server:
        handle = MockEsisHandle(server)
        key = handle.school.autorisatiesleutel
        before = _fetch(handle)
        pupil = before.leerlingen[0].key
        assert pupil is not None
        handle.admin.update_leerling(handle.school.code, pupil, roepnaam="Bo")
        _push(handle, pupil)
        handle.admin.volgend_schooljaar()
        new_year = handle.school.schooljaar

    # Another seed on restart: the saved state wins over the seed options.
    with MockEsisServer(build_app(MockOptions(seed=99, db=str(db)))) as server:
        handle = MockEsisHandle(server)
        assert handle.school.autorisatiesleutel == key
        assert handle.school.schooljaar == new_year
        after = _fetch(handle)
        moved = next(p for p in after.leerlingen if p.key == pupil)
        assert moved.roepnaam == "Bo"
        stored = handle.app.state.schools[handle.school.code].resultaten["afname-1"]
        assert stored.dle == "21" and stored.niveau == "III"
        assert stored.vaardigheidsscore == Decimal("123.5")
        old_year = handle.app.state.schools[handle.school.code].gegevens(before.school.schooljaar)
        assert old_year is not None and len(old_year.leerlingen) == len(before.leerlingen)


def test_the_file_holds_tables_with_a_schema_version(tmp_path: Path) -> None:
    db = tmp_path / "esis.sqlite3"
    app = build_app(MockOptions(students_per_group=2, db=str(db)))
    school = next(iter(app.state.schools.values()))
    with closing(sqlite3.connect(db)) as connection:
        (version,) = connection.execute("pragma user_version").fetchone()
        (pupils,) = connection.execute(
            "select count(*) from records where soort = 'leerling'"
        ).fetchone()
        (brincode,) = connection.execute("select brincode from scholen").fetchone()
    assert version == SCHEMA_VERSION
    gegevens = school.gegevens(school.schooljaar)
    assert gegevens is not None
    assert pupils == len(gegevens.leerlingen)
    assert brincode == school.fake.brincode


def test_one_change_writes_only_what_it_touched(tmp_path: Path) -> None:
    """Regression (issue 12): every change rewrote the whole state (all schools, all years)."""
    db = tmp_path / "esis.sqlite3"
    app = build_app(MockOptions(schools=3, students_per_group=4, db=str(db)))
    store = app.state.store
    assert isinstance(store, SqliteStore)
    school = next(iter(app.state.schools.values()))
    gegevens = school.gegevens(school.schooljaar)
    assert gegevens is not None
    pupil = gegevens.leerlingen[0].key
    assert pupil is not None
    before = store._db.total_changes
    update_leerling(app.state, school, pupil, {"roepnaam": "Zwaantje-Wijziging"})
    written = store._db.total_changes - before
    # the state's settings (5 rows), the school row and the one pupil: nothing of the rest
    assert written <= 7
    with closing(sqlite3.connect(db)) as connection:
        documents = [
            row[0]
            for row in connection.execute("select document from records where soort = 'leerling'")
        ]
    assert sum('"roepnaam": "Zwaantje-Wijziging"' in d for d in documents) == 1


def test_concurrent_changes_are_all_kept(tmp_path: Path) -> None:
    """Regression (issue 12): a snapshot taken under one lock and written under another."""
    db = tmp_path / "esis.sqlite3"
    with MockEsisServer(build_app(MockOptions(students_per_group=5, db=str(db)))) as server:
        handle = MockEsisHandle(server)
        code = handle.school.code
        pupils = [p.key for p in next(iter(handle.app.state.schools.values())).all_leerlingen()]

        def rename(index_key: tuple[int, str]) -> None:
            index, key = index_key
            handle.admin.update_leerling(code, key, roepnaam=f"Naam{index}")

        with ThreadPoolExecutor(8) as pool:
            list(pool.map(rename, enumerate(pupils)))
    restored = build_app(MockOptions(db=str(db))).state.schools[code]
    names = {p.key: p.roepnaam for p in restored.all_leerlingen()}
    assert names == {key: f"Naam{i}" for i, key in enumerate(pupils)}


def test_a_file_of_the_first_layout_is_migrated(tmp_path: Path) -> None:
    db = tmp_path / "esis.sqlite3"
    fake = generate_schools(5, 1, students_per_group=2)[0]
    document = {
        "formaat": "mock-esis-state/1",
        "klantnaam": "Boom testcentrum",
        "klantcode": "BOOM-TC-UWLR",
        "afnemers": {"Boom testcentrum": "BOOM-TC-UWLR"},
        "clock_offset_seconds": 3600.0,
        "handmatig_ids": 0,
        "version": 4,
        "schools": [
            {
                "fake": render_school(fake),
                "schoolkey": "ESIS-X",
                "jaren": {fake.schooljaar: render_school(fake)},
                "koppeling": {
                    "actief": True,
                    "autorisatiesleutel": "oude-sleutel",
                    "verificatiecode": "1234",
                    "geactiveerd_op": "2026-09-01T10:00:00+00:00",
                    "geactiveerd_door": "mock",
                    "gedeactiveerd_op": None,
                },
                "resultaten": [],
                "handmatig": [],
            }
        ],
    }
    with sqlite3.connect(db) as connection:
        connection.execute(
            "create table snapshot (id integer primary key check (id = 1),"
            " saved_at text not null, document text not null)"
        )
        connection.execute(
            "insert into snapshot values (1, '2026-09-01', ?)", (json.dumps(document),)
        )
    connection.close()
    app = build_app(MockOptions(seed=99, db=str(db)))
    assert app.restored_from == db
    school = app.state.school_for_key("oude-sleutel")
    assert school is not None and school.fake.brincode == fake.brincode
    assert app.state.clock_offset.total_seconds() == 3600
    with sqlite3.connect(db) as connection:
        (version,) = connection.execute("pragma user_version").fetchone()
        tables = {r[0] for r in connection.execute("select name from sqlite_master")}
    connection.close()
    assert version == SCHEMA_VERSION and "snapshot" not in tables


def test_a_file_of_a_newer_mock_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "esis.sqlite3"
    build_app(MockOptions(students_per_group=2, db=str(db)))
    with sqlite3.connect(db) as connection:
        connection.execute(f"pragma user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    with pytest.raises(StoreError, match="nieuwere mock-esis"):
        build_app(MockOptions(db=str(db)))


def test_a_store_dropped_without_close_closes_its_connection(tmp_path: Path) -> None:
    """Python 3.13 warns about a SQLite connection collected open (an error in strict runs)."""
    store = SqliteStore(tmp_path / "esis.sqlite3")
    connection = store._db
    del store
    gc.collect()
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        connection.execute("select 1")
