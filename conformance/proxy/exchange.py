"""One exchange seen by the proxy: what the afnemer sent, what the LAS answered, how it went.

The forwarder fills it on the hot path (bytes only, no parsing); the judge and the recorder read
it later, off the hot path, and turn it into the harness's own exchange types.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from conformance.client.recorder import Recorded, operation_of
from conformance.las.probe import Exchange

__all__ = ["ProxyExchange"]


@dataclass
class ProxyExchange:
    """A request forwarded to the LAS and the LAS's answer (``status`` None: no answer at all).

    ``error`` says why the afnemer got ``Server.TijdelijkNietBeschikbaar`` from the proxy instead
    of the LAS's answer (the LAS was down, hung, or answered something that is no SOAP message).
    """

    number: int
    endpoint: str
    method: str
    upstream_url: str
    request_headers: dict[str, str]
    request: bytes
    started: dt.datetime
    seconds: float = 0.0
    status: int | None = None
    content_type: str | None = None
    response: bytes = b""
    error: str | None = None
    _operation: str | None = field(default=None, repr=False)
    _operation_known: bool = field(default=False, repr=False)

    @property
    def soapaction(self) -> str | None:
        return self.request_headers.get("SOAPAction")

    @property
    def request_content_type(self) -> str | None:
        return self.request_headers.get("Content-Type")

    @property
    def operation(self) -> str | None:
        """The UWLR operation the request asks for (parsed once, off the hot path)."""
        if not self._operation_known:
            self._operation = operation_of(self.request) if self.request else None
            self._operation_known = True
        return self._operation

    @property
    def label(self) -> str:
        return f"uitwisseling #{self.number} {self.operation or self.method} ({self.endpoint})"

    def as_las_exchange(self) -> Exchange:
        """The exchange as the LAS checks know it (what the LAS answered)."""
        return Exchange(
            label=self.label,
            method=self.method,
            url=self.upstream_url,
            operation=self.operation,
            request_headers=dict(self.request_headers),
            request=self.request,
            status=self.status,
            content_type=self.content_type,
            response=self.response,
            seconds=self.seconds,
            error=self.error if self.status is None else None,
        )

    def as_recorded(self) -> Recorded:
        """The request as the client checks know it (what the afnemer sent)."""
        return Recorded(
            endpoint=self.endpoint,
            soapaction=self.soapaction,
            content_type=self.request_content_type,
            body=self.request,
            operation=self.operation,
            started=0.0,
            status=self.status,
            response=self.response,
            seconds=self.seconds,
            note=self.error,
        )
