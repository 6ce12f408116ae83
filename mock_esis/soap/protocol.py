"""A spyne SOAP 1.1 protocol that hands raw UWLR elements to the services and back.

spyne cannot model UWLR's ``xs:choice`` placement or ``\\p{..}`` patterns (see
docs/adr/0003-mock-esis-on-spyne.md), so its model (de)serialization is bypassed: incoming
envelopes are parsed with :mod:`uwlr.safexml`, the body's root element goes to the service
method as is, and the method returns a complete answer element built with :mod:`uwlr.build`.
spyne still does what it is good at: the application, dispatch on the body's root element,
the service methods, faults, and the WSGI server plumbing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from mock_esis.soap.spyne_compat import Fault, ResourceNotFoundError, Soap11
from uwlr.envelope import EnvelopeError, build_envelope, build_fault, parse_envelope
from uwlr.faults import FaultCode, UwlrFault
from uwlr.safexml import XmlInputError, parse_xml

__all__ = [
    "EXCHANGE_KEY",
    "Exchange",
    "SerializedAnswer",
    "UwlrSoap11",
    "exchange_of",
    "near_miss",
    "spyne_fault",
    "to_uwlr_fault",
]

#: WSGI environ key under which a request's :class:`Exchange` is left for the journal.
EXCHANGE_KEY = "mock_esis.exchange"


@dataclass
class Exchange:
    """What the protocol and the service learned about one SOAP request (for the journal)."""

    raw_request: bytes = b""
    operation: str | None = None
    header: Any = None
    verdict: str = "ok"
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    fault: UwlrFault | None = None


@dataclass(frozen=True)
class SerializedAnswer:
    """A complete answer envelope, already serialized (from the answer cache)."""

    envelope: bytes


def exchange_of(ctx: Any) -> Exchange:
    """The :class:`Exchange` of a spyne method context, created on first use."""
    if not isinstance(ctx.udc, Exchange):
        ctx.udc = Exchange()
        environ = getattr(getattr(ctx, "transport", None), "req_env", None)
        if isinstance(environ, dict):
            environ[EXCHANGE_KEY] = ctx.udc
    return ctx.udc


class UwlrSoap11(Soap11):  # type: ignore[misc]
    """Soap11 with UWLR's wire rules: safe parsing, raw elements, ``soap:`` fault codes."""

    mime_type = "text/xml; charset=utf-8"

    def __init__(self, *args: Any, max_bytes: int, **kwargs: Any) -> None:
        kwargs.setdefault("validator", None)
        super().__init__(*args, **kwargs)
        self.max_bytes = max_bytes

    # -- request side ------------------------------------------------------------------------
    def create_in_document(self, ctx: Any, charset: str | None = None) -> None:
        raw = b"".join(
            chunk if isinstance(chunk, bytes) else chunk.encode() for chunk in ctx.in_string
        )
        exchange_of(ctx).raw_request = raw
        try:
            root = parse_xml(raw, max_bytes=self.max_bytes)
        except XmlInputError as exc:
            exchange_of(ctx).verdict = "invalid"
            exchange_of(ctx).errors.append(str(exc))
            raise spyne_fault(UwlrFault(FaultCode.ONGELDIG_BERICHT, str(exc))) from None
        ctx.in_document = (root, {})

    def decompose_incoming_envelope(self, ctx: Any, message: Any = None) -> None:
        root, _ids = ctx.in_document
        try:
            envelope = parse_envelope(root)
        except EnvelopeError as exc:
            exchange_of(ctx).verdict = "invalid"
            exchange_of(ctx).errors.append(str(exc))
            raise spyne_fault(UwlrFault(FaultCode.ONGELDIG_BERICHT, str(exc))) from None
        if envelope.body is None:
            raise spyne_fault(UwlrFault(FaultCode.ONGELDIG_BERICHT, "De SOAP-Body is leeg"))
        ctx.in_document = root
        ctx.in_header_doc = envelope.header
        ctx.in_body_doc = envelope.body
        ctx.method_request_string = envelope.body.tag

    def generate_method_contexts(self, ctx: Any) -> list[Any]:
        """The context for the one method the body's root names (spyne's own version copies the
        context for each handle, for auxiliary methods; a UWLR operation has exactly one)."""
        handles = self.get_call_handles(ctx)
        if len(handles) != 1:
            return list(super().generate_method_contexts(ctx))
        ctx.descriptor = handles[0]
        return [ctx]

    def deserialize(self, ctx: Any, message: Any) -> None:
        self.event_manager.fire_event("before_deserialize", ctx)
        ctx.in_object = [ctx.in_body_doc]
        self.event_manager.fire_event("after_deserialize", ctx)

    # -- answer side -------------------------------------------------------------------------
    def serialize(self, ctx: Any, message: Any) -> None:
        self.event_manager.fire_event("before_serialize", ctx)
        if ctx.out_error is not None:
            known = self.app.interface.service_method_map.keys()
            fault = to_uwlr_fault(ctx.out_error, ctx.method_request_string, known)
            exchange = exchange_of(ctx)
            exchange.fault = fault
            if isinstance(ctx.out_error, ResourceNotFoundError):
                exchange.verdict = "unmatched"
                exchange.errors.append(fault.faultstring)
            elif exchange.verdict == "ok":
                exchange.verdict = "fault"
            ctx.out_document = build_fault(fault)
        else:
            answer = ctx.out_object[0]
            if isinstance(answer, SerializedAnswer):
                ctx.out_document = answer
            elif isinstance(answer, etree._Element):
                ctx.out_document = build_envelope(answer)
            else:
                raise TypeError("a UWLR service method must return an lxml element")
        self.event_manager.fire_event("after_serialize", ctx)

    def create_out_string(self, ctx: Any, charset: str | None = None) -> None:
        document = ctx.out_document
        if isinstance(document, SerializedAnswer):
            ctx.out_string = [document.envelope]
        else:
            ctx.out_string = [etree.tostring(document, encoding="utf-8", xml_declaration=True)]

    def fault_to_http_response_code(self, fault: Any) -> str:
        return "500 Internal Server Error"


