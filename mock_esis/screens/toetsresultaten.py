"""ESIS' "Onderwijs → Toetsresultaten invoeren": DLEs typed in by hand, per pupil with history.

These entries live in ``school.handmatig``, apart from the results that arrive through the link,
which never touch them (H-S4-13). A Leerkracht may enter results for the pupils of their own
groups; Directie and Applicatiebeheerder for every pupil; Administratie for none.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from mock_esis.screens.gebruikers import groups_taught, is_beheerder
from mock_esis.state.model import HandmatigResultaat, MockState, SchoolState
from mock_esis.web.http import HttpError
from uwlr.fake import Gebruiker
from uwlr.models import Leerling

__all__ = [
    "find_leerling",
    "handmatig_json",
    "invoeren",
    "leerlingen_voor",
    "ontvangen_voor",
    "overzicht",
    "toetsen_bekend",
]

_DLE_MAX = 100


def find_leerling(school: SchoolState, wanted: Any) -> Leerling:
    """A pupil of the current year (grouped or not) by key or eckid; 404 if none."""
    if not isinstance(wanted, str) or not wanted.strip():
        raise HttpError(
            422, "Geef de leerling op (veld 'leerlingid': key of eckid).", veld="leerlingid"
        )
    pupils = [*school.jaren[school.schooljaar].leerlingen, *school.fake.ongegroepeerde_leerlingen]
    for pupil in pupils:
        if wanted in (pupil.key, pupil.eckid):
            return pupil
    raise HttpError(
        404, f"Onbekende leerling '{wanted}' op school {school.code}.", veld="leerlingid"
    )


def _pupil_id(pupil: Leerling) -> str:
    ident = pupil.key or pupil.eckid
    assert ident is not None
    return ident


def _may_enter(school: SchoolState, user: Gebruiker, pupil: Leerling) -> None:
    if is_beheerder(user):
        return
    if user.rol == "Leerkracht":
        taught = groups_taught(school, user)
        if pupil.groep in taught or taught.intersection(pupil.samengestelde_groepen):
            return
        raise HttpError(
            403,
            f"{user.naam} is geen leerkracht van de groep van deze leerling en mag geen "
            "toetsresultaten voor deze leerling invoeren.",
        )
    raise HttpError(403, f"De rol {user.rol} mag geen toetsresultaten invoeren.")


def _dle(value: Any) -> str:
    text = str(value).strip() if value is not None else ""
    if not text.isdigit() or not 0 <= int(text) <= _DLE_MAX:
        raise HttpError(
            422, f"De DLE moet een heel getal van 0 tot en met {_DLE_MAX} zijn.", veld="dle"
        )
    return str(int(text))


def _datum(value: Any, today: dt.date) -> dt.date:
    if value is None or value == "":
        return today
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise HttpError(
            422, f"Ongeldige datum '{value}': gebruik JJJJ-MM-DD.", veld="datum"
        ) from None


def invoeren(
    state: MockState, school: SchoolState, user: Gebruiker, body: dict[str, Any]
) -> HandmatigResultaat:
    """Store one hand-entered DLE after checking pupil, rights, toets, DLE and date."""
    pupil = find_leerling(school, body.get("leerlingid") or body.get("leerling"))
    _may_enter(school, user, pupil)
    toets = body.get("toets")
    if not isinstance(toets, str) or not toets.strip():
        raise HttpError(422, "Geef de toets op (veld 'toets').", veld="toets")
    dle = _dle(body.get("dle"))
    datum = _datum(body.get("datum"), state.now().date())
    with state.change(school):
        entry = HandmatigResultaat(
            id=state.next_handmatig_id(),
            leerlingid=_pupil_id(pupil),
            toets=toets.strip(),
            dle=dle,
            datum=datum,
            ingevoerd_door=user.gebruikersnaam,
            ingevoerd_op=state.now(),
        )
        school.handmatig.append(entry)
    return entry


def handmatig_json(entry: HandmatigResultaat) -> dict[str, Any]:
    return {
        "id": entry.id,
        "leerlingid": entry.leerlingid,
        "toets": entry.toets,
        "dle": entry.dle,
        "datum": entry.datum.isoformat(),
        "ingevoerd_door": entry.ingevoerd_door,
        "ingevoerd_op": entry.ingevoerd_op.isoformat(),
    }


def overzicht(school: SchoolState, user: Gebruiker, leerling: str | None) -> dict[str, Any]:
    """Hand-entered results per pupil, oldest first (the full history), optionally one pupil."""
    entries = list(school.handmatig)
    if leerling:
        pupil = find_leerling(school, leerling)
        _may_enter(school, user, pupil)
        entries = [e for e in entries if e.leerlingid == _pupil_id(pupil)]
    elif not is_beheerder(user):
        taught = groups_taught(school, user) if user.rol == "Leerkracht" else set()
        if user.rol != "Leerkracht":
            raise HttpError(403, f"De rol {user.rol} mag geen toetsresultaten bekijken.")
        mine = {
            _pupil_id(p)
            for p in school.jaren[school.schooljaar].leerlingen
            if p.groep in taught or taught.intersection(p.samengestelde_groepen)
        }
        entries = [e for e in entries if e.leerlingid in mine]
    per_pupil: dict[str, list[HandmatigResultaat]] = {}
    for entry in entries:
        per_pupil.setdefault(entry.leerlingid, []).append(entry)
    return {
        "school": school.code,
        "leerlingen": [
            {
                "leerlingid": pupil,
                "resultaten": [
                    handmatig_json(e) for e in sorted(items, key=lambda e: (e.datum, e.id))
                ],
            }
            for pupil, items in sorted(per_pupil.items())
        ],
    }


def leerlingen_voor(school: SchoolState, user: Gebruiker) -> list[Leerling]:
    """The pupils ``user`` may enter results for (403 for a role that may enter none)."""
    pupils = [*school.jaren[school.schooljaar].leerlingen, *school.fake.ongegroepeerde_leerlingen]
    if is_beheerder(user):
        return pupils
    if user.rol != "Leerkracht":
        raise HttpError(403, f"De rol {user.rol} mag geen toetsresultaten invoeren.")
    taught = groups_taught(school, user)
    return [p for p in pupils if p.groep in taught or taught.intersection(p.samengestelde_groepen)]


def ontvangen_voor(school: SchoolState, user: Gebruiker, leerling: str) -> list[dict[str, Any]]:
    """Which results of one pupil arrived through the link (toets and dates; ESIS shows no
    normed score per pupil, H-S4-12), newest first; the user must be allowed to see the pupil."""
    pupil = find_leerling(school, leerling)
    _may_enter(school, user, pupil)
    ids = {pupil.key, pupil.eckid} - {None}
    found = [r for r in school.resultaten.values() if r.leerlingid in ids or r.eckid in ids]
    found.sort(key=lambda r: (r.afnamedatum, r.ontvangen_op), reverse=True)
    return [
        {
            "toetscode": r.toetscode,
            "toetsnaam": r.toetsnaam,
            "afnamedatum": r.afnamedatum.isoformat(),
            "ontvangen_op": r.ontvangen_op.isoformat(timespec="minutes"),
        }
        for r in found
    ]


def toetsen_bekend(school: SchoolState) -> list[str]:
    """Names of the tests this school knows (from the link and earlier entries), for a choice."""
    names = {r.toetsnaam or r.toetscode for r in school.resultaten.values()}
    names |= {e.toets for e in school.handmatig}
    return sorted(names)
