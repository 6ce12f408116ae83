"""The judging proxy as a running thing: waitress in front, the forwarder, the judge behind it.

:class:`JudgingProxy` binds first (port 0 picks a free port), so its URLs are known before any
request; use it as a context manager or ``start()`` / ``stop()``. :meth:`JudgingProxy.report`
gives the report at any moment; :meth:`JudgingProxy.stop` judges what is still queued first.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from waitress import wasyncore
from waitress.server import create_server

from conformance.official import OFFICIAL_NOT_GIVEN
from conformance.proxy.certificate import ClientCertificate
from conformance.proxy.forwarder import ProxyApp
from conformance.proxy.judge import Judge
from conformance.proxy.remote import RemoteJudge
from conformance.result import Report
from uwlr.official import OfficialSchemas
from uwlr.recording import RecordingWriter

__all__ = ["JudgingProxy", "ProxyOptions"]


@dataclass(frozen=True)
class ProxyOptions:
    """Everything ``uwlr-conformance proxy`` can be told."""

    leerlinggegevens_url: str
    leerresultaten_url: str | None = None
    host: str = "127.0.0.1"
    port: int = 0
    timeout: float = 30.0
    verify: bool | str = True
    certificate: ClientCertificate | None = None
    record: Path | None = None
    official: OfficialSchemas | None = None
    official_note: str = OFFICIAL_NOT_GIVEN
    threads: int = 8
    #: Judge in a child process (the command line does): judging never slows forwarding.
    separate_process: bool = False


class JudgingProxy:
    """Forwards UWLR traffic to a LAS and judges every exchange on the side."""

    def __init__(self, options: ProxyOptions) -> None:
        self.options = options
        upstreams = {"leerlinggegevens": options.leerlinggegevens_url}
        if options.leerresultaten_url:
            upstreams["leerresultaten"] = options.leerresultaten_url
        header = {"upstream": upstreams, "geanonimiseerd": False}
        self.judge: Judge | RemoteJudge
        if options.separate_process:
            self.judge = RemoteJudge(
                target="",
                official_dir=options.official.folder if options.official else None,
                official_note=options.official_note,
                record=options.record,
                header=header,
            )
        else:
            recorder = RecordingWriter(options.record, header) if options.record else None
            self.judge = Judge(
                target="",
                official=options.official,
                official_note=options.official_note,
                recorder=recorder,
            )
        certificate = options.certificate or ClientCertificate.none()
        self.app = ProxyApp(
            upstreams,
            sink=self.judge.submit,
            timeout=options.timeout,
            verify=certificate.ssl_context(options.verify),
        )
        self._server: Any = create_server(
            self.app,
            host=options.host,
            port=options.port,
            threads=options.threads,
            ident="uwlr-conformance-proxy",
            clear_untrusted_proxy_headers=True,
            channel_timeout=max(120, int(options.timeout * 2)),
            asyncore_loop_timeout=0.05,
        )
        self.port: int = int(self._server.effective_port)
        self.judge.target = (
            f"proxy {self.base_url} → leerlinggegevens {options.leerlinggegevens_url}"
            + (
                f", leerresultaten {options.leerresultaten_url}"
                if options.leerresultaten_url
                else ""
            )
        )
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        host = f"[{self.options.host}]" if ":" in self.options.host else self.options.host
        return f"http://{host}:{self.port}"

    @property
    def endpoints(self) -> dict[str, str]:
        """The URLs to give the afnemer instead of the LAS's."""
        return {
            "leerlinggegevens": f"{self.base_url}/uwlr/leerlinggegevens",
            "leerresultaten": f"{self.base_url}/uwlr/leerresultaten",
        }

    def report(self) -> Report:
        return self.judge.report()

    def start(self) -> JudgingProxy:
        """Serve in a daemon thread."""
        self.judge.start()
        self._thread = threading.Thread(target=self.serve_forever, name="uwlr-proxy", daemon=True)
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Serve in this thread until :meth:`request_stop` or :meth:`stop`."""
        self.judge.start()
        server = self._server
        while not self._stopped.is_set():
            server.asyncore.loop(
                timeout=0.05, map=server._map, use_poll=server.adj.asyncore_use_poll, count=1
            )

    def request_stop(self) -> None:
        """Ask the serving loop to end (safe from a signal handler); then call :meth:`stop`."""
        self._stopped.set()

    def stop(self) -> None:
        """Stop listening, judge what is queued, close the upstream connections."""
        self._stopped.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=5)
        self._server.task_dispatcher.shutdown(timeout=2)
        wasyncore.close_all(self._server._map)
        self.judge.stop()
        self.app.close()

    def __enter__(self) -> JudgingProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
