"""Fixtures of the web tests: the real app served by waitress on a free loopback port, over a
real SQLite file, a real mock ESIS and a real SMTP server (from the root ``conftest.py``).

The Boom school matches the mock's first school; Voorbereiding is done (the bevestigingsmail went
out). A second school with its own beheerder is there for the IDOR tests, and a Boom support
account for the support pages. Browser fixtures: ``browser_pagina`` (Debian's Chromium through
Playwright); without Chromium they skip locally and fail under ``CI=true``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from web_testkit import (
    ANDERE_BEHEERDER,
    BEHEERDER,
    SUPPORT,
    WACHTWOORD,
    Bezoeker,
    WebSchool,
)

from boomlink.accounts import support_toevoegen, wachtwoord_instellen
from boomlink.beheer import gebruiker_aanmaken, school_aanmaken
from boomlink.koppeling.voorbereiding import uwlr_inschakelen
from boomlink.mail import flush_outbox
from boomlink.store import Rol, Store
from boomlink.testing.mailsink import MailSink
from boomlink.web import create_app
from boomlink.web.server import WebServer
from mock_esis.testing.handle import MockEsisHandle


@pytest.fixture
def esis(mock_esis_factory: Callable[..., MockEsisHandle]) -> MockEsisHandle:
    """A running mock ESIS with one school whose link is not activated yet."""
    return mock_esis_factory(seed=3, schools=1, students_per_group=3)


@pytest.fixture
def env(
    env: dict[str, str],
    smtp_server: MailSink,
    esis: MockEsisHandle,
    esis_env: Callable[[MockEsisHandle], dict[str, str]],
) -> dict[str, str]:
    return {**env, **esis_env(esis), "BOOMLINK_BASIS_URL": "http://boom.invalid"}


@pytest.fixture
def web_school(store: Store, esis: MockEsisHandle, smtp_server: MailSink) -> WebSchool:
    info = esis.school
    with store.session() as s:
        school = school_aanmaken(s, naam=info.naam, brin=info.code)
        beheerder = gebruiker_aanmaken(
            s, school=school, emailadres=BEHEERDER, naam="Anna de Vries", rol=Rol.BEHEERDER
        )
        wachtwoord_instellen(s, beheerder, WACHTWOORD)
        ander = school_aanmaken(s, naam="Basisschool De Linde", brin="98ZZ")
        piet = gebruiker_aanmaken(
            s, school=ander, emailadres=ANDERE_BEHEERDER, naam="Piet Smit", rol=Rol.BEHEERDER
        )
        wachtwoord_instellen(s, piet, WACHTWOORD)
        support_toevoegen(s, emailadres=SUPPORT, naam="Boom support", wachtwoord=WACHTWOORD)
        uwlr_inschakelen(s, school_naam=info.naam, brin=info.code)
        uwlr_inschakelen(s, school_naam="Basisschool De Linde", brin="98ZZ")
        ids = (school.id, ander.id, school.naam)
    assert flush_outbox(store.sessions, store.settings.mail).verstuurd == 2
    return WebSchool(school_id=ids[0], ander_school_id=ids[1], code=info.code, naam=ids[2])


@pytest.fixture
def web(store: Store, env: dict[str, str], web_school: WebSchool) -> Iterator[WebServer]:
    """``boomlink web`` for real: waitress on 127.0.0.1, a free port, in a thread."""
    app = create_app(store, environ={**env, "BOOMLINK_WEB_SECRET": "test-geheim"})
    with WebServer(app) as server:
        yield server


@pytest.fixture
def bezoeker(web: WebServer) -> Iterator[Bezoeker]:
    b = Bezoeker(web.base_url)
    yield b
    b.close()


@pytest.fixture
def ingelogd(bezoeker: Bezoeker) -> Bezoeker:
    assert bezoeker.inloggen(BEHEERDER).status_code == 302
    return bezoeker


@pytest.fixture
def browser_context(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    context.set_default_timeout(15000)
    yield context
    context.close()


@pytest.fixture
def pagina(browser_context: Any) -> Any:
    return browser_context.new_page()
