"""``uwlr-conformance proxy``: a judging proxy between a real afnemer and a real LAS.

It forwards every SOAP request and answer unchanged, byte for byte, and judges each exchange off
the hot path with the harness's own checks, on both sides: the afnemer's requests with the
``CLI-REQ-*`` checks, the LAS's answers with the ``LAS-ENV-*``, ``LAS-CONT-*`` and fault-code
rules, and the getrapt answers of a session against the all-in-one one. ``--record DIR`` keeps
every exchange (keys masked) for ``mock-esis recording anonimiseren``. See
docs/proxy-and-recordings.md.
"""

from __future__ import annotations

from conformance.proxy.certificate import CertificateError, ClientCertificate
from conformance.proxy.judge import PROXY_CHECKS, Judge, side_of
from conformance.proxy.server import JudgingProxy, ProxyOptions

__all__ = [
    "PROXY_CHECKS",
    "CertificateError",
    "ClientCertificate",
    "Judge",
    "JudgingProxy",
    "ProxyOptions",
    "side_of",
]
