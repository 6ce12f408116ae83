"""The LAS behaviour of the mock ESIS: checks in the standard's order, then the answer.

Order of checks (like Topicus' UWLR server and the standard's fault table):
1. the body is valid against our contract (else ``Client.OngeldigBericht``; a bad or unsupported
   ``xsdversie`` gives ``Client.XsdVersieOngeldig``);
2. the ``autorisatie`` header is there with all three fields filled (else
   ``Client.AutorisatieOngeldig``);
3. klantnaam + klantcode form a known afnemer (else ``Client.OngeldigeKlantIdentificatie``);
4. the key is active and covers the school asked for (else ``Client.AutorisatieOngeldig``).
Fault strings are Dutch (libxml2's English schema errors are rewritten by
:mod:`uwlr.schema_messages`) and never contain the key. With ``lenient`` the quirks real clients
send (empty elements, brincode with schoolkey, elements out of order, other schema slips) are
accepted and recorded as warnings for the journal.
"""

from __future__ import annotations

import datetime as dt
import functools
import threading
from typing import Any

from lxml import etree

from mock_esis.soap.answer_bytes import answer_bytes
from mock_esis.soap.answer_cache import AnswerCache
from mock_esis.soap.answers import (
    answer_leerkrachten,
    answer_leerlingen,
    answer_leerlinggegevens,
    answer_structuur,
)
from mock_esis.soap.checked_requests import Checked, CheckedRequests
from mock_esis.soap.protocol import Exchange, SerializedAnswer
from mock_esis.soap.results import store_leerresultaten
from mock_esis.state.model import MockState, SchoolState
from uwlr.build import build, format_datetime
from uwlr.envelope import HeaderFields, header_fields
from uwlr.faults import FaultCode, UwlrFault
from uwlr.models import (
    LeerkrachtenVerzoek,
    LeerlingenVerzoek,
    LeerlinggegevensVerzoek,
    LeerresultatenBevestiging,
    LeerresultatenVerzoek,
    Message,
    StructuurVerzoek,
)
from uwlr.namespaces import SUPPORTED_XSDVERSIES
from uwlr.parse import ParseError, parse_with_warnings
from uwlr.schema_messages import dutch_schema_message, is_follow_up
from uwlr.validate import ContractValidator, ValidationIssue

__all__ = ["Las"]

_MAX_LISTED_ERRORS = 3


