"""``make screenshots``: a PNG (1280 px wide) of every Boom screen in ``docs/screens/boom-*.png``,
of the fake ESIS's own screens (``esis-*.png``: step 2 is done there) and of the tester's
dashboard of the mock ESIS (``dashboard-*.png``).

Runs the demo's environment (mock ESIS, SMTP sink, SQLite in a temporary folder), serves
``boomlink web`` on a free loopback port and walks the handbook in Debian's Chromium with the
page objects of :mod:`boomlink.web.testing.pages`.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from boomlink.accounts import support_toevoegen, wachtwoord_instellen
from boomlink.beheer import gebruiker_aanmaken, school_aanmaken
from boomlink.koppeling.voorbereiding import uwlr_inschakelen
from boomlink.mail import flush_outbox
from boomlink.schooljaar import huidig_schooljaar
from boomlink.store import Afname, Leerling, Rol, Toets
from boomlink.web import create_app
from boomlink.web.server import WebServer
from boomlink.web.testing.browser import INSTALLEER, chromium_pad, start_chromium
from boomlink.web.testing.pages import BoomWeb, klik
from demo.omgeving import omgeving_starten
from demo.screenshots_dashboard import dashboard_screenshots
from demo.screenshots_esis import esis_activeren, esis_na_de_koppeling

WACHTWOORD = "demo-wachtwoord-123"
BEHEERDER = "beheer@school.example.nl"
SUPPORT = "support@boom.example.nl"


def _foto(page: Page, map_: Path, naam: str) -> None:
    page.screenshot(path=str(map_ / f"boom-{naam}.png"), full_page=True)
    print(f"  docs/screens/boom-{naam}.png")


def main(argv: list[str] | None = None) -> int:
    map_ = Path((argv or sys.argv[1:] or ["docs/screens"])[0])
    map_.mkdir(parents=True, exist_ok=True)
    pad = chromium_pad()
    if pad is None:
        print(INSTALLEER, file=sys.stderr)
        return 3
    with omgeving_starten() as om:
        info = om.esis.school
        with om.store.session() as s:
            school = school_aanmaken(s, naam=info.naam, brin=info.code)
            beheerder = gebruiker_aanmaken(
                s, school=school, emailadres=BEHEERDER, naam="Anna de Vries", rol=Rol.BEHEERDER
            )
            wachtwoord_instellen(s, beheerder, WACHTWOORD)
            support_toevoegen(s, emailadres=SUPPORT, naam="Boom support", wachtwoord=WACHTWOORD)
            uwlr_inschakelen(s, school_naam=info.naam, brin=info.code)
            s.add(Leerling(school_id=school.id, achternaam="Jansen", extern_nummer="OUD-1"))
            s.commit()
            school_id = school.id
        flush_outbox(om.store.sessions, om.settings.mail)
        app = create_app(om.store, environ={"BOOMLINK_WEB_SECRET": "screenshots"})
        with WebServer(app) as server, sync_playwright() as playwright:
            browser = start_chromium(playwright, pad)
            page = browser.new_page(viewport={"width": 1280, "height": 800}, locale="nl-NL")
            boom = BoomWeb(page, server.base_url)
            boom.open("/inloggen")
            _foto(page, map_, "01-inloggen")
            boom.inloggen(BEHEERDER, WACHTWOORD)
            koppelen = boom.koppelen_met_las()
            _foto(page, map_, "02-koppelen-aanvragen")
            klik(page.get_by_role("link", name="Verwijder nummers"))
            _foto(page, map_, "03-verwijder-nummers")
            klik(page.get_by_role("button", name="Verwijder nummers"))
            koppelen.aanvragen(brincode="11AA", schooljaar=huidig_schooljaar())
            _foto(page, map_, "04-aanvraag-afgewezen")
            koppelen.aanvragen(brincode=info.code, schooljaar=huidig_schooljaar())
            _foto(page, map_, "05-koppelen-sleutel")
            sleutel = esis_activeren(browser, om.esis, map_)  # handbook step 2, in ESIS
            koppelen.sleutel_opslaan(sleutel)
            _foto(page, map_, "06-koppelen-actief")
            review = koppelen.gegevens_importeren()
            _foto(page, map_, "07-import-groepen")
            review.tab("Leerkrachten")
            _foto(page, map_, "08-import-leerkrachten")
            review.tab("Leerlingen")
            eerste = review.namen()[0]
            review.niet_importeren(eerste)
            _foto(page, map_, "09-import-leerlingen-advies")
            klik(
                review.rij(review.namen()[0]).get_by_role(
                    "link", name="Koppel met bestaande leerling"
                )
            )
            _foto(page, map_, "10-koppel-met-bestaande")
            boom.open(f"/scholen/{school_id}/import?tab=leerkrachten")
            for naam in [n for n in review.namen() if review.regelmelding(n)]:
                review.niet_importeren(naam)
            samenvatting = review.naar_samenvatting()
            _foto(page, map_, "11-samenvatting")
            samenvatting.gegevens_importeren()
            _foto(page, map_, "12-import-verwerkt")
            with om.store.session() as s:
                leerling = s.query(Leerling).filter(Leerling.extern_nummer.is_not(None)).first()
                assert leerling is not None
                toets = Toets(code="DEMO-REK", naam="Rekenen-Wiskunde M5")
                s.add(toets)
                s.flush()
                s.add(
                    Afname(
                        leerling_id=leerling.id,
                        toets_id=toets.id,
                        afnamedatum=dt.date.today(),
                        score=30,
                    )
                )
                s.commit()
            afnames = boom.toetsafnames()
            _foto(page, map_, "13-toetsafnames")
            del afnames
            boom.resultaten()
            _foto(page, map_, "14-resultaten")
            boom.uitloggen()
            boom.inloggen(SUPPORT, WACHTWOORD)
            _foto(page, map_, "15-support-scholen")
            boom.open("/support/voorbereiding")
            _foto(page, map_, "16-support-voorbereiding")
            boom.open("/support/terugzetten")
            _foto(page, map_, "17-support-terugzetten")
            boom.open("/bestaat-niet")
            _foto(page, map_, "18-niet-gevonden")
            esis_na_de_koppeling(browser, om.esis, map_)
            dashboard_screenshots(browser, om.esis, map_)
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
