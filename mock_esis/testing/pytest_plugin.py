"""pytest plugin of the mock ESIS: fixtures that start a real server on a free loopback port.

``mock_esis`` gives a running server (seed 1, one activated school, 5 pupils per group);
``mock_esis_factory(**options)`` starts others (see :class:`mock_esis.web.factory.MockOptions`).
Both stop their servers when the test ends. The API is documented in ``docs/pytest-plugin.md``.

Installing the package registers this plugin in every pytest run of the venv (``pytest11`` entry
point), so loading it imports nothing but pytest: the server, and with it spyne, is imported
only when a test asks for one of the fixtures (docs/adr/0023-python-versions-and-lazy-plugins.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from mock_esis.testing.handle import MockEsisHandle
    from mock_esis.web.server import MockEsisServer

__all__ = ["mock_esis", "mock_esis_factory"]


@pytest.fixture
def mock_esis_factory() -> Iterator[Callable[..., MockEsisHandle]]:
    """Start mock ESIS servers with any :class:`MockOptions`; all stopped afterwards."""
    from mock_esis.testing.handle import MockEsisHandle
    from mock_esis.web.factory import MockOptions, build_app
    from mock_esis.web.server import MockEsisServer

    servers: list[MockEsisServer] = []

    def start(**options: Any) -> MockEsisHandle:
        server = MockEsisServer(build_app(MockOptions(**options))).start()
        servers.append(server)
        return MockEsisHandle(server)

    start.servers = servers  # type: ignore[attr-defined]  # for journal audits (features/)
    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def mock_esis(mock_esis_factory: Callable[..., MockEsisHandle]) -> MockEsisHandle:
    """A running mock ESIS: seed 1, one school with the Boom link activated, 5 per group."""
    return mock_esis_factory(seed=1, schools=1, students_per_group=5, activate_all=True)