class Las:
    """Answers UWLR requests from a :class:`MockState`."""

    def __init__(
        self,
        state: MockState,
        *,
        lenient: bool = False,
        cache_size: int = 64,
        checked_requests: int = 256,
    ) -> None:
        self.state = state
        self.lenient = lenient
        self.cache = AnswerCache(cache_size)
        self._contract = ContractValidator()
        #: Request bytes that passed every check (:mod:`mock_esis.soap.checked_requests`).
        self.checked = CheckedRequests(checked_requests)
        #: Held while an answer is built: builds take turns. In one process they share one GIL,
        #: so side by side they are no faster, and switching between eight half-built answers
        #: cost ~20% more CPU per answer (benchmarks/bench_mock_esis_clients.py). Cached
        #: answers, changes and every other request never wait for it.
        self.build_turn = threading.Lock()

    def handle(
        self,
        operation: str,
        header: etree._Element | None,
        body: etree._Element,
        exchange: Exchange,
    ) -> etree._Element | SerializedAnswer:
        """The answer for ``body`` (an element, or cached envelope bytes), or a fault raised."""
        key = self.checked.key(operation, self.lenient, exchange.raw_request)
        known = self.checked.get(key) if key is not None else None
        if known is None:
            self._check_contract(body, exchange)
            contract_warnings = tuple(exchange.warnings)
            fields = self._header(header, exchange)
        else:  # these bytes passed the checks before: the same outcome, the same warnings
            exchange.warnings += known.contract_warnings
            fields = known.fields
            exchange.header = fields
        assert fields.klantnaam is not None and fields.klantcode is not None
        if not self.state.is_afnemer(fields.klantnaam, fields.klantcode):
            raise UwlrFault(FaultCode.ONGELDIGE_KLANT_IDENTIFICATIE)
        if known is None:
            message = self._parse(body, exchange)
            if key is not None:
                parse_warnings = tuple(exchange.warnings[len(contract_warnings) :])
                self.checked.put(key, Checked(fields, message, contract_warnings, parse_warnings))
        else:
            exchange.warnings += known.parse_warnings
            message = known.message
        assert fields.autorisatiesleutel is not None
        school = self._authorize(fields.autorisatiesleutel, message)
        if isinstance(message, LeerresultatenVerzoek):
            with self.state.change(school):
                return self._answer(operation, message, school)
        return self._cached_answer(operation, message, school)

    def _cached_answer(self, operation: str, message: Any, school: SchoolState) -> SerializedAnswer:
        # Only this school's lock (and the build turn on a miss): other schools' cached answers
        # and changes go on meanwhile, and a change to this school waits until the answer is
        # built (so the key's version is the data's).
        # The answer is built with a placeholder aanmaakdatum that is replaced by the mock's
        # time on the way out: byte for byte what a build at that moment would give.
        with self.state.reading(school):
            now = self.state.now()
            key = (
                school.code,
                operation,
                message.schooljaar,
                message.xsdversie,
                message.laatstontvangengegevens,
                tuple(getattr(message, "groepen", ())),
                school.version,
            )
            cached = self.cache.get(key)
            if cached is None:
                # Written straight to bytes (mock_esis.soap.answer_bytes): the same bytes as
                # uwlr.build + to_bytes, about 4x faster for a large school.
                with self.build_turn:
                    answer = self._data_answer(operation, message, school, _AANMAAKDATUM_SLOT)
                    cached = answer_bytes(answer)
                self.cache.put(key, cached)
        return SerializedAnswer(cached.replace(_SLOT_BYTES, _element_text(now), 1))

    # -- steps ---------------------------------------------------------------------------------
    def _header(self, header: etree._Element | None, exchange: Exchange) -> HeaderFields:
        fields = header_fields(header)
        exchange.header = fields
        if fields is None:
            raise UwlrFault(
                FaultCode.AUTORISATIE_ONGELDIG, "Autorisatieheader is leeg of ontbreekt"
            )
        missing = fields.missing()
        if missing:
            raise UwlrFault(
                FaultCode.AUTORISATIE_ONGELDIG,
                f"Ongeldig of ontbrekend element '{missing[0]}' in autorisatieheader",
            )
        return fields

    def _check_contract(self, body: etree._Element, exchange: Exchange) -> None:
        issues = self._contract.validate(body)
        version_issues = [i for i in issues if i.kind == "xsdversie"]
        other = [i for i in issues if i.kind != "xsdversie"]
        if version_issues and _xsdversie_of(body) in SUPPORTED_XSDVERSIES:
            other += version_issues  # a supported version in the wrong place: a schema slip
            version_issues = []
        if other:
            texts = [_dutch(i) for i in other if not is_follow_up(i.message)]
            if self.lenient:
                exchange.warnings += texts
            else:
                exchange.verdict = "invalid"
                exchange.errors += texts
                shown = "; ".join(texts[:_MAX_LISTED_ERRORS])
                more = len(texts) - _MAX_LISTED_ERRORS
                suffix = f" (en nog {more})" if more > 0 else ""
                raise UwlrFault(
                    FaultCode.ONGELDIG_BERICHT,
                    f"Het bericht is ongeldig volgens het UWLR-schema: {shown}{suffix}",
                )
        if version_issues:
            exchange.verdict = "invalid"
            exchange.errors += [str(i) for i in version_issues]
            raise UwlrFault(
                FaultCode.XSD_VERSIE_ONGELDIG,
                "De xsdversie wordt niet ondersteund; deze LAS ondersteunt 2.1, 2.2 en 2.3",
            )

    def _parse(self, body: etree._Element, exchange: Exchange) -> Any:
        try:
            parsed = parse_with_warnings(body, strict=False)
        except ParseError as error:
            exchange.verdict = "invalid"
            exchange.errors.append(str(error))
            raise UwlrFault(
                FaultCode.ONGELDIG_BERICHT, f"Het bericht is ongeldig: {error}"
            ) from None
        exchange.warnings += [str(w) for w in parsed.warnings]
        return parsed.message

    def _authorize(self, key: str, message: Any) -> SchoolState:
        school = self.state.school_for_key(key)
        address = message.school if isinstance(message, LeerresultatenVerzoek) else message
        if school is None or not _covers(school, address):
            raise UwlrFault(FaultCode.AUTORISATIE_ONGELDIG)
        return school

    def _answer(
        self, operation: str, message: Any, school: SchoolState, now: dt.datetime | None = None
    ) -> etree._Element:
        """The answer as an lxml element, built with :mod:`uwlr.build` (the reference)."""
        now = now or self.state.now()
        if isinstance(message, LeerresultatenVerzoek):
            store_leerresultaten(school, message, now)
            return build(LeerresultatenBevestiging())
        return build(self._data_answer(operation, message, school, now))

    def _data_answer(
        self, operation: str, message: Any, school: SchoolState, now: dt.datetime
    ) -> Message:
        """The data answer to a leerlinggegevens request, as a :mod:`uwlr.models` message."""
        expected = _OPERATIONS[operation]
        if type(message) is not expected:
            raise UwlrFault(
                FaultCode.ONGELDIG_BERICHT,
                f"{operation} verwacht {expected.__name__}, niet {type(message).__name__}",
            )
        if isinstance(message, LeerlingenVerzoek):
            return answer_leerlingen(school, message, now)
        if isinstance(message, LeerkrachtenVerzoek):
            return answer_leerkrachten(school, message, now)
        if isinstance(message, StructuurVerzoek):
            return answer_structuur(school, message, now)
        assert isinstance(message, LeerlinggegevensVerzoek)
        return answer_leerlinggegevens(school, message, now)


