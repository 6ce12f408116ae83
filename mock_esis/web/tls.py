"""Optional HTTPS for the mock ESIS, as the real ESIS serves it (with client certificates).

waitress speaks plain HTTP only, so TLS is terminated by :class:`TlsFront`: a small threaded
TLS listener, the only listener of the server. It hands every accepted connection to waitress
as one end of a socket pair, together with the client's address (so ``REMOTE_ADDR`` is the
client's, not the front's), and pumps the decrypted bytes between the two; waitress itself
listens nowhere.
:func:`make_certificates` generates a throw-away CA and a server certificate for
``localhost`` / ``127.0.0.1`` / ``::1``; :func:`issue_client_certificate` makes client
certificates for tests (ESIS asks the afnemer for one).
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

__all__ = [
    "CertificateFiles",
    "HandOver",
    "TlsFront",
    "issue_client_certificate",
    "make_certificates",
]

_BUFFER = 64 * 1024

#: Takes one end of a socket pair and the TLS client's (host, port) and serves HTTP on it.
HandOver = Callable[[socket.socket, tuple[str, int]], None]


@dataclass(frozen=True)
class CertificateFiles:
    """PEM files of a CA and of a certificate it signed (with its private key)."""

    ca: Path
    cert: Path
    key: Path
    ca_key: Path


def _key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "mock-esis (nep)"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _write_key(path: Path, key: ec.EllipticCurvePrivateKey) -> None:
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    path.chmod(0o600)


def _write_cert(path: Path, cert: x509.Certificate) -> None:
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))


def _signed(
    subject: x509.Name,
    public_key: ec.EllipticCurvePublicKey,
    issuer: x509.Name,
    issuer_key: ec.EllipticCurvePrivateKey,
    *,
    ca: bool,
    usage: x509.ObjectIdentifier | None = None,
    hosts: tuple[str, ...] = (),
) -> x509.Certificate:
    now = dt.datetime.now(dt.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        # Python 3.13's default SSL context verifies strictly (VERIFY_X509_STRICT): without the
        # key identifiers it refuses the chain ("Missing Authority Key Identifier").
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
            critical=False,
        )
    )
    if ca:
        builder = builder.add_extension(
            x509.KeyUsage(
                digital_signature=True,
                key_cert_sign=True,
                crl_sign=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    if usage is not None:
        builder = builder.add_extension(x509.ExtendedKeyUsage([usage]), critical=False)
    if hosts:
        names: list[x509.GeneralName] = []
        for host in hosts:
            try:
                names.append(x509.IPAddress(ipaddress.ip_address(host)))
            except ValueError:
                names.append(x509.DNSName(host))
        builder = builder.add_extension(x509.SubjectAlternativeName(names), critical=False)
    return builder.sign(issuer_key, hashes.SHA256())


def make_certificates(folder: Path, *, hosts: tuple[str, ...] = ()) -> CertificateFiles:
    """A new CA and a server certificate for loopback (plus ``hosts``), written to ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    ca_key, key = _key(), _key()
    ca_name = _name("mock-esis test-CA")
    ca_cert = _signed(ca_name, ca_key.public_key(), ca_name, ca_key, ca=True)
    all_hosts = ("localhost", "127.0.0.1", "::1", *hosts)
    cert = _signed(
        _name("localhost"),
        key.public_key(),
        ca_name,
        ca_key,
        ca=False,
        usage=ExtendedKeyUsageOID.SERVER_AUTH,
        hosts=all_hosts,
    )
    files = CertificateFiles(
        ca=folder / "ca.pem",
        cert=folder / "server.pem",
        key=folder / "server-key.pem",
        ca_key=folder / "ca-key.pem",
    )
    _write_cert(files.ca, ca_cert)
    _write_key(files.ca_key, ca_key)
    _write_cert(files.cert, cert)
    _write_key(files.key, key)
    return files


def issue_client_certificate(ca: CertificateFiles, folder: Path, name: str) -> CertificateFiles:
    """A client certificate signed by ``ca`` (for an afnemer such as the Boom testcentrum)."""
    ca_cert = x509.load_pem_x509_certificate(ca.ca.read_bytes())
    ca_key = serialization.load_pem_private_key(ca.ca_key.read_bytes(), password=None)
    if not isinstance(ca_key, ec.EllipticCurvePrivateKey):  # pragma: no cover - we make EC keys
        raise TypeError("de CA-sleutel is geen EC-sleutel")
    key = _key()
    cert = _signed(
        _name(name),
        key.public_key(),
        ca_cert.subject,
        ca_key,
        ca=False,
        usage=ExtendedKeyUsageOID.CLIENT_AUTH,
    )
    folder.mkdir(parents=True, exist_ok=True)
    files = CertificateFiles(
        ca=ca.ca, cert=folder / f"{name}.pem", key=folder / f"{name}-key.pem", ca_key=ca.ca_key
    )
    _write_cert(files.cert, cert)
    _write_key(files.key, key)
    return files


class TlsFront:
    """Terminates TLS on ``host:port`` and hands every connection on through ``hand_over``."""

    def __init__(
        self,
        hand_over: HandOver,
        certificates: CertificateFiles,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        client_ca: Path | None = None,
    ) -> None:
        self.hand_over = hand_over
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        context.load_cert_chain(certificates.cert, certificates.key)
        if client_ca is not None:
            context.verify_mode = ssl.CERT_REQUIRED
            context.load_verify_locations(cafile=str(client_ca))
        self.context = context
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self._listener = socket.socket(family, socket.SOCK_STREAM)
        try:
            self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            self._listener.bind((host, port))
            self._listener.listen(64)
        except OSError:
            self._listener.close()
            raise
        self.host = host
        self.port: int = self._listener.getsockname()[1]
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> TlsFront:
        """Accept connections in a daemon thread."""
        self._thread = threading.Thread(target=self._accept_loop, name="mock-esis-tls", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop accepting; open connections end when their peers close."""
        self._stopping.set()
        try:
            self._listener.close()
        except OSError:  # pragma: no cover
            pass
        if self._thread is not None:
            self._thread.join(timeout=2)

    def _accept_loop(self) -> None:
        while not self._stopping.is_set():
            try:
                client, address = self._listener.accept()
            except OSError:
                return
            threading.Thread(
                target=self._serve, args=(client, (address[0], address[1])), daemon=True
            ).start()

    def _serve(self, client: socket.socket, address: tuple[str, int]) -> None:
        try:
            client.settimeout(30)
            secure = self.context.wrap_socket(client, server_side=True)
            secure.settimeout(None)
        except (OSError, ssl.SSLError):
            client.close()
            return
        upstream, downstream = socket.socketpair()
        try:
            self.hand_over(downstream, address)
        except OSError:
            for sock in (secure, upstream, downstream):
                sock.close()
            return
        threading.Thread(target=_pump, args=(upstream, secure), daemon=True).start()
        _pump(secure, upstream)


def _pump(source: socket.socket, sink: socket.socket) -> None:
    try:
        while True:
            data = source.recv(_BUFFER)
            if not data:
                break
            sink.sendall(data)
    except OSError:
        pass
    finally:
        for sock in (source, sink):
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            try:
                sock.close()
            except OSError:
                pass
