"""Client mode's time bounds, with their defaults (a light module: the CLI imports it at start).

- the **time limit** per scenario (``--time-limit``): the harness stops the command's whole
  process group when it has not ended by then;
- the **answer timeout** (``--timeout``), handed to the command as ``UWLR_TIMEOUT``: how long it
  is asked to wait for one answer. The *hang* scenario lasts about this long for a client that
  honours it, which makes the whole suite fast in CI (``--timeout 2``). Not given, it is 10 s,
  or half the time limit when that is shorter.

The mock's hang itself needs no bound: it lasts past the time limit and ends when the scenario
ends (the mock's stop cuts it), so it never costs time of its own.
"""

from __future__ import annotations

from typing import Final

__all__ = ["DEFAULT_TIMEOUT", "DEFAULT_TIME_LIMIT", "answer_timeout"]

#: Seconds per scenario before the harness stops the command.
DEFAULT_TIME_LIMIT: Final = 60.0

#: Seconds the command is asked to wait for one answer: LAS-LAT-001's "every answer within 10 s".
DEFAULT_TIMEOUT: Final = 10.0


def answer_timeout(timeout: float | None, time_limit: float) -> float:
    """The answer timeout to hand over: ``timeout``, or the default but at most half the limit
    (a command must be able to give up and say so before the harness stops it)."""
    if timeout is not None:
        return timeout
    return min(DEFAULT_TIMEOUT, time_limit / 2)
