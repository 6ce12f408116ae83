"""Serving the app with waitress: :func:`serve` for ``boomlink web`` and :class:`WebServer`, a
server on a free loopback port in a background thread (tests, screenshots, benchmarks)."""

from __future__ import annotations

import threading
from types import TracebackType
from typing import Any

from flask import Flask
from waitress import serve as waitress_serve
from waitress import wasyncore
from waitress.server import create_server

__all__ = ["WebServer", "serve"]


def serve(app: Flask, *, host: str, port: int, threads: int = 8) -> None:
    waitress_serve(app, host=host, port=port, threads=threads, ident="boomlink")


class WebServer:
    """``with WebServer(app) as server: server.base_url`` – a real HTTP server on 127.0.0.1."""

    def __init__(self, app: Flask, *, host: str = "127.0.0.1", port: int = 0) -> None:
        self._server: Any = create_server(
            app, host=host, port=port, threads=4, ident="boomlink", asyncore_loop_timeout=0.05
        )
        self.base_url = f"http://{host}:{self._server.effective_port}"
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True, name="boomlink-web")

    def _loop(self) -> None:
        server = self._server
        while not self._stopped.is_set():
            server.asyncore.loop(
                timeout=0.05, map=server._map, use_poll=server.adj.asyncore_use_poll, count=1
            )

    def start(self) -> WebServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop the loop first, then the worker threads, then close every socket."""
        self._stopped.set()
        self._thread.join(timeout=5)
        self._server.task_dispatcher.shutdown(timeout=2)
        wasyncore.close_all(self._server._map)

    def __enter__(self) -> WebServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
