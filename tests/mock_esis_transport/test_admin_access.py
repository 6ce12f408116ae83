"""The admin API's "loopback only unless a token is set" is judged on the real client's address.

End to end: a client in a network namespace of the test's own making (behind a veth pair) reaches
the mock over TLS; it is not on loopback, so without the token it is refused, also though the
TLS front that hands its connection to waitress runs on the mock's own machine. The test skips
where the machine does not let it make a namespace (not root, no ``ip``).
"""

from __future__ import annotations

import os
import shutil
import ssl
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from mock_esis.web.factory import MockOptions, build_app
from mock_esis.web.server import MockEsisServer
from mock_esis.web.tls import CertificateFiles, make_certificates

_CLIENT = """
import ssl, sys, urllib.request, urllib.error
context = ssl.create_default_context(cafile=sys.argv[2])
context.check_hostname = False
request = urllib.request.Request(sys.argv[1], headers=dict(h.split(": ", 1) for h in sys.argv[3:]))
try:
    print(urllib.request.urlopen(request, context=context, timeout=20).status)
except urllib.error.HTTPError as error:
    print(error.code)
"""


def _ip(*args: str) -> None:
    subprocess.run(["ip", *args], check=True, capture_output=True, timeout=20)


@pytest.fixture
def namespace() -> Iterator[tuple[str, str]]:
    """A network namespace joined to this one by a veth pair: (namespace, address on our side)."""
    if os.geteuid() != 0 or shutil.which("ip") is None:
        pytest.skip("een eigen netwerknamespace vraagt root en 'ip'")
    tag = uuid.uuid4().hex[:6]
    name, ours, theirs = f"mockesis-{tag}", f"vme{tag}a", f"vme{tag}b"
    octet = int(tag[:2], 16) % 200 + 20
    host_ip, ns_ip = f"10.213.{octet}.1", f"10.213.{octet}.2"
    try:
        _ip("netns", "add", name)
    except (subprocess.CalledProcessError, OSError) as exc:
        pytest.skip(f"geen netwerknamespace mogelijk: {exc}")
    try:
        _ip("link", "add", ours, "type", "veth", "peer", "name", theirs)
        _ip("link", "set", theirs, "netns", name)
        _ip("addr", "add", f"{host_ip}/30", "dev", ours)
        _ip("link", "set", ours, "up")
        _ip("-n", name, "addr", "add", f"{ns_ip}/30", "dev", theirs)
        _ip("-n", name, "link", "set", theirs, "up")
        _ip("-n", name, "link", "set", "lo", "up")
        yield name, host_ip
    finally:
        subprocess.run(["ip", "link", "del", ours], capture_output=True, timeout=20)
        subprocess.run(["ip", "netns", "del", name], capture_output=True, timeout=20)


def _status_from(namespace: str, url: str, ca: Path, *headers: str) -> int:
    result = subprocess.run(
        ["ip", "netns", "exec", namespace, sys.executable, "-c", _CLIENT, url, str(ca), *headers],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return int(result.stdout.strip())


@pytest.fixture
def certificates(tmp_path: Path) -> CertificateFiles:
    return make_certificates(tmp_path / "server")


def test_a_client_outside_loopback_is_refused_through_tls(
    namespace: tuple[str, str], certificates: CertificateFiles
) -> None:
    name, host_ip = namespace
    app = build_app(MockOptions(students_per_group=2))
    with MockEsisServer(app, host="0.0.0.0", tls=certificates) as server:
        admin = "/__admin/state"
        assert _status_from(name, f"https://{host_ip}:{server.port}{admin}", certificates.ca) == 403
        trusted = ssl.create_default_context(cafile=str(certificates.ca))
        on_loopback = httpx.get(f"https://127.0.0.1:{server.port}{admin}", verify=trusted)
        assert on_loopback.status_code == 200


def test_with_a_token_a_client_outside_loopback_gets_in(
    namespace: tuple[str, str], certificates: CertificateFiles
) -> None:
    name, host_ip = namespace
    app = build_app(MockOptions(students_per_group=2, admin_token="geheim-token"))
    with MockEsisServer(app, host="0.0.0.0", tls=certificates) as server:
        url = f"https://{host_ip}:{server.port}/__admin/state"
        assert _status_from(name, url, certificates.ca) == 403
        assert _status_from(name, url, certificates.ca, "Authorization: Bearer geheim-token") == 200


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "10.1.2.3"])
def test_serve_refuses_a_public_host_without_admin_token(host: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mock_esis", "serve", "--host", host, "--port", "0"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "--admin-token" in lines[0] and host in lines[0]
    assert "Traceback" not in result.stderr
