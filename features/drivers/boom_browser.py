"""The Boom driver through the browser: ``boomlink web`` served on the scenario's database,
driven in Debian's Chromium with the page objects of :mod:`boomlink.web.testing.pages`.

Per scenario (per :class:`~drivers.base.BoomOmgeving`) the driver serves the real web app with
waitress on a free loopback port, over the scenario's store and settings, with the scenario's
clock (``create_app(klok=…)``: "Stel het is 16 november 2026" reaches the app). Every user
gets a browser context of their own (their own cookie) and logs in with e-mail and password on
the login page; the password is set up once through the accounts service
(:meth:`~drivers.base.BoomOmgeving.testwachtwoord`). Boom support is a support account the
driver adds the same way.

Actions are clicks and form fills; what the user sees is read from the pages, and a page that
answers with an error status (a refused form: 4xx) becomes :class:`~drivers.base.Geweigerd`
with the texts the page shows. The views the protocol returns are built from the page:

- ``Koppelformulier``: school, type(s), BRIN and vestiging, schooljaar, the extern nummers;
  ``koppeling`` (a database row) is not on the page and stays ``None``.
- ``KoppelingOverzicht``: what the Koppeling box shows (status, masked key); the page does not
  show the SchoolKey or the activation time (``None``).
- ``Review``: every tab × category page (all pages of a paged list), each row with its id
  (the row's ``id``), name, description, extern nummer, what it is linked to and the reason,
  the row's message; a row offering "N mogelijke" gets its candidates from its [Koppel met
  bestaande …] page (value and label of each "mogelijke match"). ``sessie_id`` is not shown (0).
- ``Samenvatting`` and ``Verwerkt``: the tables and lists of the summary and outcome pages.
"""

from __future__ import annotations

import re
import secrets
from typing import TYPE_CHECKING, Any

import pytest
from sqlalchemy import select

from boomlink.accounts import support_toevoegen
from boomlink.importeren.review import Regelweergave, Review, Tab
from boomlink.importeren.samenvatting import Samenvatting
from boomlink.importeren.verwerken import Verwerkt
from boomlink.koppeling.stap1 import ExternNummers, Koppelformulier
from boomlink.koppeling.stap3 import KoppelingOverzicht
from boomlink.koppeling.verificatie import esis_verifier
from boomlink.store import Gebruiker
from boomlink.store.import_models import Categorie
from boomlink.web import create_app
from boomlink.web.server import WebServer
from boomlink.web.testing.pages import BoomWeb, ImportControle, KoppelenMetLas
from drivers.base import BoomOmgeving, Geweigerd

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Locator, Page

__all__ = ["SUPPORT_EMAIL", "BoomBrowserDriver"]

SUPPORT_EMAIL = "support@boom.example.nl"
_CATEGORIE_TITEL = {
    Categorie.NIEUW: "Nieuw",
    Categorie.BESTAAND: "Bestaand",
    Categorie.NIET_IMPORTEREN: "Niet importeren",
}
_STATUS = {
    "geen koppeling": None,
    "aangevraagd": "aangevraagd",
    "goedgekeurd": "goedgekeurd",
    "afgewezen": "afgewezen",
    "actief": "actief",
    "uitgezet": "uit",
}
#: Reads every row of a review list in one round trip.
_RIJEN_JS = """rijen => rijen.map(r => {
  const cellen = r.querySelectorAll('td');
  const melding = r.querySelector('.regel-melding');
  const klein = cellen[2] ? cellen[2].querySelector('.klein') : null;
  const omschrijving = cellen[0].cloneNode(true);
  omschrijving.querySelectorAll('.regel-melding').forEach(m => m.remove());
  return {
    id: r.id, naam: r.dataset.naam, nummer: r.dataset.nummer,
    omschrijving: omschrijving.innerText.trim(),
    melding: melding ? melding.innerText.trim() : null,
    gekoppeld: cellen[2] ? cellen[2].innerText.trim() : '-',
    klein: klein ? klein.innerText.trim() : null,
  };
})"""


