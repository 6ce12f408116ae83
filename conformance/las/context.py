"""What every LAS check gets: the target, the recording probe, the schemas, and shared answers.

The all-in-one answer is fetched once and shared by the content, getrapt and delta checks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from conformance.las.probe import DEFAULT_SOAPACTION, Exchange, Probe
from conformance.las.requests import verzoek_envelope
from conformance.las.target import LasTarget
from conformance.official import OFFICIAL_NOT_GIVEN
from conformance.result import Evidence, Verdict
from uwlr.envelope import to_bytes
from uwlr.faults import FaultCode
from uwlr.models import LeerlinggegevensAntwoord, Message
from uwlr.official import OfficialSchemas
from uwlr.parse import ParseError, parse_with_warnings

__all__ = ["LasContext", "Parsed"]


@dataclass(frozen=True)
class Parsed:
    """An answer read as a typed message, or why it could not be."""

    exchange: Exchange
    message: Message | None
    problem: str | None


@dataclass
class LasContext:
    """Shared by the LAS checks of one run."""

    target: LasTarget
    probe: Probe
    official: OfficialSchemas | None = None
    official_note: str = OFFICIAL_NOT_GIVEN
    allow_writes: bool = False
    max_latency: float = 10.0
    _shared: dict[str, Any] = field(default_factory=dict)

    # -- sending ----------------------------------------------------------------------------------
    def call(
        self,
        operation: str,
        envelope: etree._Element | bytes,
        label: str,
        *,
        soapaction: str | None = DEFAULT_SOAPACTION,
    ) -> Exchange:
        """POST ``envelope`` to the endpoint of ``operation``."""
        body = envelope if isinstance(envelope, bytes) else to_bytes(envelope)
        url = self.target.leerlinggegevens_url
        if operation == "BrengLeerresultaten":
            assert self.target.leerresultaten_url is not None
            url = self.target.leerresultaten_url
        return self.probe.post(url, body, operation=operation, label=label, soapaction=soapaction)

    def evidence(self, exchange: Exchange, note: str | None = None) -> Evidence:
        return self.probe.evidence(exchange, note)

    # -- reading ----------------------------------------------------------------------------------
    def parsed(self, exchange: Exchange) -> Parsed:
        """The typed answer of ``exchange`` (lenient parse; warnings ignored)."""
        envelope = exchange.envelope()
        if envelope is None:
            return Parsed(exchange, None, f"geen SOAP-antwoord: {exchange.describe()}")
        if envelope.fault is not None:
            return Parsed(exchange, None, f"een fout in plaats van gegevens: {exchange.describe()}")
        if envelope.body is None:
            return Parsed(exchange, None, "de SOAP-Body is leeg")
        try:
            message = parse_with_warnings(envelope.body).message
        except ParseError as exc:
            return Parsed(exchange, None, f"het antwoord is niet te lezen: {exc}")
        return Parsed(exchange, message, None)

    def alles_in_een(self) -> Parsed:
        """The all-in-one answer for the target's school (fetched once)."""
        if "alles_in_een" not in self._shared:
            exchange = self.call(
                "HaalLeerlinggegevens",
                verzoek_envelope(self.target),
                "HaalLeerlinggegevens zonder laatstontvangengegevens",
            )
            parsed = self.parsed(exchange)
            if parsed.message is not None and not isinstance(
                parsed.message, LeerlinggegevensAntwoord
            ):
                kind = type(parsed.message).__name__
                parsed = Parsed(exchange, None, f"verwacht leerlinggegevens_antwoord, kreeg {kind}")
            self._shared["alles_in_een"] = parsed
        result: Parsed = self._shared["alles_in_een"]
        return result

    def shared(self, name: str) -> Any:
        """A value another check left (None when absent)."""
        return self._shared.get(name)

    def share(self, name: str, value: Any) -> None:
        self._shared[name] = value

    # -- judging ----------------------------------------------------------------------------------
    def expect_fault(self, exchange: Exchange, code: FaultCode, *, what: str) -> Verdict:
        """PASS when ``exchange`` answered with faultcode ``code``."""
        evidence = self.evidence(exchange)
        envelope = exchange.envelope()
        if envelope is None:
            return Verdict.broken(
                f"{what}: verwacht fout {code}, maar {exchange.describe()}", evidence
            )
        fault = envelope.fault
        if fault is None:
            return Verdict.broken(
                f"{what}: verwacht fout {code}, maar het werd een gewoon antwoord "
                f"({exchange.describe()})",
                evidence,
            )
        if fault.faultcode != code.value:
            return Verdict.broken(
                f"{what}: verwacht fout {code}, maar kreeg {fault.faultcode}", evidence
            )
        return Verdict.ok(f"{what}: {code} (HTTP {exchange.status})", evidence)
