"""The part of the world for the Boom side's link life cycle (Voorbereiding, Stap 1, Stap 3, off).

Its fixture starts a Boom testcentrum of its own: a real SQLite store in ``tmp_path``, the SMTP
server on loopback of the root ``conftest.py``, and a running fake ESIS it is configured for.
Everything the system logs during the scenario is kept, to look for keys in it.
"""

from __future__ import annotations

import dataclasses
import logging
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

import pytest
from drivers import BoomOmgeving, Geweigerd
from sqlalchemy import select

from boomlink.config import load_settings
from boomlink.koppeling.stap1 import Koppelformulier
from boomlink.store import School, open_store
from boomlink.testing.mailsink import MailSink
from mock_esis.testing.handle import MockEsisHandle

if TYPE_CHECKING:
    from wereld import Wereld

__all__ = ["KoppelDeel", "LogKopie", "koppel_deel"]

T = TypeVar("T")


class LogKopie(logging.Handler):
    """Everything the system logs during the scenario, formatted, to grep for the key. The test
    runner's own log (pytest-bdd logs the scenario text, which names a wrong key) is left out."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.regels: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if not record.name.startswith("pytest_bdd"):
            self.regels.append(self.format(record))


@dataclass
class KoppelDeel:
    """What a link scenario has seen: the last refusal, keys shown, the form, the test data."""

    wereld: Wereld
    mailserver: MailSink
    log: LogKopie
    fout: Geweigerd | None = None
    esis_fout: Geweigerd | None = None
    sleutel: str = ""
    geziene_sleutels: set[str] = field(default_factory=set)
    journaal_voor: int = 0
    formulier: Koppelformulier | None = None
    toetsgegevens: list[tuple[Any, ...]] = field(default_factory=list)
    bezet: list[socket.socket] = field(default_factory=list)

    @property
    def boom(self) -> BoomOmgeving:
        return self.wereld.boom

    @property
    def esis(self) -> MockEsisHandle:
        return self.wereld.esis

    def school(self, naam: str) -> School:
        with self.wereld.boom.store.session() as session:
            school = session.scalar(select(School).where(School.naam == naam))
            assert school is not None, f"geen school {naam!r} in het Boom testcentrum"
            return school

    def probeer(self, actie: Callable[[], T]) -> T | None:
        """Do what the user does; a refusal is kept in :attr:`fout`, with the journal's length."""
        self.fout = None
        self.journaal_voor = len(self.wereld.esis.journal())
        try:
            return actie()
        except Geweigerd as error:
            self.fout = error
            return None

    def adres_zonder_server(self) -> str:
        """A loopback address where nothing answers: a bound port that never listens (held
        until the scenario ends, so no other process can take it)."""
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        self.bezet.append(sock)
        return f"http://127.0.0.1:{sock.getsockname()[1]}"

    def met_las(self, **velden: str) -> None:
        """Boom's ESIS settings changed (another klantcode, an address where nothing listens)."""
        boom = self.wereld.boom
        assert boom.settings.las is not None
        las = dataclasses.replace(boom.settings.las, **velden)
        self.wereld.boom = dataclasses.replace(
            boom, settings=dataclasses.replace(boom.settings, las=las)
        )


@pytest.fixture
def koppel_deel(
    wereld: Wereld,
    mock_esis_factory: Callable[..., MockEsisHandle],
    smtp_server: MailSink,
    env: dict[str, str],
    esis_env: Callable[[MockEsisHandle], dict[str, str]],
) -> Iterator[KoppelDeel]:
    esis = mock_esis_factory(seed=5, schools=1, students_per_group=3)
    esis.admin.reset()
    settings = load_settings(environ={**env, **esis_env(esis)})
    log = LogKopie()
    root = logging.getLogger()
    vorig_niveau = root.level
    root.addHandler(log)
    root.setLevel(logging.DEBUG)
    store = open_store(settings)
    wereld.esis = esis
    wereld.boom = BoomOmgeving(store=store, settings=settings)
    deel = KoppelDeel(wereld=wereld, mailserver=smtp_server, log=log)
    try:
        yield deel
    finally:
        for sock in deel.bezet:
            sock.close()
        root.removeHandler(log)
        root.setLevel(vorig_niveau)
        store.close()
