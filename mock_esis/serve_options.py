"""Checks of ``mock-esis serve``'s option values, as argparse ``type=`` functions.

Each says in Dutch what is allowed; argparse puts the option's name in front, so the user sees
one line such as ``mock-esis serve: fout: optie --port: moet een poort van 0 tot en met 65535
zijn, niet 99999 (zie: mock-esis serve --help)``, exit code 2, and no server starts. :func:`listen_error`
turns a failed bind (busy port, address not of this machine) into such a line too.
"""

from __future__ import annotations

import argparse
import errno
import ipaddress
import re
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Final

from uwlr.fake.identity import start_year

__all__ = [
    "at_least",
    "file_in_existing_folder",
    "host",
    "listen_error",
    "port",
    "schooljaar",
]

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


def schooljaar(text: str) -> str:
    """A school year such as 2025-2026 (two following years)."""
    try:
        start_year(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"ongeldig schooljaar {text!r}: verwacht twee opeenvolgende jaren, zoals 2025-2026"
        ) from None
    return text


def file_in_existing_folder(text: str) -> Path:
    """A file path whose folder exists (the file itself may be new); no folder is made."""
    path = Path(text)
    folder = path.parent
    if not folder.is_dir():
        raise argparse.ArgumentTypeError(
            f"de map {folder} bestaat niet; maak haar eerst aan of kies een bestand in een "
            "bestaande map"
        )
    if path.is_dir():
        raise argparse.ArgumentTypeError(f"{path} is een map; geef een bestandsnaam")
    return path


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
