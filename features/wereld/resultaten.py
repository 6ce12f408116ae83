"""The part of the world for Stap 4's results: the mirrored school and what was normed and sent."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pytest
from drivers import Geweigerd

from boomlink.resultaten import NormeerUitkomst, Worker
from boomlink.store import Afname, Store, Toets
from boomlink.uwlr_client import ClientConfig
from mock_esis.state.model import SchoolState
from mock_esis.testing.handle import MockEsisHandle

if TYPE_CHECKING:
    from wereld import Wereld

__all__ = ["ResultatenDeel", "resultaten_deel"]


@dataclass
class ResultatenDeel:
    """One results scenario: the school in both systems, its pupils, and what happened."""

    wereld: Wereld
    opruimen: list[Callable[[], None]] = field(default_factory=list)
    school_id: int = 0
    code: str = ""
    beheerder: str = ""
    leerlingen: list[int] = field(default_factory=list)
    esis_keys: list[str] = field(default_factory=list)
    groepen: dict[str, list[int]] = field(default_factory=dict)
    toetsen: dict[str, int] = field(default_factory=dict)
    afnames: list[int] = field(default_factory=list)
    uitkomsten: list[NormeerUitkomst] = field(default_factory=list)
    weigering: Geweigerd | None = None
    worker: Worker | None = None

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
    def esis_school(self) -> SchoolState:
        """The fake's own record of the school: for checks only."""
        state = self.esis.app.state.school(self.code)
        assert state is not None
        return state

    def directie(self) -> str:
        """The login name of the school's Directie user in ESIS."""
        return self.esis.school_by_code(self.code).gebruiker("Directie")

    def toets(self, code: str) -> int:
        if code not in self.toetsen:
            with self.store.session() as session:
                toets = Toets(code=code, naam="Boom Spelling M5")
                session.add(toets)
                session.commit()
                self.toetsen[code] = toets.id
        return self.toetsen[code]

    def afname(self, leerling_id: int, toets: str, datum: dt.date) -> int:
        with self.store.session() as session:
            afname = Afname(leerling_id=leerling_id, toets_id=self.toets(toets), afnamedatum=datum)
            session.add(afname)
            session.commit()
            return afname.id


@pytest.fixture
def resultaten_deel(wereld: Wereld) -> Iterator[ResultatenDeel]:
    """What a scenario started (store, worker) is closed after it, last first."""
    deel = ResultatenDeel(wereld)
    yield deel
    for taak in reversed(deel.opruimen):
        taak()
