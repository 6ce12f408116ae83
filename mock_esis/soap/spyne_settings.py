"""The process-wide spyne settings the mock needs, applied when a server starts (never on import).

Importing :mod:`mock_esis` changes nothing in the process; :class:`~mock_esis.web.server.MockEsisServer`
calls :func:`configure_spyne` when it is made.
"""

from __future__ import annotations

import logging

from mock_esis.soap.spyne_compat import spyne_const

__all__ = ["configure_spyne"]


def configure_spyne() -> None:
    """Quiet spyne's fault logging and switch off its forced garbage collection (idempotent)."""
    # spyne logs every client fault with a traceback at ERROR level; the journal is our record.
    logging.getLogger("spyne").setLevel(logging.CRITICAL)
    # spyne forces a full gc.collect() once a second when a method context closes, to release
    # file descriptors of attachments. We have none, and with a large school in memory each
    # collection stalls every thread for tens of milliseconds (benchmarks/bench_mock_esis.py).
    spyne_const.MIN_GC_INTERVAL = float("inf")
