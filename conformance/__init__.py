"""UWLR conformance harness for any LAS (server) and any afnemer (client)."""

from __future__ import annotations
