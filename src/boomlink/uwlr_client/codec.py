"""From typed request to envelope bytes (strict) and from response bytes to typed answer (lenient).

Requests are built with :mod:`uwlr.build` and checked against our contract with
:func:`uwlr.validate.validate` before anything is sent: a request that would be invalid raises
:class:`OngeldigVerzoek`. Answers are unwrapped with :mod:`uwlr.envelope` (safe XML parsing) and
read with :func:`uwlr.parse.parse_as` in lenient mode, so element order, prefixes and empty
elements do not matter; what was odd comes back as warnings. A SOAP fault becomes the error of
its code; anything else unusable becomes :class:`OngeldigAntwoord`, marked retryable when another
attempt may help (empty or broken-off answers, HTTP 5xx) and not when it will not (a well-formed
answer that is the wrong message or misses required parts: the LAS would send it again).
Every text taken from the answer into an error has the key masked.
"""

from __future__ import annotations

from typing import TypeVar

from lxml import etree

from boomlink.uwlr_client.errors import OngeldigAntwoord, OngeldigVerzoek, fault_error
from boomlink.uwlr_client.transport import RawResponse
from uwlr.build import build, build_autorisatie
from uwlr.envelope import EnvelopeError, build_envelope, parse_envelope, to_bytes
from uwlr.faults import UwlrFault
from uwlr.masking import Masker
from uwlr.models import Autorisatie, Message, Verzoek
from uwlr.parse import Parsed, ParseError, parse_as
from uwlr.safexml import DEFAULT_MAX_BYTES, XmlInputError, XmlSyntaxError
from uwlr.validate import validate

__all__ = ["encode_request", "read_answer"]

M = TypeVar("M", bound=Message)


def encode_request(verzoek: Verzoek, autorisatie: Autorisatie, masker: Masker) -> bytes:
    """The request envelope as bytes; :class:`OngeldigVerzoek` if it would not be valid."""
    try:
        envelope = build_envelope(build(verzoek), build_autorisatie(autorisatie))
    except ValueError as error:
        raise OngeldigVerzoek([masker.text(str(error))]) from None
    issues = validate(envelope)
    if issues:
        raise OngeldigVerzoek([masker.text(str(issue)) for issue in issues])
    return to_bytes(envelope)


def read_answer(
    response: RawResponse,
    kind: type[M],
    masker: Masker,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Parsed[M]:
    """The answer ``kind`` in ``response``, with its parse warnings; or the matching error."""
    status = response.status
    ok = 200 <= status < 300
    if not response.content.strip():
        if not ok:
            raise _http_error(status)
        raise OngeldigAntwoord(
            "het antwoord was leeg", f"HTTP {status} zonder inhoud", retryable=True
        )
    try:
        envelope = parse_envelope(response.content, max_bytes=max_bytes)
    except XmlSyntaxError as error:
        if not ok:
            raise _http_error(status, masker.text(str(error))) from None
        raise OngeldigAntwoord(
            "het antwoord is onvolledig of geen geldige XML",
            masker.text(str(error)),
            retryable=True,
            http_status=status,
        ) from None
    except XmlInputError as error:  # a DTD, entities, or too large: refused, not retried
        raise OngeldigAntwoord(
            "het antwoord bevat XML die Boom testcentrum om veiligheidsredenen niet leest",
            masker.text(str(error)),
            retryable=False,
            http_status=status,
        ) from None
    except EnvelopeError as error:
        if not ok:
            raise _http_error(status, masker.text(str(error))) from None
        raise OngeldigAntwoord(
            "het antwoord is geen SOAP-bericht",
            masker.text(str(error)),
            retryable=True,
            http_status=status,
        ) from None
    fault = envelope.fault
    if fault is not None:
        raise fault_error(_masked(fault, masker))
    if not ok:
        raise _http_error(status, "een SOAP-antwoord zonder fault bij een foutstatus")
    if envelope.body is None:
        raise OngeldigAntwoord(
            "het antwoord was leeg", "een SOAP-Body zonder bericht", retryable=True
        )
    try:
        return parse_as(envelope.body, kind, strict=False)
    except ParseError as error:
        raise OngeldigAntwoord(
            f"ESIS stuurde niet het verwachte bericht ({_root_name(envelope.body)})",
            masker.text(str(error)),
            retryable=False,
            http_status=status,
        ) from None


def _masked(fault: UwlrFault, masker: Masker) -> UwlrFault:
    return UwlrFault(
        fault.code or fault.faultcode,
        masker.text(fault.faultstring),
        detail=masker.optional_text(fault.detail),
    )


def _root_name(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else "?"


def _http_error(status: int, detail: str | None = None) -> OngeldigAntwoord:
    """An HTTP error status without a SOAP fault: retried for 5xx, 408 and 429 only."""
    if status >= 500:
        reason = f"HTTP-status {status} zonder foutmelding van ESIS"
        retryable = True
    elif status in (408, 429):
        reason = f"ESIS is druk (HTTP-status {status})"
        retryable = True
    elif status in (401, 403):
        reason = (
            f"ESIS weigert de verbinding (HTTP-status {status}); mogelijk is het certificaat "
            "van de koppeling niet of niet meer geldig"
        )
        retryable = False
    elif status in (404, 405, 410):
        reason = f"het adres van de koppeling klopt niet (HTTP-status {status})"
        retryable = False
    elif 300 <= status < 400:
        reason = f"ESIS verwijst naar een ander adres (HTTP-status {status})"
        retryable = False
    else:
        reason = f"onverwachte HTTP-status {status}"
        retryable = False
    return OngeldigAntwoord(reason, detail or reason, retryable=retryable, http_status=status)
