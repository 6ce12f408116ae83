"""Showing the service layer's refusals on a form: next to the field they name, or on top.

A service raises :class:`~boomlink.errors.OngeldigVeld` naming the field as the user sees it
(``Autorisatiesleutel``, ``BRIN-code``…); :data:`VELDEN` maps that label to the form control, so
the template can put the reason beside it. Any other :class:`~boomlink.errors.BoomlinkError` is a
message for the whole form.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from boomlink.errors import BoomlinkError, OngeldigVeld

__all__ = ["VELDEN", "Fouten"]

VELDEN = {
    "type koppeling": "type_koppeling",
    "brin-code": "brincode",
    "schooljaar": "schooljaar",
    "autorisatiesleutel": "autorisatiesleutel",
    "schoolkey": "schoolkey",
    "e-mailadres": "emailadres",
    "wachtwoord": "wachtwoord",
    "herhaal wachtwoord": "herhaling",
    "naam": "school_naam",
    "vaardigheidsscore": "vaardigheidsscore",
}


@dataclass
class Fouten:
    """Errors of one form: ``velden`` per control name, ``algemeen`` for the whole form."""

    velden: dict[str, str] = field(default_factory=dict)
    algemeen: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.velden or self.algemeen)

    @classmethod
    def uit(cls, exc: BoomlinkError) -> Fouten:
        fouten = cls()
        if isinstance(exc, OngeldigVeld):
            naam = VELDEN.get(exc.veld.casefold())
            if naam is not None:
                fouten.velden[naam] = exc.reden[:1].upper() + exc.reden[1:]
                return fouten
        fouten.algemeen.append(exc.bericht)
        return fouten

    def veld(self, naam: str, bericht: str) -> Fouten:
        self.velden[naam] = bericht
        return self
