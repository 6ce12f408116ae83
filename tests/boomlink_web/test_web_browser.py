"""The handbook's Boom-side walk through the screens in Debian's Chromium (Playwright), with
axe-core on every page and a check at 390 px. Real server, real SQLite file, real mock ESIS,
real SMTP. The steps use the page objects of :mod:`boomlink.web.testing.pages`."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest
from toegankelijkheid import breedte_past, ernstige_overtredingen
from web_testkit import BEHEERDER, SUPPORT, WACHTWOORD, WebSchool

from boomlink.beheer import gebruiker_aanmaken, school_aanmaken
from boomlink.schooljaar import huidig_schooljaar
from boomlink.store import Afname, Leerling, Rol, Store, Toets
from boomlink.testing.mailsink import MailSink, body
from boomlink.web.server import WebServer
from boomlink.web.testing.pages import BoomWeb, klik
from mock_esis.testing.handle import MockEsisHandle

pytestmark = pytest.mark.slow


class Controle:
    """Collects axe findings and 390 px overflows of every page visited."""

    def __init__(self, context: Any, page: Any) -> None:
        self.page = page
        self.context = context
        self.fouten: list[str] = []
        self.gezien: list[str] = []

    def pagina(self) -> None:
        self.gezien.append(self.page.url)
        self.fouten += ernstige_overtredingen(self.page)
        smal = self.context.new_page()
        smal.set_viewport_size({"width": 390, "height": 800})
        smal.goto(self.page.url)
        if not breedte_past(smal):
            breed = smal.evaluate(
                "[...document.querySelectorAll('body *')].filter(e => (!e.closest('.tabel-houder') || e.classList.contains('tabel-houder')) && e.getBoundingClientRect().right > 392).slice(0, 3).map(e => e.tagName + '.' + e.className + '#' + e.id + ':' + Math.round(e.getBoundingClientRect().right)).concat([String(document.documentElement.scrollWidth)]).concat([...document.querySelectorAll('body *')].filter(e => e.scrollWidth > 392 && !e.closest('.tabel-houder')).map(e => e.tagName + '.' + e.className + ':' + e.scrollWidth))"
            )
            self.fouten.append(f"te breed bij 390 px: {self.page.url}: {breed}")
        smal.close()


def test_the_whole_boom_side_of_the_handbook_in_the_browser(
    pagina: Any,
    browser_context: Any,
    web: WebServer,
    web_school: WebSchool,
    store: Store,
    esis: MockEsisHandle,
    smtp_server: MailSink,
) -> None:
    with store.session() as s:
        s.add(Leerling(school_id=web_school.school_id, achternaam="Oud", extern_nummer="X-1"))
        zwart = Leerling(school_id=web_school.school_id, achternaam="Zwart", roepnaam="Zoë")
        s.add(zwart)
        s.commit()
        zwart_id = zwart.id
    boom = BoomWeb(pagina, web.base_url)
    controle = Controle(browser_context, pagina)

    boom.open("/inloggen")
    controle.pagina()
    boom.inloggen(BEHEERDER, WACHTWOORD)
    koppelen = boom.koppelen_met_las()
    controle.pagina()
    # H-S1-01/02: type, BRIN and the current school year shown
    assert koppelen.waarde("BRIN-code") == web_school.code
    assert koppelen.waarde("Huidig schooljaar") == huidig_schooljaar()
    assert pagina.get_by_label("Type koppeling").input_value() == "ESIS UWLR"
    # H-S1-03/04: Verwijder nummers behind a confirmation that says no test data goes
    assert "1 leerlingen" in koppelen.extern_nummers()
    klik(pagina.get_by_role("link", name="Verwijder nummers"))
    controle.pagina()
    assert "Toetsgegevens worden hiermee niet verwijderd" in pagina.get_by_role("main").inner_text()
    klik(pagina.get_by_role("button", name="Verwijder nummers"))
    assert "0 leerlingen" in koppelen.extern_nummers()
    # H-S1-05: afgewezen names the field; then goedgekeurd
    koppelen.aanvragen(brincode="11AA", schooljaar=huidig_schooljaar())
    controle.pagina()
    assert "niet 11AA" in koppelen.veldfout("BRIN-code")
    koppelen.aanvragen(brincode=web_school.code, schooljaar=huidig_schooljaar())
    assert koppelen.status() == "goedgekeurd"
    controle.pagina()

    # Stap 2 in ESIS (over HTTP): the key appears once
    info = esis.school
    sleutel = esis.esis.activeren(
        info.code, info.gebruiker("Directie"), f"{info.code}-boomtestcentrum-2026", akkoord=True
    )["autorisatiesleutel"]
    # H-S3-02/03: a wrong key is refused in words; the right one is stored and only masked
    koppelen.sleutel_opslaan("verkeerde-sleutel-0000")
    assert (
        "ESIS weigert deze autorisatiesleutel" in koppelen.veldfout("Autorisatiesleutel")
        or "ESIS weigert deze autorisatiesleutel" in boom.melding()
    )
    koppelen.sleutel_opslaan(sleutel)
    assert koppelen.status() == "actief"
    assert koppelen.waarde("Autorisatiesleutel").endswith(sleutel[-4:])
    assert sleutel not in pagina.content()
    controle.pagina()

    # make the review interesting: a teacher without e-mail address
    school_esis = esis.admin.school(info.code)
    leraar = school_esis["leerkrachten"][0]
    esis.admin.update_leerkracht(info.code, leraar["key"], emailadres=None)

    # H-S3-04 → H-S4-01: the three tabs with their categories and counts
    review = koppelen.gegevens_importeren()
    controle.pagina()
    groepen = len(school_esis["groepen"])
    assert review.aantal("Nieuw") >= 1 and groepen >= 1
    review.tab("Leerlingen")
    eerste = review.namen()[0]
    # H-S4-07: Niet importeren and back; the advice appears
    review.niet_importeren(eerste)
    assert "We raden aan om groepen en leerlingen altijd te importeren" in review.advies()
    review.categorie("Niet importeren")
    assert review.namen() == [eerste]
    controle.pagina()
    review.terugzetten(eerste)
    assert review.aantal("Niet importeren") == 0
    # H-S4-06: Koppel met bestaande leerling (chosen by name)
    review.categorie("Nieuw")
    tweede = review.namen()[1]
    klik(review.rij(tweede).get_by_role("link", name=re.compile("^Koppel met bestaande")))
    controle.pagina()
    pagina.get_by_label("Zoek op naam").fill("Zwart")
    klik(pagina.get_by_role("button", name="Zoeken"))
    pagina.get_by_label(re.compile("^Zoë Zwart")).check()
    klik(pagina.get_by_role("button", name="Koppel met bestaande leerling"))
    review.categorie("Bestaand")
    assert tweede in review.namen()
    # filter by name
    review.categorie("Nieuw").zoek(eerste)
    gefilterd = review.namen()
    assert eerste in gefilterd and all(eerste.casefold() in n.casefold() for n in gefilterd)
    # H-S4-03: the teacher without e-mail says why, and gets one
    review.tab("Leerkrachten").categorie("Nieuw")
    naam_leraar = next(
        n for n in review.namen() if "Vul een e-mailadres in" in review.regelmelding(n)
    )
    controle.pagina()
    review.emailadres_invullen(naam_leraar, "Nieuwe.Collega@School.example.nl")
    assert review.regelmelding(naam_leraar) == ""
    # the mock has more teachers without an address: they are left out (H-S4-07)
    for naam in [n for n in review.namen() if review.regelmelding(n)]:
        review.niet_importeren(naam)

    # H-S4-08: summary first, then the confirming Gegevens importeren
    samenvatting = review.naar_samenvatting()
    controle.pagina()
    assert samenvatting.aantal("Groepen", "Nieuw") == groepen
    assert samenvatting.aantal("Leerlingen", "Bestaand") == 1
    uitkomst = samenvatting.gegevens_importeren()
    controle.pagina()
    assert "is verwerkt" in uitkomst
    with store.session() as s:
        # ESIS's names overwrite Boom's: the linked Boom pupil now carries the ESIS data
        gekoppeld = s.get_one(Leerling, zwart_id)
        assert gekoppeld.extern_nummer and tweede.endswith(gekoppeld.achternaam or "?")

    # Toetsafnames → Normeren → Resultaten (H-S4-09: the result is on its way to ESIS)
    with store.session() as s:
        toets = Toets(code="BOOM-REK-M5", naam="Rekenen M5")
        s.add(toets)
        s.flush()
        afname = Afname(
            leerling_id=gekoppeld.id, toets_id=toets.id, afnamedatum=dt.date.today(), score=31
        )
        s.add(afname)
        s.commit()
        afname_id = afname.id
    afnames = boom.toetsafnames()
    controle.pagina()
    afnames.normeren(afname_id, vaardigheidsscore="abc", dle="14")
    assert "geen getal" in boom.melding()
    afnames.normeren(afname_id, vaardigheidsscore="123,4", dle="14", niveau="1F", score="31")
    assert "gaat naar ESIS" in boom.melding()
    resultaten = boom.resultaten()
    controle.pagina()
    assert resultaten.aantal("wachtend") == 1
    with store.session() as s:
        assert s.get_one(Afname, afname_id).vaardigheidsscore == Decimal("123.4")

    # H-S4-04: the invitation link opens the set-password page; single use
    mails = smtp_server.inbox.met_onderwerp("Uitnodiging")
    assert mails, "geen uitnodiging verstuurd"
    link = re.search(r"https?://\S+token=[A-Za-z0-9_\-]+", body(mails[0]))
    assert link is not None
    pad = link.group(0).split("/account-aanmaken", 1)[1]
    leraar_pagina = browser_context.browser.new_context().new_page()
    leerkracht = BoomWeb(leraar_pagina, web.base_url)
    leerkracht.account_aanmaken(f"{web.base_url}/account-aanmaken{pad}", "kort", "kort")
    assert "minstens 12 tekens" in leerkracht.melding()
    controle.page = leraar_pagina
    controle.context = leraar_pagina.context
    controle.pagina()
    leerkracht.account_aanmaken(f"{web.base_url}/account-aanmaken{pad}", WACHTWOORD)
    assert "Welkom" in leraar_pagina.get_by_role("heading", level=1).inner_text()
    leraar_pagina.goto(f"{web.base_url}/account-aanmaken{pad}")
    assert "al gebruikt" in leerkracht.melding()
    leraar_pagina.context.close()

    # H-X-03: switch off behind a confirmation
    controle.page, controle.context = pagina, browser_context
    boom.koppelen_met_las()
    klik(pagina.get_by_role("link", name="Koppeling uitzetten"))
    controle.pagina()
    klik(pagina.get_by_role("button", name="Koppeling uitzetten"))
    assert koppelen.status() == "uitgezet"

    assert controle.fouten == [], "\n".join(controle.fouten)
    assert len(controle.gezien) >= 15


def test_support_pages_in_the_browser_and_the_error_pages(
    pagina: Any, browser_context: Any, web: WebServer, web_school: WebSchool, store: Store
) -> None:
    with store.session() as s:
        school = school_aanmaken(s, naam="OBS De Vlinder", brin="97YY")
        gebruiker_aanmaken(
            s, school=school, emailadres="els@vlinder.example.nl", naam="Els", rol=Rol.BEHEERDER
        )
    boom = BoomWeb(pagina, web.base_url)
    controle = Controle(browser_context, pagina)
    boom.inloggen(SUPPORT, WACHTWOORD)
    controle.pagina()
    support = boom.support()
    support.voorbereiding("OBS De Vlinder", "97YY00")
    assert "ingeschakeld voor OBS De Vlinder" in boom.melding()
    assert any("OBS De Vlinder" in r and "verstuurd" in r for r in support.scholen())
    support.voorbereiding("Verkeerde Naam", "97YY")
    assert "hoort ‘OBS De Vlinder’" in boom.melding()
    controle.pagina()
    support.terugzetten(web_school.code, "2025-2026", bevestigen=False)
    assert "Vink aan" in boom.melding()
    controle.pagina()
    boom.open("/bestaat-niet")
    assert pagina.get_by_role("heading", level=1).inner_text() == "Pagina niet gevonden"
    controle.pagina()
    assert controle.fouten == [], "\n".join(controle.fouten)


def test_login_and_the_koppelen_form_work_by_keyboard_alone(
    pagina: Any, web: WebServer, web_school: WebSchool
) -> None:
    pagina.goto(web.base_url + "/inloggen")
    pagina.keyboard.press("Tab")  # skip link
    pagina.keyboard.press("Tab")  # brand link
    pagina.keyboard.press("Tab")
    assert pagina.evaluate("document.activeElement.id") == "emailadres"
    pagina.keyboard.type(BEHEERDER)
    pagina.keyboard.press("Tab")
    pagina.keyboard.type(WACHTWOORD)
    pagina.keyboard.press("Enter")
    pagina.wait_for_url(re.compile(r"/koppelen$"))
    # reach [Aanvragen] by Tab and press it with Enter
    for _ in range(40):
        pagina.keyboard.press("Tab")
        if pagina.evaluate("document.activeElement.textContent.trim()") == "Aanvragen":
            break
    else:
        pytest.fail("[Aanvragen] is niet met Tab te bereiken")
    pagina.keyboard.press("Enter")
    pagina.wait_for_load_state()
    assert "goedgekeurd" in pagina.locator("#koppeling-status").inner_text()
