"""The ESIS driver through the browser: the fake ESIS's HTML screens (``/esis/``) in Chromium,
with the page objects of :mod:`mock_esis.testing.pages`.

Every ESIS user of a school gets a browser context of their own and signs in on the sign-in page
(pick the school, [Inloggen] on their row; the fake has no passwords). Actions are clicks and
form fills along the handbook's menu path; a page that answers 4xx becomes
:class:`~drivers.base.Geweigerd` with what the page says (its alert, the error next to a field)
and the page's status. The mock's own rules decide; this driver checks nothing itself.

Two actions a user can only do by typing an address, because the screen does not offer them, are
done that way: opening the Boom testcentrum koppeling when the menu shows it refused (H-S2-01),
and opening Mijn Groep of a group the user does not teach (H-S4-12).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from drivers.base import EsisKoppeling, Geweigerd, MijnGroep, Toetsgroep, Toetsresultaatregel
from mock_esis.testing.handle import MockEsisHandle
from mock_esis.testing.pages import EsisWeb, KoppelingScherm, meldingen

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext

__all__ = ["EsisBrowserDriver"]

_KOPPELING = "/import-export-koppelingen/koppelingen/boom-testcentrum"


class EsisBrowserDriver:
    """:class:`~drivers.base.EsisDriver` through the fake ESIS's HTML screens in Chromium."""

    def __init__(self, esis: MockEsisHandle, request: pytest.FixtureRequest) -> None:
        self._base_url = esis.base_url
        self._browser: Browser = request.getfixturevalue("chromium")
        self._gebruikers: dict[tuple[str, str], tuple[BrowserContext, EsisWeb]] = {}
        request.addfinalizer(self.sluiten)

    def sluiten(self) -> None:
        for context, _web in self._gebruikers.values():
            context.close()
        self._gebruikers.clear()

    def _als(self, code: str, gebruiker: str) -> EsisWeb:
        """The signed-in tab of ``gebruiker`` of school ``code``."""
        if (code, gebruiker) not in self._gebruikers:
            context = self._browser.new_context(locale="nl-NL")
            context.set_default_timeout(15000)
            web = EsisWeb(context.new_page(), self._base_url)
            web.inloggen(code, gebruiker)
            self._weiger_bij_fout(web)
            self._gebruikers[(code, gebruiker)] = (context, web)
        return self._gebruikers[(code, gebruiker)][1]

    @staticmethod
    def _weiger_bij_fout(web: EsisWeb) -> None:
        if web.status >= 400:
            raise Geweigerd(meldingen(web.page) or web.hoofdtekst(), status=web.status)

    def _koppeling(self, code: str, gebruiker: str) -> KoppelingScherm:
        """Import-Export-Koppelingen → Koppelingen → Resultatenkoppelingen → Boom testcentrum."""
        web = self._als(code, gebruiker)
        koppelingen = web.koppelingen()
        self._weiger_bij_fout(web)
        if koppelingen.geweigerd() is not None:
            web.open(_KOPPELING)  # refused in the menu: the user tries the address itself
            self._weiger_bij_fout(web)
            raise AssertionError("het menu weigerde, maar de pagina van de koppeling niet")
        scherm = koppelingen.boom_testcentrum()
        self._weiger_bij_fout(web)
        return scherm

    # --- EsisDriver -----------------------------------------------------------------------------
    def activeren(self, code: str, gebruiker: str, verificatiecode: str, *, akkoord: bool) -> str:
        scherm = self._koppeling(code, gebruiker)
        formulier = scherm.activeren()
        self._weiger_bij_fout(scherm.web)
        getoond = formulier.opslaan(verificatiecode, akkoord=akkoord)
        self._weiger_bij_fout(getoond.web)
        sleutel = getoond.nieuwe_sleutel()
        assert sleutel, "ESIS toonde geen nieuwe autorisatiesleutel"
        return sleutel

    def deactiveren(self, code: str, gebruiker: str) -> None:
        scherm = self._koppeling(code, gebruiker)
        if not scherm.kan_deactiveren():
            raise Geweigerd(scherm.web.hoofdtekst(), status=None)
        scherm.deactiveren()
        self._weiger_bij_fout(scherm.web)

    def koppeling(self, code: str, gebruiker: str) -> EsisKoppeling:
        scherm = self._koppeling(code, gebruiker)
        return EsisKoppeling(
            actief=scherm.actief(),
            getoonde_sleutel=scherm.getoonde_sleutel(),
            tekst=scherm.web.hoofdtekst(),
        )

    def mijn_groepen(self, code: str, gebruiker: str) -> list[str]:
        web = self._als(code, gebruiker)
        scherm = web.mijn_groep()
        self._weiger_bij_fout(web)
        return list(scherm.groepen())

    def mijn_groep(self, code: str, groep: str, gebruiker: str) -> MijnGroep:
        web = self._als(code, gebruiker)
        scherm = web.mijn_groep()
        self._weiger_bij_fout(web)
        scherm.open(groep)
        self._weiger_bij_fout(web)
        return MijnGroep(
            toetsen=[
                Toetsgroep(
                    toetscode=t.toetscode,
                    aantal_leerlingen=t.aantal_leerlingen,
                    gemiddelde_vaardigheidsscore=t.gemiddelde_vaardigheidsscore,
                    verdeling_niveaus=t.verdeling_niveaus,
                )
                for t in scherm.toetsen()
            ],
            tekst=web.hoofdtekst(),
        )

    def toetsresultaat_invoeren(
        self, code: str, gebruiker: str, *, leerlingid: str, toets: str, dle: str, datum: str
    ) -> None:
        web = self._als(code, gebruiker)
        scherm = web.toetsresultaten_invoeren()
        self._weiger_bij_fout(web)
        if not scherm.kan_kiezen(leerlingid):
            raise Geweigerd(f"Leerling {leerlingid} staat niet in de keuzelijst.", status=None)
        scherm.invoeren(leerlingid=leerlingid, toets=toets, dle=dle, datum=datum)
        self._weiger_bij_fout(web)

    def toetsresultaten(
        self, code: str, gebruiker: str, leerlingid: str
    ) -> list[Toetsresultaatregel]:
        web = self._als(code, gebruiker)
        scherm = web.toetsresultaten_invoeren()
        self._weiger_bij_fout(web)
        scherm.tonen(leerlingid)
        self._weiger_bij_fout(web)
        return [
            Toetsresultaatregel(leerlingid=r.leerlingid, toets=r.toets, dle=r.dle, datum=r.datum)
            for r in scherm.handmatig()
        ]
