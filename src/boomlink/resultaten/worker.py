"""``boomlink worker`` (long-running) and ``boomlink sync`` (one pass) over the result outbox.

The worker runs ``parallel`` delivery threads; each claims a batch, delivers it and claims the
next, and waits ``poll`` seconds when nothing is due.

Stopping (:meth:`Worker.stop`, which the CLI calls on SIGINT / SIGTERM): no thread claims a new
batch, and a thread in the middle of a batch stops before its next send. A send in flight is
waited for ``stop_wacht`` seconds (5 by default); a thread still busy after that (a hung message)
has its batch given back by :meth:`run`, rows back in the queue at once, and the process ends
(the threads are daemons). So a stop takes at most about ``stop_wacht`` seconds and never leaves
a batch claimed. A hard kill is covered by the short lease (:mod:`~boomlink.resultaten.lease`).

Failing: a batch that ended in an unexpected error was given back (see
:mod:`~boomlink.resultaten.bezorging`); so was nothing when claiming itself failed. A thread that
sees ``max_fouten`` of those in a row stops the whole worker with :attr:`Worker.fout`, a Dutch
line naming the cause; the CLI prints it and exits non-zero (rather than claiming and abandoning
batches for ever while saying nothing).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from boomlink.resultaten.bezorging import Bezorging, BezorgRapport, onverwachte_fout
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
    """Delivery threads that keep the outbox empty until :meth:`stop` (or until they keep
    failing: then :attr:`fout` says why)."""

    store: Store
    config: ClientConfig
    parallel: int = 1
    poll: float = 0.2
    options: dict[str, Any] = field(default_factory=dict)
    rapport: BezorgRapport = field(default_factory=BezorgRapport)
    on_error: Callable[[BaseException], None] | None = None
    max_fouten: int = 5
    stop_wacht: float = 5.0
    fout: str | None = None
    _stop: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _threads: list[threading.Thread] = field(default_factory=list)
    _bezorgingen: list[Bezorging] = field(default_factory=list)

    def stop(self) -> None:
        """Ask every thread to stop (before its next send); :meth:`run` returns soon after."""
        self._stop.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def start(self) -> Worker:
        """Start the delivery threads and return at once."""
        if self.parallel < 1:
            raise ValueError("parallel moet minstens 1 zijn")
        if self.max_fouten < 1:
            raise ValueError("max_fouten moet minstens 1 zijn")
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
        """Run until :meth:`stop` (or the threads keep failing); returns what was delivered."""
        self.start()
        while not self._stop.is_set() and any(t.is_alive() for t in self._threads):
            self._stop.wait(0.2)
        self.afronden()
        return self.rapport

    def afronden(self) -> None:
        """After a stop: wait up to ``stop_wacht`` s for the threads, then give back what is
        still in hand (a hung send), so every row is back in the queue."""
        deadline = time.monotonic() + self.stop_wacht
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        with self._lock:
            bezorgingen = list(self._bezorgingen)
        for bezorging in bezorgingen:
            try:
                teruggegeven = bezorging.geef_terug_wat_onderweg_is()
            except Exception:
                log.exception("teruggeven bij stoppen mislukt; de lease loopt vanzelf af")
                continue
            with self._lock:
                self.rapport.uitgesteld += teruggegeven

    def _loop(self) -> None:
        options = {"stop": self._stop, **self.options}
        with Bezorging(self.store.sessions, self.store.kluis(), self.config, **options) as b:
            with self._lock:
                self._bezorgingen.append(b)
            achter_elkaar = 0
            while not self._stop.is_set():
                oorzaak: str | None = None
                try:
                    deel = b.een_batch()
                except Exception as error:  # claiming failed: nothing is held
                    log.exception("een batch claimen mislukte")
                    if self.on_error is not None:
                        self.on_error(error)
                    deel, oorzaak = None, onverwachte_fout(error)
                if deel is not None:
                    oorzaak = deel.onverwacht
                    with self._lock:
                        self.rapport.add(deel)
                if oorzaak is None:
                    achter_elkaar = 0
                    if deel is None:
                        self._stop.wait(self.poll)
                    continue
                achter_elkaar += 1
                if achter_elkaar >= self.max_fouten:
                    self._geef_op(achter_elkaar, oorzaak)
                    return
                self._stop.wait(max(self.poll, 1.0))

    def _geef_op(self, keer: int, oorzaak: str) -> None:
        with self._lock:
            if self.fout is None:
                self.fout = (
                    f"De worker stopt: {keer} keer achter elkaar mislukte het afleveren door een "
                    f"{oorzaak}. De resultaten blijven in de wachtrij."
                )
        log.error("%s", self.fout)
        self._stop.set()
