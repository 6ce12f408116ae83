"""A loopback port where nothing listens, held for as long as it is needed ("ESIS is niet bereikbaar").

The socket is bound (port 0: the system picks a free port) but never listens, so every connection
to it is refused at once, and no other process can take the port while it is held.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["HOST", "closed_port", "reserve"]

HOST = "127.0.0.1"


def reserve(port: int = 0) -> socket.socket:
    """A TCP socket bound to ``port`` on loopback (0: any free one), not listening."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((HOST, port))
    except OSError:
        sock.close()
        raise
    return sock


@contextmanager
def closed_port() -> Iterator[int]:
    """A loopback port that refuses every connection while the ``with`` block runs."""
    sock = reserve()
    try:
        yield int(sock.getsockname()[1])
    finally:
        sock.close()
