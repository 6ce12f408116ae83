"""The data answers of the mock LAS: all-in-one and getrapt, from a school's state.

Rules (UWLR and ESIS): only pupils and teachers of the groups found are sent (H-P-07); an
unknown school year or no pupils gives ``geengegevens``; ``laatstontvangengegevens`` at or after
the last change gives ``geenwijzigingen``; ``xsdversie`` 2.1 answers carry no eckids.
Getrapt answers are the same data split up.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from typing import TypeVar
from zoneinfo import ZoneInfo

from mock_esis.state.model import SchoolState
from uwlr.models import (
    GegevensStatus,
    Groep,
    GroepRef,
    Leerkracht,
    LeerkrachtenAntwoord,
    LeerkrachtenVerzoek,
    Leerling,
    LeerlingenAntwoord,
    LeerlingenVerzoek,
    Leerlinggegevens,
    LeerlinggegevensAntwoord,
    LeerlinggegevensVerzoek,
    SamengesteldeGroep,
    School,
    StructuurAntwoord,
    StructuurVerzoek,
)

__all__ = [
    "answer_leerkrachten",
    "answer_leerlingen",
    "answer_leerlinggegevens",
    "answer_structuur",
    "last_change",
]

#: A naive ``laatstontvangengegevens`` is read as Dutch local time, as ESIS does.
LOCAL_TIME = ZoneInfo("Europe/Amsterdam")

_Person = TypeVar("_Person", Leerling, Leerkracht)


def answer_leerlinggegevens(
    school: SchoolState, verzoek: LeerlinggegevensVerzoek, now: dt.datetime
) -> LeerlinggegevensAntwoord:
    """``leerlinggegevens_antwoord`` for ``verzoek``."""
    gegevens = school.gegevens(verzoek.schooljaar)
    if gegevens is None:
        return LeerlinggegevensAntwoord(status=GegevensStatus.GEENGEGEVENS)
    if _unchanged(gegevens, verzoek.laatstontvangengegevens):
        return LeerlinggegevensAntwoord(status=GegevensStatus.GEENWIJZIGINGEN)
    groepen, samengesteld = gegevens.groepen, gegevens.samengestelde_groepen
    known = {g.key for g in groepen}, {g.key for g in samengesteld}
    leerlingen = [p for p in gegevens.leerlingen if _leerling_in(p, *known)]
    if not leerlingen:
        return LeerlinggegevensAntwoord(status=GegevensStatus.GEENGEGEVENS)
    leerkrachten = [t for t in gegevens.leerkrachten if _leerkracht_in(t, *known)]
    version = verzoek.xsdversie
    return LeerlinggegevensAntwoord(
        gegevens=Leerlinggegevens(
            school=_school(school, verzoek, now),
            groepen=list(groepen),
            samengestelde_groepen=list(samengesteld),
            leerlingen=_for_version(leerlingen, version),
            leerkrachten=_for_version(leerkrachten, version),
        )
    )


def answer_structuur(
    school: SchoolState, verzoek: StructuurVerzoek, now: dt.datetime
) -> StructuurAntwoord:
    """``structuur_antwoord``: the school and its groups."""
    gegevens = school.gegevens(verzoek.schooljaar)
    if gegevens is None or not (gegevens.groepen or gegevens.samengestelde_groepen):
        return StructuurAntwoord(status=GegevensStatus.GEENGEGEVENS)
    if _unchanged(gegevens, verzoek.laatstontvangengegevens):
        return StructuurAntwoord(status=GegevensStatus.GEENWIJZIGINGEN)
    return StructuurAntwoord(
        school=_school(school, verzoek, now),
        groepen=list(gegevens.groepen),
        samengestelde_groepen=list(gegevens.samengestelde_groepen),
    )


def answer_leerlingen(
    school: SchoolState, verzoek: LeerlingenVerzoek, now: dt.datetime
) -> LeerlingenAntwoord:
    """``leerlingen_antwoord``: the pupils of the groups asked for (or of none, for a key-less ref)."""
    gegevens = school.gegevens(verzoek.schooljaar)
    if gegevens is None:
        return LeerlingenAntwoord(status=GegevensStatus.GEENGEGEVENS)
    if _unchanged(gegevens, verzoek.laatstontvangengegevens):
        return LeerlingenAntwoord(status=GegevensStatus.GEENWIJZIGINGEN)
    everyone = list(gegevens.leerlingen)
    if verzoek.schooljaar == school.schooljaar:
        everyone += school.fake.ongegroepeerde_leerlingen
    chosen = [
        p
        for p in everyone
        if _asked(verzoek.groepen, {p.groep} if p.groep else set(), p.samengestelde_groepen)
    ]
    if not chosen:
        return LeerlingenAntwoord(status=GegevensStatus.GEENGEGEVENS)
    return LeerlingenAntwoord(
        school=_school(school, verzoek, now),
        leerlingen=_for_version(chosen, verzoek.xsdversie),
    )


def answer_leerkrachten(
    school: SchoolState, verzoek: LeerkrachtenVerzoek, now: dt.datetime
) -> LeerkrachtenAntwoord:
    """``leerkrachten_antwoord``: the teachers of the groups asked for (or of none)."""
    gegevens = school.gegevens(verzoek.schooljaar)
    if gegevens is None:
        return LeerkrachtenAntwoord(status=GegevensStatus.GEENGEGEVENS)
    if _unchanged(gegevens, verzoek.laatstontvangengegevens):
        return LeerkrachtenAntwoord(status=GegevensStatus.GEENWIJZIGINGEN)
    everyone = list(gegevens.leerkrachten)
    if verzoek.schooljaar == school.schooljaar:
        everyone += school.fake.ongegroepeerde_leerkrachten
    chosen = [
        t
        for t in everyone
        if _asked(
            verzoek.groepen,
            {g.key for g in t.groepen if g.soort == "groep"},
            [g.key for g in t.groepen if g.soort == "samengestelde_groep"],
        )
    ]
    if not chosen:
        return LeerkrachtenAntwoord(status=GegevensStatus.GEENGEGEVENS)
    return LeerkrachtenAntwoord(
        school=_school(school, verzoek, now),
        leerkrachten=_for_version(chosen, verzoek.xsdversie),
    )


def last_change(gegevens: Leerlinggegevens) -> dt.datetime | None:
    """The latest ``mutatiedatum`` of any record of ``gegevens``."""
    records: Iterable[Groep | SamengesteldeGroep | Leerling | Leerkracht] = (
        *gegevens.groepen,
        *gegevens.samengestelde_groepen,
        *gegevens.leerlingen,
        *gegevens.leerkrachten,
    )
    moments = [r.mutatiedatum for r in records if r.mutatiedatum is not None]
    return max(moments, default=None)


# ---------------------------------------------------------------------------------------------


def _unchanged(gegevens: Leerlinggegevens, since: dt.datetime | None) -> bool:
    if since is None:
        return False
    if since.tzinfo is None:
        since = since.replace(tzinfo=LOCAL_TIME)
    latest = last_change(gegevens)
    return latest is not None and latest <= since


def _school(school: SchoolState, verzoek: LeerlinggegevensVerzoek, now: dt.datetime) -> School:
    return School(
        schooljaar=verzoek.schooljaar,
        brincode=school.fake.brincode,
        dependancecode=school.fake.dependancecode,
        aanmaakdatum=now,
        auteur="ESIS",
        xsdversie=verzoek.xsdversie,
    )


def _leerling_in(leerling: Leerling, groepen: set[str], samengesteld: set[str]) -> bool:
    return leerling.groep in groepen or any(
        k in samengesteld for k in leerling.samengestelde_groepen
    )


def _leerkracht_in(leerkracht: Leerkracht, groepen: set[str], samengesteld: set[str]) -> bool:
    return any(
        (g.key in groepen) if g.soort == "groep" else (g.key in samengesteld)
        for g in leerkracht.groepen
    )


def _asked(refs: list[GroepRef], stam: set[str], samengesteld: list[str]) -> bool:
    """True when one of ``refs`` names a group of the person, or asks for the group-less."""
    for ref in refs:
        mine: set[str] | list[str] = stam if ref.soort == "groep" else samengesteld
        if (ref.key is None and not mine) or (ref.key is not None and ref.key in mine):
            return True
    return False


def _for_version(people: list[_Person], xsdversie: str) -> list[_Person]:
    """Before 2.3 every record needs its LAS key: eckid-only records are left out; 2.1 has no eckid."""
    if xsdversie in ("2.1", "2.2"):
        people = [p for p in people if p.key]
    if xsdversie == "2.1":
        return [dataclasses.replace(p, eckid=None) if p.eckid else p for p in people]
    return list(people)
