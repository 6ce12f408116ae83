"""One request/response pair as the client keeps it for support, with the key masked."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Exchange"]


@dataclass(frozen=True, slots=True)
class Exchange:
    """One HTTP attempt: what was sent, what came back (None when nothing did), and how it went.

    ``request`` and ``response`` are the raw bytes with the autorisatiesleutel masked.
    ``failure`` is a short technical reason when the attempt failed (for support, not for users).
    """

    operation: str
    url: str
    attempt: int
    request: bytes
    response: bytes | None
    status: int | None
    elapsed: float
    failure: str | None = None

    def __repr__(self) -> str:
        received = "-" if self.response is None else f"{len(self.response)} bytes"
        return (
            f"Exchange({self.operation} poging {self.attempt}: {len(self.request)} bytes → "
            f"HTTP {self.status if self.status is not None else '-'}, {received}, "
            f"{self.elapsed * 1000:.0f} ms{', ' + self.failure if self.failure else ''})"
        )
