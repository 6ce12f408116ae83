"""What a successful UWLR call gives back: the answer, its warnings and how it went."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from boomlink.uwlr_client.exchange import Exchange
from uwlr.models import Message
from uwlr.parse import ParseWarning

__all__ = ["Result"]

M = TypeVar("M", bound=Message)


@dataclass(frozen=True, slots=True)
class Result(Generic[M]):
    """``message``: the parsed answer; ``warnings``: what was odd in it (read anyway);
    ``attempts``: HTTP attempts made in all (several calls in getrapt mode); ``latency``: seconds
    for the whole call, waits between retries included; ``exchanges``: every attempt, key masked.
    """

    message: M
    warnings: tuple[ParseWarning, ...]
    attempts: int
    latency: float
    exchanges: tuple[Exchange, ...]

    @property
    def exchange(self) -> Exchange:
        """The last exchange: the one that gave ``message``."""
        return self.exchanges[-1]

    def __repr__(self) -> str:
        return (
            f"Result({type(self.message).__name__}, warnings={len(self.warnings)}, "
            f"attempts={self.attempts}, latency={self.latency:.3f}s)"
        )
