"""The registry of client-mode check implementations (filled by the modules of this package)."""

from __future__ import annotations

from conformance.client.context import ClientContext
from conformance.registry import Registry

__all__ = ["client_checks"]

client_checks: Registry[ClientContext] = Registry()
