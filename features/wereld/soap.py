"""The part of the world for UWLR calls to the fake ESIS: the keys handed out, the last answer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from mock_esis.state.model import SchoolState
from uwlr.models import Autorisatie, Leerkracht, Leerling, Leerlinggegevens, Message

from .soap_checks import answer_of

if TYPE_CHECKING:
    from wereld import Wereld

__all__ = ["SoapDeel", "naam_van", "soap_deel"]


def naam_van(persoon: Leerling | Leerkracht) -> str:
    return " ".join(p for p in (persoon.roepnaam, persoon.voorvoegsel, persoon.achternaam) if p)


@dataclass
class SoapDeel:
    """What a UWLR scenario has: the keys ESIS showed, the keys used, the last answer."""

    wereld: Wereld
    sleutels: dict[str, str] = field(default_factory=dict)
    vorige_sleutels: dict[str, str] = field(default_factory=dict)
    gebruikte_sleutels: set[str] = field(default_factory=set)
    antwoord: httpx.Response | None = None
    alles: Leerlinggegevens | None = None
    getrapt: dict[str, Any] = field(default_factory=dict)

    def school(self, code: str) -> SchoolState:
        """The mock's own record of ``code``: for set-up and checks, never for a user's action."""
        school = self.wereld.esis.app.state.school(code)
        assert school is not None, f"de nep-ESIS kent school {code} niet"
        return school

    def leerling(self, naam: str) -> Leerling:
        for school in self.wereld.esis.app.state.schools.values():
            for leerling in school.all_leerlingen():
                if naam_van(leerling) == naam:
                    return leerling
        raise AssertionError(f"geen leerling {naam!r} in de nep-ESIS")

    def roep(self, operation: str, message: Message, sleutel: str, **klant: str) -> None:
        """One SOAP call over HTTP, as Boom testcentrum (or another klant) makes it."""
        esis = self.wereld.esis
        self.gebruikte_sleutels.add(sleutel)
        autorisatie = Autorisatie(
            autorisatiesleutel=sleutel,
            klantcode=klant.get("klantcode", esis.klantcode),
            klantnaam=klant.get("klantnaam", esis.klantnaam),
        )
        self.antwoord = esis.call(operation, message, autorisatie=autorisatie)

    def laatste(self) -> Any:
        assert self.antwoord is not None, "er is nog niets gevraagd"
        return answer_of(self.antwoord)


@pytest.fixture
def soap_deel(wereld: Wereld) -> SoapDeel:
    return SoapDeel(wereld)
