"""LAS checks on change detection: ``laatstontvangengegevens`` and ``mutatiedatum``."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from conformance.las.content import gegevens_of
from conformance.las.context import LasContext
from conformance.las.registry import las_checks
from conformance.las.requests import verzoek_envelope
from conformance.result import Verdict
from uwlr.models import (
    GegevensStatus,
    Groep,
    Leerkracht,
    Leerling,
    LeerlinggegevensAntwoord,
    SamengesteldeGroep,
)

__all__: list[str] = []

#: A naive dateTime from a Dutch LAS is read as Dutch local time.
_LOCAL = ZoneInfo("Europe/Amsterdam")
_SKEW = dt.timedelta(minutes=5)


@las_checks.check("LAS-DELTA-001")
def toekomst_geeft_geenwijzigingen(ctx: LasContext) -> Verdict:
    since = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(days=1)
    exchange = ctx.call(
        "HaalLeerlinggegevens",
        verzoek_envelope(ctx.target, laatstontvangengegevens=since),
        f"HaalLeerlinggegevens met laatstontvangengegevens {since.isoformat()}",
    )
    parsed = ctx.parsed(exchange)
    evidence = ctx.evidence(exchange)
    message = parsed.message
    if not isinstance(message, LeerlinggegevensAntwoord):
        return Verdict.broken(f"Geen leerlinggegevens_antwoord: {parsed.problem}", evidence)
    if message.status is not GegevensStatus.GEENWIJZIGINGEN:
        return Verdict.broken(
            f"Verwacht <geenwijzigingen/>, maar het antwoord is {message.status.value}", evidence
        )
    return Verdict.ok("Beantwoord met <geenwijzigingen/>", evidence)


@las_checks.check("LAS-DELTA-002")
def mutatiedatum_niet_in_toekomst(ctx: LasContext) -> Verdict:
    gegevens = gegevens_of(ctx)
    if isinstance(gegevens, Verdict):
        return gegevens
    limit = dt.datetime.now(dt.UTC) + _SKEW
    records: list[Groep | SamengesteldeGroep | Leerling | Leerkracht] = [
        *gegevens.groepen,
        *gegevens.samengestelde_groepen,
        *gegevens.leerlingen,
        *gegevens.leerkrachten,
    ]
    problems = []
    seen = 0
    for record in records:
        moment = record.mutatiedatum
        if moment is None:
            continue
        seen += 1
        aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=_LOCAL)
        if aware > limit:
            soort = type(record).__name__.lower()
            problems.append(f"{soort} {record.key}: mutatiedatum {moment.isoformat()}")
    evidence = ctx.evidence(ctx.alles_in_een().exchange)
    if problems:
        return Verdict.broken(
            f"{len(problems)} mutatiedatums in de toekomst: {'; '.join(problems[:5])}", evidence
        )
    return Verdict.ok(f"Geen van de {seen} mutatiedatums ligt in de toekomst", evidence)


@las_checks.check("LAS-DELTA-003")
def verleden_geeft_gegevens(ctx: LasContext) -> Verdict:
    since = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    exchange = ctx.call(
        "HaalLeerlinggegevens",
        verzoek_envelope(ctx.target, laatstontvangengegevens=since),
        "HaalLeerlinggegevens met laatstontvangengegevens 2000-01-01",
    )
    parsed = ctx.parsed(exchange)
    evidence = ctx.evidence(exchange)
    message = parsed.message
    if not isinstance(message, LeerlinggegevensAntwoord):
        return Verdict.broken(f"Geen leerlinggegevens_antwoord: {parsed.problem}", evidence)
    if message.status is not GegevensStatus.GEGEVENS:
        return Verdict.broken(f"Verwacht gegevens, maar kreeg {message.status.value}", evidence)
    return Verdict.ok("Beantwoord met gegevens", evidence)
