"""``mock-esis serve --db FILE``: the mock's state in a SQLite file, so a restart keeps it.

The whole state (schools with their data per school year, link activations and keys, received
and hand-entered results, the clock offset) is written as one JSON document after every request
that can change it, in one transaction, and read back when the server starts. School data uses
the fake-school JSON layout of :mod:`uwlr.fake.jsonio`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
import threading
from decimal import Decimal
from pathlib import Path
from typing import Any

from mock_esis.state.model import (
    HandmatigResultaat,
    Koppeling,
    MockState,
    OntvangenResultaat,
    SchoolState,
)
from uwlr.fake import parse_school, render_school

__all__ = ["FORMAAT", "StateFile"]

FORMAAT = "mock-esis-state/1"


class StateFile:
    """One SQLite file holding the latest snapshot of a :class:`MockState`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        with self._connect() as db:
            db.execute(
                "create table if not exists snapshot ("
                " id integer primary key check (id = 1), saved_at text not null,"
                " document text not null)"
            )

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=10)
        db.execute("pragma journal_mode=wal")
        return db

    def save(self, state: MockState) -> None:
        """Write ``state`` (atomically: readers see the old or the new snapshot, never half)."""
        with state.lock:
            document = json.dumps(_dump(state), ensure_ascii=False)
        with self._lock, self._connect() as db:
            db.execute(
                "insert into snapshot (id, saved_at, document) values (1, ?, ?) "
                "on conflict (id) do update set saved_at = excluded.saved_at,"
                " document = excluded.document",
                (dt.datetime.now(dt.UTC).isoformat(), document),
            )

    def load(self) -> MockState | None:
        """The saved state, or None when the file holds none yet."""
        with self._connect() as db:
            row = db.execute("select document from snapshot where id = 1").fetchone()
        if row is None:
            return None
        return _restore(json.loads(row[0]))


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _record(obj: Any) -> dict[str, Any]:
    return {f.name: _plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}


def _dump(state: MockState) -> dict[str, Any]:
    schools = []
    for school in state.schools.values():
        jaren = {
            jaar: render_school(
                dataclasses.replace(
                    school.fake,
                    schooljaar=jaar,
                    leerlinggegevens=gegevens,
                    ongegroepeerde_leerlingen=[],
                    ongegroepeerde_leerkrachten=[],
                    gebruikers=[],
                )
            )
            for jaar, gegevens in school.jaren.items()
        }
        schools.append(
            {
                "fake": render_school(school.fake),
                "schoolkey": school.schoolkey,
                "jaren": jaren,
                "koppeling": _record(school.koppeling),
                "resultaten": [_record(r) for r in school.resultaten.values()],
                "handmatig": [_record(h) for h in school.handmatig],
            }
        )
    return {
        "formaat": FORMAAT,
        "klantnaam": state.klantnaam,
        "klantcode": state.klantcode,
        "afnemers": state.afnemers,
        "clock_offset_seconds": state.clock_offset.total_seconds(),
        "handmatig_ids": state._handmatig_ids,
        "version": state.version,
        "schools": schools,
    }


def _date(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)


def _datetime(text: str | None) -> dt.datetime | None:
    return None if text is None else dt.datetime.fromisoformat(text)


def _restore(data: dict[str, Any]) -> MockState:
    if data.get("formaat") != FORMAAT:
        raise ValueError(f"onbekend formaat van de toestand: {data.get('formaat')!r}")
    state = MockState(klantnaam=data["klantnaam"], klantcode=data["klantcode"])
    state.afnemers = dict(data["afnemers"])
    state.clock_offset = dt.timedelta(seconds=data["clock_offset_seconds"])
    state._handmatig_ids = int(data["handmatig_ids"])
    for raw in data["schools"]:
        fake = parse_school(raw["fake"])
        jaren = {jaar: parse_school(text).leerlinggegevens for jaar, text in raw["jaren"].items()}
        if fake.schooljaar in jaren:
            fake.leerlinggegevens = jaren[fake.schooljaar]
        k = raw["koppeling"]
        school = SchoolState(
            fake=fake,
            schoolkey=raw["schoolkey"],
            jaren=jaren,
            koppeling=Koppeling(
                actief=k["actief"],
                autorisatiesleutel=k["autorisatiesleutel"],
                verificatiecode=k["verificatiecode"],
                geactiveerd_op=_datetime(k["geactiveerd_op"]),
                geactiveerd_door=k["geactiveerd_door"],
                gedeactiveerd_op=_datetime(k["gedeactiveerd_op"]),
            ),
        )
        for r in raw["resultaten"]:
            school.resultaten[r["key"]] = OntvangenResultaat(
                **{
                    **r,
                    "afnamedatum": _date(r["afnamedatum"]),
                    "ontvangen_op": _datetime(r["ontvangen_op"]),
                    "vaardigheidsscore": None
                    if r["vaardigheidsscore"] is None
                    else Decimal(r["vaardigheidsscore"]),
                }
            )
        school.handmatig = [
            HandmatigResultaat(
                **{**h, "datum": _date(h["datum"]), "ingevoerd_op": _datetime(h["ingevoerd_op"])}
            )
            for h in raw["handmatig"]
        ]
        state.restore_school(school)
    state.version = int(data["version"]) + 1
    return state
