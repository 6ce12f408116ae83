"""The size limit on SOAP requests: one number, checked before anything reads the body.

The limit is :data:`MAX_REQUEST_BYTES` (20 MiB, the same bound :mod:`uwlr.safexml` puts on any XML
we parse); ``MockEsisApp(max_bytes=...)`` changes it for one server. A request above it is
answered with HTTP 413 and a SOAP fault ``Client.OngeldigBericht`` that names its size and the
limit, before spyne or fault injection sees it (see docs/mock-esis.md, "Grote verzoeken").
"""

from __future__ import annotations

from typing import Any, Final

from uwlr.faults import FaultCode, UwlrFault
from uwlr.safexml import DEFAULT_MAX_BYTES
from uwlr.sizes import size_and_limit

__all__ = ["MAX_REQUEST_BYTES", "content_length", "too_large_fault"]

#: The largest SOAP request the mock handles, in bytes (20 MiB).
MAX_REQUEST_BYTES: Final = DEFAULT_MAX_BYTES


def content_length(environ: dict[str, Any]) -> int:
    """The request's body size (waitress sets it also for a chunked request); 0 when unknown."""
    try:
        return max(int(environ.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


def too_large_fault(size: int, limit: int) -> UwlrFault:
    """The fault for a request of ``size`` bytes over ``limit``: Dutch, with both numbers."""
    return UwlrFault(
        FaultCode.ONGELDIG_BERICHT,
        f"Het verzoek is te groot: {size_and_limit(size, limit)}",
    )
