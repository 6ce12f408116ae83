"""Fixtures of the import review: the running mock ESIS's school, linked in the Boom store.

The store (SQLite in tmp_path), its settings and the SMTP server on loopback come from the
repository's root ``conftest.py``, and so does the link itself (``boom_koppelen``).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from import_testkit import Gekoppeld

from boomlink.config import Settings
from boomlink.store import Store
from boomlink.testing.mailsink import MailSink
from boomlink.uwlr_client import ClientConfig, RetryPolicy
from mock_esis.testing.handle import MockEsisHandle


@pytest.fixture
def gekoppeld(
    store: Store,
    settings: Settings,
    mock_esis: MockEsisHandle,
    smtp_server: MailSink,
    esis_client_config: Callable[..., ClientConfig],
    boom_koppelen: Callable[..., tuple[int, int]],
) -> Gekoppeld:
    """The mock's school (seed 1, 5 pupils per group) in the Boom testcentrum, link active."""
    config = esis_client_config(
        mock_esis, connect_timeout=2.0, read_timeout=20.0, retry=RetryPolicy(max_attempts=1)
    )
    school_id, beheerder_id = boom_koppelen(store, mock_esis.school, config)
    return Gekoppeld(
        store=store,
        settings=settings,
        esis=mock_esis,
        config=config,
        school_id=school_id,
        beheerder_id=beheerder_id,
        code=mock_esis.school.code,
    )
