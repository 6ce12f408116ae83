"""The fake ESIS's own screens in ``make screenshots``: ``docs/screens/esis-*.png``.

:func:`esis_activeren` is handbook step 2 in the demo's walk: the Directie signs in to the fake
ESIS, goes Import-Export-Koppelingen → Koppelingen → Boom testcentrum → [Activeren], has one
code refused, saves a good one and copies the key shown once (returned to the Boom walk).
:func:`esis_na_de_koppeling` takes Mijn Groep (with three normed results brought over UWLR as
Boom would), Toetsresultaten invoeren and what a Leerkracht sees in the Koppelingen menu.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from playwright.sync_api import Browser, Page

from mock_esis.testing.handle import MockEsisHandle
from mock_esis.testing.pages import EsisWeb
from mock_esis.testing.resultaten import leerresultaten_verzoek, oso_resultaat
from uwlr.models import Toets

__all__ = ["esis_activeren", "esis_na_de_koppeling"]


def _foto(page: Page, map_: Path, naam: str) -> None:
    page.screenshot(path=str(map_ / f"esis-{naam}.png"), full_page=True)
    print(f"  docs/screens/esis-{naam}.png")


def _web(browser: Browser, esis: MockEsisHandle) -> EsisWeb:
    page = browser.new_page(viewport={"width": 1280, "height": 800}, locale="nl-NL")
    return EsisWeb(page, esis.base_url)


def esis_activeren(browser: Browser, esis: MockEsisHandle, map_: Path) -> str:
    """Handbook step 2 through the ESIS screens; the new autorisatiesleutel."""
    info = esis.school
    web = _web(browser, esis)
    web.open("/inloggen")
    _foto(web.page, map_, "01-inloggen")
    web.open(f"/inloggen/{info.code}")
    _foto(web.page, map_, "02-gebruikers")
    web.inloggen(info.code, info.gebruiker("Directie"))
    koppelingen = web.koppelingen()
    _foto(web.page, map_, "03-koppelingen")
    formulier = koppelingen.boom_testcentrum().activeren()
    formulier.opslaan("99OI001234567890abcd", akkoord=False)
    _foto(web.page, map_, "04-activeren-geweigerd")
    scherm = formulier.opslaan(f"{info.code}-boomtestcentrum-2026", akkoord=True)
    sleutel = scherm.nieuwe_sleutel()
    assert sleutel
    _foto(web.page, map_, "05-sleutel-eenmalig")
    web.koppelingen().boom_testcentrum()
    _foto(web.page, map_, "06-koppeling-actief")
    web.page.close()
    return sleutel


def _brengen(esis: MockEsisHandle, pupils: list[str]) -> None:
    niveaus = ("1F", "2F", "1F")
    afnames = {
        key: [
            oso_resultaat(
                f"demo-{n}",
                toetscode="BOOM-SPEL-M5",
                afnamedatum=dt.date.today(),
                vaardigheidsscore=40 + 5 * n,
                niveau=niveau,
                dle=str(28 + n),
            )
        ]
        for n, (key, niveau) in enumerate(zip(pupils, niveaus, strict=False))
    }
    toetsen = [Toets(toetscode="BOOM-SPEL-M5", toetsnaam="Boom Spelling M5")]
    verzoek = leerresultaten_verzoek(
        esis.school, afnames, toetsen, aanmaakdatum=dt.datetime.now(dt.UTC)
    )
    esis.call("BrengLeerresultaten", verzoek).raise_for_status()


def esis_na_de_koppeling(browser: Browser, esis: MockEsisHandle, map_: Path) -> None:
    """Mijn Groep, Toetsresultaten invoeren, and a Leerkracht refused in the Koppelingen menu."""
    info = esis.school
    web = _web(browser, esis).inloggen(info.code, info.gebruiker("Leerkracht"))
    groepen = web.mijn_groep()
    [groep, *_] = groepen.groepen()
    detail = esis.admin.school(info.code)
    pupils = [p["key"] for p in detail["leerlingen"] if p.get("groep") == groep]
    _brengen(esis, pupils[:3])
    groepen.open(groep)
    _foto(web.page, map_, "07-mijn-groep")
    invoer = web.toetsresultaten_invoeren()
    invoer.invoeren(leerlingid=pupils[0], toets="Boom Spelling M5", dle="33", datum="")
    _foto(web.page, map_, "08-toetsresultaten-invoeren")
    web.koppelingen()
    _foto(web.page, map_, "09-koppelingen-geweigerd")
    web.page.close()
