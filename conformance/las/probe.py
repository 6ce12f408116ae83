"""The harness's HTTP side in LAS mode: send exactly the bytes a check built, record every exchange.

Every exchange is kept (raw, for the checks that look across all answers, such as the key-echo
check) and can be turned into :class:`~conformance.result.Evidence` with the secrets masked.
Transport failures do not raise: they are recorded as ``error`` on the exchange.
"""

from __future__ import annotations

import ssl
import time
from dataclasses import dataclass, field

import httpx

from conformance.errors import ConfigurationError
from conformance.result import Evidence
from uwlr.clientcert import load_client_certificate
from uwlr.envelope import CONTENT_TYPE, Envelope, EnvelopeError, parse_envelope
from uwlr.masking import Masker
from uwlr.namespaces import SOAP_ACTIONS
from uwlr.safexml import XmlInputError

__all__ = ["DEFAULT_SOAPACTION", "Exchange", "Probe", "tls_context"]

#: Marker: send the official soapAction of the operation, quoted.
DEFAULT_SOAPACTION = "\0default"


@dataclass
class Exchange:
    """One HTTP request of the harness and what came back (``status`` None: no answer at all)."""

    label: str
    method: str
    url: str
    operation: str | None
    request_headers: dict[str, str]
    request: bytes
    status: int | None = None
    content_type: str | None = None
    response: bytes = b""
    seconds: float = 0.0
    error: str | None = None
    _envelope: Envelope | None = field(default=None, repr=False)
    _envelope_error: str | None = field(default=None, repr=False)
    _parsed: bool = field(default=False, repr=False)

    @property
    def is_soap_call(self) -> bool:
        """A SOAP POST (counted by the envelope checks), not a WSDL/XSD download."""
        return self.method == "POST"

    def envelope(self) -> Envelope | None:
        """The answer as a SOAP envelope, or None (see :attr:`envelope_error`)."""
        if not self._parsed:
            self._parsed = True
            if self.status is None:
                self._envelope_error = f"geen antwoord: {self.error}"
            else:
                try:
                    self._envelope = parse_envelope(self.response)
                except (XmlInputError, EnvelopeError) as exc:
                    self._envelope_error = str(exc)
        return self._envelope

    @property
    def envelope_error(self) -> str | None:
        """Why :meth:`envelope` gave None."""
        self.envelope()
        return self._envelope_error

    @property
    def faultcode(self) -> str | None:
        """The UWLR faultcode of the answer (no prefix), or None when it is no fault."""
        envelope = self.envelope()
        fault = envelope.fault if envelope is not None else None
        return fault.faultcode if fault is not None else None

    def describe(self) -> str:
        """``HTTP 500, Client.AutorisatieOngeldig`` and the like, for messages."""
        if self.status is None:
            return f"geen antwoord ({self.error})"
        envelope = self.envelope()
        if envelope is None:
            return f"HTTP {self.status}, geen SOAP-envelop ({self.envelope_error})"
        fault = envelope.fault
        if fault is not None:
            return f"HTTP {self.status}, fout {fault.faultcode}"
        body = envelope.body
        name = body.tag.split("}", 1)[-1] if body is not None else "lege Body"
        return f"HTTP {self.status}, {name}"


def tls_context(
    verify: bool | str = True,
    cert: str | tuple[str, str] | None = None,
    password: str | None = None,
    *,
    ca_pem: str | None = None,
) -> bool | ssl.SSLContext:
    """What httpx verifies with, as httpx 0.28 wants it: ``True``/``False`` or an SSL context.

    ``verify`` is True (the default trust store), False (no check) or a CA file; ``ca_pem`` is a
    CA in PEM text (a mock-esis state file carries one); ``cert`` a client certificate (PEM, or
    ``.p12`` with ``password``). A path or ``cert=`` is never handed to httpx itself (deprecated).
    """
    if cert is None and ca_pem is None and isinstance(verify, bool):
        return verify
    if verify is False:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    elif isinstance(verify, str):
        try:
            context = ssl.create_default_context(cafile=verify)
        except (OSError, ssl.SSLError):
            raise ConfigurationError(f"het CA-bestand {verify} is niet te lezen") from None
    else:
        context = ssl.create_default_context()
    if ca_pem is not None and verify is not False:
        try:
            context.load_verify_locations(cadata=ca_pem)
        except (ValueError, ssl.SSLError):
            raise ConfigurationError("de CA in het statusbestand is geen PEM-certificaat") from None
    if cert is not None:
        cert_file, key_file = cert if isinstance(cert, tuple) else (cert, None)
        load_client_certificate(context, cert_file, key_file, password)
    return context


class Probe:
    """An ``httpx.Client`` that records. Close it with :meth:`close`."""

    def __init__(
        self,
        masker: Masker,
        *,
        timeout: float = 30.0,
        verify: bool | str = True,
        cert: str | tuple[str, str] | None = None,
        cert_password: str | None = None,
        ca_pem: str | None = None,
    ) -> None:
        self.masker = masker
        self.exchanges: list[Exchange] = []
        self._client = httpx.Client(
            timeout=timeout,
            verify=tls_context(verify, cert, cert_password, ca_pem=ca_pem),
            follow_redirects=False,
            headers={"User-Agent": "uwlr-conformance/0.1"},
        )

    def close(self) -> None:
        self._client.close()

    def post(
        self,
        url: str,
        body: bytes,
        *,
        operation: str | None,
        label: str,
        soapaction: str | None = DEFAULT_SOAPACTION,
        content_type: str = CONTENT_TYPE,
    ) -> Exchange:
        """POST ``body`` as is; ``soapaction`` None sends no SOAPAction header."""
        headers = {"Content-Type": content_type}
        if soapaction == DEFAULT_SOAPACTION:
            if operation is not None:
                headers["SOAPAction"] = f'"{SOAP_ACTIONS[operation]}"'
        elif soapaction is not None:
            headers["SOAPAction"] = soapaction
        return self._send("POST", url, body, headers, operation, label)

    def get(self, url: str, *, label: str) -> Exchange:
        """GET ``url`` (a WSDL or XSD)."""
        return self._send("GET", url, b"", {}, None, label)

    def _send(
        self,
        method: str,
        url: str,
        body: bytes,
        headers: dict[str, str],
        operation: str | None,
        label: str,
    ) -> Exchange:
        exchange = Exchange(label, method, url, operation, headers, body)
        started = time.perf_counter()
        try:
            response = self._client.request(method, url, content=body or None, headers=headers)
        except httpx.HTTPError as exc:
            exchange.error = f"{type(exc).__name__}: {exc}".strip()
        else:
            exchange.status = response.status_code
            exchange.content_type = response.headers.get("content-type")
            exchange.response = response.content
        exchange.seconds = time.perf_counter() - started
        self.exchanges.append(exchange)
        return exchange

    def evidence(self, exchange: Exchange, note: str | None = None) -> Evidence:
        """The exchange as evidence, every secret masked."""
        head = [f"{exchange.method} {exchange.url}"]
        head += [f"{name}: {value}" for name, value in exchange.request_headers.items()]
        request = "\n".join(head)
        if exchange.request:
            request += "\n\n" + (self.masker.evidence(exchange.request) or "")
        if exchange.status is None:
            response = f"(geen antwoord: {exchange.error})"
        else:
            response = f"HTTP {exchange.status}\nContent-Type: {exchange.content_type}\n\n"
            response += self.masker.evidence(exchange.response) or ""
        return Evidence(
            label=exchange.label,
            request=self.masker.evidence(request, limit=None),
            response=response,
            http_status=exchange.status,
            note=self.masker.evidence(note) if note else None,
        )
