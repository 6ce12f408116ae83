"""Keeping a claim's short lease alive while its batch is being delivered (issue 13, ADR 0013).

A claim holds its rows for a short lease (60 s by default). While a worker works on the batch, a
small thread extends it every third of the lease, whatever the worker's own thread is doing (a
send may hang until the client's timeouts end it). So a live worker never loses its batch to
another, and a worker that dies (``kill -9``, a crashed machine) stops extending: its rows are
free again within one lease. When an extension finds none of the rows ours any more (the lease
ran out while the database was unreachable, or the batch was given back), :attr:`verloren` is
set and the worker sends nothing more of that batch.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from types import TracebackType

from sqlalchemy.orm import Session, sessionmaker

from boomlink.resultaten.outbox import Claim, verleng_lease

__all__ = ["LeaseHouder"]

log = logging.getLogger("boomlink.resultaten")


class LeaseHouder:
    """A context manager: extends ``claim``'s lease by ``lease`` every ``lease / 3`` until exit."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        claim: Claim,
        lease: dt.timedelta,
        klok: Callable[[], dt.datetime],
    ) -> None:
        self.sessions = sessions
        self.claim = claim
        self.lease = lease
        self.klok = klok
        self.verloren = False
        self._klaar = threading.Event()
        self._thread = threading.Thread(target=self._houd_vast, name="boomlink-lease", daemon=True)

    def __enter__(self) -> LeaseHouder:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._klaar.set()
        self._thread.join(5.0)

    def _houd_vast(self) -> None:
        interval = self.lease.total_seconds() / 3
        while not self._klaar.wait(interval):
            try:
                with self.sessions() as session:
                    verlengd = verleng_lease(session, self.claim, self.klok() + self.lease)
            except Exception:  # the database away for a moment: try again next tick
                log.warning("lease verlengen mislukt; volgende poging over %.1f s", interval)
                continue
            if verlengd is None:
                self.verloren = True
                return
            self.claim = verlengd
