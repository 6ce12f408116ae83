"""What a user does on each side of the link, as two driver interfaces (the seam of the steps).

A step says what the user does or sees and calls a driver; the driver does it through the
product's public surface. :class:`BoomDriver` is the Boom testcentrum (Beheer → Koppelen met LAS,
the import review, the results, Boom support), :class:`EsisDriver` the school's ESIS (activating
the Boom testcentrum koppeling, Mijn Groep, Toetsresultaten invoeren). Each has a service
implementation (``boom_service``, ``esis_service``) and may get a browser one; all return the
same views, so a step cannot tell which one ran. A refusal the user sees is :class:`Geweigerd`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol

from boomlink.config import Settings
from boomlink.importeren.review import Review, Tab
from boomlink.importeren.samenvatting import Samenvatting
from boomlink.importeren.verwerken import Verwerkt
from boomlink.koppeling.stap1 import Koppelformulier
from boomlink.koppeling.stap3 import KoppelingOverzicht
from boomlink.store import Store
from boomlink.uwlr_client import ClientConfig

__all__ = [
    "BoomDriver",
    "BoomOmgeving",
    "EsisDriver",
    "EsisKoppeling",
    "Geweigerd",
    "MijnGroep",
    "Toetsgroep",
    "Toetsresultaatregel",
]


class Geweigerd(Exception):
    """The screen refused the action: the user sees ``melding`` (and, on ESIS, an HTTP status)."""

    def __init__(self, melding: str, *, status: int | None = None) -> None:
        super().__init__(melding)
        self.melding = melding
        self.status = status


@dataclass
class BoomOmgeving:
    """One Boom testcentrum a scenario runs: its store, its settings, its clock.

    ``client_config`` is how it reaches ESIS for the import (``None``: from ``settings.las``);
    ``nu`` is the scenario's "now" (``None``: the real clock). A browser driver serves this same
    database and settings with ``boomlink web``.
    """

    store: Store
    settings: Settings
    client_config: ClientConfig | None = None
    nu: dt.datetime | None = None


@dataclass(frozen=True)
class EsisKoppeling:
    """ESIS's Boom testcentrum koppeling as the screen shows it (the key only masked)."""

    actief: bool
    getoonde_sleutel: str | None
    tekst: str


@dataclass(frozen=True)
class Toetsgroep:
    """One test on Mijn Groep: the group's numbers, never a pupil's."""

    toetscode: str
    aantal_leerlingen: int
    gemiddelde_vaardigheidsscore: str | None
    verdeling_niveaus: dict[str, int]


@dataclass(frozen=True)
class MijnGroep:
    """Mijn Groep of one group; ``tekst`` is everything the screen shows."""

    toetsen: list[Toetsgroep] = field(default_factory=list)
    tekst: str = ""

    def toets(self, toetscode: str) -> Toetsgroep:
        gevonden = [t for t in self.toetsen if t.toetscode == toetscode]
        assert len(gevonden) == 1, f"Mijn Groep toont toets {toetscode!r} niet: {self.toetsen}"
        return gevonden[0]


@dataclass(frozen=True)
class Toetsresultaatregel:
    """One hand-entered result on Toetsresultaten invoeren."""

    leerlingid: str
    toets: str
    dle: str
    datum: str


