"""Page objects of the Boom screens, in the handbook's words.

Every method is one thing a person does on a screen (click [Aanvragen], fill the
autorisatiesleutel, put a pupil under Niet importeren) or reads from it. Locators use roles and
labels only, so what a test can find, a screen reader can find. :class:`BoomWeb` is the entry:
``BoomWeb(page, base_url).inloggen(email, wachtwoord).koppelen_met_las()``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from playwright.sync_api import Locator, Page

__all__ = [
    "BoomWeb",
    "ImportControle",
    "KoppelenMetLas",
    "Resultaten",
    "Samenvatting",
    "Support",
    "Toetsafnames",
    "klik",
]


def _knop(page: Page | Locator, naam: str) -> Locator:
    return page.get_by_role("button", name=re.compile(rf"^{re.escape(naam)}\b"))


def klik(locator: Locator) -> None:
    """Click a button or link that loads a new page, and wait until that page is there."""
    with locator.page.expect_navigation():
        locator.click()


@dataclass
class BoomWeb:
    page: Page
    base_url: str

    def open(self, pad: str) -> Page:
        self.page.goto(self.base_url + pad)
        return self.page

    def inloggen(self, emailadres: str, wachtwoord: str) -> BoomWeb:
        self.open("/inloggen")
        self.page.get_by_label("E-mailadres").fill(emailadres)
        self.page.get_by_label("Wachtwoord").fill(wachtwoord)
        klik(_knop(self.page, "Inloggen"))
        return self

    def uitloggen(self) -> None:
        klik(_knop(self.page, "Uitloggen"))

    def melding(self) -> str:
        """The texts of the page's status and alert boxes."""
        return " ".join(
            self.page.locator(".melding").all_inner_texts()
            + self.page.locator(".veldfout").all_inner_texts()
        )

    def koppelen_met_las(self) -> KoppelenMetLas:
        klik(
            self.page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
                "link", name="Koppelen met LAS"
            )
        )
        return KoppelenMetLas(self.page)

    def import_controleren(self) -> ImportControle:
        klik(
            self.page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
                "link", name="Import controleren"
            )
        )
        return ImportControle(self.page)

    def resultaten(self) -> Resultaten:
        klik(
            self.page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
                "link", name="Resultaten", exact=True
            )
        )
        return Resultaten(self.page)

    def toetsafnames(self) -> Toetsafnames:
        klik(
            self.page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
                "link", name="Toetsafnames"
            )
        )
        return Toetsafnames(self.page)

    def account_aanmaken(self, link: str, wachtwoord: str, herhaling: str | None = None) -> None:
        """H-S4-04: open the invitation link and choose a password."""
        self.page.goto(link)
        self.page.get_by_label("Wachtwoord", exact=True).fill(wachtwoord)
        self.page.get_by_label("Herhaal wachtwoord").fill(
            wachtwoord if herhaling is None else herhaling
        )
        klik(_knop(self.page, "Account aanmaken"))

    def support(self) -> Support:
        return Support(self.page)


@dataclass
class KoppelenMetLas:
    page: Page

    def waarde(self, label: str) -> str:
        term = self.page.locator("dt", has_text=re.compile(rf"^{re.escape(label)}$"))
        return term.locator("xpath=following-sibling::dd[1]").inner_text().strip()

    def status(self) -> str:
        return self.waarde("Status")

    def extern_nummers(self) -> str:
        return self.page.locator("#extern-nummers").inner_text()

    def verwijder_nummers(self) -> str:
        """[Verwijder nummers], then confirm; returns the confirmation page's text."""
        klik(self.page.get_by_role("link", name="Verwijder nummers"))
        tekst = self.page.get_by_role("main").inner_text()
        klik(_knop(self.page, "Verwijder nummers"))
        return tekst

    def aanvragen(
        self, *, type_koppeling: str = "ESIS UWLR", brincode: str, schooljaar: str
    ) -> None:
        self.page.get_by_label("Type koppeling").select_option(type_koppeling)
        self.page.get_by_label("BRIN-code").fill(brincode)
        self.page.get_by_label("Schooljaar").fill(schooljaar)
        klik(_knop(self.page, "Aanvragen"))

    def veldfout(self, label: str) -> str:
        veld = self.page.get_by_label(label, exact=True)
        beschreven = veld.get_attribute("aria-describedby") or ""
        fouten = [i for i in beschreven.split() if i.endswith("-fout")]
        return self.page.locator(f"#{fouten[0]}").inner_text() if fouten else ""

    def sleutel_opslaan(self, autorisatiesleutel: str, schoolkey: str = "") -> None:
        """Paste the key, leave SchoolKey empty (the handbook), [Wijzigingen opslaan]."""
        self.page.get_by_label("Autorisatiesleutel").fill(autorisatiesleutel)
        self.page.get_by_label("SchoolKey").fill(schoolkey)
        klik(_knop(self.page, "Wijzigingen opslaan"))

    def gegevens_importeren(self) -> ImportControle:
        klik(_knop(self.page, "Gegevens importeren"))
        return ImportControle(self.page)

    def uitzetten(self) -> None:
        klik(self.page.get_by_role("link", name="Koppeling uitzetten"))
        klik(_knop(self.page, "Koppeling uitzetten"))