def _klik(locator: Locator) -> int:
    """Click what loads a new page; the HTTP status of the page that arrived."""
    with locator.page.expect_navigation() as navigatie:
        locator.click()
    antwoord = navigatie.value
    return antwoord.status if antwoord is not None else 200


def _knop(plek: Page | Locator, naam: str) -> Locator:
    return plek.get_by_role("button", name=re.compile(rf"^{re.escape(naam)}\b"))


def _zoals_service(label: str, reden: str) -> str:
    """A field's error as the service words it: the field's label and the reason."""
    if len(reden) > 1 and reden[1].islower():
        reden = reden[0].lower() + reden[1:]
    return f"Het veld ‘{label}’ is niet juist: {reden}"


def wat_de_pagina_meldt(page: Page) -> str:
    """Everything the page says is wrong: alerts, field errors (with their field's label), a
    rejected request's status, and on an error page its text."""
    delen = [t.strip() for t in page.locator(".melding.fout").all_inner_texts()]
    for fout in page.locator(".veldfout:not(.regel-melding)").all():
        fout_id = fout.get_attribute("id") or ""
        label = page.locator(f"label[for='{fout_id.removesuffix('-fout')}']")
        tekst = fout.inner_text().strip()
        delen.append(_zoals_service(label.inner_text().strip(), tekst) if label.count() else tekst)
    status = page.locator("#koppeling-status")
    if status.count() and status.inner_text().strip() == "afgewezen":
        delen.insert(0, "De aanvraag is afgewezen.")
    if not delen:
        delen.append(page.get_by_role("main").inner_text().strip())
    return " ".join(d for d in delen if d)


