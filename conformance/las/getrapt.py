"""LAS checks on the getrapt operations: offered, and consistent with the all-in-one answer."""

from __future__ import annotations

import dataclasses
from typing import Any

from conformance.las.content import gegevens_of
from conformance.las.context import LasContext, Parsed
from conformance.las.registry import las_checks
from conformance.las.requests import verzoek_envelope
from conformance.result import Evidence, Verdict
from uwlr.models import (
    GegevensStatus,
    GroepRef,
    LeerkrachtenAntwoord,
    LeerlingenAntwoord,
    StructuurAntwoord,
)

__all__: list[str] = []

_SHOWN = 6


def _structuur(ctx: LasContext) -> Parsed:
    cached = ctx.shared("structuur")
    if isinstance(cached, Parsed):
        return cached
    exchange = ctx.call(
        "HaalStructuur", verzoek_envelope(ctx.target, "HaalStructuur"), "HaalStructuur"
    )
    parsed = ctx.parsed(exchange)
    ctx.share("structuur", parsed)
    return parsed


def _structure_or_skip(ctx: LasContext) -> StructuurAntwoord | Verdict:
    parsed = _structuur(ctx)
    if (
        not isinstance(parsed.message, StructuurAntwoord)
        or parsed.message.status is not GegevensStatus.GEGEVENS
    ):
        return Verdict.skipped(
            "Getrapte overdracht niet aangeboden (zie LAS-GETR-001)", ctx.evidence(parsed.exchange)
        )
    return parsed.message


def _refs(structuur: StructuurAntwoord) -> list[GroepRef]:
    return [GroepRef(soort="groep", key=g.key) for g in structuur.groepen] + [
        GroepRef(soort="samengestelde_groep", key=g.key) for g in structuur.samengestelde_groepen
    ]


def _compare(what: str, expected: list[Any], got: list[Any]) -> list[str]:
    """Differences between two lists of records, matched by key (or eckid)."""

    def ident(record: Any) -> str:
        return str(record.key or getattr(record, "eckid", None))

    want = {ident(r): r for r in expected}
    have = {ident(r): r for r in got}
    problems = [f"{what} {k} ontbreekt" for k in sorted(want.keys() - have.keys())]
    problems += [f"{what} {k} is er te veel" for k in sorted(have.keys() - want.keys())]
    for k in sorted(want.keys() & have.keys()):
        a, b = dataclasses.asdict(want[k]), dataclasses.asdict(have[k])
        fields = sorted(f for f in a if _norm(a[f]) != _norm(b[f]))
        if fields:
            problems.append(f"{what} {k} verschilt in {', '.join(fields)}")
    return problems


def _norm(value: Any) -> Any:
    if isinstance(value, list):
        return sorted(map(repr, value))
    return value


def _verdict(problems: list[str], good: str, *evidence: Evidence) -> Verdict:
    if problems:
        more = f" (en nog {len(problems) - _SHOWN})" if len(problems) > _SHOWN else ""
        return Verdict.broken("; ".join(problems[:_SHOWN]) + more, *evidence)
    return Verdict.ok(good, *evidence)


@las_checks.check("LAS-GETR-001")
def getrapt_aangeboden(ctx: LasContext) -> Verdict:
    parsed = _structuur(ctx)
    evidence = ctx.evidence(parsed.exchange)
    if not isinstance(parsed.message, StructuurAntwoord):
        return Verdict.broken(f"HaalStructuur geeft geen structuur: {parsed.problem}", evidence)
    if parsed.message.status is not GegevensStatus.GEGEVENS:
        return Verdict.broken(f"HaalStructuur geeft {parsed.message.status.value}", evidence)
    return Verdict.ok("HaalStructuur geeft de structuur van de school", evidence)


@las_checks.check("LAS-GETR-002")
def structuur_klopt(ctx: LasContext) -> Verdict:
    structuur = _structure_or_skip(ctx)
    if isinstance(structuur, Verdict):
        return structuur
    gegevens = gegevens_of(ctx)
    if isinstance(gegevens, Verdict):
        return gegevens
    problems = _compare("groep", gegevens.groepen, structuur.groepen)
    problems += _compare(
        "samengestelde groep", gegevens.samengestelde_groepen, structuur.samengestelde_groepen
    )
    evidence = [ctx.evidence(_structuur(ctx).exchange), ctx.evidence(ctx.alles_in_een().exchange)]
    return _verdict(problems, "De groepen zijn gelijk aan die van HaalLeerlinggegevens", *evidence)


@las_checks.check("LAS-GETR-003")
def leerlingen_kloppen(ctx: LasContext) -> Verdict:
    structuur = _structure_or_skip(ctx)
    if isinstance(structuur, Verdict):
        return structuur
    gegevens = gegevens_of(ctx)
    if isinstance(gegevens, Verdict):
        return gegevens
    envelope = verzoek_envelope(ctx.target, "HaalLeerlingen", groepen=_refs(structuur))
    exchange = ctx.call("HaalLeerlingen", envelope, "HaalLeerlingen voor alle groepen")
    parsed = ctx.parsed(exchange)
    evidence = ctx.evidence(exchange)
    if not isinstance(parsed.message, LeerlingenAntwoord):
        return Verdict.broken(f"HaalLeerlingen gaf geen leerlingen: {parsed.problem}", evidence)
    problems = _compare("leerling", gegevens.leerlingen, parsed.message.leerlingen)
    return _verdict(problems, "Dezelfde leerlingen als in HaalLeerlinggegevens", evidence)


@las_checks.check("LAS-GETR-004")
def leerkrachten_kloppen(ctx: LasContext) -> Verdict:
    structuur = _structure_or_skip(ctx)
    if isinstance(structuur, Verdict):
        return structuur
    gegevens = gegevens_of(ctx)
    if isinstance(gegevens, Verdict):
        return gegevens
    envelope = verzoek_envelope(ctx.target, "HaalLeerkrachten", groepen=_refs(structuur))
    exchange = ctx.call("HaalLeerkrachten", envelope, "HaalLeerkrachten voor alle groepen")
    parsed = ctx.parsed(exchange)
    evidence = ctx.evidence(exchange)
    if not isinstance(parsed.message, LeerkrachtenAntwoord):
        return Verdict.broken(f"HaalLeerkrachten gaf geen leerkrachten: {parsed.problem}", evidence)
    problems = _compare("leerkracht", gegevens.leerkrachten, parsed.message.leerkrachten)
    return _verdict(problems, "Dezelfde leerkrachten als in HaalLeerlinggegevens", evidence)
