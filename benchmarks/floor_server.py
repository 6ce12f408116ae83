"""The HTTP floor for the mock ESIS benchmark: waitress (same settings) answering fixed bytes.

``python -m benchmarks.floor_server ANSWER_FILE STATE_FILE`` serves the file's bytes for
every request and writes ``{"url": ..., "pid": ...}`` to STATE_FILE once it listens.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
from pathlib import Path
from typing import Any

from mock_esis.web.server import MockEsisServer, tune_serving_process


class FloorApp:
    """A WSGI app that answers every request with the same bytes."""

    def __init__(self, body: bytes) -> None:
        self.body = body
        self.injector = type("NoFaults", (), {"stopping": threading.Event()})()
        self.public_scheme: str | None = None

    def __call__(self, environ: dict[str, Any], start_response: Any) -> list[bytes]:
        environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        start_response(
            "200 OK",
            [("Content-Type", "text/xml; charset=utf-8"), ("Content-Length", str(len(self.body)))],
        )
        return [self.body]


def main(argv: list[str]) -> int:
    body = Path(argv[0]).read_bytes()
    server = MockEsisServer(FloorApp(body))  # type: ignore[arg-type]
    Path(argv[1]).write_text(
        json.dumps({"url": server.base_url + "/uwlr/leerlinggegevens", "pid": os.getpid()})
    )
    signal.signal(signal.SIGTERM, lambda *_: server.request_stop())
    tune_serving_process()  # the same server tuning as mock-esis serve
    try:
        server.serve_forever()
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
