"""Client checks on every request the command sent, in every scenario (judged last)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from lxml import etree

from conformance.client.context import ClientContext, ScenarioRun
from conformance.client.recorder import Recorded
from conformance.client.registry import client_checks
from conformance.result import Evidence, Verdict
from uwlr.envelope import EnvelopeError, parse_envelope
from uwlr.namespaces import SOAP_ACTIONS, SUPPORTED_XSDVERSIES
from uwlr.safexml import XmlInputError, parse_xml
from uwlr.validate import validate

__all__: list[str] = []

_SHOWN = 5


def _all(ctx: ClientContext) -> list[tuple[ScenarioRun, Recorded]]:
    return [(run, record) for run in ctx.runs.values() for record in run.records]


def _judge(
    ctx: ClientContext,
    problem_of: Callable[[ScenarioRun, Recorded], str | None],
    *,
    good: str,
) -> Verdict:
    pairs = _all(ctx)
    if not pairs:
        return Verdict.broken("De opdracht stuurde in geen enkel scenario een verzoek")
    bad = [(run, rec, p) for run, rec in pairs if (p := problem_of(run, rec)) is not None]
    if not bad:
        return Verdict.ok(f"{good} ({len(pairs)} verzoeken bekeken)")
    run, record, problem = bad[0]
    return Verdict.broken(
        f"{len(bad)} van {len(pairs)} verzoeken fout; eerste (scenario {run.scenario.name}): "
        f"{problem}",
        *(ctx.request_evidence(r, rec, p) for r, rec, p in bad[:_SHOWN]),
    )


def _document(record: Recorded) -> etree._Element | str:
    """The request as XML, or why it is not."""
    try:
        return parse_xml(record.body)
    except XmlInputError as exc:
        return f"geen XML: {exc}"


def _local(element: etree._Element, name: str) -> list[str]:
    return [
        (el.text or "").strip()
        for el in element.iter()
        if isinstance(el.tag, str) and etree.QName(el).localname == name
    ]


@client_checks.check("CLI-REQ-001", phase=1)
def header_compleet(ctx: ClientContext) -> Verdict:
    def problem(run: ScenarioRun, record: Recorded) -> str | None:
        document = _document(record)
        if isinstance(document, str):
            return document
        try:
            fields = parse_envelope(document).autorisatie
        except EnvelopeError as exc:
            return str(exc)
        if fields is None:
            return "geen aut:autorisatie-header"
        missing = fields.missing()
        return f"ontbreekt of leeg: {', '.join(missing)}" if missing else None

    return _judge(ctx, problem, good="Elk verzoek heeft een complete autorisatieheader")


@client_checks.check("CLI-REQ-002", phase=1)
def geldig_contract(ctx: ClientContext) -> Verdict:
    def problem(run: ScenarioRun, record: Recorded) -> str | None:
        document = _document(record)
        if isinstance(document, str):
            return document
        issues = validate(document)
        return "; ".join(str(i) for i in issues[:3]) if issues else None

    return _judge(ctx, problem, good="Elk verzoek is geldig volgens het contract")


@client_checks.check("CLI-REQ-003", phase=1)
def geldig_officieel(ctx: ClientContext) -> Verdict:
    official = ctx.official
    if official is None:
        return Verdict.skipped(f"Niet uitgevoerd: {ctx.official_note}")

    def problem(run: ScenarioRun, record: Recorded) -> str | None:
        document = _document(record)
        if isinstance(document, str):
            return document
        errors = official.errors(document)
        return "; ".join(errors[:3]) if errors else None

    return _judge(
        ctx,
        problem,
        good=f"Elk verzoek is geldig volgens de officiële schema's in {official.folder}",
    )


@client_checks.check("CLI-REQ-004", phase=1)
def soapaction(ctx: ClientContext) -> Verdict:
    def problem(run: ScenarioRun, record: Recorded) -> str | None:
        if record.operation is None:
            return "het verzoek is geen UWLR-verzoek; de operatie is onbekend"
        expected = SOAP_ACTIONS[record.operation]
        if record.soapaction is None:
            return f'geen SOAPAction-header (verwacht "{expected}")'
        sent = record.soapaction.strip().strip('"')
        if sent != expected:
            return f'SOAPAction {record.soapaction!r} bij {record.operation}, verwacht "{expected}"'
        return None

    return _judge(ctx, problem, good="Elke SOAPAction past bij de operatie")


@client_checks.check("CLI-REQ-005", phase=1)
def xsdversie(ctx: ClientContext) -> Verdict:
    def problem(run: ScenarioRun, record: Recorded) -> str | None:
        document = _document(record)
        if isinstance(document, str):
            return document
        versions = _local(document, "xsdversie")
        if not versions:
            return "geen xsdversie"
        wrong = [v for v in versions if v not in SUPPORTED_XSDVERSIES]
        return f"xsdversie {', '.join(wrong)} wordt niet ondersteund" if wrong else None

    return _judge(ctx, problem, good="Elk verzoek noemt een ondersteunde xsdversie")


@client_checks.check("CLI-REQ-006", phase=1)
def geen_dubbele_resultaatsleutels(ctx: ClientContext) -> Verdict:
    pushes = [(run, r) for run, r in _all(ctx) if r.operation == "BrengLeerresultaten"]
    if not pushes:
        return Verdict.skipped("De opdracht stuurde geen BrengLeerresultaten")

    def problem(run: ScenarioRun, record: Recorded) -> str | None:
        if record.operation != "BrengLeerresultaten":
            return None
        document = _document(record)
        if isinstance(document, str):
            return document
        keys = Counter(
            el.get("key")
            for el in document.iter()
            if isinstance(el.tag, str) and etree.QName(el).localname == "resultaat"
        )
        double = sorted(str(k) for k, n in keys.items() if n > 1)
        return f"resultaatsleutels meer dan eens: {', '.join(double)}" if double else None

    return _judge(ctx, problem, good="Geen bericht heeft een resultaatsleutel twee keer")


@client_checks.check("CLI-REQ-007", phase=1)
def content_type(ctx: ClientContext) -> Verdict:
    def problem(run: ScenarioRun, record: Recorded) -> str | None:
        media = (record.content_type or "").split(";", 1)[0].strip().lower()
        return None if media == "text/xml" else f"Content-Type {record.content_type!r}"

    return _judge(ctx, problem, good="Elk verzoek heeft Content-Type text/xml")


@client_checks.check("CLI-REQ-008", phase=1)
def gegevens_uit_omgeving(ctx: ClientContext) -> Verdict:
    def problem(run: ScenarioRun, record: Recorded) -> str | None:
        document = _document(record)
        if isinstance(document, str):
            return document
        env = run.env
        expected = {
            "autorisatiesleutel": env["UWLR_AUTORISATIESLEUTEL"],
            "klantcode": env["UWLR_KLANTCODE"],
            "klantnaam": env["UWLR_KLANTNAAM"],
            "schooljaar": env["UWLR_SCHOOLJAAR"],
            "brincode": env["UWLR_BRINCODE"],
        }
        wrong = [
            name
            for name, value in expected.items()
            if _local(document, name) and any(v != value for v in _local(document, name))
        ]
        missing = [n for n in ("autorisatiesleutel", "schooljaar") if not _local(document, n)]
        if not _local(document, "brincode") and not _local(document, "schoolkey"):
            missing.append("brincode")
        dependance = _local(document, "dependancecode")
        if dependance and any(d != env["UWLR_DEPENDANCECODE"] for d in dependance):
            wrong.append("dependancecode")
        if wrong or missing:
            return (
                f"anders dan in de omgeving: {', '.join(wrong) or '-'}; "
                f"ontbreekt: {', '.join(missing) or '-'}"
            )
        return None

    return _judge(
        ctx, problem, good="Elk verzoek gebruikt sleutel, klant en school uit de omgeving"
    )


@client_checks.check("CLI-REQ-009", phase=1)
def begrensde_pogingen(ctx: ClientContext) -> Verdict:
    if not ctx.runs:
        return Verdict.skipped("Geen scenario's uitgevoerd")
    worst: list[str] = []
    evidence: list[Evidence] = []
    for run in ctx.runs.values():
        for operation, count in run.per_operation().items():
            if count > ctx.max_attempts:
                worst.append(f"{run.scenario.name}: {operation} {count} keer")
                evidence.append(ctx.run_evidence(run))
    if worst:
        return Verdict.broken(
            f"Meer dan {ctx.max_attempts} pogingen: {'; '.join(worst)}", *evidence[:_SHOWN]
        )
    most = max(
        (count for run in ctx.runs.values() for count in run.per_operation().values()), default=0
    )
    return Verdict.ok(f"Hoogstens {most} verzoeken per operatie per scenario")