class BoomBrowserDriver:
    """:class:`~drivers.base.BoomDriver` through ``boomlink web`` in Chromium."""

    def __init__(self, omgeving: BoomOmgeving, request: pytest.FixtureRequest) -> None:
        self.omgeving = omgeving
        self._browser: Browser = request.getfixturevalue("chromium")
        app = create_app(
            omgeving.store,
            settings=omgeving.settings,
            client_config=omgeving.client_config,
            verifier=esis_verifier(omgeving.settings),
            environ={"BOOMLINK_WEB_SECRET": secrets.token_hex(16)},
            klok=lambda: omgeving.nu,
        )
        self._server = WebServer(app).start()
        self._gebruikers: dict[str, tuple[BrowserContext, BoomWeb]] = {}
        request.addfinalizer(self.sluiten)

    @property
    def base_url(self) -> str:
        return self._server.base_url

    def sluiten(self) -> None:
        for context, _web in self._gebruikers.values():
            context.close()
        self._gebruikers.clear()
        self._server.stop()

    # --- plumbing -----------------------------------------------------------------------------
    def _venster(self) -> tuple[BrowserContext, BoomWeb]:
        context = self._browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
        context.set_default_timeout(20000)
        return context, BoomWeb(context.new_page(), self.base_url)

    def _als(self, email: str) -> BoomWeb:
        """The browser window of ``email``, logged in on the login page."""
        if email not in self._gebruikers:
            wachtwoord = (
                self._support_wachtwoord()
                if email == SUPPORT_EMAIL
                else self.omgeving.testwachtwoord(email)
            )
            context, web = self._venster()
            web.inloggen(email, wachtwoord)
            assert not web.page.url.endswith("/inloggen"), web.melding()
            self._gebruikers[email] = (context, web)
        return self._gebruikers[email][1]

    def _support_wachtwoord(self) -> str:
        if SUPPORT_EMAIL not in self.omgeving.wachtwoorden:
            wachtwoord = f"support-{secrets.token_urlsafe(12)}"
            with self.omgeving.store.session() as session:
                support_toevoegen(
                    session, emailadres=SUPPORT_EMAIL, naam="Boom support", wachtwoord=wachtwoord
                )
                session.commit()
            self.omgeving.wachtwoorden[SUPPORT_EMAIL] = wachtwoord
        return self.omgeving.wachtwoorden[SUPPORT_EMAIL]

    def _school_pad(self, email: str) -> str:
        """The school's pages of ``email`` (the address a user has bookmarked)."""
        with self.omgeving.store.session() as session:
            school_id = session.scalar(
                select(Gebruiker.school_id).where(Gebruiker.emailadres == email)
            )
        assert school_id is not None, f"geen gebruiker {email} in het Boom testcentrum"
        return f"/scholen/{school_id}"

    def _open(self, email: str, pad: str) -> BoomWeb:
        """Open one of the user's pages; a refusal (4xx) is :class:`Geweigerd`."""
        web = self._als(email)
        antwoord = web.page.goto(self.base_url + self._school_pad(email) + pad)
        if antwoord is not None and antwoord.status >= 400:
            raise Geweigerd(wat_de_pagina_meldt(web.page), status=antwoord.status)
        return web

    def _koppelen(self, email: str) -> KoppelenMetLas:
        """Beheer → Koppelen met LAS, freshly opened (what it offers depends on the moment)."""
        return KoppelenMetLas(self._open(email, "/koppelen").page)

    @staticmethod
    def _gelukt(page: Page, status: int) -> None:
        if status >= 400:
            raise Geweigerd(wat_de_pagina_meldt(page), status=status)

    # --- Boom support -------------------------------------------------------------------------
    def uwlr_inschakelen(self, school_naam: str, brin: str) -> None:
        page = self._als(SUPPORT_EMAIL).page
        _klik(page.get_by_role("link", name="Voorbereiding"))
        page.get_by_label("Naam van de school").fill(school_naam)
        page.get_by_label("BRIN-code").fill(brin)
        self._gelukt(page, _klik(_knop(page, "UWLR-koppeling inschakelen")))

    def resultaten_doorsturen(self, brin: str, schooljaar: str) -> None:
        page = self._als(SUPPORT_EMAIL).page
        _klik(page.get_by_role("link", name="Resultaten terugzetten"))
        page.get_by_label("BRIN-code").fill(brin)
        page.get_by_label("Schooljaar", exact=True).fill(schooljaar)
        page.get_by_label(re.compile("^Ja, stuur")).check()
        self._gelukt(page, _klik(_knop(page, "Resultaten terugzetten")))

    # --- Beheer → Koppelen met LAS ------------------------------------------------------------
    def koppelformulier(self, email: str) -> Koppelformulier:
        page = self._open(email, "/koppelen").page
        fout = page.locator(".melding.fout")
        if fout.count():
            raise Geweigerd(wat_de_pagina_meldt(page))
        scherm = KoppelenMetLas(page)
        brin = scherm.waarde("BRIN-code")
        keuze = page.get_by_label("Type koppeling")
        if keuze.count():
            typen = tuple(t.strip() for t in keuze.locator("option").all_inner_texts())
        else:
            typen = (page.locator("#kop-sleutel ~ p strong").first.inner_text().strip(),)
        nummers = page.locator("#extern-nummers")
        leerlingen = groepen = 0
        if nummers.count():
            gevonden = re.search(r"(\d+) leerlingen en (\d+) groepen", nummers.inner_text())
            assert gevonden is not None, nummers.inner_text()
            leerlingen, groepen = int(gevonden[1]), int(gevonden[2])
        return Koppelformulier(
            school_naam=page.locator(".onder-kop").first.inner_text().strip(),
            typen_koppeling=typen,
            brincode=brin[:4],
            dependancecode=brin[4:],
            schooljaar=scherm.waarde("Huidig schooljaar"),
            extern_nummers=ExternNummers(leerlingen=leerlingen, groepen=groepen),
            koppeling=None,
        )

    def nummers_verwijderen(self, email: str) -> None:
        scherm = self._koppelen(email)
        page = scherm.page
        link = page.get_by_role("link", name="Verwijder nummers")
        if not link.count():
            raise Geweigerd(wat_de_pagina_meldt(page))
        self._gelukt(page, _klik(link))
        self._gelukt(page, _klik(_knop(page, "Verwijder nummers")))

    def aanvragen(self, email: str, *, type_koppeling: str, brincode: str, schooljaar: str) -> None:
        page = self._koppelen(email).page
        keuze = page.get_by_label("Type koppeling")
        if not keuze.count():
            raise Geweigerd(wat_de_pagina_meldt(page))
        if type_koppeling not in keuze.locator("option").all_inner_texts():
            # Not a choice of the form: sent as a hand-made request would send it (the form
            # posts whatever value it gets), so the server's own check answers.
            keuze.evaluate(
                "(select, waarde) => select.add(new Option(waarde, waarde))", type_koppeling
            )
        keuze.select_option(type_koppeling)
        page.get_by_label("BRIN-code").fill(brincode)
        page.get_by_label("Schooljaar").fill(schooljaar)
        self._gelukt(page, _klik(_knop(page, "Aanvragen")))

    def sleutel_opslaan(self, email: str, *, autorisatiesleutel: str, schoolkey: str) -> None:
        page = self._koppelen(email).page
        veld = page.get_by_label("Autorisatiesleutel")
        if not veld.count():
            raise Geweigerd(wat_de_pagina_meldt(page))
        veld.fill(autorisatiesleutel)
        page.get_by_label("SchoolKey").fill(schoolkey)
        self._gelukt(page, _klik(_knop(page, "Wijzigingen opslaan")))

    def koppeling_controleren(self, email: str) -> None:
        page = self._koppelen(email).page
        knop = _knop(page, "Koppeling controleren")
        if not knop.count():
            raise Geweigerd(wat_de_pagina_meldt(page))
        self._gelukt(page, _klik(knop))

    def koppeling_uitzetten(self, email: str) -> None:
        page = self._koppelen(email).page
        link = page.get_by_role("link", name="Koppeling uitzetten")
        if not link.count():
            raise Geweigerd(wat_de_pagina_meldt(page))
        self._gelukt(page, _klik(link))
        self._gelukt(page, _klik(_knop(page, "Koppeling uitzetten")))

    def koppeling_tonen(self, email: str) -> KoppelingOverzicht:
        page = self._open(email, "/koppelen").page
        if page.locator(".melding.fout").count():
            raise Geweigerd(wat_de_pagina_meldt(page))
        scherm = KoppelenMetLas(page)
        brin = scherm.waarde("BRIN-code")

        def waarde(id_: str) -> str | None:
            plek = page.locator(f"#{id_}")
            return plek.inner_text().strip() if plek.count() else None

        type_ = page.locator("#kop-sleutel ~ p strong")
        return KoppelingOverzicht(
            school_naam=page.locator(".onder-kop").first.inner_text().strip(),
            brincode=brin[:4],
            dependancecode=brin[4:],
            schooljaar=scherm.waarde("Huidig schooljaar"),
            ingeschakeld=True,
            bevestigingsmail_verstuurd=True,
            status=_STATUS[scherm.status()],
            type=type_.first.inner_text().strip() if type_.count() else None,
            autorisatiesleutel=waarde("sleutel-gemaskeerd"),
            schoolkey=None,
            activated_at=None,
            afwijzing=waarde("afwijzing"),
        )

    # --- Stap 4: the import review ------------------------------------------------------------
    def gegevens_importeren(self, email: str) -> None:
        page = self._koppelen(email).page
        knop = _knop(page, "Gegevens importeren")
        if not knop.count():
            raise Geweigerd(wat_de_pagina_meldt(page))
        self._gelukt(page, _klik(knop))

    def _review_pagina(self, email: str, tab: Tab, categorie: Categorie) -> ImportControle:
        """The review open on ``tab`` and ``categorie``, through its tab and category links."""
        web = self._als(email)
        if "/import" not in web.page.url or "/import/" in web.page.url:
            self._open(email, "/import")
        controle = ImportControle(web.page)
        if not controle.page.get_by_role("navigation", name="Tabbladen").count():  # no review
            raise Geweigerd(wat_de_pagina_meldt(controle.page))
        controle.tab(tab.titel)
        controle.categorie(_CATEGORIE_TITEL[categorie])
        return controle

    def _rijen(self, page: Page) -> list[dict[str, Any]]:
        rijen: list[dict[str, Any]] = []
        while True:
            rijen += page.locator("tbody tr").evaluate_all(_RIJEN_JS)
            volgende = page.get_by_role("navigation", name="Pagina's").get_by_role(
                "link", name="Volgende"
            )
            if not volgende.count():
                return rijen
            _klik(volgende)

    def _kandidaten(self, page: Page, rij_id: str) -> tuple[tuple[int, str], ...]:
        """The "mogelijke match" choices of the row's [Koppel met bestaande …] page."""
        terug = page.url
        _klik(page.locator(f"#{rij_id}").get_by_role("link", name=re.compile("^Koppel met")))
        kandidaten = []
        for keuze in page.locator(".keuze").all():
            label = keuze.locator("label").inner_text().strip()
            if label.endswith("(mogelijke match)"):
                waarde = keuze.locator("input").get_attribute("value")
                assert waarde is not None
                kandidaten.append((int(waarde), label.removesuffix("(mogelijke match)").strip()))
        page.goto(terug)
        return tuple(kandidaten)

    def review(self, email: str) -> Review:
        tabs: dict[Tab, list[Regelweergave]] = {}
        page: Page | None = None
        for tab in Tab:
            tabs[tab] = []
            controle = self._review_pagina(email, tab, Categorie.NIEUW)
            page = controle.page
            for categorie in Categorie:
                if controle.aantal(_CATEGORIE_TITEL[categorie]) == 0:
                    continue  # the category's counter says it is empty: nothing to open
                if categorie is not Categorie.NIEUW:
                    controle.categorie(_CATEGORIE_TITEL[categorie])
                for rij in self._rijen(page):
                    tabs[tab].append(self._regel(page, tab, categorie, rij))
        assert page is not None
        kop = page.locator(".onder-kop").first.inner_text()
        jaar = re.search(r"schooljaar (\S+)", kop)
        wissel = page.locator(".melding.info:not(#advies)")
        return Review(
            sessie_id=0,
            schooljaar=jaar[1] if jaar else "",
            tabs=tabs,
            adviezen=[t.strip() for t in page.locator("[id=advies]").all_inner_texts()],
            schooljaarwissel=wissel.first.inner_text().strip() if wissel.count() else None,
        )

    def _regel(
        self, page: Page, tab: Tab, categorie: Categorie, rij: dict[str, Any]
    ) -> Regelweergave:
        omschrijving = str(rij["omschrijving"])
        email: str | None = None
        if tab is Tab.LEERKRACHTEN:
            adres = omschrijving.split(";", 1)[0].strip()
            email = None if adres.startswith("(") else adres
        gekoppeld = str(rij["gekoppeld"])
        klein = rij["klein"]
        mogelijk = re.fullmatch(r"(\d+) mogelijke", gekoppeld)
        kandidaten = self._kandidaten(page, str(rij["id"])) if mogelijk else ()
        gekoppeld_aan: str | None = None
        reden: str | None = None
        if not mogelijk and gekoppeld != "-":
            reden = str(klein).strip("()") if klein else None
            gekoppeld_aan = gekoppeld.removesuffix(str(klein or "")).strip()
        return Regelweergave(
            id=int(str(rij["id"]).removeprefix("regel-")),
            tab=tab,
            categorie=categorie,
            naam=str(rij["naam"]),
            omschrijving=omschrijving,
            extern_nummer=str(rij["nummer"]) or None,
            eckid=None,
            emailadres=email,
            bestaand_id=None,
            reden=reden,
            gekoppeld_aan=gekoppeld_aan,
            kandidaten=kandidaten,
            melding=rij["melding"],
        )

    def _rij_in(self, email: str, tab: Tab, naam: str) -> tuple[ImportControle, Categorie]:
        """The review page where the row ``naam`` of ``tab`` stands (searched by name)."""
        for categorie in Categorie:
            controle = self._review_pagina(email, tab, categorie)
            controle.zoek(naam)
            if naam in controle.namen():
                return controle, categorie
        raise AssertionError(f"{naam!r} staat niet op het tabblad {tab.titel}")

    def _rij_actie(self, email: str, tab: Tab, naam: str, knop: str) -> None:
        controle, _categorie = self._rij_in(email, tab, naam)
        page = controle.page
        self._gelukt(page, _klik(_knop(controle.rij(naam), knop)))

    def niet_importeren(self, email: str, tab: Tab, naam: str) -> None:
        self._rij_actie(email, tab, naam, "Niet importeren")

    def wel_importeren(self, email: str, tab: Tab, naam: str) -> None:
        self._rij_actie(email, tab, naam, "Terugzetten")

    def emailadres_invullen(self, email: str, naam: str, emailadres: str) -> None:
        controle, _categorie = self._rij_in(email, Tab.LEERKRACHTEN, naam)
        rij = controle.rij(naam)
        rij.get_by_label(f"E-mailadres van {naam}").fill(emailadres)
        self._gelukt(controle.page, _klik(_knop(rij, "Opslaan")))

    def koppel_met_bestaande(self, email: str, naam: str, keuze: str) -> None:
        controle, _categorie = self._rij_in(email, Tab.LEERLINGEN, naam)
        page = controle.page
        _klik(controle.rij(naam).get_by_role("link", name=re.compile("^Koppel met bestaande")))
        page.get_by_label(re.compile(rf"^{re.escape(keuze)}")).first.check()
        self._gelukt(page, _klik(_knop(page, "Koppel met bestaande")))

    def _naar_samenvatting(self, email: str) -> Page:
        page = self._open(email, "/import").page
        self._gelukt(page, _klik(page.get_by_role("link", name="Gegevens importeren")))
        return page

    def samenvatting(self, email: str) -> Samenvatting:
        return _samenvatting_van(self._naar_samenvatting(email))

    def import_bevestigen(self, email: str) -> Verwerkt:
        page = self._naar_samenvatting(email)
        self._gelukt(page, _klik(_knop(page, "Gegevens importeren")))
        return _verwerkt_van(page)

    def import_tegelijk_bevestigen(self, email: str, aantal: int) -> list[Verwerkt | Geweigerd]:
        """``aantal`` windows on the summary page click the confirming button at once."""
        vensters = [self._venster() for _ in range(aantal)]
        try:
            wachtwoord = self.omgeving.testwachtwoord(email)
            paginas = []
            for _context, web in vensters:
                web.inloggen(email, wachtwoord)
                paginas.append(self._naar_samenvatting_in(web))
            wachters = [p.expect_navigation() for p in paginas]
            navigaties = [w.__enter__() for w in wachters]
            for page in paginas:
                _knop(page, "Gegevens importeren").click(no_wait_after=True)
            uitkomsten: list[Verwerkt | Geweigerd] = []
            for page, wachter, navigatie in zip(paginas, wachters, navigaties, strict=True):
                wachter.__exit__(None, None, None)
                antwoord = navigatie.value
                status = antwoord.status if antwoord is not None else 200
                uitkomsten.append(
                    Geweigerd(wat_de_pagina_meldt(page), status=status)
                    if status >= 400
                    else _verwerkt_van(page)
                )
            return uitkomsten
        finally:
            for context, _web in vensters:
                context.close()

    def _naar_samenvatting_in(self, web: BoomWeb) -> Page:
        page = web.page
        page.goto(self.base_url + self._school_pad_van(web) + "/import/samenvatting")
        return page

    def _school_pad_van(self, web: BoomWeb) -> str:
        gevonden = re.search(r"/scholen/\d+", web.page.url)
        assert gevonden is not None, web.page.url
        return gevonden[0]

    def account_aanmaken(self, token: str) -> tuple[str, str]:
        context, web = self._venster()
        try:
            page = web.page
            antwoord = page.goto(f"{self.base_url}/account-aanmaken?token={token}")
            if antwoord is not None and antwoord.status >= 400:
                raise Geweigerd(page.get_by_role("main").inner_text().strip())
            adres = page.locator("main p strong").first.inner_text().strip()
            wachtwoord = f"leerkracht-{secrets.token_urlsafe(12)}"
            page.get_by_label("Wachtwoord", exact=True).fill(wachtwoord)
            page.get_by_label("Herhaal wachtwoord").fill(wachtwoord)
            self._gelukt(page, _klik(_knop(page, "Account aanmaken")))
            rol = "leerkracht" if page.url.endswith("/welkom") else "beheerder"
            return adres, rol
        finally:
            context.close()

    # --- Stap 4: results ----------------------------------------------------------------------
    def resultaten_terugzetten(self, email: str, schooljaar: str) -> None:
        """A beheerder has no page for it: the support page answers 403."""
        web = self._als(email)
        antwoord = web.page.goto(self.base_url + "/support/terugzetten")
        status = antwoord.status if antwoord is not None else 200
        if status >= 400:
            raise Geweigerd(wat_de_pagina_meldt(web.page), status=status)
        raise AssertionError("een beheerder opende de pagina Resultaten terugzetten")


