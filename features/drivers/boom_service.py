"""The Boom driver over boomlink's service functions (what the CLI and the web screens call).

Each method opens a session, finds the user by e-mail address, and calls the service of the
screen's button with the scenario's clock; a refusal (:class:`~boomlink.errors.BoomlinkError`)
becomes :class:`~drivers.base.Geweigerd` with the Dutch message the user would read. Rows of the
import review are found by the name the screen shows, like a user would.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from boomlink.audit import BOOM_SUPPORT
from boomlink.errors import BoomlinkError
from boomlink.importeren.ophalen import gegevens_importeren
from boomlink.importeren.review import (
    Review,
    Tab,
    emailadres_invullen,
    koppel_met_bestaande,
    niet_importeren,
    review_tonen,
    wel_importeren,
)
from boomlink.importeren.samenvatting import Samenvatting, samenvatting
from boomlink.importeren.uitnodigingen import account_aanmaken
from boomlink.importeren.verwerken import Verwerkt, import_verwerken
from boomlink.koppeling.controle import koppeling_controleren as _controleren
from boomlink.koppeling.stap1 import Koppelformulier, koppelformulier, koppeling_aanvragen
from boomlink.koppeling.stap1 import nummers_verwijderen as _nummers_verwijderen
from boomlink.koppeling.stap3 import KoppelingOverzicht, koppeling_opslaan, koppeling_status
from boomlink.koppeling.stap3 import koppeling_uitzetten as _uitzetten
from boomlink.koppeling.verificatie import esis_verifier
from boomlink.koppeling.voorbereiding import uwlr_inschakelen as _inschakelen
from boomlink.resultaten import vorig_schooljaar_terugzetten
from boomlink.store import Gebruiker, School
from boomlink.uwlr_client import ClientConfig
from drivers.base import BoomOmgeving, Geweigerd

__all__ = ["BoomServiceDriver"]

T = TypeVar("T")


class BoomServiceDriver:
    """:class:`~drivers.base.BoomDriver` through boomlink's service layer."""

    def __init__(self, omgeving: BoomOmgeving) -> None:
        self.omgeving = omgeving

    # --- plumbing -----------------------------------------------------------------------------
    @contextmanager
    def _sessie(self) -> Iterator[Session]:
        try:
            with self.omgeving.store.session() as session:
                yield session
        except BoomlinkError as error:
            raise Geweigerd(error.bericht) from None

    def _als(self, email: str, actie: Callable[..., T], **kwargs: Any) -> T:
        """``actie(session, school, gebruiker, **kwargs)`` as the user with ``email``."""
        with self._sessie() as session:
            gebruiker = session.scalar(select(Gebruiker).where(Gebruiker.emailadres == email))
            assert gebruiker is not None, f"geen gebruiker {email} in het Boom testcentrum"
            return actie(session, gebruiker.school, gebruiker, **kwargs)

    def _regel_id(self, email: str, tab: Tab, naam: str) -> int:
        gevonden = [r for r in self.review(email).regels(tab) if r.naam == naam]
        assert len(gevonden) == 1, f"{naam!r} staat niet precies één keer op {tab.titel}"
        return gevonden[0].id

    def _client_config(self) -> ClientConfig:
        if self.omgeving.client_config is not None:
            return self.omgeving.client_config
        las = self.omgeving.settings.las
        assert las is not None, "het Boom testcentrum heeft geen ESIS ingesteld"
        return las.client_config()

    # --- Boom support -------------------------------------------------------------------------
    def uwlr_inschakelen(self, school_naam: str, brin: str) -> None:
        with self._sessie() as session:
            _inschakelen(session, school_naam=school_naam, brin=brin, now=self.omgeving.nu)

    def resultaten_doorsturen(self, brin: str, schooljaar: str) -> None:
        with self._sessie() as session:
            school = session.scalar(select(School).where(School.brincode == brin))
            assert school is not None, f"geen school met BRIN {brin}"
            vorig_schooljaar_terugzetten(
                session,
                school=school,
                schooljaar=schooljaar,
                uitvoerder=BOOM_SUPPORT,
                now=self.omgeving.nu,
            )

    # --- Beheer → Koppelen met LAS ------------------------------------------------------------
    def koppelformulier(self, email: str) -> Koppelformulier:
        return self._als(email, koppelformulier, now=self.omgeving.nu)

    def nummers_verwijderen(self, email: str) -> None:
        self._als(email, _nummers_verwijderen)

    def aanvragen(self, email: str, *, type_koppeling: str, brincode: str, schooljaar: str) -> None:
        self._als(
            email,
            koppeling_aanvragen,
            type_koppeling=type_koppeling,
            brincode=brincode,
            schooljaar=schooljaar,
            now=self.omgeving.nu,
        )

    def sleutel_opslaan(self, email: str, *, autorisatiesleutel: str, schoolkey: str) -> None:
        self._als(
            email,
            koppeling_opslaan,
            autorisatiesleutel=autorisatiesleutel,
            schoolkey=schoolkey,
            verify=esis_verifier(self.omgeving.settings),
            kluis=self.omgeving.store.kluis(),
            now=self.omgeving.nu,
        )

    def koppeling_controleren(self, email: str) -> None:
        self._als(
            email,
            _controleren,
            verify=esis_verifier(self.omgeving.settings),
            kluis=self.omgeving.store.kluis(),
            now=self.omgeving.nu,
        )

    def koppeling_uitzetten(self, email: str) -> None:
        self._als(email, _uitzetten, now=self.omgeving.nu)

    def koppeling_tonen(self, email: str) -> KoppelingOverzicht:
        return self._als(email, koppeling_status, kluis=self.omgeving.store.kluis())

    # --- Stap 4: the import review ------------------------------------------------------------
    def gegevens_importeren(self, email: str) -> None:
        self._als(
            email,
            gegevens_importeren,
            client_config=self._client_config(),
            kluis=self.omgeving.store.kluis(),
            now=self.omgeving.nu,
        )

    def review(self, email: str) -> Review:
        return self._als(email, review_tonen)

    def niet_importeren(self, email: str, tab: Tab, naam: str) -> None:
        regel = self._regel_id(email, tab, naam)
        self._als(email, niet_importeren, regel_id=regel)

    def wel_importeren(self, email: str, tab: Tab, naam: str) -> None:
        regel = self._regel_id(email, tab, naam)
        self._als(email, wel_importeren, regel_id=regel)

    def emailadres_invullen(self, email: str, naam: str, emailadres: str) -> None:
        regel = self._regel_id(email, Tab.LEERKRACHTEN, naam)
        self._als(email, emailadres_invullen, regel_id=regel, emailadres=emailadres)

    def koppel_met_bestaande(self, email: str, naam: str, keuze: str) -> None:
        [regel] = [r for r in self.review(email).regels(Tab.LEERLINGEN) if r.naam == naam]
        (kandidaat,) = [k for k, tekst in regel.kandidaten if tekst.startswith(keuze)]
        self._als(email, koppel_met_bestaande, regel_id=regel.id, bestaand_id=kandidaat)

    def samenvatting(self, email: str) -> Samenvatting:
        return self._als(email, samenvatting)

    def import_bevestigen(self, email: str) -> Verwerkt:
        return self._als(email, import_verwerken, now=self.omgeving.nu)

    def account_aanmaken(self, token: str) -> tuple[str, str]:
        with self._sessie() as session:
            gebruiker = account_aanmaken(session, token, now=self.omgeving.nu)
            return gebruiker.emailadres, gebruiker.rol.value

    # --- Stap 4: results ----------------------------------------------------------------------
    def resultaten_terugzetten(self, email: str, schooljaar: str) -> None:
        def terugzetten(session: Session, school: School, gebruiker: Gebruiker) -> None:
            vorig_schooljaar_terugzetten(
                session,
                school=school,
                schooljaar=schooljaar,
                uitvoerder=gebruiker,
                now=self.omgeving.nu,
            )

        self._als(email, terugzetten)
