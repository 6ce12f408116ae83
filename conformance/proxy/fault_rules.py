"""Fault-code rules on live traffic: a request the afnemer got wrong must get the right fault.

LAS mode sends these requests on purpose; behind the proxy they happen by accident (a client
without header, with an empty klantnaam, with broken XML). When one passes by, the LAS's answer
is held to the same catalogue rule: ``LAS-BAD-001`` and ``LAS-AUTH-001..007``.
"""

from __future__ import annotations

from typing import Final

from conformance.las.context import LasContext
from conformance.proxy.exchange import ProxyExchange
from conformance.proxy.single import Judged
from uwlr.envelope import EnvelopeError, parse_envelope
from uwlr.faults import FaultCode
from uwlr.safexml import XmlInputError

__all__ = ["FAULT_RULE_CHECKS", "fault_rule_verdicts"]

FAULT_RULE_CHECKS: Final = ("LAS-BAD-001", *(f"LAS-AUTH-{n:03d}" for n in range(1, 8)))

#: (field, missing check, empty check)
_HEADER: Final = (
    ("autorisatiesleutel", "LAS-AUTH-002", "LAS-AUTH-003"),
    ("klantcode", "LAS-AUTH-004", "LAS-AUTH-005"),
    ("klantnaam", "LAS-AUTH-006", "LAS-AUTH-007"),
)


def fault_rule_verdicts(exchange: ProxyExchange, context: LasContext) -> Judged:
    """The rules that apply to this request (none for a request without fault-worthy flaws)."""
    if exchange.status is None or not exchange.request:
        return []
    las_exchange = context.probe.exchanges[0]
    try:
        envelope = parse_envelope(exchange.request)
    except XmlInputError:
        return [
            (
                "LAS-BAD-001",
                context.expect_fault(
                    las_exchange, FaultCode.ONGELDIG_BERICHT, what="Verzoek met kapotte XML"
                ),
            )
        ]
    except EnvelopeError:
        return []
    fields = envelope.autorisatie
    code = FaultCode.AUTORISATIE_ONGELDIG
    if fields is None:
        what = "Verzoek zonder autorisatieheader"
        return [("LAS-AUTH-001", context.expect_fault(las_exchange, code, what=what))]
    judged: Judged = []
    for name, missing, empty in _HEADER:
        value = getattr(fields, name)
        if value is None:
            what = f"Header zonder {name}"
            judged.append((missing, context.expect_fault(las_exchange, code, what=what)))
        elif not value.strip():
            what = f"Header met lege {name}"
            judged.append((empty, context.expect_fault(las_exchange, code, what=what)))
    return judged