def _samenvatting_van(page: Page) -> Samenvatting:
    tabel = page.locator("#samenvatting-tellingen")
    koppen = [k.strip() for k in tabel.locator("thead th").all_inner_texts()][1:]
    aantallen: dict[Tab, dict[Categorie, int]] = {}
    for tab in Tab:
        rij = tabel.locator("tbody tr", has=page.locator("th", has_text=tab.titel))
        cellen = [int(c) for c in rij.locator("td").all_inner_texts()]
        titels = {v: k for k, v in _CATEGORIE_TITEL.items()}
        aantallen[tab] = {titels[k]: c for k, c in zip(koppen, cellen, strict=True)}

    def lijst(kop: str) -> list[str]:
        sectie = page.locator(f"h2:has-text('{kop}') + ul, h2:has-text('{kop}') + p + ul")
        return [t.strip() for t in sectie.locator("li").all_inner_texts()]

    uitnodigingen: list[str] = []
    uitleg = page.locator("h2:has-text('Uitnodigingen') + p")
    if uitleg.count():
        namen = uitleg.inner_text().split(":", 1)[1].strip().removesuffix(".")
        uitnodigingen = [n.strip() for n in namen.split(",")]
    kop = page.locator(".onder-kop").first.inner_text()
    jaar = re.search(r"schooljaar (\S+)", kop)
    wissel = page.locator(".melding.info")
    return Samenvatting(
        sessie_id=0,
        schooljaar=jaar[1] if jaar else "",
        aantallen=aantallen,
        wijzigingen=lijst("Wordt bijgewerkt"),
        vertrokken=lijst("Niet meer in ESIS"),
        uitnodigingen=uitnodigingen,
        blokkades=[t.strip() for t in page.locator(".melding.fout li").all_inner_texts()],
        schooljaarwissel=wissel.first.inner_text().strip() if wissel.count() else None,
    )