#: The aanmaakdatum answers are built with; no real answer holds it.
_AANMAAKDATUM_SLOT = dt.datetime(1901, 1, 1, tzinfo=dt.UTC)
_SLOT_BYTES = f">{format_datetime(_AANMAAKDATUM_SLOT)}<".encode()


@functools.lru_cache(maxsize=8)  # the mock's clock moves in whole seconds
def _element_text(moment: dt.datetime) -> bytes:
    return f">{format_datetime(moment)}<".encode()


_OPERATIONS: dict[str, type] = {
    "HaalLeerlinggegevens": LeerlinggegevensVerzoek,
    "HaalStructuur": StructuurVerzoek,
    "HaalLeerlingen": LeerlingenVerzoek,
    "HaalLeerkrachten": LeerkrachtenVerzoek,
    "BrengLeerresultaten": LeerresultatenVerzoek,
}


def _dutch(issue: ValidationIssue) -> str:
    """``regel N, /path: <Dutch line>``: libxml2's English schema text rewritten."""
    where = f"regel {issue.line}, " if issue.line is not None else ""
    return f"{where}{issue.path}: {dutch_schema_message(issue.message)}"


def _xsdversie_of(body: etree._Element) -> str | None:
    for child in body:
        if isinstance(child.tag, str) and etree.QName(child).localname == "xsdversie":
            return (child.text or "").strip()
    return None


def _covers(school: SchoolState, address: Any) -> bool:
    """True when the request's brincode + dependancecode (or schoolkey) name ``school``."""
    brincode = getattr(address, "brincode", None)
    if brincode:
        dependance = getattr(address, "dependancecode", None) or "00"
        return bool(brincode == school.fake.brincode and dependance == school.fake.dependancecode)
    schoolkey = getattr(address, "schoolkey", None)
    return bool(schoolkey) and schoolkey == school.schoolkey
