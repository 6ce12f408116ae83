"""``boomlink worker`` (long-running) and ``boomlink sync`` (one pass) over the result outbox.

The worker runs ``parallel`` delivery threads; each claims a batch, delivers it and claims the
next, and waits ``poll`` seconds when nothing is due. :meth:`Worker.stop` (the CLI calls it on
SIGINT / SIGTERM) lets every thread finish the batch in hand and then return: a stop never
leaves a batch half recorded. Even a hard kill is safe: the claimed rows come back when their
lease expires and are sent again, replacing themselves in ESIS.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from boomlink.resultaten.bezorging import Bezorging, BezorgRapport
from boomlink.store import Store
from boomlink.uwlr_client import ClientConfig

__all__ = ["Worker", "sync"]

log = logging.getLogger("boomlink.resultaten")


def sync(store: Store, config: ClientConfig, **options: Any) -> BezorgRapport:
    """One pass: deliver everything due now, then return what was done."""
    with Bezorging(store.sessions, store.kluis(), config, **options) as bezorging:
        return bezorging.alles()


@dataclass
class Worker:
    """Delivery threads that keep the outbox empty until :meth:`stop`."""

    store: Store
    config: ClientConfig
    parallel: int = 1
    poll: float = 0.2
    options: dict[str, Any] = field(default_factory=dict)
    rapport: BezorgRapport = field(default_factory=BezorgRapport)
    on_error: Callable[[BaseException], None] | None = None
    _stop: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _threads: list[threading.Thread] = field(default_factory=list)

    def stop(self) -> None:
        """Ask every thread to stop after the batch it is delivering."""
        self._stop.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def start(self) -> Worker:
        """Start the delivery threads and return at once."""
        if self.parallel < 1:
            raise ValueError("parallel moet minstens 1 zijn")
        for number in range(self.parallel):
            thread = threading.Thread(
                target=self._loop, name=f"boomlink-worker-{number}", daemon=True
            )
            thread.start()
            self._threads.append(thread)
        return self

    def join(self, timeout: float | None = None) -> None:
        for thread in self._threads:
            thread.join(timeout)

    def run(self) -> BezorgRapport:
        """Run until :meth:`stop`; returns what was delivered."""
        self.start()
        while any(t.is_alive() for t in self._threads):
            self.join(0.2)
        return self.rapport

    def _loop(self) -> None:
        with Bezorging(
            self.store.sessions, self.store.kluis(), self.config, **self.options
        ) as bezorging:
            while not self._stop.is_set():
                try:
                    deel = bezorging.een_batch()
                except Exception as error:  # a worker must outlive a bad moment
                    log.exception("resultaten bezorgen mislukt; de worker gaat door")
                    if self.on_error is not None:
                        self.on_error(error)
                    self._stop.wait(max(self.poll, 1.0))
                    continue
                if deel is None:
                    self._stop.wait(self.poll)
                    continue
                with self._lock:
                    self.rapport.add(deel)
