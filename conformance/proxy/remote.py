"""The judge in a process of its own, so judging never competes with forwarding for the GIL.

Measured (benchmarks/bench_proxy.py): judging a 1,000-pupil answer takes tens of milliseconds of
CPU; in a thread of the proxy's process it added about 4 ms to the p50 of the next forwarded
exchange. :class:`RemoteJudge` has the interface of :class:`~conformance.proxy.judge.Judge`;
exchanges go over a multiprocessing queue (bytes, no parsing on the hot path), and the report
comes back over a pipe. The child is started with ``spawn`` (the proxy has threads) and runs at
the lowest CPU priority, so on a busy machine forwarding goes first and judging catches up later.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from conformance.proxy.exchange import ProxyExchange
from conformance.proxy.judge import Judge
from conformance.result import Report
from uwlr.official import OfficialSchemasMissing, load_official
from uwlr.recording import RecordingWriter

__all__ = ["RemoteJudge"]


def _child(
    inbox: Any,
    answers: Connection,
    target: str,
    official_dir: str | None,
    official_note: str,
    record: str | None,
    header: dict[str, Any],
) -> None:
    # the lowest CPU priority: on a busy machine the forwarding process goes first
    os.nice(19)
    official = None
    if official_dir is not None:
        try:
            official = load_official(official_dir)
        except OfficialSchemasMissing as exc:
            official_note = str(exc)
    recorder = RecordingWriter(Path(record), header) if record is not None else None
    judge = Judge(
        target=target, official=official, official_note=official_note, recorder=recorder
    ).start()
    while True:
        item = inbox.get()
        if isinstance(item, ProxyExchange):
            judge.submit(item)
            continue
        command, argument = item
        if command == "doel":
            judge.target = argument
        elif command == "wacht":
            judge.wait_idle(argument)
            answers.send(("klaar", None))
        elif command == "rapport":
            judge.wait_idle()
            answers.send(("rapport", judge.report()))
        elif command == "stop":
            judge.stop()
            answers.send(("rapport", judge.report()))
            return


class RemoteJudge:
    """A :class:`Judge` in a child process."""

    def __init__(
        self,
        *,
        target: str,
        official_dir: Path | None,
        official_note: str,
        record: Path | None,
        header: dict[str, Any],
    ) -> None:
        context = multiprocessing.get_context("spawn")
        self._inbox: Any = context.Queue()
        receive, send = context.Pipe(duplex=False)
        self._answers = receive
        self._lock = threading.Lock()
        self._final: Report | None = None
        self._process = context.Process(
            target=_child,
            args=(
                self._inbox,
                send,
                target,
                str(official_dir) if official_dir else None,
                official_note,
                str(record) if record else None,
                header,
            ),
            name="uwlr-proxy-judge",
            daemon=True,
        )
        self._target = target

    @property
    def target(self) -> str:
        return self._target

    @target.setter
    def target(self, value: str) -> None:
        self._target = value
        self._inbox.put(("doel", value))

    def start(self) -> RemoteJudge:
        if self._process.ident is None:
            self._process.start()
        return self

    def submit(self, exchange: ProxyExchange) -> None:
        """Hand over an exchange (pickled by the queue's feeder thread; never blocks)."""
        self._inbox.put(exchange)

    def _ask(self, command: str, argument: Any = None) -> Any:
        with self._lock:
            if self._final is not None:
                return ("rapport", self._final)
            if not self._process.is_alive():
                raise RuntimeError("de beoordelaar van de proxy draait niet")
            self._inbox.put((command, argument))
            return self._answers.recv()

    def wait_idle(self, timeout: float = 60.0) -> bool:
        return self._ask("wacht", timeout)[0] in ("klaar", "rapport")

    def report(self) -> Report:
        answer: Report = self._ask("rapport")[1]
        return answer

    def stop(self, timeout: float = 120.0) -> None:
        """Judge what is queued, keep the final report, end the child."""
        with self._lock:
            if self._final is not None or self._process.ident is None:
                return
            self._inbox.put(("stop", None))
            if self._answers.poll(timeout):
                self._final = self._answers.recv()[1]
            self._process.join(timeout=10)
            if self._process.is_alive():
                self._process.kill()