def spyne_fault(fault: UwlrFault) -> Fault:
    """A spyne :class:`Fault` that carries the :class:`UwlrFault` to send."""
    error = Fault(faultcode=fault.faultcode, faultstring=fault.faultstring)
    error.uwlr = fault
    return error


def to_uwlr_fault(error: Any, request_tag: str | None, known: Any) -> UwlrFault:
    """Map whatever went wrong inside spyne or a service to the UWLR fault to send."""
    uwlr = getattr(error, "uwlr", None)
    if isinstance(uwlr, UwlrFault):
        return uwlr
    if isinstance(error, UwlrFault):
        return error
    if isinstance(error, ResourceNotFoundError):
        return UwlrFault(FaultCode.ONGELDIG_BERICHT, near_miss(request_tag, known))
    if isinstance(error, Fault) and FaultCode.from_faultcode(str(error.faultcode)):
        return UwlrFault(str(error.faultcode), str(error.faultstring))
    return UwlrFault(FaultCode.INTERNE_FOUT)


def near_miss(request_tag: str | None, known: Any) -> str:
    """A Dutch explanation for a body root that matches no operation, with the closest one."""
    if not request_tag:
        return "Het bericht bevat geen UWLR-verzoek"
    got = etree.QName(request_tag)
    candidates = [etree.QName(k) for k in known if k]
    same_name = [c for c in candidates if c.localname == got.localname]
    if same_name:
        hint = f"{{{same_name[0].namespace}}}{same_name[0].localname}"
    else:
        same_ns = sorted(c.localname for c in candidates if c.namespace == got.namespace)
        hint = ", ".join(same_ns) if same_ns else "een UWLR-verzoek"
    return (
        f"Onbekend verzoek: hoofdelement {got.localname} in namespace {got.namespace or '(geen)'}"
        f"; bedoelde u {hint}?"
    )