class EsisDriver(Protocol):
    """The school's ESIS, acting as the ESIS user ``gebruiker`` (a login name) of school ``code``."""

    def activeren(self, code: str, gebruiker: str, verificatiecode: str, *, akkoord: bool) -> str:
        """Import-Export-Koppelingen → Boom testcentrum → [Activeren]; the key shown once."""
        ...

    def deactiveren(self, code: str, gebruiker: str) -> None:
        """[Deactiveren] on the Boom testcentrum koppeling."""
        ...

    def koppeling(self, code: str, gebruiker: str) -> EsisKoppeling:
        """The Boom testcentrum koppeling screen."""
        ...

    def mijn_groepen(self, code: str, gebruiker: str) -> list[str]:
        """The keys of the groups Mijn Groep offers this user."""
        ...

    def mijn_groep(self, code: str, groep: str, gebruiker: str) -> MijnGroep:
        """Mijn Groep of ``groep`` (key)."""
        ...

    def toetsresultaat_invoeren(
        self, code: str, gebruiker: str, *, leerlingid: str, toets: str, dle: str, datum: str
    ) -> None:
        """Onderwijs → Toetsresultaten invoeren: one DLE typed in by hand."""
        ...

    def toetsresultaten(
        self, code: str, gebruiker: str, leerlingid: str
    ) -> list[Toetsresultaatregel]:
        """The hand-entered results of one pupil, as Toetsresultaten invoeren lists them."""
        ...


class BoomDriver(Protocol):
    """The Boom testcentrum, acting as the user with e-mail address ``email`` (or Boom support)."""

    # --- Boom support -------------------------------------------------------------------------
    def uwlr_inschakelen(self, school_naam: str, brin: str) -> None:
        """Voorbereiding: Boom support enables the "UWLR-koppeling" for a school."""
        ...

    def resultaten_doorsturen(self, brin: str, schooljaar: str) -> None:
        """Boom support sends a previous school year's results on (confirmed)."""
        ...

    # --- Beheer → Koppelen met LAS ------------------------------------------------------------
    def koppelformulier(self, email: str) -> Koppelformulier:
        """Open Beheer → Koppelen met LAS."""
        ...

    def nummers_verwijderen(self, email: str) -> None:
        """[Verwijder nummers]."""
        ...

    def aanvragen(self, email: str, *, type_koppeling: str, brincode: str, schooljaar: str) -> None:
        """[Aanvragen] with the form's fields."""
        ...

    def sleutel_opslaan(self, email: str, *, autorisatiesleutel: str, schoolkey: str) -> None:
        """Paste the Autorisatiesleutel (and SchoolKey), [Wijzigingen opslaan]."""
        ...

    def koppeling_controleren(self, email: str) -> None:
        """Have the stored link checked with ESIS."""
        ...

    def koppeling_uitzetten(self, email: str) -> None:
        """[Koppeling uitzetten], confirmed."""
        ...

    def koppeling_tonen(self, email: str) -> KoppelingOverzicht:
        """Koppelen met LAS as it shows the link (the key masked)."""
        ...

    # --- Stap 4: the import review ------------------------------------------------------------
    def gegevens_importeren(self, email: str) -> None:
        """[Gegevens importeren] on Koppelen met LAS: fetch from ESIS and open the review."""
        ...

    def review(self, email: str) -> Review:
        """The review's three tabs with their three categories."""
        ...

    def niet_importeren(self, email: str, tab: Tab, naam: str) -> None:
        """Put the row ``naam`` of ``tab`` under Niet importeren."""
        ...

    def wel_importeren(self, email: str, tab: Tab, naam: str) -> None:
        """Put the row ``naam`` of ``tab`` back."""
        ...

    def emailadres_invullen(self, email: str, naam: str, emailadres: str) -> None:
        """Fill in the e-mail address of the teacher ``naam``."""
        ...

    def koppel_met_bestaande(self, email: str, naam: str, keuze: str) -> None:
        """[Koppel met bestaande leerling] on ``naam``, choosing the candidate shown as ``keuze…``."""
        ...

    def samenvatting(self, email: str) -> Samenvatting:
        """The first [Gegevens importeren] of the review: the summary page."""
        ...

    def import_bevestigen(self, email: str) -> Verwerkt:
        """The confirming [Gegevens importeren] on the summary page."""
        ...

    def account_aanmaken(self, token: str) -> tuple[str, str]:
        """A teacher opens the invitation link: the account's e-mail address and role."""
        ...

    # --- Stap 4: results ----------------------------------------------------------------------
    def resultaten_terugzetten(self, email: str, schooljaar: str) -> None:
        """A beheerder tries to send a previous school year's results to ESIS."""
        ...
