"""The part of the world for the ESIS screens: the keys shown, the last refusal, a chosen group."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

import httpx
import pytest
from drivers import Geweigerd
from drivers.base import MijnGroep

from uwlr.envelope import parse_envelope
from uwlr.models import Autorisatie, LeerlinggegevensVerzoek
from uwlr.parse import parse

if TYPE_CHECKING:
    from wereld import Wereld

__all__ = ["SchermDeel", "antwoord_of_fout", "scherm_deel"]

T = TypeVar("T")


def antwoord_of_fout(response: httpx.Response) -> Any:
    """The parsed SOAP answer, or the faultcode of a fault."""
    envelope = parse_envelope(response.content)
    if envelope.fault is not None:
        return str(envelope.fault.faultcode)
    assert envelope.body is not None, response.text[:500]
    return parse(envelope.body)


@dataclass
class SchermDeel:
    """What an ESIS-screen scenario has seen: keys shown, the last refusal, a group and its people."""

    wereld: Wereld
    sleutels: list[str] = field(default_factory=list)
    weigering: Geweigerd | None = None
    groep: dict[str, Any] = field(default_factory=dict)
    leerlingen: list[str] = field(default_factory=list)
    leerkracht: str = ""
    getoond: str = ""
    mijn_groep: MijnGroep | None = None
    gebracht: dict[str, list[Any]] = field(default_factory=dict)

    def gebruiker(self, code: str, rol: str) -> str:
        """The login name of the first fake ESIS user of ``code`` with ``rol``."""
        return self.wereld.esis.school_by_code(code).gebruiker(rol)

    def probeer(self, actie: Callable[[], T]) -> T | None:
        """Do what the user does; a refusal is kept in :attr:`weigering`."""
        self.weigering = None
        try:
            return actie()
        except Geweigerd as error:
            self.weigering = error
            return None

    def haal(self, code: str, key: str) -> Any:
        """``HaalLeerlinggegevens`` of ``code`` with ``key``: the answer, or the faultcode."""
        esis = self.wereld.esis
        school = esis.school_by_code(code)
        verzoek = LeerlinggegevensVerzoek(
            schooljaar=school.schooljaar,
            brincode=school.brincode,
            dependancecode=school.dependancecode,
        )
        autorisatie = Autorisatie(
            autorisatiesleutel=key, klantcode=esis.klantcode, klantnaam=esis.klantnaam
        )
        return antwoord_of_fout(esis.call("HaalLeerlinggegevens", verzoek, autorisatie))


@pytest.fixture
def scherm_deel(wereld: Wereld) -> SchermDeel:
    return SchermDeel(wereld)
