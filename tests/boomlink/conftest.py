"""Fixtures for the Boom side: a school in the store, with UWLR enabled or not yet.

The store (SQLite in tmp_path), its settings and the SMTP server on loopback (``smtp_port``,
``smtp_server``) come from the repository's root ``conftest.py``.
"""

from __future__ import annotations

import pytest
from boomlink_testkit import SchoolOpzet, maak_school
from sqlalchemy.orm import Session

from boomlink.config import Settings
from boomlink.koppeling.voorbereiding import uwlr_inschakelen
from boomlink.mail import flush_outbox
from boomlink.store import Store
from boomlink.testing.mailsink import MailSink


@pytest.fixture
def opzet(session: Session) -> SchoolOpzet:
    """A school with one beheerder and one leerkracht; UWLR not enabled yet."""
    return maak_school(session)


@pytest.fixture
def ingeschakeld(
    session: Session, store: Store, settings: Settings, opzet: SchoolOpzet, smtp_server: MailSink
) -> SchoolOpzet:
    """Boom support enabled UWLR for the school and the bevestigingsmail was sent."""
    uwlr_inschakelen(session, school_naam=opzet.school.naam, brin=opzet.school.brincode)
    result = flush_outbox(store.sessions, settings.mail)
    assert result.verstuurd == 1, result
    return opzet
