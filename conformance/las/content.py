"""LAS checks on the data of the all-in-one answer: school, references, keys, code lists, names.

The XSD declares key/keyref constraints its own selectors never match (spec digest §4.8), so
referential integrity is checked here, on the parsed answer.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from typing import Final

from conformance.las.context import LasContext
from conformance.las.registry import las_checks
from conformance.result import Verdict
from uwlr.models import (
    GegevensStatus,
    Groep,
    Leerkracht,
    Leerling,
    Leerlinggegevens,
    LeerlinggegevensAntwoord,
    SamengesteldeGroep,
)

__all__ = ["GESLACHTEN", "JAARGROEPEN", "ROLLEN", "gegevens_of"]

GESLACHTEN: Final = frozenset({0, 1, 2, 9})
JAARGROEPEN: Final = frozenset(
    {"B", "D", "S", "V", "C", "N", "H"}
    | {str(n) for n in range(9)}
    | {str(n) for n in range(11, 17)}
)
ROLLEN: Final = frozenset(
    {"ADJ", "ADM", "CON", "DIR", "ICT", "IB", "KLA", "LRK", "LOS", "LOC", "OWA", "OUD", "RT",
     "SMW", "STA", "VAK"}
)  # fmt: skip
_NAME_LIMITS: Final = {
    "achternaam": 200,
    "voorvoegsel": 10,
    "voornamen": 200,
    "voorletters": 6,
    "roepnaam": 64,
}
_SHOWN = 8


def gegevens_of(ctx: LasContext) -> Leerlinggegevens | Verdict:
    """The data of the all-in-one answer, or the SKIP verdict to give when there is none."""
    parsed = ctx.alles_in_een()
    message = parsed.message
    if not isinstance(message, LeerlinggegevensAntwoord) or message.gegevens is None:
        reason = parsed.problem or f"het antwoord bevat geen gegevens ({_status(message)})"
        return Verdict.skipped(f"Niet te beoordelen: {reason}", ctx.evidence(parsed.exchange))
    return message.gegevens


def _status(message: object) -> str:
    status = getattr(message, "status", None)
    return status.value if isinstance(status, GegevensStatus) else "onbekend"


def _who(person: Leerling | Leerkracht) -> str:
    soort = "leerling" if isinstance(person, Leerling) else "leerkracht"
    return f"{soort} {person.key or person.eckid}"


def _verdict(ctx: LasContext, problems: list[str], good: str) -> Verdict:
    evidence = ctx.evidence(ctx.alles_in_een().exchange)
    if problems:
        shown = "; ".join(problems[:_SHOWN])
        more = f" (en nog {len(problems) - _SHOWN})" if len(problems) > _SHOWN else ""
        return Verdict.broken(f"{shown}{more}", evidence)
    return Verdict.ok(good, evidence)


@las_checks.check("LAS-CONT-001")
def gegevens_van_de_school(ctx: LasContext) -> Verdict:
    parsed = ctx.alles_in_een()
    evidence = ctx.evidence(parsed.exchange)
    message = parsed.message
    if not isinstance(message, LeerlinggegevensAntwoord):
        return Verdict.broken(f"Geen leerlinggegevens: {parsed.problem}", evidence)
    if message.gegevens is None:
        return Verdict.broken(
            f"Het antwoord is {_status(message)} terwijl er geen laatstontvangengegevens was; "
            "kies een school met leerlingen",
            evidence,
        )
    school = message.gegevens.school
    target = ctx.target
    problems = []
    if school.schooljaar != target.schooljaar:
        problems.append(f"schooljaar {school.schooljaar}, gevraagd {target.schooljaar}")
    if target.brincode:
        asked = (target.brincode, target.dependancecode or "00")
        got = (school.brincode, school.dependancecode or "00")
        if got != asked:
            problems.append(f"school {''.join(map(str, got))}, gevraagd {''.join(asked)}")
    elif school.schoolkey and school.schoolkey != target.schoolkey:
        problems.append(f"schoolkey {school.schoolkey}, gevraagd {target.schoolkey}")
    if problems:
        return Verdict.broken("; ".join(problems), evidence)
    g = message.gegevens
    return Verdict.ok(
        f"Gegevens van {target.school_label}, {target.schooljaar}: {len(g.groepen)} groepen, "
        f"{len(g.samengestelde_groepen)} samengestelde groepen, {len(g.leerlingen)} leerlingen, "
        f"{len(g.leerkrachten)} leerkrachten",
        evidence,
    )


@las_checks.check("LAS-CONT-002")
def groep_bestaat(ctx: LasContext) -> Verdict:
    gegevens = gegevens_of(ctx)
    if isinstance(gegevens, Verdict):
        return gegevens
    keys = {g.key for g in gegevens.groepen}
    problems = [
        f"{_who(p)} verwijst naar groep {p.groep!r} die niet in het antwoord staat"
        for p in gegevens.leerlingen
        if p.groep is not None and p.groep not in keys
    ]
    return _verdict(ctx, problems, "Elke groep waar een leerling naar verwijst bestaat")


@las_checks.check("LAS-CONT-003")
def samengestelde_groep_bestaat(ctx: LasContext) -> Verdict:
    gegevens = gegevens_of(ctx)
    if isinstance(gegevens, Verdict):
        return gegevens
    keys = {g.key for g in gegevens.samengestelde_groepen}
    problems = [
        f"{_who(p)} verwijst naar samengestelde groep {key!r} die niet in het antwoord staat"
        for p in gegevens.leerlingen
        for key in p.samengestelde_groepen
        if key not in keys
    ]
    return _verdict(ctx, problems, "Elke samengestelde groep van een leerling bestaat")


@las_checks.check("LAS-CONT-004")
def groepen_leerkracht_bestaan(ctx: LasContext) -> Verdict:
    gegevens = gegevens_of(ctx)
    if isinstance(gegevens, Verdict):
        return gegevens
    keys = {
        "groep": {g.key for g in gegevens.groepen},
        "samengestelde_groep": {g.key for g in gegevens.samengestelde_groepen},
    }
    problems = [
        f"{_who(t)} verwijst naar {ref.soort} {ref.key!r} die niet in het antwoord staat"
        for t in gegevens.leerkrachten
        for ref in t.groepen
        if ref.key not in keys[ref.soort]
    ]
    return _verdict(ctx, problems, "Elke groep van een leerkracht bestaat")


def _duplicates(what: str, values: Iterable[str | None]) -> list[str]:
    counts = Counter(v for v in values if v is not None)
    return [f"{what} {value!r} komt {n} keer voor" for value, n in counts.items() if n > 1]


@las_checks.check("LAS-CONT-005")
def sleutels_uniek(ctx: LasContext) -> Verdict:
    gegevens = gegevens_of(ctx)
    if isinstance(gegevens, Verdict):
        return gegevens
    problems = (
        _duplicates("groepkey", (g.key for g in gegevens.groepen))
        + _duplicates("samengestelde-groepkey", (g.key for g in gegevens.samengestelde_groepen))
        + _duplicates("leerlingkey", (p.key for p in gegevens.leerlingen))
        + _duplicates("leerkrachtkey", (t.key for t in gegevens.leerkrachten))
    )
    return _verdict(ctx, problems, "Alle sleutels zijn uniek")


@las_checks.check("LAS-CONT-006")
def eckids_uniek(ctx: LasContext) -> Verdict:
    gegevens = gegevens_of(ctx)
    if isinstance(gegevens, Verdict):
        return gegevens
    problems = _duplicates("leerling-eckid", (p.eckid for p in gegevens.leerlingen))
    problems += _duplicates("leerkracht-eckid", (t.eckid for t in gegevens.leerkrachten))
    return _verdict(ctx, problems, "Alle ECK-iD's zijn uniek")


@las_checks.check("LAS-CONT-007")
def codelijsten(ctx: LasContext) -> Verdict:
    gegevens = gegevens_of(ctx)
    if isinstance(gegevens, Verdict):
        return gegevens
    problems = [
        f"groep {g.key}: jaargroep {g.jaargroep!r}"
        for g in gegevens.groepen
        if g.jaargroep not in JAARGROEPEN
    ]
    for p in gegevens.leerlingen:
        if p.geslacht is not None and p.geslacht not in GESLACHTEN:
            problems.append(f"{_who(p)}: geslacht {p.geslacht!r}")
        if p.jaargroep is not None and p.jaargroep not in JAARGROEPEN:
            problems.append(f"{_who(p)}: jaargroep {p.jaargroep!r}")
    for t in gegevens.leerkrachten:
        problems += [f"{_who(t)}: rol {rol!r}" for rol in t.rollen if rol not in ROLLEN]
    return _verdict(ctx, problems, "geslacht, jaargroep en rol komen uit de codelijsten")


@las_checks.check("LAS-CONT-008")
def naamlengtes(ctx: LasContext) -> Verdict:
    gegevens = gegevens_of(ctx)
    if isinstance(gegevens, Verdict):
        return gegevens
    problems: list[str] = []
    people: list[Leerling | Leerkracht] = [*gegevens.leerlingen, *gegevens.leerkrachten]
    for person in people:
        if not (person.achternaam or person.roepnaam):
            problems.append(f"{_who(person)}: geen achternaam en geen roepnaam")
        for name, limit in _NAME_LIMITS.items():
            value = getattr(person, name)
            if value is not None and not 1 <= len(value) <= limit:
                problems.append(f"{_who(person)}: {name} heeft {len(value)} tekens (1..{limit})")
    groepen: list[Groep | SamengesteldeGroep] = [*gegevens.groepen, *gegevens.samengestelde_groepen]
    for groep in groepen:
        if not 1 <= len(groep.naam) <= 64:
            problems.append(f"groep {groep.key}: naam heeft {len(groep.naam)} tekens (1..64)")
    return _verdict(ctx, problems, "Alle namen hebben een toegestane lengte")


@las_checks.check("LAS-CONT-009")
def geboortedatum_past(ctx: LasContext) -> Verdict:
    gegevens = gegevens_of(ctx)
    if isinstance(gegevens, Verdict):
        return gegevens
    start_year = int(ctx.target.schooljaar[:4])
    peildatum = dt.date(start_year, 10, 1)
    today = dt.date.today()
    jaargroep_of_groep = {g.key: g.jaargroep for g in gegevens.groepen}
    problems = []
    for p in gegevens.leerlingen:
        if p.geboortedatum is None:
            continue
        if p.geboortedatum > today:
            problems.append(f"{_who(p)}: geboortedatum {p.geboortedatum} ligt in de toekomst")
            continue
        jaargroep = p.jaargroep or jaargroep_of_groep.get(p.groep or "")
        if jaargroep is None or not jaargroep.isdigit() or not 1 <= int(jaargroep) <= 8:
            continue
        age = _age(p.geboortedatum, peildatum)
        low, high = int(jaargroep) + 2, int(jaargroep) + 6
        if not low <= age <= high:
            problems.append(
                f"{_who(p)}: {age} jaar op {peildatum} in jaargroep {jaargroep} "
                f"(verwacht {low}..{high})"
            )
    return _verdict(ctx, problems, "Elke geboortedatum past bij de jaargroep")


def _age(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


@las_checks.check("LAS-CONT-010")
def alleen_gevonden_groepen(ctx: LasContext) -> Verdict:
    gegevens = gegevens_of(ctx)
    if isinstance(gegevens, Verdict):
        return gegevens
    groepen = {g.key for g in gegevens.groepen}
    samengesteld = {g.key for g in gegevens.samengestelde_groepen}
    problems = [
        f"{_who(p)} hoort bij geen enkele groep van het antwoord"
        for p in gegevens.leerlingen
        if p.groep not in groepen and not set(p.samengestelde_groepen) & samengesteld
    ]
    problems += [
        f"{_who(t)} hoort bij geen enkele groep van het antwoord"
        for t in gegevens.leerkrachten
        if not any(
            ref.key in (groepen if ref.soort == "groep" else samengesteld) for ref in t.groepen
        )
    ]
    return _verdict(
        ctx, problems, "Alle leerlingen en leerkrachten horen bij een groep van het antwoord"
    )
