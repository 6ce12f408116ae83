"""Option values every command checks the same way, as argparse ``type=`` functions: a TCP port,
a host to listen on, a whole number with a lower bound; and :func:`listen_error`, the one Dutch
line for a failed bind. argparse puts the option's name in front of the message (see
:mod:`uwlr.cli_nl`), e.g. ``optie --port: moet een poort van 0 tot en met 65535 zijn ...``.
"""

from __future__ import annotations

import argparse
import errno
import ipaddress
import re
import socket
from collections.abc import Callable
from typing import Final

__all__ = ["at_least", "host", "listen_error", "port", "probe_bind"]

_LABEL: Final = re.compile(r"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")


def _integer(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"moet een geheel getal zijn, niet {text!r}") from None


def at_least(low: int) -> Callable[[str], int]:
    """A whole number of at least ``low``."""

    def check(text: str) -> int:
        value = _integer(text)
        if value < low:
            raise argparse.ArgumentTypeError(
                f"moet een geheel getal van minstens {low} zijn, niet {value}"
            )
        return value

    check.__name__ = f"at_least_{low}"
    return check


def port(text: str) -> int:
    """A TCP port, 0 (a free one) to 65535."""
    value = _integer(text)
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(
            f"moet een poort van 0 tot en met 65535 zijn (0 = een vrije poort), niet {value}"
        )
    return value


def host(text: str) -> str:
    """An IP address (v4 or v6) or a host name; dotted numbers must be a real IPv4 address."""
    allowed = "een IP-adres zoals 127.0.0.1 of ::1, of een hostnaam zoals localhost"
    value = text.strip().strip("[]")
    try:
        ipaddress.ip_address(value)
        return value
    except ValueError:
        pass
    labels = value.rstrip(".").split(".")
    if (
        not value
        or len(value) > 253
        or all(label.isdigit() for label in labels)
        or not all(_LABEL.match(label) for label in labels)
    ):
        raise argparse.ArgumentTypeError(f"geen geldig adres: {text!r}; verwacht {allowed}")
    return value


def listen_error(exc: OSError, host_name: str, port_number: int) -> str:
    """One Dutch line for a failed bind, naming the option at fault."""
    if isinstance(exc, socket.gaierror):
        return (
            f"--host {host_name}: deze hostnaam is onbekend; geef een IP-adres zoals 127.0.0.1 "
            "of een hostnaam die deze machine kent"
        )
    if exc.errno == errno.EADDRINUSE:
        return (
            f"--port {port_number}: de poort is al in gebruik op {host_name}; kies een andere "
            "poort, of --port 0 voor een vrije poort"
        )
    if exc.errno == errno.EACCES:
        return (
            f"--port {port_number}: geen toestemming om op deze poort te luisteren; kies een "
            "poort vanaf 1024, of --port 0 voor een vrije poort"
        )
    if exc.errno == errno.EADDRNOTAVAIL:
        return (
            f"--host {host_name}: dit adres hoort niet bij deze machine; kies een eigen adres, "
            "zoals 127.0.0.1 of 0.0.0.0"
        )
    reason = exc.strerror or exc.__class__.__name__
    return f"--host {host_name} --port {port_number}: kan hier niet luisteren ({reason})"


def probe_bind(host_name: str, port_number: int) -> None:
    """Raise the OSError that listening on ``host_name:port_number`` would give, before a server
    binds: waitress leaks its socket, trigger and worker threads when its own bind fails."""
    if port_number == 0:
        return
    family, kind, proto, _, address = socket.getaddrinfo(
        host_name, port_number, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(address)