def _verwerkt_van(page: Page) -> Verwerkt:
    kolommen: dict[str, dict[Tab, int]] = {"aangemaakt": {}, "gekoppeld": {}, "bijgewerkt": {}}
    for tab in Tab:
        rij = page.locator("tbody tr", has=page.locator("th", has_text=tab.titel))
        cellen = [int(c) for c in rij.locator("td").all_inner_texts()]
        for naam, waarde in zip(kolommen, cellen, strict=True):
            kolommen[naam][tab] = waarde
    uitkomst = page.locator("#uitkomst").inner_text()
    jaar = re.search(r"schooljaar (\S+) is verwerkt", uitkomst)
    vertrokken = re.search(r"Vertrokken leerlingen: (\d+)", page.get_by_role("main").inner_text())
    uitnodigingen = re.search(r"Uitnodigingen: (\d+)", page.locator("#uitnodigingen").inner_text())
    assert jaar and vertrokken and uitnodigingen, page.get_by_role("main").inner_text()
    return Verwerkt(
        sessie_id=0,
        schooljaar=jaar[1],
        aangemaakt=kolommen["aangemaakt"],
        gekoppeld=kolommen["gekoppeld"],
        bijgewerkt=kolommen["bijgewerkt"],
        vertrokken=int(vertrokken[1]),
        uitnodigingen=int(uitnodigingen[1]),
    )
