"""Getrapt consistency across a session: what HaalStructuur, HaalLeerlingen and HaalLeerkrachten
answered must match the all-in-one answer for the same school and year (``LAS-GETR-002..004``).

The proxy keeps the latest all-in-one answer per (school, schooljaar) and every getrapt answer;
whichever comes second is compared with the other, field by field (the harness's own comparison).
Only requests without ``laatstontvangengegevens`` count: a delta may differ on purpose.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from conformance.las.getrapt import _compare
from conformance.proxy.exchange import ProxyExchange
from conformance.proxy.single import Judged, evidence_of
from conformance.result import Evidence, Verdict
from uwlr.envelope import EnvelopeError, parse_envelope
from uwlr.masking import Masker
from uwlr.models import (
    GegevensStatus,
    GroepRef,
    LeerkrachtenAntwoord,
    LeerkrachtenVerzoek,
    LeerlingenAntwoord,
    LeerlingenVerzoek,
    Leerlinggegevens,
    LeerlinggegevensAntwoord,
    LeerlinggegevensVerzoek,
    Message,
    StructuurAntwoord,
)
from uwlr.parse import ParseError, parse_with_warnings
from uwlr.safexml import XmlInputError

__all__ = ["GETRAPT_CHECKS", "GetraptSession"]

GETRAPT_CHECKS: Final = ("LAS-GETR-002", "LAS-GETR-003", "LAS-GETR-004")
_SHOWN = 6
_KEPT = 50

SchoolKey = tuple[str, str, str, str]


@dataclass
class _Getrapt:
    exchange: ProxyExchange
    request: LeerlinggegevensVerzoek
    answer: Message


def _request(exchange: ProxyExchange) -> LeerlinggegevensVerzoek | None:
    try:
        envelope = parse_envelope(exchange.request)
        if envelope.body is None:
            return None
        message = parse_with_warnings(envelope.body).message
    except (XmlInputError, EnvelopeError, ParseError):
        return None
    return message if isinstance(message, LeerlinggegevensVerzoek) else None


def _key(request: LeerlinggegevensVerzoek) -> SchoolKey:
    return (
        request.brincode or "",
        request.dependancecode or "00" if request.brincode else "",
        request.schoolkey or "",
        request.schooljaar,
    )


class GetraptSession:
    """Remembers answers per school and year; judges getrapt answers against the all-in-one one."""

    def __init__(self, masker: Masker) -> None:
        self.masker = masker
        self._full: dict[SchoolKey, tuple[ProxyExchange, Leerlinggegevens]] = {}
        self._getrapt: dict[SchoolKey, list[_Getrapt]] = {}

    def observe(self, exchange: ProxyExchange, answer: Message | None) -> Judged:
        """Take in one exchange (its answer already read); the comparisons it makes possible."""
        if answer is None:
            return []
        request = _request(exchange)
        if request is None or request.laatstontvangengegevens is not None:
            return []
        key = _key(request)
        if isinstance(answer, LeerlinggegevensAntwoord):
            if answer.gegevens is None:
                return []
            self._full[key] = (exchange, answer.gegevens)
            return [self._judge(g, exchange, answer.gegevens) for g in self._getrapt.get(key, [])]
        if not isinstance(answer, StructuurAntwoord | LeerlingenAntwoord | LeerkrachtenAntwoord):
            return []
        if answer.status is not GegevensStatus.GEGEVENS:
            return []
        item = _Getrapt(exchange, request, answer)
        kept = self._getrapt.setdefault(key, [])
        kept.append(item)
        del kept[:-_KEPT]  # long sessions: only the latest getrapt answers are kept
        full = self._full.get(key)
        return [] if full is None else [self._judge(item, *full)]

    def _judge(
        self, item: _Getrapt, full_exchange: ProxyExchange, gegevens: Leerlinggegevens
    ) -> tuple[str, Verdict]:
        answer = item.answer
        evidence = (
            evidence_of(item.exchange, self.masker),
            evidence_of(full_exchange, self.masker, "het antwoord op HaalLeerlinggegevens"),
        )
        where = f"#{item.exchange.number} tegen #{full_exchange.number}"
        if isinstance(answer, StructuurAntwoord):
            problems = _compare("groep", gegevens.groepen, answer.groepen)
            problems += _compare(
                "samengestelde groep",
                gegevens.samengestelde_groepen,
                answer.samengestelde_groepen,
            )
            return "LAS-GETR-002", _verdict(problems, f"{where}: de groepen kloppen", evidence)
        refs = (
            item.request.groepen
            if isinstance(item.request, LeerlingenVerzoek | LeerkrachtenVerzoek)
            else []
        )
        check_id = "LAS-GETR-003" if isinstance(answer, LeerlingenAntwoord) else "LAS-GETR-004"
        if any(ref.key is None for ref in refs) or not refs:
            return check_id, Verdict.skipped(
                f"{where}: gevraagd naar records zonder groep; niet te vergelijken", *evidence
            )
        if isinstance(answer, LeerlingenAntwoord):
            wanted = _wanted(refs)
            expected = [
                p
                for p in gegevens.leerlingen
                if ("groep", p.groep) in wanted
                or any(("samengestelde_groep", k) in wanted for k in p.samengestelde_groepen)
            ]
            problems = _compare("leerling", expected, answer.leerlingen)
            return check_id, _verdict(problems, f"{where}: de leerlingen kloppen", evidence)
        assert isinstance(answer, LeerkrachtenAntwoord)
        wanted = _wanted(refs)
        teachers = [
            t for t in gegevens.leerkrachten if any((r.soort, r.key) in wanted for r in t.groepen)
        ]
        problems = _compare("leerkracht", teachers, answer.leerkrachten)
        return check_id, _verdict(problems, f"{where}: de leerkrachten kloppen", evidence)


def _wanted(refs: list[GroepRef]) -> set[tuple[str, str | None]]:
    return {(ref.soort, ref.key) for ref in refs}


def _verdict(problems: list[str], good: str, evidence: tuple[Evidence, ...]) -> Verdict:
    if problems:
        more = f" (en nog {len(problems) - _SHOWN})" if len(problems) > _SHOWN else ""
        return Verdict.broken("; ".join(problems[:_SHOWN]) + more, *evidence)
    return Verdict.ok(good, *evidence)
