"""JSON views of the mock's state for the tester: schools, keys (in full), results, clock.

This is the tester's view on loopback, so active keys are shown in full here (never in the
ESIS screens, never in the journal).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from decimal import Decimal
from typing import Any

from mock_esis.screens.toetsresultaten import handmatig_json
from mock_esis.state.model import MockState, OntvangenResultaat, SchoolState
from uwlr.fake import render_school

__all__ = ["record_json", "school_detail", "school_summary", "state_view"]


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def record_json(record: Any) -> dict[str, Any]:
    """A dataclass record (leerling, leerkracht, groep, ...) as a JSON-ready dict."""
    return {k: _plain(v) for k, v in dataclasses.asdict(record).items()}


def _resultaat(r: OntvangenResultaat) -> dict[str, Any]:
    return record_json(r)


def school_summary(state: MockState, school: SchoolState) -> dict[str, Any]:
    """One school: identity, link with its full key, years, counts, users, results, entries."""
    k = school.koppeling
    gegevens = school.jaren[school.schooljaar]
    return {
        "code": school.code,
        "naam": school.naam,
        "brincode": school.fake.brincode,
        "dependancecode": school.fake.dependancecode,
        "schoolkey": school.schoolkey,
        "schooljaar": school.schooljaar,
        "schooljaren": sorted(school.jaren),
        "koppeling": {
            "actief": k.actief,
            "autorisatiesleutel": k.autorisatiesleutel if k.actief else None,
            "verificatiecode": k.verificatiecode,
            "geactiveerd_op": _plain(k.geactiveerd_op),
            "geactiveerd_door": k.geactiveerd_door,
            "gedeactiveerd_op": _plain(k.gedeactiveerd_op),
        },
        "groepen": [
            {"key": g.key, "naam": g.naam, "jaargroep": g.jaargroep} for g in gegevens.groepen
        ],
        "samengestelde_groepen": [
            {"key": g.key, "naam": g.naam} for g in gegevens.samengestelde_groepen
        ],
        "aantal_leerlingen": len(gegevens.leerlingen),
        "aantal_leerkrachten": len(gegevens.leerkrachten),
        "gebruikers": [dataclasses.asdict(g) for g in school.fake.gebruikers],
        "resultaten": [_resultaat(r) for r in school.resultaten.values()],
        "handmatig": [handmatig_json(e) for e in school.handmatig],
    }


def state_view(state: MockState) -> dict[str, Any]:
    """``GET /__admin/state``."""
    with state.lock:
        return {
            "klok": state.now().isoformat(),
            "klok_verschoven_seconden": int(state.clock_offset.total_seconds()),
            "klantnaam": state.klantnaam,
            "klantcode": state.klantcode,
            "afnemers": dict(state.afnemers),
            "scholen": [school_summary(state, s) for s in state.schools.values()],
        }


def school_detail(school: SchoolState, schooljaar: str | None) -> dict[str, Any] | None:
    """The full data of one school year in the fake-school JSON layout (None: no such year)."""
    jaar = schooljaar or school.schooljaar
    gegevens = school.jaren.get(jaar)
    if gegevens is None:
        return None
    fake = dataclasses.replace(school.fake, schooljaar=jaar, leerlinggegevens=gegevens)
    detail: dict[str, Any] = json.loads(render_school(fake))
    return detail
