"""The part of the world for Stap 4's import (review, summary, re-import, school-year rollover).

Its fixture starts a fake ESIS whose school is activated and a Boom testcentrum (the root
``conftest.py``'s store and SMTP server). The beheerder's clicks go through the Boom driver; what
the scenario saw is kept here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import TYPE_CHECKING, Any

import pytest
from drivers import BoomOmgeving, Geweigerd
from sqlalchemy import func, select

from boomlink.importeren.review import Regelweergave, Review, Tab
from boomlink.importeren.samenvatting import Samenvatting
from boomlink.importeren.verwerken import Verwerkt
from boomlink.store import Groep, Leerkracht, Leerling, Store
from boomlink.store.import_models import Categorie
from boomlink.testing.mailsink import MailSink
from boomlink.uwlr_client import ClientConfig, RetryPolicy
from mock_esis.testing.handle import MockEsisHandle

if TYPE_CHECKING:
    from wereld import Wereld

__all__ = ["ImportDeel", "import_deel"]


@dataclass
class ImportDeel:
    """What an import scenario has: the linked school, its beheerder, and what happened."""

    wereld: Wereld
    smtp: MailSink
    code: str = ""
    school_id: int = 0
    beheerder: str = ""
    eigen_leraren: set[str] = field(default_factory=set)
    levend_voor: tuple[int, int, int] | None = None
    samenvatting: Samenvatting | None = None
    verwerkt: Verwerkt | None = None
    fout: Geweigerd | None = None
    uitkomsten: list[object] = field(default_factory=list)
    ids: dict[str, int] = field(default_factory=dict)
    oude_leden: dict[str, list[int]] = field(default_factory=dict)
    oud_jaar: str = ""
    hernoemd: str = ""
    code_leerling: str = ""

    # --- the two sides --------------------------------------------------------------------------
    @property
    def esis(self) -> MockEsisHandle:
        return self.wereld.esis

    @property
    def store(self) -> Store:
        return self.wereld.boom.store

    @property
    def config(self) -> ClientConfig:
        config = self.wereld.boom.client_config
        assert config is not None
        return config

    @property
    def nu(self) -> dt.datetime | None:
        return self.wereld.boom.nu

    @nu.setter
    def nu(self, moment: dt.datetime | None) -> None:
        self.wereld.boom.nu = moment

    # --- what the beheerder does, through the Boom driver ---------------------------------------
    def importeren(self) -> None:
        """[Gegevens importeren] on Koppelen met LAS."""
        if self.levend_voor is None:
            self.levend_voor = self.tellingen()
        self.wereld.boom_driver.gegevens_importeren(self.beheerder)

    def review(self) -> Review:
        return self.wereld.boom_driver.review(self.beheerder)

    def regel(self, tab: Tab, naam: str) -> Regelweergave:
        gevonden = [r for r in self.review().regels(tab) if r.naam == naam]
        assert len(gevonden) == 1, (naam, [r.naam for r in self.review().regels(tab)])
        return gevonden[0]

    def verwerken(self) -> None:
        """The confirming [Gegevens importeren]; a refusal is kept in :attr:`fout`."""
        self.fout = None
        try:
            self.verwerkt = self.wereld.boom_driver.import_bevestigen(self.beheerder)
        except Geweigerd as exc:
            self.fout = exc

    def leraren_zonder_email_overslaan(self) -> None:
        """Put every new teacher without an e-mail address (not one of ours) under Niet importeren."""
        driver = self.wereld.boom_driver
        for regel in self.review().regels(Tab.LEERKRACHTEN, Categorie.NIEUW):
            if not regel.emailadres and regel.naam not in self.eigen_leraren:
                driver.niet_importeren(self.beheerder, Tab.LEERKRACHTEN, regel.naam)

    # --- what the scenario looks at -------------------------------------------------------------
    def tellingen(self) -> tuple[int, int, int]:
        with self.store.session() as s:
            return (
                s.scalar(select(func.count(Groep.id))) or 0,
                s.scalar(select(func.count(Leerkracht.id))) or 0,
                s.scalar(select(func.count(Leerling.id))) or 0,
            )

    def uitnodigingen(self) -> list[EmailMessage]:
        return self.smtp.inbox.met_onderwerp("Uitnodiging")

    def esis_leerlingen(self) -> list[dict[str, Any]]:
        school = self.esis.admin.school(self.code)
        stam = {g["key"] for g in school["groepen"]}
        return [p for p in school["leerlingen"] if p.get("groep") in stam]


@pytest.fixture
def import_deel(
    wereld: Wereld,
    mock_esis_factory: Callable[..., MockEsisHandle],
    smtp_server: MailSink,
    store: Store,
    esis_client_config: Callable[..., ClientConfig],
) -> ImportDeel:
    esis = mock_esis_factory(seed=1, schools=1, students_per_group=5, activate_all=True)
    config = esis_client_config(esis, retry=RetryPolicy(max_attempts=1))
    wereld.esis = esis
    wereld.boom = BoomOmgeving(store=store, settings=store.settings, client_config=config)
    return ImportDeel(wereld=wereld, smtp=smtp_server)
