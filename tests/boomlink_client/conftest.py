"""Fixtures for the UWLR client tests: a client config that points at a running mock ESIS.

Retries never really sleep here: the sleep function only records the delays asked for, and the
random source is fixed, so a test with three attempts takes milliseconds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from boomlink.uwlr_client import ClientConfig, RetryPolicy
from mock_esis.testing.handle import MockEsisHandle


@pytest.fixture
def sleeps() -> list[float]:
    """The delays the client asked to sleep, in order."""
    return []


@pytest.fixture
def make_config(
    sleeps: list[float], esis_client_config: Callable[..., ClientConfig]
) -> Callable[..., ClientConfig]:
    """``make_config(handle, **overrides)``: a config for ``handle`` that never really sleeps."""

    def make(handle: MockEsisHandle, **overrides: Any) -> ClientConfig:
        fields: dict[str, Any] = {
            "connect_timeout": 2.0,
            "read_timeout": 10.0,
            "retry": RetryPolicy(sleep=sleeps.append, random=lambda: 0.5),
        }
        fields.update(overrides)
        return esis_client_config(handle, **fields)

    return make
