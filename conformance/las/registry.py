"""The registry of LAS-mode check implementations (filled by the modules of this package)."""

from __future__ import annotations

from conformance.las.context import LasContext
from conformance.registry import Registry

__all__ = ["las_checks"]

las_checks: Registry[LasContext] = Registry()
