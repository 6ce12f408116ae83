"""The client certificate for TLS to the LAS: PEM files as they are, or a ``.p12`` with a password.

ESIS hands out a PKCS#12 file. httpx (ssl) wants PEM files, so the ``.p12`` is converted with
``cryptography`` into one PEM file (key unencrypted, then certificate and chain) in a private
temporary folder (0700, file 0600) that :meth:`ClientCertificate.close` removes. The password
comes from an environment variable, never from the command line (it would show in ``ps``).
"""

from __future__ import annotations

import os
import shutil
import ssl
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    pkcs12,
)

__all__ = ["CertificateError", "ClientCertificate"]


class CertificateError(ValueError):
    """The certificate cannot be used; the Dutch message names the file, never the password."""


@dataclass
class ClientCertificate:
    """What httpx's ``cert=`` needs, and the temporary folder to clean up (for a ``.p12``)."""

    cert: str | tuple[str, str] | None
    _folder: Path | None = field(default=None, repr=False)

    @classmethod
    def none(cls) -> ClientCertificate:
        return cls(None)

    @classmethod
    def from_options(
        cls, cert: str | None, key: str | None, password: str | None
    ) -> ClientCertificate:
        """PEM (``cert`` with ``key``, or one file holding both) or ``.p12`` (with ``password``)."""
        if cert is None:
            if key is not None:
                raise CertificateError("--client-key zonder --client-cert")
            return cls.none()
        path = Path(cert)
        if not path.is_file():
            raise CertificateError(f"clientcertificaat {cert} bestaat niet")
        if path.suffix.lower() in (".p12", ".pfx"):
            return cls._from_p12(path, password)
        if key is not None and not Path(key).is_file():
            raise CertificateError(f"sleutelbestand {key} bestaat niet")
        return cls((cert, key) if key else cert)

    @classmethod
    def _from_p12(cls, path: Path, password: str | None) -> ClientCertificate:
        try:
            key, certificate, chain = pkcs12.load_key_and_certificates(
                path.read_bytes(), password.encode() if password else None
            )
        except ValueError:
            raise CertificateError(
                f"{path} is geen leesbaar PKCS#12-bestand, of het wachtwoord klopt niet"
            ) from None
        if key is None or certificate is None:
            raise CertificateError(f"{path} bevat geen sleutel met certificaat")
        pem = key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
        pem += certificate.public_bytes(Encoding.PEM)
        for extra in chain or []:
            pem += extra.public_bytes(Encoding.PEM)
        folder = Path(tempfile.mkdtemp(prefix="uwlr-proxy-cert-"))
        os.chmod(folder, 0o700)
        target = folder / "client.pem"
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(pem)
        return cls(str(target), folder)

    def ssl_context(self, verify: bool | str = True) -> ssl.SSLContext:
        """The TLS settings for the LAS: trust ``verify`` (a CA file) or the system, and present
        this certificate when there is one."""
        if verify is False:
            context = ssl.create_default_context()
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        elif isinstance(verify, str):
            try:
                context = ssl.create_default_context(cafile=verify)
            except (OSError, ssl.SSLError):
                raise CertificateError(f"CA-bestand {verify} is niet te lezen") from None
        else:
            context = ssl.create_default_context()
        if self.cert is not None:
            certfile, keyfile = self.cert if isinstance(self.cert, tuple) else (self.cert, None)
            try:
                context.load_cert_chain(certfile, keyfile)
            except (OSError, ssl.SSLError):
                raise CertificateError(
                    f"clientcertificaat {certfile} is niet te gebruiken (PEM met sleutel?)"
                ) from None
        return context

    def close(self) -> None:
        """Remove the converted PEM (no-op for PEM files given as they are)."""
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None
