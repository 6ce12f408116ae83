"""The harness's own checks, run on one exchange the proxy saw.

The LAS and client checks are written against a run's context (every answer, every request).
Here each exchange gets a context of its own that holds just that exchange, so the very same
check functions judge live traffic: the LAS side on what the LAS answered, the afnemer side on
what the afnemer sent. Checks that would send requests of their own are not among them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final, TypeVar

from lxml import etree

from conformance.client import client_checks
from conformance.client.command import CommandRun
from conformance.client.context import ClientContext, ScenarioRun
from conformance.client.scenarios import Scenario
from conformance.las import las_checks
from conformance.las.context import LasContext, Parsed
from conformance.las.probe import Exchange, Probe
from conformance.las.target import LasTarget, TargetError
from conformance.proxy.exchange import ProxyExchange
from conformance.result import Evidence, Verdict
from uwlr.envelope import EnvelopeError, parse_envelope
from uwlr.masking import Masker
from uwlr.models import LeerlinggegevensAntwoord
from uwlr.official import OfficialSchemas
from uwlr.safexml import XmlInputError

__all__ = [
    "CLIENT_REQUEST_CHECKS",
    "LAS_ANSWER_CHECKS",
    "LAS_DATA_CHECKS",
    "Judged",
    "client_verdicts",
    "evidence_of",
    "las_context",
    "las_verdicts",
]

#: Afnemer side: every request.
CLIENT_REQUEST_CHECKS: Final = tuple(f"CLI-REQ-{n:03d}" for n in range(1, 8))
#: LAS side: every answer.
LAS_ANSWER_CHECKS: Final = (
    *(f"LAS-ENV-{n:03d}" for n in range(1, 8)),
    "LAS-AUTH-014",
    "LAS-LAT-001",
)
#: LAS side: every all-in-one answer with data.
LAS_DATA_CHECKS: Final = (*(f"LAS-CONT-{n:03d}" for n in range(1, 11)), "LAS-DELTA-002")

Judged = list[tuple[str, Verdict]]
C = TypeVar("C")


class _Holding(Probe):
    """A probe that only holds exchanges the proxy already saw; it never sends anything."""

    def __init__(self, masker: Masker, exchanges: list[Exchange]) -> None:
        self.masker = masker
        self.exchanges = exchanges

    def _send(self, *args: object, **kwargs: object) -> Exchange:
        raise RuntimeError("de proxy stuurt zelf geen verzoeken")


def evidence_of(exchange: ProxyExchange, masker: Masker, note: str | None = None) -> Evidence:
    """The exchange as evidence (every known key masked)."""
    return _Holding(masker, []).evidence(exchange.as_las_exchange(), note)


def _run(function: Callable[[C], Verdict], context: C) -> Verdict:
    try:
        return function(context)
    except Exception as exc:  # a bug in a check must not stop the proxy
        return Verdict.skipped(f"De controle liep vast ({type(exc).__name__}); niet beoordeeld")


def _fields(request: bytes) -> tuple[dict[str, str], dict[str, str]]:
    """The autorisatie header and the first school fields of a request (empty when unreadable)."""
    try:
        envelope = parse_envelope(request)
    except (XmlInputError, EnvelopeError):
        return {}, {}
    header = envelope.autorisatie
    auth = {}
    if header is not None:
        auth = {
            name: value
            for name in ("autorisatiesleutel", "klantcode", "klantnaam")
            if (value := getattr(header, name))
        }
    school: dict[str, str] = {}
    if envelope.body is not None:
        for element in envelope.body.iter():
            if not isinstance(element.tag, str):
                continue
            name = etree.QName(element).localname
            if name in ("brincode", "dependancecode", "schoolkey", "schooljaar", "xsdversie"):
                school.setdefault(name, (element.text or "").strip())
    return auth, school


def secret_of(request: bytes) -> str | None:
    """The autorisatiesleutel of a request, to mask it everywhere."""
    return _fields(request)[0].get("autorisatiesleutel")


def las_context(
    exchange: ProxyExchange,
    masker: Masker,
    official: OfficialSchemas | None,
    official_note: str,
) -> tuple[LasContext, bool]:
    """A LAS context holding only ``exchange``; True when the request named a usable target."""
    auth, school = _fields(exchange.request)
    real = True
    try:
        target = LasTarget(
            leerlinggegevens_url=exchange.upstream_url.split("?", 1)[0],
            sleutel=auth.get("autorisatiesleutel", ""),
            klantcode=auth.get("klantcode", ""),
            klantnaam=auth.get("klantnaam", ""),
            brincode=school.get("brincode") or None,
            dependancecode=school.get("dependancecode") or None,
            schoolkey=None if school.get("brincode") else school.get("schoolkey") or None,
            schooljaar=school.get("schooljaar", ""),
            xsdversie=school.get("xsdversie") or "2.3",
        )
    except TargetError:
        real = False
        target = LasTarget(
            leerlinggegevens_url=exchange.upstream_url.split("?", 1)[0],
            sleutel="-",
            klantcode="-",
            klantnaam="-",
            brincode="0000",
            xsdversie=school.get("xsdversie") or "2.3",
        )
    probe = _Holding(masker, [exchange.as_las_exchange()])
    context = LasContext(target=target, probe=probe, official=official, official_note=official_note)
    return context, real


def las_verdicts(
    exchange: ProxyExchange,
    masker: Masker,
    official: OfficialSchemas | None,
    official_note: str,
) -> tuple[Judged, Parsed | None, LasContext]:
    """The LAS checks on the answer of ``exchange``, the answer read as a message, the context."""
    context, real = las_context(exchange, masker, official, official_note)
    judged = [
        (check_id, _run(las_checks.implementation(check_id), context))
        for check_id in LAS_ANSWER_CHECKS
    ]
    las_exchange = context.probe.exchanges[0]
    parsed = context.parsed(las_exchange) if las_exchange.status is not None else None
    if (
        real
        and parsed is not None
        and exchange.operation == "HaalLeerlinggegevens"
        and isinstance(parsed.message, LeerlinggegevensAntwoord)
        and parsed.message.gegevens is not None
    ):
        context.share("alles_in_een", parsed)
        judged += [
            (check_id, _run(las_checks.implementation(check_id), context))
            for check_id in LAS_DATA_CHECKS
        ]
    return judged, parsed, context


def client_verdicts(
    exchange: ProxyExchange,
    masker: Masker,
    official: OfficialSchemas | None,
    official_note: str,
) -> Judged:
    """The client checks on the request of ``exchange``."""
    run = ScenarioRun(
        scenario=Scenario(f"proxy #{exchange.number}", "verkeer via de proxy"),
        run=CommandRun(exit_code=0, stdout="", stderr="", seconds=0.0, timed_out=False),
        env={},
        records=[exchange.as_recorded()],
        journal=[],
    )
    context = ClientContext(
        runs={run.scenario.name: run},
        masker=masker,
        time_limit=0.0,
        official=official,
        official_note=official_note,
    )
    return [
        (check_id, _run(client_checks.implementation(check_id), context))
        for check_id in CLIENT_REQUEST_CHECKS
    ]
