"""Reading the first ``--db`` layout (schema 1): the whole state as one JSON document.

Only :mod:`mock_esis.state.store` uses this, to migrate such a file into its tables once.
School data used the fake-school JSON layout of :mod:`uwlr.fake.jsonio`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from mock_esis.state.model import Koppeling, MockState, SchoolState
from mock_esis.state.store import handmatig_from_json, resultaat_from_json
from uwlr.fake import parse_school

__all__ = ["FORMAAT", "restore_snapshot"]

FORMAAT = "mock-esis-state/1"


def _date(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)


def _datetime(text: str | None) -> dt.datetime | None:
    return None if text is None else dt.datetime.fromisoformat(text)


def restore_snapshot(data: dict[str, Any]) -> MockState:
    """The state of a schema-1 document (``mock-esis-state/1``), for the migration only."""
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
            school.resultaten[r["key"]] = resultaat_from_json(r)
        school.handmatig = [handmatig_from_json(h) for h in raw["handmatig"]]
        state.restore_school(school)
    state.version = int(data["version"]) + 1
    return state
