"""The walk-through's steps (:class:`Stap`) and what they share (:class:`Demo`).

One :class:`Demo` goes through every step: the surroundings, the printer, the fake school's
starting point, and the key ESIS showed, kept as an :class:`~boomlink.crypto.Autorisatiesleutel`
so it is masked wherever it is shown and revealed only where the beheerder pastes it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from boomlink.crypto import Autorisatiesleutel
from boomlink.store import Gebruiker, School
from boomlink.uwlr_client import ClientConfig
from demo.beginsituatie import Beginsituatie
from demo.fouten import DemoFout
from demo.omgeving import Omgeving
from demo.uitvoer import Uitvoer

__all__ = ["Demo", "DemoFout", "Stap"]

T = TypeVar("T")


@dataclass(frozen=True)
class Stap:
    """One step of the walk-through: its heading (``Stap 3``), the handbook's name for it, and
    the function that does it and returns a line for the summary (or ``None``)."""

    kop: str
    naam: str
    uitvoeren: Callable[[Demo], str | None]

    @property
    def titel(self) -> str:
        return f"{self.kop}  {self.naam}"


@dataclass
class Demo:
    omgeving: Omgeving
    uit: Uitvoer
    begin: Beginsituatie | None = None
    sleutel: Autorisatiesleutel | None = None

    @property
    def school_begin(self) -> Beginsituatie:
        if self.begin is None:
            raise DemoFout("de school is nog niet klaargezet (de Voorbereiding ontbreekt)")
        return self.begin

    @property
    def gekopieerde_sleutel(self) -> Autorisatiesleutel:
        if self.sleutel is None:
            raise DemoFout("er is nog geen autorisatiesleutel uit ESIS (Stap 2 ontbreekt)")
        return self.sleutel

    def client_config(self) -> ClientConfig:
        """The UWLR client's settings for the configured ESIS (imports, result delivery)."""
        las = self.omgeving.settings.las
        if las is None:
            raise DemoFout("het Boom testcentrum weet niet waar ESIS te bereiken is")
        return las.client_config()

    def sessie(self) -> Session:
        return self.omgeving.store.session()

    def als_beheerder(self, actie: Callable[..., T], **kwargs: Any) -> T:
        """``actie(session, school, beheerder, **kwargs)`` in a fresh session, as the beheerder."""
        begin = self.school_begin
        with self.sessie() as session:
            school = session.get_one(School, begin.school_id)
            beheerder = session.get_one(Gebruiker, begin.beheerder_id)
            return actie(session, school, beheerder, **kwargs)
