"""Running the mock ESIS under waitress (a production WSGI server), in a thread or in the foreground.

:class:`MockEsisServer` binds first (port 0 picks a free port), so its URLs are known before
any request; ``state_json`` is what ``--state-file`` writes (:mod:`mock_esis.web.state_file`). With TLS the :class:`TlsFront` is
the only listener: waitress listens nowhere and gets each TLS connection from the front as a
socket pair with the client's address (see :mod:`mock_esis.web.tls`).
"""

from __future__ import annotations

import gc
import logging
import socket
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from waitress import wasyncore
from waitress.channel import HTTPChannel
from waitress.server import create_server
from waitress.task import WSGITask

from mock_esis.soap.spyne_settings import configure_spyne
from mock_esis.testing.injection import BROKEN_KEY, SOCKET_KEY
from mock_esis.web.app import MockEsisApp
from mock_esis.web.state_file import school_entry, state_document
from mock_esis.web.tls import CertificateFiles, TlsFront
from uwlr.cli_values import probe_bind
from uwlr.esis_state_file import write_atomically

__all__ = ["MockEsisServer", "tune_serving_process"]


def tune_serving_process() -> None:
    """Process-wide tuning for a process whose job is serving (``mock-esis serve``, the bench's
    floor); call it once the state is built, right before serving. Never done on import or for
    servers inside a test process.

    - The GIL switch interval goes to 1 ms: waitress hands every request from its I/O thread to
      a worker thread, and with the default 5 ms that hand-over stalls now and then.
    - Everything built so far (the seeded schools, spyne's interface, the compiled schemas) is
      moved out of the garbage collector's generations (``gc.freeze``): it lives as long as
      the process, and otherwise every full collection walks all of it again while requests
      wait (benchmarks/bench_mock_esis.py).
    """
    sys.setswitchinterval(0.001)
    gc.collect()
    gc.freeze()


def quiet_queue_warnings() -> None:
    """waitress logs "Task queue depth is N" each time a request waits for a worker thread: with
    a few clients at once hundreds of lines that bury what a user must read. Waiting for a
    thread is what a busy mock does; the journal has each request's latency."""
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)


class _SocketTask(WSGITask):  # type: ignore[misc]
    """Gives fault injection the client's socket, and lets it end a connection without answer."""

    def get_environment(self) -> dict[str, Any]:
        environ: dict[str, Any] = super().get_environment()
        environ[SOCKET_KEY] = self.channel.socket
        self._mock_environ = environ
        return environ

    def finish(self) -> None:
        if getattr(self, "_mock_environ", {}).get(BROKEN_KEY):
            self.close_on_finish = True  # the channel closes the socket; no answer is written
            return
        super().finish()


class _Channel(HTTPChannel):  # type: ignore[misc]
    task_class = _SocketTask


class MockEsisServer:
    """A waitress server around a :class:`MockEsisApp`; use as a context manager or start/stop."""

    def __init__(
        self,
        app: MockEsisApp,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        threads: int = 8,
        tls: CertificateFiles | None = None,
        client_ca: Path | None = None,
    ) -> None:
        configure_spyne()
        quiet_queue_warnings()
        if tls is None:
            probe_bind(host, port)
        self.app = app
        self._server: Any = create_server(
            app,
            # With TLS waitress binds an unused loopback port and never listens on it.
            _start=tls is None,
            host=host if tls is None else "127.0.0.1",
            port=port if tls is None else 0,
            threads=threads,
            ident="mock-esis",
            clear_untrusted_proxy_headers=True,
            channel_timeout=120,
            asyncore_loop_timeout=0.05,
        )
        self._server.channel_class = _Channel
        self.host = host
        self.tls = tls
        self._thread: threading.Thread | None = None
        self._stopped = threading.Event()
        self._front: TlsFront | None = None
        if tls is not None:
            app.public_scheme = "https"
            try:
                self._front = TlsFront(
                    self._hand_over, tls, host=host, port=port, client_ca=client_ca
                )
            except BaseException:
                wasyncore.close_all(self._server._map)
                raise
        self.port: int = self._front.port if self._front else int(self._server.effective_port)

    def _hand_over(self, sock: socket.socket, address: tuple[str, int]) -> None:
        """Serve HTTP on ``sock`` (from the TLS front) as if ``address`` had connected."""
        server = self._server

        def attach() -> None:  # runs in waitress' I/O thread
            if self._stopped.is_set():
                sock.close()
                return
            _Channel(server, sock, address, server.adj, map=server._map)

        server.trigger.pull_trigger(attach)

    @property
    def base_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        scheme = "https" if self.tls else "http"
        return f"{scheme}://{host}:{self.port}"

    @property
    def endpoints(self) -> dict[str, str]:
        """The three URLs a client needs."""
        return {
            "leerlinggegevens": f"{self.base_url}/uwlr/leerlinggegevens",
            "leerresultaten": f"{self.base_url}/uwlr/leerresultaten",
            "admin": f"{self.base_url}/__admin",
            "esis": f"{self.base_url}/esis",
        }

    def state_json(self) -> dict[str, Any]:
        """The ``--state-file`` document: endpoints, afnemer and every school with its key."""
        state = self.app.state
        with state.lock:
            return state_document(self, [school_entry(s) for s in state.schools.values()])

    def write_state_file(self, path: Path) -> None:
        """Write :meth:`state_json` once, atomically (``mock-esis serve`` keeps it current with
        :class:`~mock_esis.web.state_file.StateFileWriter`)."""
        write_atomically(path, self.state_json())

    def start(self) -> MockEsisServer:
        """Serve in a daemon thread."""
        if self._front is not None:
            self._front.start()
        self._thread = threading.Thread(target=self._loop, name="mock-esis", daemon=True)
        self._thread.start()
        return self

    def serve_forever(self, on_ready: Callable[[], None] | None = None) -> None:
        """Serve in this thread until interrupted or :meth:`stop` is called; ``on_ready`` runs
        once every listener accepts connections, before the first request is handled."""
        if self._front is not None:
            self._front.start()
        if on_ready is not None:
            on_ready()
        self._loop()

    def _loop(self) -> None:
        # One short poll at a time, so stop() can end the loop before closing any socket
        # (closing under a running select() crashes waitress with EBADF).
        server = self._server
        while not self._stopped.is_set():
            server.asyncore.loop(
                timeout=0.05, map=server._map, use_poll=server.adj.asyncore_use_poll, count=1
            )

    def request_stop(self) -> None:
        """Ask the serving loop to end (safe from a signal handler); then call :meth:`stop`."""
        self._stopped.set()

    def stop(self) -> None:
        """Stop listening and let the worker threads go (ending any injected hang)."""
        self.app.injector.stopping.set()
        if self._front is not None:
            self._front.stop()
        self._stopped.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=5)
        self._server.task_dispatcher.shutdown(timeout=2)
        wasyncore.close_all(self._server._map)

    def __enter__(self) -> MockEsisServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
