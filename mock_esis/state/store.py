"""``mock-esis serve --db FILE``: the mock's state in SQLite tables, one row per record.

Tables (schema version in ``pragma user_version``, see :data:`SCHEMA_VERSION`):

- ``instellingen``: the state's own fields (afnemer, clock offset, last hand-entry id);
- ``scholen``: one row per school with its link (``koppeling``) and key;
- ``records``: one row per record of a school: ``soort`` ``school`` (the head of a school year),
  ``groep``, ``samengestelde_groep``, ``leerling``, ``leerkracht`` per school year, and
  ``ongegroepeerde_leerling``, ``ongegroepeerde_leerkracht``, ``gebruiker``, ``resultaat``
  (received through the link) and ``handmatig`` (typed in) without a year;
- ``volgorde``: the order of each list (answers keep the order of the data).

A record is one JSON object whose fields are read by name, so adding or dropping a field never
breaks a file. Only what a change touched is written: the store keeps, per school, a cheap
snapshot of every record it saved and compares the school's records with it when a change of
that school ends (:meth:`MockState.change` calls :meth:`SqliteStore.commit` under its locks). A
change costs the same with 1 school or 200. Each commit is one SQLite transaction (WAL): after a
``kill -9`` the file holds the last committed change.

A file written by the first ``--db`` (one JSON snapshot, ``mock-esis-state/1``) is migrated on
open (:mod:`mock_esis.state.legacy_snapshot`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import operator
import sqlite3
import weakref
from collections.abc import Callable, Iterator
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
from uwlr.fake.jsonio import parse_record, render_record
from uwlr.fake.records import FakeSchool
from uwlr.models import Leerlinggegevens

__all__ = [
    "SCHEMA_VERSION",
    "SqliteStore",
    "StoreError",
    "handmatig_from_json",
    "resultaat_from_json",
]

#: The version of the table layout this code writes; older files are migrated on open.
SCHEMA_VERSION = 2

_SCHEMA = """
create table instellingen (naam text primary key, waarde text not null);
create table scholen (
    code text primary key, schoolkey text not null, naam text not null,
    brincode text not null, dependancecode text not null, schooljaar text not null,
    email_domein text not null, koppeling text not null
);
create table records (
    id integer primary key, school text not null, jaar text not null, soort text not null,
    document text not null
);
create index records_school on records (school);
create table volgorde (
    school text not null, jaar text not null, soort text not null, ids text not null,
    primary key (school, jaar, soort)
);
"""

_YEAR_LISTS = ("groep", "samengestelde_groep", "leerling", "leerkracht")
_SCHOOL_LISTS = ("ongegroepeerde_leerling", "ongegroepeerde_leerkracht", "gebruiker")
_READ_AS = {"ongegroepeerde_leerling": "leerling", "ongegroepeerde_leerkracht": "leerkracht"}


class StoreError(Exception):
    """The file cannot be used as a mock-ESIS state (Dutch message, says which file)."""


# -- records -------------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _own_record(obj: Any) -> str:
    return json.dumps(
        {f.name: _plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)},
        ensure_ascii=False,
    )


def _render(soort: str, obj: Any) -> str:
    if soort in ("resultaat", "handmatig"):
        return _own_record(obj)
    return render_record(obj)


def _opt(parse: Callable[[str], Any], value: Any) -> Any:
    return None if value is None else parse(value)


def resultaat_from_json(data: dict[str, Any]) -> OntvangenResultaat:
    """A received result from its stored JSON fields (read by name)."""
    return OntvangenResultaat(
        key=data["key"],
        leerlingid=data["leerlingid"],
        eckid=data.get("eckid"),
        toetscode=data["toetscode"],
        toetsnaam=data.get("toetsnaam"),
        toetsonderdeelcode=data.get("toetsonderdeelcode"),
        afnamedatum=dt.date.fromisoformat(data["afnamedatum"]),
        score=data.get("score"),
        vaardigheidsscore=_opt(Decimal, data.get("vaardigheidsscore")),
        dle=data.get("dle"),
        niveau=data.get("niveau"),
        ontvangen_op=dt.datetime.fromisoformat(data["ontvangen_op"]),
    )


def handmatig_from_json(data: dict[str, Any]) -> HandmatigResultaat:
    """A hand-entered result from its stored JSON fields (read by name)."""
    return HandmatigResultaat(
        id=int(data["id"]),
        leerlingid=data["leerlingid"],
        toets=data["toets"],
        dle=data["dle"],
        datum=dt.date.fromisoformat(data["datum"]),
        ingevoerd_door=data["ingevoerd_door"],
        ingevoerd_op=dt.datetime.fromisoformat(data["ingevoerd_op"]),
    )


def _parse(soort: str, text: str) -> Any:
    if soort == "resultaat":
        return resultaat_from_json(json.loads(text))
    if soort == "handmatig":
        return handmatig_from_json(json.loads(text))
    return parse_record(_READ_AS.get(soort, soort), text)


def _koppeling_text(k: Koppeling) -> str:
    return _own_record(k)


def _koppeling(text: str) -> Koppeling:
    data = json.loads(text)
    return Koppeling(
        actief=bool(data.get("actief")),
        autorisatiesleutel=data.get("autorisatiesleutel"),
        verificatiecode=data.get("verificatiecode"),
        geactiveerd_op=_opt(dt.datetime.fromisoformat, data.get("geactiveerd_op")),
        geactiveerd_door=data.get("geactiveerd_door"),
        gedeactiveerd_op=_opt(dt.datetime.fromisoformat, data.get("gedeactiveerd_op")),
    )


_GETTERS: dict[type, Callable[[Any], tuple[Any, ...]]] = {}


def _snap(obj: Any) -> tuple[Any, ...]:
    """A cheap, independent picture of a record: equal exactly when the record is unchanged.

    Field values are immutable (text, numbers, dates, frozen records) except lists, which are
    copied as tuples.
    """
    getter = _GETTERS.get(type(obj))
    if getter is None:
        getter = _GETTERS[type(obj)] = _snapper(obj)
    return getter(obj)


def _snapper(obj: Any) -> Callable[[Any], tuple[Any, ...]]:
    fields = dataclasses.fields(obj)
    values: Callable[[Any], tuple[Any, ...]] = operator.attrgetter(*(f.name for f in fields))
    lists = [i for i, f in enumerate(fields) if f.default_factory is list]
    if len(fields) == 1:
        return lambda record: (values(record),)
    if not lists:
        return values

    def snap(record: Any) -> tuple[Any, ...]:
        picture = list(values(record))
        for i in lists:
            picture[i] = tuple(picture[i])
        return tuple(picture)

    return snap


def _lists(school: SchoolState) -> Iterator[tuple[str, str, list[Any]]]:
    """Every list of records of ``school``: (jaar, soort, records); jaar '' for year-less."""
    for jaar, gegevens in school.jaren.items():
        yield jaar, "school", [gegevens.school]
        yield jaar, "groep", gegevens.groepen
        yield jaar, "samengestelde_groep", gegevens.samengestelde_groepen
        yield jaar, "leerling", gegevens.leerlingen
        yield jaar, "leerkracht", gegevens.leerkrachten
    fake = school.fake
    yield "", "ongegroepeerde_leerling", fake.ongegroepeerde_leerlingen
    yield "", "ongegroepeerde_leerkracht", fake.ongegroepeerde_leerkrachten
    yield "", "gebruiker", fake.gebruikers
    yield "", "resultaat", list(school.resultaten.values())
    yield "", "handmatig", school.handmatig


@dataclasses.dataclass
class _Saved:
    """One saved record: the object, its row and its snapshot when it was saved."""

    obj: Any
    row: int
    snap: tuple[Any, ...]


# -- the store -----------------------------------------------------------------------------------


class SqliteStore:
    """The state of one mock ESIS in a SQLite file; used under the state's locks only."""

    def __init__(self, path: Path) -> None:
        self.path = path
        #: school code → (jaar, soort) → saved records, in list order.
        self._saved: dict[str, dict[tuple[str, str], list[_Saved]]] = {}
        try:
            self._db = sqlite3.connect(path, timeout=10, check_same_thread=False)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path} is geen bruikbaar toestandsbestand: {exc}") from None
        # Closed with the store at the latest: Python 3.13 warns (ResourceWarning) about a
        # connection that is garbage-collected open, an error under filterwarnings = error.
        self._closer = weakref.finalize(self, self._db.close)
        try:
            self._db.execute("pragma journal_mode=wal")
            self._db.execute("pragma synchronous=normal")  # WAL: a crash keeps every commit
            self._migrate()
        except sqlite3.DatabaseError as exc:
            self.close()
            raise StoreError(f"{path} is geen bruikbaar toestandsbestand: {exc}") from None

    def close(self) -> None:
        self._closer()

    # -- schema ------------------------------------------------------------------------------
    def _migrate(self) -> None:
        db = self._db
        (version,) = db.execute("pragma user_version").fetchone()
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} is geschreven door een nieuwere mock-esis (schemaversie {version},"
                f" deze kent tot {SCHEMA_VERSION})"
            )
        if version == SCHEMA_VERSION:
            return
        legacy = None
        if version == 0 and _has_table(db, "snapshot"):
            # Schema 1: one JSON document (the first --db). Read it, then lay it out in tables.
            from mock_esis.state.legacy_snapshot import restore_snapshot

            row = db.execute("select document from snapshot where id = 1").fetchone()
            legacy = None if row is None else restore_snapshot(json.loads(row[0]))
        with db:
            db.executescript(f"begin; {_SCHEMA} drop table if exists snapshot;")
            db.execute(f"pragma user_version = {SCHEMA_VERSION}")
        if legacy is not None:
            self.commit(legacy, None)

    # -- reading -----------------------------------------------------------------------------
    def holds_state(self) -> bool:
        """True when the file holds a saved state."""
        row = self._db.execute("select 1 from instellingen where naam = 'klantnaam'").fetchone()
        return row is not None

    def load(self) -> MockState | None:
        """The saved state (changes of it are saved here), or None when the file holds none."""
        db = self._db
        settings = dict(db.execute("select naam, waarde from instellingen").fetchall())
        if "klantnaam" not in settings:
            return None
        state = MockState(klantnaam=settings["klantnaam"], klantcode=settings["klantcode"])
        state.afnemers = json.loads(settings.get("afnemers", "{}")) or state.afnemers
        state.clock_offset = dt.timedelta(seconds=float(settings.get("klok_seconden", "0")))
        state._handmatig_ids = int(settings.get("handmatig_ids", "0"))
        records: dict[int, tuple[str, str, str, str]] = {
            row[0]: row[1:]
            for row in db.execute("select id, school, jaar, soort, document from records")
        }
        orders = db.execute("select school, jaar, soort, ids from volgorde").fetchall()
        lists: dict[str, dict[tuple[str, str], list[tuple[int, Any]]]] = {}
        for code, jaar, soort, ids in orders:
            items = []
            for row in json.loads(ids):
                _, _, _, document = records[row]
                items.append((row, _parse(soort, document)))
            lists.setdefault(code, {})[(jaar, soort)] = items
        for code, schoolkey, naam, brincode, dep, jaar, domein, koppeling in db.execute(
            "select code, schoolkey, naam, brincode, dependancecode, schooljaar, email_domein,"
            " koppeling from scholen"
        ):
            school_lists = lists.get(code, {})

            def objs(key: tuple[str, str], school_lists: Any = school_lists) -> list[Any]:
                return [obj for _, obj in school_lists.get(key, [])]

            jaren = {}
            for list_jaar, soort in school_lists:
                if soort == "school":
                    jaren[list_jaar] = Leerlinggegevens(
                        school=objs((list_jaar, "school"))[0],
                        groepen=objs((list_jaar, "groep")),
                        samengestelde_groepen=objs((list_jaar, "samengestelde_groep")),
                        leerlingen=objs((list_jaar, "leerling")),
                        leerkrachten=objs((list_jaar, "leerkracht")),
                    )
            fake = FakeSchool(
                naam=naam,
                brincode=brincode,
                dependancecode=dep,
                schooljaar=jaar,
                email_domein=domein,
                leerlinggegevens=jaren[jaar],
                ongegroepeerde_leerlingen=objs(("", "ongegroepeerde_leerling")),
                ongegroepeerde_leerkrachten=objs(("", "ongegroepeerde_leerkracht")),
                gebruikers=objs(("", "gebruiker")),
            )
            school = SchoolState(
                fake=fake,
                schoolkey=schoolkey,
                jaren=jaren,
                koppeling=_koppeling(koppeling),
                resultaten={r.key: r for r in objs(("", "resultaat"))},
                handmatig=objs(("", "handmatig")),
            )
            state.restore_school(school)
            self._saved[code] = {}
            for key, records_of_school in school_lists.items():
                self._saved[code][key] = [
                    _Saved(obj, row, _snap(obj)) for row, obj in records_of_school
                ]
        state.store = self
        return state

    # -- writing -----------------------------------------------------------------------------
    def commit(self, state: MockState, codes: set[str] | None) -> None:
        """Save the state's fields and the schools ``codes`` (None: all), in one transaction."""
        db = self._db
        with db:
            db.executemany(
                "insert into instellingen (naam, waarde) values (?, ?) on conflict (naam)"
                " do update set waarde = excluded.waarde",
                [
                    ("klantnaam", state.klantnaam),
                    ("klantcode", state.klantcode),
                    ("afnemers", json.dumps(state.afnemers, ensure_ascii=False)),
                    ("klok_seconden", str(state.clock_offset.total_seconds())),
                    ("handmatig_ids", str(state._handmatig_ids)),
                ],
            )
            if codes is None:
                for gone in set(self._saved) - set(state.schools):
                    self._forget(gone)
                stored = {row[0] for row in db.execute("select code from scholen")}
                for gone in stored - set(state.schools):
                    self._forget(gone)
                codes = set(state.schools)
            for code in codes:
                school = state.schools.get(code)
                if school is None:
                    self._forget(code)
                else:
                    self._save_school(school)

    def _forget(self, code: str) -> None:
        db = self._db
        db.execute("delete from scholen where code = ?", (code,))
        db.execute("delete from records where school = ?", (code,))
        db.execute("delete from volgorde where school = ?", (code,))
        self._saved.pop(code, None)

    def _save_school(self, school: SchoolState) -> None:
        db = self._db
        code = school.code
        fake = school.fake
        db.execute(
            "insert into scholen (code, schoolkey, naam, brincode, dependancecode, schooljaar,"
            " email_domein, koppeling) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (code) do update"
            " set schoolkey = excluded.schoolkey, naam = excluded.naam,"
            " brincode = excluded.brincode, dependancecode = excluded.dependancecode,"
            " schooljaar = excluded.schooljaar, email_domein = excluded.email_domein,"
            " koppeling = excluded.koppeling",
            (
                code,
                school.schoolkey,
                fake.naam,
                fake.brincode,
                fake.dependancecode,
                fake.schooljaar,
                fake.email_domein,
                _koppeling_text(school.koppeling),
            ),
        )
        saved = self._saved.setdefault(code, {})
        seen: set[tuple[str, str]] = set()
        for jaar, soort, records in _lists(school):
            seen.add((jaar, soort))
            saved[(jaar, soort)] = self._save_list(
                code, jaar, soort, records, saved.get((jaar, soort))
            )
        for key in set(saved) - seen:
            for item in saved.pop(key):
                db.execute("delete from records where id = ?", (item.row,))
            db.execute(
                "delete from volgorde where school = ? and jaar = ? and soort = ?", (code, *key)
            )

    def _save_list(
        self, code: str, jaar: str, soort: str, records: list[Any], before: list[_Saved] | None
    ) -> list[_Saved]:
        """Write the records of one list that are new or changed; drop those gone."""
        db = self._db
        by_object = {id(item.obj): item for item in before or ()}
        after: list[_Saved] = []
        for obj in records:
            item = by_object.pop(id(obj), None)
            snap = _snap(obj)
            if item is None:
                cursor = db.execute(
                    "insert into records (school, jaar, soort, document) values (?, ?, ?, ?)",
                    (code, jaar, soort, _render(soort, obj)),
                )
                item = _Saved(obj, int(cursor.lastrowid or 0), snap)
            elif item.snap != snap:
                db.execute(
                    "update records set document = ? where id = ?", (_render(soort, obj), item.row)
                )
                item.snap = snap
            after.append(item)
        for gone in by_object.values():
            db.execute("delete from records where id = ?", (gone.row,))
        ids = [item.row for item in after]
        if before is None or ids != [item.row for item in before]:
            db.execute(
                "insert into volgorde (school, jaar, soort, ids) values (?, ?, ?, ?)"
                " on conflict (school, jaar, soort) do update set ids = excluded.ids",
                (code, jaar, soort, json.dumps(ids)),
            )
        return after


def _has_table(db: sqlite3.Connection, name: str) -> bool:
    row = db.execute("select 1 from sqlite_master where type = 'table' and name = ?", (name,))
    return row.fetchone() is not None
