"""Page objects of the fake ESIS's screens (``/esis/``), in the handbook's words, for Playwright.

One class per screen; every method is one thing a person does there or reads from it. Locators
use roles and labels, so what a test can find, a screen reader can find. :class:`EsisWeb` is the
entry: ``EsisWeb(page, base_url).inloggen("99OI00", "j.devries").koppelingen().boom_testcentrum()``.
A method that loads a page returns the HTTP status of the page that arrived (a refusal is 4xx).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from playwright.sync_api import Locator, Page

__all__ = [
    "ActiverenFormulier",
    "EsisWeb",
    "KoppelingScherm",
    "Koppelingen",
    "MijnGroep",
    "ToetsresultatenInvoeren",
    "klik",
    "meldingen",
]


def klik(locator: Locator) -> int:
    """Click what loads a new page; the HTTP status of the page that arrived."""
    with locator.page.expect_navigation() as navigatie:
        locator.click()
    antwoord = navigatie.value
    return antwoord.status if antwoord is not None else 200


def meldingen(page: Page) -> str:
    """What the page says is wrong: its alerts and the errors next to fields."""
    delen = page.locator(".melding.fout, .veldfout").all_inner_texts()
    return " ".join(d.strip() for d in delen if d.strip())


def _knop(plek: Page | Locator, naam: str) -> Locator:
    return plek.get_by_role("button", name=re.compile(rf"^{re.escape(naam)}\b"))


@dataclass
class EsisWeb:
    """The fake ESIS in one browser tab."""

    page: Page
    base_url: str
    status: int = 200

    def open(self, pad: str) -> int:
        antwoord = self.page.goto(f"{self.base_url}/esis{pad}")
        self.status = antwoord.status if antwoord is not None else 200
        return self.status

    def school_kiezen(self, school: str) -> int:
        """Inloggen: pick the school (BRIN + vestiging) from the list."""
        self.open("/inloggen")
        rij = self.page.get_by_role("row").filter(has_text=school)
        self.status = klik(rij.get_by_role("link"))
        return self.status

    def inloggen(self, school: str, gebruikersnaam: str) -> EsisWeb:
        """Inloggen on the school's sign-in page (``/esis/inloggen/{school}``, the page
        :meth:`school_kiezen` leads to): [Inloggen] on the user's row."""
        self.open(f"/inloggen/{quote(school, safe='')}")
        cel = self.page.get_by_role("cell", name=gebruikersnaam, exact=True)
        self.status = klik(_knop(self.page.get_by_role("row").filter(has=cel), "Inloggen"))
        return self

    def _menu(self, naam: str) -> int:
        menu = self.page.get_by_role("navigation", name="ESIS-menu")
        self.status = klik(menu.get_by_role("link", name=naam, exact=True))
        return self.status

    def koppelingen(self) -> Koppelingen:
        """Import-Export-Koppelingen → Koppelingen."""
        self._menu("Koppelingen")
        return Koppelingen(self)

    def mijn_groep(self) -> MijnGroep:
        """Mijn Groep."""
        self._menu("Mijn Groep")
        return MijnGroep(self)

    def toetsresultaten_invoeren(self) -> ToetsresultatenInvoeren:
        """Onderwijs → Toetsresultaten invoeren."""
        self._menu("Toetsresultaten invoeren")
        return ToetsresultatenInvoeren(self)

    def hoofdtekst(self) -> str:
        return self.page.get_by_role("main").inner_text()


@dataclass
class Koppelingen:
    """Import-Export-Koppelingen → Koppelingen: the Resultatenkoppelingen."""

    web: EsisWeb

    def geweigerd(self) -> str | None:
        """The reason shown beside "Boom testcentrum" when this user may not open it."""
        reden = self.web.page.locator("#boom-geweigerd")
        return reden.inner_text().strip() if reden.count() else None

    def boom_testcentrum(self) -> KoppelingScherm:
        """Open the Boom testcentrum resultatenkoppeling."""
        self.web.status = klik(self.web.page.get_by_role("link", name="Boom testcentrum"))
        return KoppelingScherm(self.web)


@dataclass
class KoppelingScherm:
    """Resultatenkoppeling Boom testcentrum: status, the key (masked, or new and in full once)."""

    web: EsisWeb

    def actief(self) -> bool:
        return self.web.page.locator("#status").inner_text().strip() == "actief"

    def getoonde_sleutel(self) -> str | None:
        tekst = self.web.page.locator("#getoonde-sleutel").inner_text().strip()
        return None if tekst in ("", "–") else tekst

    def nieuwe_sleutel(self) -> str | None:
        """The new autorisatiesleutel, in the field it is shown in this once (else None)."""
        veld = self.web.page.get_by_label("Autorisatiesleutel", exact=True)
        return veld.input_value() if veld.count() else None

    def activeren(self) -> ActiverenFormulier:
        """[Activeren]."""
        self.web.status = klik(self.web.page.get_by_role("link", name="Activeren", exact=True))
        return ActiverenFormulier(self.web)

    def kan_deactiveren(self) -> bool:
        return _knop(self.web.page, "Deactiveren").count() > 0

    def deactiveren(self) -> int:
        """[Deactiveren]."""
        self.web.status = klik(_knop(self.web.page, "Deactiveren"))
        return self.web.status


