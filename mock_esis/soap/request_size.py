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

__all__ = ["MAX_REQUEST_BYTES", "content_length", "human_size", "too_large_fault"]

#: The largest SOAP request the mock handles, in bytes (20 MiB).
MAX_REQUEST_BYTES: Final = DEFAULT_MAX_BYTES

_MIB: Final = 1024 * 1024


def content_length(environ: dict[str, Any]) -> int:
    """The request's body size (waitress sets it also for a chunked request); 0 when unknown."""
    try:
        return max(int(environ.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


def human_size(size: int) -> str:
    """``20 MiB`` for 20 × 2²⁰ bytes, ``20,5 MiB`` with a decimal comma otherwise, or ``512 bytes``."""
    if size < _MIB:
        return f"{size} bytes"
    mib = size / _MIB
    text = f"{mib:.0f}" if size % _MIB == 0 else f"{mib:.1f}".replace(".", ",")
    return f"{text} MiB"


def too_large_fault(size: int, limit: int) -> UwlrFault:
    """The fault for a request of ``size`` bytes over ``limit``: Dutch, with both numbers."""
    return UwlrFault(
        FaultCode.ONGELDIG_BERICHT,
        f"Het verzoek is te groot: {human_size(size)} ({size} bytes); de grens is "
        f"{human_size(limit)} ({limit} bytes)",
    )
