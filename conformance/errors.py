"""Configuration errors: the run cannot judge anything, so it ends with exit 2, not a verdict.

A LAS that is not reachable at the first call, a key it refuses at once, a client command that
cannot be started: the harness says why in one Dutch line (never a key) instead of reporting a
list of failed checks against a system it never really spoke to.
"""

from __future__ import annotations

__all__ = ["ConfigurationError"]


class ConfigurationError(Exception):
    """The harness is set up wrong for this target; the message is one Dutch line, no secrets."""
