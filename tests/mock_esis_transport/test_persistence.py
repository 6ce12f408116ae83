"""``--db``: the mock's state survives a restart (keys, data changes, results, clock)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from decimal import Decimal
from pathlib import Path

from mock_esis.testing.handle import MockEsisHandle
from mock_esis.web.factory import MockOptions, build_app
from mock_esis.web.server import MockEsisServer
from uwlr.envelope import parse_envelope
from uwlr.models import (
    Leerlinggegevens,
    LeerlinggegevensAntwoord,
    LeerlinggegevensVerzoek,
    LeerresultatenVerzoek,
    OsoResultaat,
    Referentiescore,
    Resultaat,
    ResultatenSchool,
    Toets,
    Toetsafname,
    Toetsscore,
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
    school = handle.school
    verzoek = LeerresultatenVerzoek(
        school=ResultatenSchool(
            schooljaar=school.schooljaar,
            brincode=school.brincode,
            dependancecode=school.dependancecode,
            aanmaakdatum=dt.datetime(2026, 11, 1, 12, tzinfo=dt.UTC),
        ),
        toetsafnames=[
            Toetsafname(
                leerlingid=leerlingid,
                resultaten=[
                    Resultaat(
                        key="afname-1",
                        afnamedatum=dt.date(2026, 10, 30),
                        toetscode="REK-M5",
                        osoresultaat=OsoResultaat(
                            toetsscore=Toetsscore(vaardigheidsscore=Decimal("123.5")),
                            referentiescores=[
                                Referentiescore(
                                    codereferentiescore="DLE",
                                    codevergelijkingsgroep="Landelijk",
                                    waarde="21",
                                    kwalificatie="III",
                                )
                            ],
                        ),
                    )
                ],
            )
        ],
        toetsen=[Toets(toetscode="REK-M5", toetsnaam="Rekenen M5")],
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


def test_the_file_is_a_real_sqlite_database(tmp_path: Path) -> None:
    db = tmp_path / "esis.sqlite3"
    build_app(MockOptions(students_per_group=2, db=str(db)))
    with sqlite3.connect(db) as connection:
        (formaat,) = connection.execute(
            "select json_extract(document, '$.formaat') from snapshot"
        ).fetchone()
    assert formaat == "mock-esis-state/1"
