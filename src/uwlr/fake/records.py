"""What a fake school is: :class:`FakeSchool` and its ESIS users (:class:`Gebruiker`).

Pupils without a group and teachers of no group (handbook rule H-P-07) are kept *outside* the
:class:`~uwlr.models.Leerlinggegevens`, in ``ongegroepeerde_leerlingen`` and
``ongegroepeerde_leerkrachten``: a LAS leaves them out of its answers. Use
:meth:`FakeSchool.met_ongegroepeerden` for a LAS that sends them anyway.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final, Literal

from uwlr.models import Leerkracht, Leerling, Leerlinggegevens

__all__ = ["GEBRUIKERSROLLEN", "FakeSchool", "Gebruiker", "Gebruikersrol"]

Gebruikersrol = Literal["Directie", "Applicatiebeheerder", "Leerkracht", "Administratie"]
GEBRUIKERSROLLEN: Final[tuple[Gebruikersrol, ...]] = (
    "Directie",
    "Applicatiebeheerder",
    "Leerkracht",
    "Administratie",
)


@dataclass(slots=True, kw_only=True, frozen=True)
class Gebruiker:
    """An ESIS user of the school: who may activate the link (handbook H-P-02, H-S2-01)."""

    naam: str
    rol: Gebruikersrol
    gebruikersnaam: str


@dataclass(slots=True, kw_only=True)
class FakeSchool:
    """One fake school: what its LAS answers, plus what it keeps out of answers, plus its users."""

    naam: str
    brincode: str
    dependancecode: str
    schooljaar: str
    email_domein: str
    leerlinggegevens: Leerlinggegevens
    ongegroepeerde_leerlingen: list[Leerling] = field(default_factory=list)
    ongegroepeerde_leerkrachten: list[Leerkracht] = field(default_factory=list)
    gebruikers: list[Gebruiker] = field(default_factory=list)

    def met_ongegroepeerden(self) -> Leerlinggegevens:
        """The leerlinggegevens with the ungrouped pupils and teachers added (records shared)."""
        gg = self.leerlinggegevens
        return Leerlinggegevens(
            school=gg.school,
            groepen=list(gg.groepen),
            samengestelde_groepen=list(gg.samengestelde_groepen),
            leerlingen=gg.leerlingen + self.ongegroepeerde_leerlingen,
            leerkrachten=gg.leerkrachten + self.ongegroepeerde_leerkrachten,
        )
