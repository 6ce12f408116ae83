"""Serving the app with waitress: :func:`serve` for ``boomlink web`` and :class:`WebServer`, a
server on a free loopback port in a background thread (tests, screenshots, benchmarks)."""

from __future__ import annotations

import threading
from types import TracebackType

from flask import Flask
from waitress import serve as waitress_serve
from waitress.server import create_server

__all__ = ["WebServer", "serve"]


def serve(app: Flask, *, host: str, port: int, threads: int = 8) -> None:
    waitress_serve(app, host=host, port=port, threads=threads, ident="boomlink")


class WebServer:
    """``with WebServer(app) as server: server.base_url`` – a real HTTP server on 127.0.0.1."""

    def __init__(self, app: Flask, *, host: str = "127.0.0.1", port: int = 0) -> None:
        self._server = create_server(app, host=host, port=port, threads=4, ident="boomlink")
        self.base_url = f"http://{host}:{self._server.effective_port}"
        self._thread = threading.Thread(target=self._server.run, daemon=True, name="boomlink-web")

    def start(self) -> WebServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.close()
        self._thread.join(timeout=5)

    def __enter__(self) -> WebServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
