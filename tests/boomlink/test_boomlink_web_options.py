"""``boomlink web`` with a wrong ``--port`` or ``--host``, or a port in use: one Dutch line that
names the option, exit code 2, no traceback, no server (issue 15; the same checks as
``mock-esis serve``, ADR 0025). ``main()`` runs in a thread so that a value let through fails the
test (the server would start) instead of hanging it."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest

from boomlink.cli.main import main

SECONDS = 30


def run_main(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    outcome: list[int] = []

    def target() -> None:
        try:
            outcome.append(main(argv))
        except SystemExit as exc:  # pragma: no cover - main returns its code
            outcome.append(exc.code if isinstance(exc.code, int) else 2)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(SECONDS)
    assert outcome, f"boomlink {' '.join(argv)} did not stop: it started a server"
    return outcome[0], capsys.readouterr().err


@pytest.fixture
def busy_port() -> Iterator[int]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(1)
        yield int(sock.getsockname()[1])


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--port", "99999"], ["optie --port", "0 tot en met 65535", "99999"]),
        (["--port", "x"], ["optie --port", "geheel getal"]),
        (["--host", "999.1.1.1"], ["optie --host", "'999.1.1.1'", "IP-adres"]),
    ],
    ids=["port-too-big", "port-not-a-number", "host"],
)
def test_a_bad_web_option_is_one_dutch_line(
    argv: list[str],
    words: list[str],
    cli_env: dict[str, str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, err = run_main(["web", *argv], capsys)
    assert code == 2, err
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    for word in words:
        assert word in err


def test_a_busy_web_port_is_one_dutch_line(
    busy_port: int, cli_env: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = run_main(["web", "--port", str(busy_port)], capsys)
    assert code == 2, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in err, err
    assert f"--port {busy_port}: de poort is al in gebruik" in lines[0]
