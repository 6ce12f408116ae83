"""How often and how long to wait between attempts: exponential backoff with full jitter.

The wait before retry ``n`` (1 after the first attempt) is uniform in
``[0, min(backoff_max, backoff_base · 2**(n-1))]`` ("full jitter"), so many clients that failed
together do not come back together. A ``Retry-After`` from the LAS replaces it, capped at
``backoff_max``. ``sleep`` and ``random`` are injectable so tests run without waiting.
What is retried is decided by the error itself (``UwlrClientError.retryable``).
"""

from __future__ import annotations

import random as _random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["RetryPolicy", "parse_retry_after"]


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """At most ``max_attempts`` attempts in total (1 means: never retry)."""

    max_attempts: int = 4
    backoff_base: float = 0.5
    backoff_max: float = 8.0
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)
    random: Callable[[], float] = field(default=_random.random, repr=False)

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError("max_attempts moet minstens 1 zijn")
        if self.backoff_base < 0 or self.backoff_max < 0:
            raise ValueError("backoff_base en backoff_max mogen niet negatief zijn")

    def delay(self, retry: int, *, retry_after: float | None = None) -> float:
        """Seconds to wait before retry number ``retry`` (1-based)."""
        if retry_after is not None:
            return min(self.backoff_max, max(0.0, retry_after))
        cap = min(self.backoff_max, self.backoff_base * 2.0 ** (retry - 1))
        return self.random() * cap


def parse_retry_after(value: str | None) -> float | None:
    """A ``Retry-After`` header in seconds; None when absent or not a number of seconds."""
    if value is None:
        return None
    try:
        seconds = float(value.strip())
    except ValueError:
        return None  # an HTTP date: rare for SOAP services; use our own schedule
    return seconds if seconds >= 0 else None