@dataclass
class ImportControle:
    page: Page

    def tab(self, naam: str) -> ImportControle:
        klik(
            self.page.get_by_role("navigation", name="Tabbladen").get_by_role(
                "link", name=re.compile(rf"^{naam}\b")
            )
        )
        return self

    def categorie(self, naam: str) -> ImportControle:
        klik(
            self.page.get_by_role("navigation", name="Categorieën").get_by_role(
                "link", name=re.compile(rf"^{naam} \(")
            )
        )
        return self

    def aantal(self, categorie: str) -> int:
        link = self.page.get_by_role("navigation", name="Categorieën").get_by_role(
            "link", name=re.compile(rf"^{categorie} \(")
        )
        gevonden = re.search(r"\((\d+)\)", link.inner_text())
        assert gevonden is not None
        return int(gevonden.group(1))

    def zoek(self, naam: str) -> ImportControle:
        self.page.get_by_label("Zoek op naam").fill(naam)
        klik(_knop(self.page, "Zoeken"))
        return self

    def namen(self) -> list[str]:
        return [n.strip() for n in self.page.locator("tbody tr th[scope=row]").all_inner_texts()]

    def rij(self, naam: str) -> Locator:
        return self.page.locator("tbody tr", has=self.page.locator("th", has_text=naam)).first

    def niet_importeren(self, naam: str) -> None:
        klik(_knop(self.rij(naam), "Niet importeren"))

    def terugzetten(self, naam: str) -> None:
        klik(_knop(self.rij(naam), "Terugzetten"))

    def emailadres_invullen(self, naam: str, emailadres: str) -> None:
        rij = self.rij(naam)
        rij.get_by_label(f"E-mailadres van {naam}").fill(emailadres)
        klik(_knop(rij, "Opslaan"))

    def regelmelding(self, naam: str) -> str:
        melding = self.rij(naam).locator(".regel-melding")
        return melding.inner_text() if melding.count() else ""

    def koppel_met_bestaande(self, naam: str, bestaande: str) -> None:
        """[Koppel met bestaande …] on the row, choose ``bestaande`` and confirm."""
        klik(self.rij(naam).get_by_role("link", name=re.compile(r"^Koppel met bestaande")))
        self.page.get_by_label(bestaande).check()
        klik(_knop(self.page, "Koppel met bestaande"))

    def keuzes(self, naam: str) -> list[str]:
        klik(self.rij(naam).get_by_role("link", name=re.compile(r"^Koppel met bestaande")))
        labels = self.page.locator("fieldset label").all_inner_texts()
        klik(self.page.get_by_role("link", name=re.compile("^(Annuleren|Terug)$")))
        return labels

    def advies(self) -> str:
        advies = self.page.locator("#advies")
        return advies.inner_text() if advies.count() else ""

    def naar_samenvatting(self) -> Samenvatting:
        klik(self.page.get_by_role("link", name="Gegevens importeren"))
        return Samenvatting(self.page)


@dataclass
class Samenvatting:
    page: Page

    def aantal(self, tab: str, categorie: str) -> int:
        tabel = self.page.locator("#samenvatting-tellingen")
        koppen = [k.strip() for k in tabel.locator("thead th").all_inner_texts()]
        rij = tabel.locator("tbody tr", has=self.page.locator("th", has_text=tab))
        cellen = rij.locator("td").all_inner_texts()
        return int(cellen[koppen.index(categorie) - 1])

    def gegevens_importeren(self) -> str:
        """The confirming [Gegevens importeren]; returns the outcome's text."""
        klik(_knop(self.page, "Gegevens importeren"))
        return self.page.get_by_role("main").inner_text()


@dataclass
class Resultaten:
    page: Page

    def aantal(self, status: str) -> int:
        return int(self.page.locator(f"dd[data-status='{status}']").inner_text())

    def geweigerd(self) -> list[str]:
        return self.page.locator("tbody tr").all_inner_texts()


@dataclass
class Toetsafnames:
    page: Page

    def normeren(
        self, afname_id: int, *, vaardigheidsscore: str, dle: str, niveau: str = "", score: str = ""
    ) -> None:
        rij = self.page.locator(f"#afname-{afname_id}")
        for label, waarde in (
            ("Vaardigheidsscore", vaardigheidsscore),
            ("DLE", dle),
            ("Niveau", niveau),
            ("Score", score),
        ):
            rij.get_by_label(f"{label} van afname {afname_id}", exact=True).fill(waarde)
        klik(_knop(rij, "Normeren"))

    def rij(self, afname_id: int) -> str:
        return self.page.locator(f"#afname-{afname_id}").inner_text()


@dataclass
class Support:
    page: Page

    def voorbereiding(self, school_naam: str, brin: str) -> None:
        """H-P-01: UWLR-koppeling inschakelen for a school."""
        klik(self.page.get_by_role("link", name="Voorbereiding"))
        self.page.get_by_label("Naam van de school").fill(school_naam)
        self.page.get_by_label("BRIN-code").fill(brin)
        klik(_knop(self.page, "UWLR-koppeling inschakelen"))

    def terugzetten(self, brin: str, schooljaar: str, *, bevestigen: bool = True) -> None:
        """H-S4-11: the audited back-fill, behind the explicit confirmation."""
        klik(self.page.get_by_role("link", name="Resultaten terugzetten"))
        self.page.get_by_label("BRIN-code").fill(brin)
        self.page.get_by_label("Schooljaar", exact=True).fill(schooljaar)
        if bevestigen:
            self.page.get_by_label(re.compile("^Ja, stuur")).check()
        klik(_knop(self.page, "Resultaten terugzetten"))

    def scholen(self) -> list[str]:
        return self.page.locator("#scholen tbody tr").all_inner_texts()
