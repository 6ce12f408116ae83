"""Fixtures for the link tests: a real mock ESIS, a real SQLite store, a real SMTP server.

The Boom school is made to match the mock's first school (same name and BRIN); its beheerder has
had the bevestigingsmail. Retry waits are recorded instead of slept. The store, its settings and
the SMTP server come from the repository's root ``conftest.py``; ``env`` here adds the ESIS
addresses to its environment.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from boomlink_link_testkit import BoomSchool
from sqlalchemy.orm import Session

from boomlink.beheer import gebruiker_aanmaken, school_aanmaken
from boomlink.config import Settings
from boomlink.koppeling.stap1 import koppeling_aanvragen, nummers_verwijderen
from boomlink.koppeling.stap3 import Verifier
from boomlink.koppeling.verificatie import Verificatiebeleid, esis_verifier
from boomlink.koppeling.voorbereiding import uwlr_inschakelen
from boomlink.mail import flush_outbox
from boomlink.schooljaar import huidig_schooljaar
from boomlink.store import Rol, Store
from boomlink.testing.mailsink import MailSink
from mock_esis.testing.handle import MockEsisHandle, SchoolInfo

BEHEERDER = "anna@regenboog.example.nl"
LEERKRACHT = "bram@regenboog.example.nl"


@pytest.fixture
def esis(mock_esis_factory: Callable[..., MockEsisHandle]) -> MockEsisHandle:
    """A running mock ESIS with one school whose link is not activated yet."""
    return mock_esis_factory(seed=3, schools=1, students_per_group=3)


@pytest.fixture
def esis_school(esis: MockEsisHandle) -> SchoolInfo:
    return esis.school


@pytest.fixture
def env(
    env: dict[str, str],
    smtp_server: MailSink,
    esis: MockEsisHandle,
    esis_env: Callable[[MockEsisHandle], dict[str, str]],
) -> dict[str, str]:
    """What a deployment sets: SQLite in tmp_path, SMTP (running) and ESIS on loopback."""
    return {**env, **esis_env(esis)}


@pytest.fixture
def db_path(env: dict[str, str]) -> Path:
    return Path(env["BOOMLINK_DB"])


@pytest.fixture
def waits() -> list[float]:
    """The retry waits the verifier asked for (nothing really sleeps)."""
    return []


@pytest.fixture
def beleid(waits: list[float]) -> Verificatiebeleid:
    return Verificatiebeleid(sleep=waits.append)


@pytest.fixture
def verify(settings: Settings, beleid: Verificatiebeleid) -> Verifier:
    return esis_verifier(settings, beleid=beleid)


@pytest.fixture
def boom_school(session: Session, esis_school: SchoolInfo) -> BoomSchool:
    """The mock's school in the Boom testcentrum, with a beheerder and a leerkracht."""
    school = school_aanmaken(session, naam=esis_school.naam, brin=esis_school.code)
    beheerder = gebruiker_aanmaken(
        session, school=school, emailadres=BEHEERDER, naam="Anna de Vries", rol=Rol.BEHEERDER
    )
    leerkracht = gebruiker_aanmaken(
        session, school=school, emailadres=LEERKRACHT, naam="Bram Jansen", rol=Rol.LEERKRACHT
    )
    return BoomSchool(school, beheerder, leerkracht, esis_school.code)


@pytest.fixture
def ingeschakeld(
    session: Session,
    store: Store,
    settings: Settings,
    boom_school: BoomSchool,
    smtp_server: MailSink,
) -> BoomSchool:
    """Voorbereiding done: Boom enabled the link and the bevestigingsmail went out."""
    uwlr_inschakelen(session, school_naam=boom_school.school.naam, brin=boom_school.code)
    assert flush_outbox(store.sessions, settings.mail).verstuurd == 1
    return boom_school


@pytest.fixture
def goedgekeurd(session: Session, ingeschakeld: BoomSchool) -> BoomSchool:
    """Stap 1 done: extern nummers emptied and the request approved."""
    nummers_verwijderen(session, ingeschakeld.school, ingeschakeld.beheerder)
    koppeling_aanvragen(
        session,
        ingeschakeld.school,
        ingeschakeld.beheerder,
        type_koppeling="ESIS UWLR",
        brincode=ingeschakeld.code,
        schooljaar=huidig_schooljaar(),
    )
    return ingeschakeld


@pytest.fixture
def esis_sleutel(esis: MockEsisHandle, esis_school: SchoolInfo) -> str:
    """Stap 2 in the ESIS screen over HTTP: the Directie activates; the key shown once."""
    shown = esis.esis.activeren(
        esis_school.code,
        esis_school.gebruiker("Directie"),
        f"{esis_school.code}-boomtestcentrum-2026",
        akkoord=True,
    )
    key = shown["autorisatiesleutel"]
    assert isinstance(key, str) and len(key) > 8
    return key
