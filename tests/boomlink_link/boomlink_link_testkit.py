"""Helpers for the link tests: the Boom school, a recording HTTP relay, and the database bytes to
grep for the key."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx

from boomlink.store import Gebruiker, School


@dataclass
class BoomSchool:
    """A school in the Boom testcentrum that matches the mock's school (``code``: BRIN+vestiging)."""

    school: School
    beheerder: Gebruiker
    leerkracht: Gebruiker
    code: str


class RecordingRelay:
    """A real HTTP server on loopback that forwards every POST to ``target`` and keeps the raw
    request bodies: lets a test read exactly what boomlink put on the wire."""

    def __init__(self, target: str) -> None:
        self.target = target.rstrip("/")
        self.bodies: list[bytes] = []
        relay = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                relay.bodies.append(body)
                headers = {
                    k: v
                    for k, v in self.headers.items()
                    if k.lower() in ("content-type", "soapaction")
                }
                answer = httpx.post(
                    relay.target + self.path, content=body, headers=headers, timeout=10
                )
                self.send_response(answer.status_code)
                self.send_header("Content-Type", answer.headers.get("content-type", "text/xml"))
                self.send_header("Content-Length", str(len(answer.content)))
                self.end_headers()
                self.wfile.write(answer.content)

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def database_bytes(db: Path) -> bytes:
    """The SQLite file with its WAL and shared-memory files, as bytes on disk."""
    return b"".join(
        p.read_bytes()
        for p in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm"))
        if p.exists()
    )
