"""LAS checks over every SOAP answer of the run: envelope, schemas, content type, HTTP status.

These run last (phase 1): they judge all answers the other checks provoked, faults included.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from conformance.las.context import LasContext
from conformance.las.probe import Exchange
from conformance.las.registry import las_checks
from conformance.las.requests import verzoek_envelope
from conformance.result import Evidence, Verdict
from uwlr.faults import FaultCode
from uwlr.namespaces import SOAP_ACTIONS, SOAP_ENV
from uwlr.validate import validate

__all__ = ["answers"]

_SHOWN = 5


def answers(ctx: LasContext) -> list[Exchange]:
    """Every SOAP call of the run that got an HTTP answer."""
    return [x for x in ctx.probe.exchanges if x.is_soap_call and x.status is not None]


def _judge(
    ctx: LasContext,
    exchanges: list[Exchange],
    problem_of: Callable[[Exchange], str | None],
    *,
    good: str,
) -> Verdict:
    """PASS when ``problem_of`` finds nothing in any exchange; else the first few as evidence."""
    if not exchanges:
        return Verdict.skipped("Er zijn geen antwoorden om te beoordelen")
    bad = [(x, problem) for x in exchanges if (problem := problem_of(x)) is not None]
    if not bad:
        return Verdict.ok(
            f"{good} ({len(exchanges)} antwoorden bekeken)",
            Evidence("bekeken", note="\n".join(f"{x.label}: {x.describe()}" for x in exchanges)),
        )
    evidence = [ctx.evidence(x, problem) for x, problem in bad[:_SHOWN]]
    first = bad[0]
    return Verdict.broken(
        f"{len(bad)} van {len(exchanges)} antwoorden fout; eerste: {first[0].label}: {first[1]}",
        *evidence,
    )


@las_checks.check("LAS-ENV-001", phase=1)
def soap_envelop(ctx: LasContext) -> Verdict:
    calls = [x for x in ctx.probe.exchanges if x.is_soap_call]

    def problem(x: Exchange) -> str | None:
        if x.status is None:
            return f"geen antwoord: {x.error}"
        envelope = x.envelope()
        if envelope is None:
            return f"geen SOAP 1.1-envelop: {x.envelope_error}"
        return "de SOAP-Body is leeg" if envelope.body is None else None

    return _judge(ctx, calls, problem, good="Elk antwoord is een SOAP 1.1-envelop")


@las_checks.check("LAS-ENV-002", phase=1)
def geldig_contract(ctx: LasContext) -> Verdict:
    def problem(x: Exchange) -> str | None:
        envelope = x.envelope()
        if envelope is None:
            return None  # LAS-ENV-001 reports it
        issues = validate(envelope.root, xsdversie=ctx.target.xsdversie)
        return "; ".join(str(i) for i in issues[:3]) if issues else None

    return _judge(ctx, answers(ctx), problem, good="Elk antwoord is geldig volgens het contract")


@las_checks.check("LAS-ENV-003", phase=1)
def geldig_officieel(ctx: LasContext) -> Verdict:
    official = ctx.official
    if official is None:
        return Verdict.skipped(f"Niet uitgevoerd: {ctx.official_note}")

    def problem(x: Exchange) -> str | None:
        envelope = x.envelope()
        if envelope is None:
            return None
        errors = official.errors(envelope.root)
        return "; ".join(errors[:3]) if errors else None

    return _judge(
        ctx,
        answers(ctx),
        problem,
        good=f"Elk antwoord is geldig volgens de officiële schema's in {official.folder}",
    )


@las_checks.check("LAS-ENV-004", phase=1)
def content_type(ctx: LasContext) -> Verdict:
    def problem(x: Exchange) -> str | None:
        if not x.response:
            return None
        media = (x.content_type or "").split(";", 1)[0].strip().lower()
        return None if media == "text/xml" else f"Content-Type is {x.content_type!r}"

    return _judge(ctx, answers(ctx), problem, good="Elk antwoord heeft Content-Type text/xml")


@las_checks.check("LAS-ENV-005", phase=1)
def fout_met_500(ctx: LasContext) -> Verdict:
    faults = [x for x in answers(ctx) if x.faultcode is not None]

    def problem(x: Exchange) -> str | None:
        return None if x.status == 500 else f"fout {x.faultcode} kwam met HTTP {x.status}"

    return _judge(ctx, faults, problem, good="Elke fout kwam met HTTP 500")


@las_checks.check("LAS-ENV-006", phase=1)
def gewoon_met_200(ctx: LasContext) -> Verdict:
    plain = [x for x in answers(ctx) if x.envelope() is not None and x.faultcode is None]

    def problem(x: Exchange) -> str | None:
        return None if x.status == 200 else f"een gewoon antwoord kwam met HTTP {x.status}"

    return _judge(ctx, plain, problem, good="Elk gewoon antwoord kwam met HTTP 200")


@las_checks.check("LAS-ENV-007", phase=1)
def foutcode_namespace(ctx: LasContext) -> Verdict:
    faults = [x for x in answers(ctx) if x.faultcode is not None]

    def problem(x: Exchange) -> str | None:
        envelope = x.envelope()
        assert envelope is not None and envelope.body is not None
        element = next(
            (
                c
                for c in envelope.body
                if isinstance(c.tag, str) and etree.QName(c).localname == "faultcode"
            ),
            None,
        )
        raw = (element.text or "").strip() if element is not None else ""
        prefix, sep, local = raw.rpartition(":")
        if not sep:
            return f"faultcode {raw!r} heeft geen namespaceprefix"
        assert element is not None
        if element.nsmap.get(prefix) != SOAP_ENV:
            return f"prefix {prefix!r} van faultcode {raw!r} hoort niet bij {SOAP_ENV}"
        if FaultCode.from_faultcode(local) is None:
            return f"{local!r} is geen UWLR-foutcode"
        return None

    return _judge(ctx, faults, problem, good="Elke faultcode is soap:<UWLR-code>")


@las_checks.check("LAS-ENV-008")
def soapaction_varianten(ctx: LasContext) -> Verdict:
    quoted = ctx.alles_in_een()
    bare = ctx.call(
        "HaalLeerlinggegevens",
        verzoek_envelope(ctx.target),
        "HaalLeerlinggegevens met SOAPAction zonder aanhalingstekens",
        soapaction=SOAP_ACTIONS["HaalLeerlinggegevens"],
    )
    evidence = [ctx.evidence(quoted.exchange), ctx.evidence(bare)]
    if quoted.message is None:
        return Verdict.skipped(
            f"Het gewone verzoek gaf zelf geen gegevens: {quoted.problem}", *evidence
        )
    if bare.faultcode is not None or bare.status != 200:
        return Verdict.broken(
            f"Met SOAPAction zonder aanhalingstekens: {bare.describe()}", *evidence
        )
    return Verdict.ok("Beide vormen van SOAPAction worden beantwoord", *evidence)
