"""With ``--tls`` the TLS front is the only listener, on any port, and it hands on the client address.

Regression tests of issue 12: a fixed ``--port`` with ``--tls`` failed ("Address already in
use": waitress and the TLS front both bound it), waitress kept a plain-HTTP listener beside the
TLS one, and the admin API judged "loopback only" on the TLS front's address instead of the
client's.
"""

from __future__ import annotations

import os
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest

from boomlink.testing.ports import reserve
from mock_esis.testing.handle import MockEsisHandle
from mock_esis.web.factory import MockOptions, build_app
from mock_esis.web.server import MockEsisServer
from mock_esis.web.tls import issue_client_certificate, make_certificates
from uwlr.models import LeerlinggegevensVerzoek

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment

_LISTEN = "0A"  # TCP_LISTEN in /proc/net/tcp


def _envelope(handle: MockEsisHandle) -> bytes:
    school = handle.school
    request = LeerlinggegevensVerzoek(schooljaar=school.schooljaar, brincode=school.brincode)
    return handle.envelope(request, handle.autorisatie())


@pytest.fixture
def held_port() -> Iterator[int]:
    """A loopback port held (bound, not listening) so no other process takes it meanwhile.

    Linux lets a server with SO_REUSEADDR bind and listen on it while we hold it.
    """
    sock = reserve()
    try:
        yield int(sock.getsockname()[1])
    finally:
        sock.close()


def _listening_ports(pid: int) -> list[int]:
    """The TCP ports process ``pid`` listens on (from /proc)."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[len("socket:[") : -1])
    ports = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == _LISTEN and fields[9] in inodes:
                ports.append(int(fields[1].rsplit(":", 1)[1], 16))
    return ports


@pytest.mark.parametrize("with_client_ca", [False, True], ids=["zonder-client-ca", "met-client-ca"])
def test_tls_on_a_fixed_port(tmp_path: Path, held_port: int, with_client_ca: bool) -> None:
    server_certs = make_certificates(tmp_path / "server")
    client_ca = make_certificates(tmp_path / "client-ca")
    client = issue_client_certificate(client_ca, tmp_path / "client", "boom-testcentrum")
    app = build_app(MockOptions(students_per_group=2, activate_all=True))
    ca = client_ca.ca if with_client_ca else None
    with MockEsisServer(app, port=held_port, tls=server_certs, client_ca=ca) as server:
        assert server.port == held_port
        trusted = ssl.create_default_context(cafile=str(server_certs.ca))
        trusted.load_cert_chain(client.cert, client.key)
        response = httpx.post(
            server.endpoints["leerlinggegevens"],
            content=_envelope(MockEsisHandle(server)),
            verify=trusted,
        )
        assert response.status_code == 200


def test_the_tls_front_is_the_only_listener(tmp_path: Path) -> None:
    server_certs = make_certificates(tmp_path / "server")
    app = build_app(MockOptions(students_per_group=2))
    before = set(_listening_ports(os.getpid()))
    with MockEsisServer(app, tls=server_certs) as server:
        assert set(_listening_ports(os.getpid())) - before == {server.port}


def test_the_cli_with_tls_listens_on_one_fixed_port(tmp_path: Path, held_port: int) -> None:
    state = tmp_path / "state.json"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mock_esis",
            "serve",
            "--tls",
            "--port",
            str(held_port),
            "--state-file",
            str(state),
            "--leerlingen-per-groep",
            "2",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while not state.is_file():
            assert process.poll() is None, process.communicate()[1].decode()
            assert time.monotonic() < deadline, "geen statusbestand na 30 s"
            time.sleep(0.05)
        assert _listening_ports(process.pid) == [held_port]
    finally:
        process.terminate()
        process.wait(timeout=15)
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()
        process.stderr.close()


def test_the_tls_front_hands_on_the_client_address(tmp_path: Path) -> None:
    """The address waitress (and so the admin API) sees is the TLS client's, not the front's."""
    server_certs = make_certificates(tmp_path / "server")
    app = build_app(MockOptions(students_per_group=2))
    seen: list[str] = []

    def spy(environ: WSGIEnvironment, start_response: StartResponse) -> list[bytes]:
        seen.append(f"{environ['REMOTE_ADDR']}:{environ['REMOTE_PORT']}")
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"ok"]

    app.mount("/spion", spy)
    with MockEsisServer(app, tls=server_certs) as server:
        context = ssl.create_default_context(cafile=str(server_certs.ca))
        with socket.create_connection(("127.0.0.1", server.port)) as raw:
            with context.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
                here = tls.getsockname()
                tls.sendall(b"GET /spion HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                while tls.recv(65536):
                    pass
    assert seen == [f"{here[0]}:{here[1]}"]