@dataclass
class ActiverenFormulier:
    """The activation form: verificatiecode, the terms checkbox, [Opslaan]."""

    web: EsisWeb

    def uitleg(self) -> str:
        return self.web.page.locator("#verificatiecode-uitleg").inner_text()

    def opslaan(self, verificatiecode: str, *, akkoord: bool) -> KoppelingScherm:
        """Fill in the code, tick (or not) the terms checkbox, [Opslaan]."""
        page = self.web.page
        page.get_by_label("Verificatiecode").fill(verificatiecode)
        page.get_by_label(
            "De schooldirectie gaat akkoord met de gebruikersvoorwaarden"
        ).set_checked(akkoord)
        self.web.status = klik(_knop(page, "Opslaan"))
        return KoppelingScherm(self.web)


@dataclass(frozen=True)
class Toetsrij:
    """One row of Mijn Groep's group overview."""

    toetscode: str
    aantal_leerlingen: int
    gemiddelde_vaardigheidsscore: str | None
    verdeling_niveaus: dict[str, int]


@dataclass
class MijnGroep:
    """Mijn Groep: the groups offered, and one group's overview."""

    web: EsisWeb

    def groepen(self) -> dict[str, str]:
        """The groups offered: key → name."""
        links = self.web.page.locator("ul.groepen a[data-groep]").all()
        return {str(a.get_attribute("data-groep")): a.inner_text().strip() for a in links}

    def open(self, groep: str) -> int:
        """Open ``groep`` (key or name) from the list; a group not offered by its address."""
        waarde = groep.replace("\\", "\\\\").replace('"', '\\"')
        link = self.web.page.locator(f'ul.groepen a[data-groep="{waarde}"]')
        if not link.count():
            link = self.web.page.locator("ul.groepen").get_by_role("link", name=groep, exact=True)
        if link.count():
            self.web.status = klik(link.first)
        else:
            self.web.open(f"/mijn-groep/{quote(groep, safe='')}")
        return self.web.status

    def toetsen(self) -> list[Toetsrij]:
        rijen = []
        for rij in self.web.page.locator("tr[data-toetscode]").all():
            gemiddelde = rij.locator("td.gemiddelde").inner_text().strip()
            niveaus = rij.locator("td.niveaus").inner_text().strip()
            rijen.append(
                Toetsrij(
                    toetscode=str(rij.get_attribute("data-toetscode")),
                    aantal_leerlingen=int(rij.locator("td.aantal").inner_text()),
                    gemiddelde_vaardigheidsscore=None if gemiddelde == "–" else gemiddelde,
                    verdeling_niveaus={
                        k: int(v)
                        for k, v in (p.rsplit("=", 1) for p in niveaus.split(", ") if "=" in p)
                    },
                )
            )
        return rijen


@dataclass(frozen=True)
class HandmatigeRij:
    leerlingid: str
    toets: str
    dle: str
    datum: str


@dataclass
class ToetsresultatenInvoeren:
    """Onderwijs → Toetsresultaten invoeren."""

    web: EsisWeb

    def kan_kiezen(self, leerlingid: str) -> bool:
        keuze = self.web.page.get_by_label("Leerling", exact=True)
        return keuze.locator(f'option[value="{leerlingid}"]').count() > 0

    def invoeren(self, *, leerlingid: str, toets: str, dle: str, datum: str) -> int:
        """Pick the pupil, type the toets, the DLE and the date, [Opslaan]."""
        page = self.web.page
        page.get_by_label("Leerling", exact=True).select_option(leerlingid)
        page.get_by_label("Toets", exact=True).fill(toets)
        page.get_by_label("DLE", exact=True).fill(dle)
        if datum:
            page.get_by_label("Datum", exact=True).fill(datum)
        self.web.status = klik(_knop(page, "Opslaan"))
        return self.web.status

    def tonen(self, leerlingid: str) -> int:
        """Show one pupil's results ([Tonen])."""
        self.web.page.get_by_label("Toon de resultaten van").select_option(leerlingid)
        self.web.status = klik(_knop(self.web.page, "Tonen"))
        return self.web.status

    def handmatig(self) -> list[HandmatigeRij]:
        """The hand-entered results listed, oldest first."""
        rijen = []
        for rij in self.web.page.locator("#handmatig tbody tr").all():
            if not rij.locator("td.dle").count():
                continue
            rijen.append(
                HandmatigeRij(
                    leerlingid=rij.locator("td.leerlingid").inner_text().strip(),
                    toets=rij.locator("td.toets").inner_text().strip(),
                    dle=rij.locator("td.dle").inner_text().strip(),
                    datum=rij.locator("td.datum").inner_text().strip(),
                )
            )
        return rijen
