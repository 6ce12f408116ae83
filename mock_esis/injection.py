"""Fault injection (placeholder until the admin API issue): never injects anything yet."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["FaultInjector", "Injected"]


@dataclass
class Injected:
    """What an injected fault did: ``response`` None means: carry on to the real answer."""

    kind: str
    response: Any = None
    status: int = 0
    body: bytes = b""


class FaultInjector:
    """Decides per SOAP request whether to misbehave."""

    def intercept(
        self, environ: dict[str, Any], start_response: Any, endpoint: str
    ) -> Injected | None:
        return None
