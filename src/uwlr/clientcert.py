"""Client certificates for UWLR over TLS: PEM files or a password-protected ``.p12``/``.pfx``.

ESIS hands out the client certificate of a link as a PKCS#12 file with a password. Python's
:mod:`ssl` only loads PEM files, so :func:`load_client_certificate` opens the PKCS#12 file with
``cryptography``, writes certificate and key to a temporary file readable by its owner only
(0600), with the key encrypted under a one-time random password, loads it and removes the file
at once. The password of the ``.p12`` is never part of a message, log line or file.
"""

from __future__ import annotations

import os
import secrets
import ssl
import tempfile
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12

__all__ = ["PKCS12_SUFFIXES", "ClientCertificaatFout", "is_pkcs12", "load_client_certificate"]

#: File name endings that mean PKCS#12.
PKCS12_SUFFIXES = (".p12", ".pfx")


class ClientCertificaatFout(ValueError):
    """The client certificate cannot be used; the Dutch message names the file, never a secret."""


def is_pkcs12(path: str | os.PathLike[str]) -> bool:
    return Path(path).suffix.lower() in PKCS12_SUFFIXES


def _pem_uit_pkcs12(path: Path, password: str | None, eenmalig: bytes) -> bytes:
    try:
        key, certificate, extra = pkcs12.load_key_and_certificates(
            path.read_bytes(), password.encode() if password else None
        )
    except OSError as error:
        raise ClientCertificaatFout(
            f"Het clientcertificaat {path.name} kan niet worden gelezen ({type(error).__name__})."
        ) from None
    except ValueError:
        raise ClientCertificaatFout(
            f"Het clientcertificaat {path.name} kan niet worden geopend: het wachtwoord klopt "
            "niet, of het is geen PKCS#12-bestand (.p12/.pfx)."
        ) from None
    if key is None or certificate is None:
        raise ClientCertificaatFout(
            f"Het clientcertificaat {path.name} bevat niet zowel een certificaat als een sleutel."
        )
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(eenmalig),
    )
    pem += certificate.public_bytes(serialization.Encoding.PEM)
    for tussen in extra or []:
        pem += tussen.public_bytes(serialization.Encoding.PEM)
    return pem


def load_client_certificate(
    context: ssl.SSLContext,
    cert: str | os.PathLike[str],
    key: str | os.PathLike[str] | None = None,
    password: str | None = None,
) -> None:
    """Load the client certificate ``cert`` into ``context``.

    ``cert`` is a PEM file (with ``key`` as a separate PEM file or inside it; ``password`` for an
    encrypted key), or a ``.p12``/``.pfx`` file with ``password`` (then ``key`` must be absent).
    Raises :class:`ClientCertificaatFout` (a :class:`ValueError`) when it cannot be used.
    """
    path = Path(cert)
    if not is_pkcs12(path):
        context.load_cert_chain(cert, key, password=password)
        return
    if key is not None:
        raise ClientCertificaatFout(
            f"Bij het PKCS#12-bestand {path.name} hoort geen los sleutelbestand: de sleutel "
            "zit in het .p12-bestand zelf."
        )
    eenmalig = secrets.token_urlsafe(32).encode()
    pem = _pem_uit_pkcs12(path, password, eenmalig)
    fd, naam = tempfile.mkstemp(prefix="uwlr-client-", suffix=".pem")
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as bestand:
            bestand.write(pem)
        context.load_cert_chain(naam, password=eenmalig)
    finally:
        os.unlink(naam)
