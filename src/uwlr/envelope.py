"""SOAP 1.1 envelopes and faults for UWLR: wrap a body with the ``autorisatie`` header, unwrap any.

Parsing accepts any namespace prefix; faultcodes are compared by their local part.
Building is strict and emits ``soap:`` for the envelope and ``soap:Client.X`` faultcodes.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from uwlr.faults import FaultCode, UwlrFault, local_faultcode
from uwlr.namespaces import AUT, SOAP_ENV, qname
from uwlr.safexml import DEFAULT_MAX_BYTES, parse_xml

__all__ = [
    "CONTENT_TYPE",
    "Envelope",
    "EnvelopeError",
    "HeaderFields",
    "build_envelope",
    "build_fault",
    "fault_bytes",
    "header_fields",
    "parse_envelope",
    "to_bytes",
]

CONTENT_TYPE = "text/xml; charset=utf-8"

_ENVELOPE = qname(SOAP_ENV, "Envelope")
_HEADER = qname(SOAP_ENV, "Header")
_BODY = qname(SOAP_ENV, "Body")
_FAULT = qname(SOAP_ENV, "Fault")
_AUTORISATIE = qname(AUT, "autorisatie")
_HEADER_FIELDS = ("autorisatiesleutel", "klantcode", "klantnaam")
_HEADER_FIELD_TAGS = {qname(AUT, name): name for name in _HEADER_FIELDS}


class EnvelopeError(ValueError):
    """The document is XML but not a usable SOAP 1.1 envelope."""


@dataclass(frozen=True, slots=True)
class HeaderFields:
    """The ``autorisatie`` header as found: each field None when missing, "" when empty."""

    autorisatiesleutel: str | None
    klantcode: str | None
    klantnaam: str | None

    def __repr__(self) -> str:
        return (
            f"HeaderFields(autorisatiesleutel={'***' if self.autorisatiesleutel else None!r}, "
            f"klantcode={self.klantcode!r}, klantnaam={self.klantnaam!r})"
        )

    def missing(self) -> list[str]:
        """Names of the fields that are missing or empty, in header order."""
        return [name for name in _HEADER_FIELDS if not (getattr(self, name) or "").strip()]


@dataclass(frozen=True, slots=True)
class Envelope:
    """An unwrapped SOAP envelope: the header (if any) and the body's first element."""

    root: etree._Element
    header: etree._Element | None
    body: etree._Element | None

    @property
    def autorisatie(self) -> HeaderFields | None:
        """The ``aut:autorisatie`` header fields, or None when there is no such header."""
        return header_fields(self.header)

    @property
    def fault(self) -> UwlrFault | None:
        """The SOAP fault in the body, as :class:`UwlrFault`, or None."""
        if self.body is None or self.body.tag != _FAULT:
            return None
        code = _child_text(self.body, "faultcode") or ""
        text = _child_text(self.body, "faultstring")
        detail_el = _child(self.body, "detail")
        detail = None
        if detail_el is not None:
            detail = "".join(str(text) for text in detail_el.itertext()).strip() or None
        return UwlrFault(local_faultcode(code), text, detail=detail)


def header_fields(header: etree._Element | None) -> HeaderFields | None:
    """The ``aut:autorisatie`` fields of a SOAP ``Header`` element, or None when absent."""
    if header is None:
        return None
    element = _first(header, _AUTORISATIE)
    if element is None:
        return None
    values: dict[str, str | None] = dict.fromkeys(_HEADER_FIELDS)
    for child in element:  # the first of each field counts, as with find()
        name = _HEADER_FIELD_TAGS.get(child.tag)
        if name is not None and values[name] is None:
            values[name] = (child.text or "").strip()
    return HeaderFields(**values)


def _first(parent: etree._Element, tag: str) -> etree._Element | None:
    """The first child with ``tag`` (a plain loop over the children: cheaper than ``find``)."""
    for child in parent:
        if child.tag == tag:
            return child
    return None


def build_envelope(body: etree._Element, header: etree._Element | None = None) -> etree._Element:
    """Wrap ``body`` (and optionally a header element such as ``aut:autorisatie``)."""
    envelope = etree.Element(_ENVELOPE, nsmap={"soap": SOAP_ENV})
    if header is not None:
        etree.SubElement(envelope, _HEADER).append(header)
    etree.SubElement(envelope, _BODY).append(body)
    return envelope


def build_fault(fault: UwlrFault) -> etree._Element:
    """A SOAP 1.1 fault envelope with ``faultcode`` ``soap:<UWLR code>``."""
    element = etree.Element(_FAULT, nsmap={"soap": SOAP_ENV})
    etree.SubElement(element, "faultcode").text = f"soap:{fault.faultcode}"
    etree.SubElement(element, "faultstring").text = fault.faultstring
    if fault.detail:
        etree.SubElement(element, "detail").text = fault.detail
    return build_envelope(element)


def to_bytes(envelope: etree._Element) -> bytes:
    """Serialize with an XML declaration, UTF-8."""
    return bytes(etree.tostring(envelope, xml_declaration=True, encoding="utf-8"))


def fault_bytes(code: FaultCode | str, faultstring: str | None = None) -> bytes:
    """Shortcut: the serialized fault envelope for ``code``."""
    return to_bytes(build_fault(UwlrFault(code, faultstring)))


def parse_envelope(data: bytes | etree._Element, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Envelope:
    """Unwrap a SOAP 1.1 envelope given as bytes (parsed safely) or as an element.

    Raises :class:`uwlr.safexml.XmlInputError` for unsafe or malformed XML and
    :class:`EnvelopeError` for XML that is not a SOAP 1.1 envelope.
    """
    root = data if isinstance(data, etree._Element) else parse_xml(data, max_bytes=max_bytes)
    if root.tag != _ENVELOPE:
        raise EnvelopeError(
            f"Geen SOAP 1.1-envelop: het hoofdelement is {root.tag!s} "
            f"(verwacht {{{SOAP_ENV}}}Envelope)"
        )
    header = _first(root, _HEADER)
    body_el = _first(root, _BODY)
    if body_el is None:
        raise EnvelopeError("De SOAP-envelop heeft geen Body")
    children = [c for c in body_el if isinstance(c.tag, str)]
    if len(children) > 1:
        raise EnvelopeError(
            f"De SOAP-Body bevat {len(children)} elementen; UWLR verwacht er precies één"
        )
    return Envelope(root=root, header=header, body=children[0] if children else None)


def _child(parent: etree._Element, local: str) -> etree._Element | None:
    for child in parent:
        if isinstance(child.tag, str) and etree.QName(child).localname == local:
            return child
    return None


def _child_text(parent: etree._Element, local: str) -> str | None:
    child = _child(parent, local)
    return None if child is None else (child.text or "").strip()
