"""``boomlink web`` with a wrong ``--port`` or ``--host``, or a port in use: one Dutch line that
names the option, exit code 2, no traceback, no server (issue 15; the same checks as
``mock-esis serve``, ADR 0025). ``main()`` runs in a thread so that a value let through fails the
test (the server would start) instead of hanging it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from boomlink.cli.main import main


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
    main_stops: Callable[..., tuple[int, str]],
) -> None:
    code, err = main_stops(main, ["web", *argv])
    assert code == 2, err
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    for word in words:
        assert word in err


def test_a_busy_web_port_is_one_dutch_line(
    busy_port: int, cli_env: dict[str, str], main_stops: Callable[..., tuple[int, str]]
) -> None:
    code, err = main_stops(main, ["web", "--port", str(busy_port)])
    assert code == 2, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in err, err
    assert f"--port {busy_port}: de poort is al in gebruik" in lines[0]
