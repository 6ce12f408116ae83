"""Step definitions of the Dutch features, one module per subject (imported by ``conftest.py``)."""

from __future__ import annotations
