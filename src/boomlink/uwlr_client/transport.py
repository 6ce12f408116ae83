"""HTTP for SOAP 1.1: one POST per attempt over a keep-alive ``httpx.Client``, errors classified.

This layer knows nothing of UWLR messages: it sends bytes with the right headers and returns the
status, headers and body (read up to a size limit), or raises one of the transport errors of
:mod:`boomlink.uwlr_client.errors`. Any ``httpx.BaseTransport`` can be passed in (tests use
``httpx.MockTransport``); by default httpx's own, with our TLS context (client certificate).
"""

from __future__ import annotations

import os
import ssl
from dataclasses import dataclass

import httpx

from boomlink.uwlr_client.config import ClientConfig
from boomlink.uwlr_client.errors import (
    BeveiligdeVerbindingMislukt,
    LasOnbereikbaar,
    LasTimeout,
    OngeldigAntwoord,
)
from uwlr.clientcert import ClientCertificaatFout, load_client_certificate
from uwlr.envelope import CONTENT_TYPE

__all__ = ["RawResponse", "SoapTransport", "ssl_context"]


@dataclass(frozen=True, slots=True)
class RawResponse:
    """What came back over HTTP."""

    status: int
    headers: httpx.Headers
    content: bytes


def ssl_context(config: ClientConfig) -> ssl.SSLContext:
    """The TLS context: the configured CAs (or none, with ``verify=False``) and client cert
    (PEM, or a ``.p12``/``.pfx`` with ``client_key_password`` as its password).

    Raises :class:`ValueError` with a Dutch message when a file cannot be read.
    """
    try:
        if isinstance(config.verify, str):
            if os.path.isdir(config.verify):
                context = ssl.create_default_context(capath=config.verify)
            else:
                context = ssl.create_default_context(cafile=config.verify)
        else:
            context = httpx.create_ssl_context(verify=config.verify)
        if config.client_cert is not None:
            load_client_certificate(
                context, config.client_cert, config.client_key, config.client_key_password
            )
    except ClientCertificaatFout:
        raise
    except (OSError, ssl.SSLError) as error:
        raise ValueError(
            "Het TLS-certificaat van de koppeling (clientcertificaat, sleutel of CA-bundel) "
            f"kan niet worden gelezen: {type(error).__name__}"
        ) from None
    return context


class SoapTransport:
    """Posts SOAP envelopes. Owns its ``httpx.Client``; close it with :meth:`close`."""

    def __init__(self, config: ClientConfig, transport: httpx.BaseTransport | None = None) -> None:
        self._max_bytes = config.max_answer_bytes
        timeout = httpx.Timeout(
            connect=config.connect_timeout,
            read=config.read_timeout,
            write=config.read_timeout,
            pool=config.connect_timeout,
        )
        self._client = httpx.Client(
            transport=transport,
            timeout=timeout,
            verify=ssl_context(config) if transport is None else True,
            follow_redirects=False,
            headers={"User-Agent": config.user_agent, "Content-Type": CONTENT_TYPE},
        )

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()

    def post(self, url: str, soapaction: str, body: bytes) -> RawResponse:
        """POST ``body``; raises a transport error or :class:`OngeldigAntwoord` (too large)."""
        try:
            with self._client.stream(
                "POST", url, content=body, headers={"SOAPAction": f'"{soapaction}"'}
            ) as response:
                content = self._read(response)
                return RawResponse(response.status_code, response.headers, content)
        except httpx.TimeoutException as error:
            raise LasTimeout(_describe(error)) from None
        except httpx.ConnectError as error:
            if _is_tls_problem(error):
                raise BeveiligdeVerbindingMislukt(_describe(error)) from None
            raise LasOnbereikbaar(_describe(error)) from None
        except httpx.RemoteProtocolError as error:
            if "disconnected" in str(error).lower():
                raise LasOnbereikbaar(_describe(error)) from None
            raise OngeldigAntwoord(
                "er kwam geen geldig HTTP-antwoord terug", _describe(error), retryable=True
            ) from None
        except httpx.TransportError as error:  # ReadError, WriteError, ProxyError, ...
            if _is_tls_problem(error):  # TLS 1.3: "certificate required" comes after the handshake
                raise BeveiligdeVerbindingMislukt(_describe(error)) from None
            raise LasOnbereikbaar(_describe(error)) from None

    def _read(self, response: httpx.Response) -> bytes:
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self._max_bytes:
                raise OngeldigAntwoord(
                    "het antwoord is te groot",
                    f"meer dan {self._max_bytes} bytes",
                    retryable=False,
                    http_status=response.status_code,
                )
            chunks.append(chunk)
        return b"".join(chunks)


def _is_tls_problem(error: BaseException) -> bool:
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, ssl.SSLError | ssl.CertificateError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _describe(error: httpx.HTTPError) -> str:
    text = str(error).strip()
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
