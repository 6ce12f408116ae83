"""The ESIS screens (``/esis/``) in Debian's Chromium: the handbook's menu path to the Boom
testcentrum koppeling, refusals next to their field, the key shown once (copy button with JS,
a plain field without), and axe-core on every ESIS page. One mock ESIS for the module.

Without Chromium these tests skip locally and fail under ``CI=true`` (as the Boom web tests do).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from mock_admin_testkit import brengen, oso_resultaat

from mock_esis.testing.handle import MockEsisHandle
from mock_esis.testing.pages import EsisWeb, meldingen
from mock_esis.web.factory import MockOptions, build_app
from mock_esis.web.server import MockEsisServer

sys.path.insert(0, str(Path(__file__).parents[1] / "boomlink_web"))
from toegankelijkheid import ernstige_overtredingen  # noqa: E402


@pytest.fixture(scope="module")
def esis() -> Iterator[MockEsisHandle]:
    server = MockEsisServer(build_app(MockOptions(seed=3, students_per_group=6))).start()
    yield MockEsisHandle(server)
    server.stop()


@pytest.fixture
def context(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    context.set_default_timeout(15000)
    yield context
    context.close()


def test_directie_activates_through_the_menu_and_sees_the_key_once(
    esis: MockEsisHandle, context: Any
) -> None:
    from playwright.sync_api import expect

    code = esis.school.code
    web = EsisWeb(context.new_page(), esis.base_url).inloggen(
        code, esis.school.gebruiker("Directie")
    )
    scherm = web.koppelingen().boom_testcentrum()
    formulier = scherm.activeren()
    assert "BRIN + vestigingsnummer" in formulier.uitleg() and "minimaal 20" in formulier.uitleg()
    formulier.opslaan("99OI001234567890abcd", akkoord=True)
    assert web.status == 422
    veld = web.page.get_by_label("Verificatiecode")
    expect(veld).to_have_attribute("aria-invalid", "true")
    expect(veld).to_have_accessible_description(re.compile(r"'99OI00' hoort niet bij deze school"))
    formulier.opslaan(f"{code}-boomtestcentrum-2026", akkoord=False)
    assert web.status == 422 and "gebruikersvoorwaarden" in meldingen(web.page)

    getoond = formulier.opslaan(f"{code}-boomtestcentrum-2026", akkoord=True)
    sleutel = getoond.nieuwe_sleutel()
    assert sleutel and sleutel == esis.school.autorisatiesleutel
    kopieer = web.page.get_by_role("button", name="Kopieer sleutel")
    expect(kopieer).to_be_visible()
    kopieer.click()
    expect(web.page.locator("#kopieer-status")).to_have_text("De autorisatiesleutel is gekopieerd.")

    weer = web.koppelingen().boom_testcentrum()  # left the page: never shown again
    assert weer.nieuwe_sleutel() is None and weer.actief()
    assert sleutel not in web.page.content()
    assert (weer.getoonde_sleutel() or "").endswith(sleutel[-4:])
    web.page.go_back()
    web.page.go_back()  # the page that showed the key: no-store, so asked again, and masked
    assert "Resultatenkoppeling" in web.page.title() and sleutel not in web.page.content()

    weer = web.koppelingen().boom_testcentrum()
    weer.deactiveren()
    assert not weer.actief() and not esis.school.autorisatiesleutel


def test_without_javascript_the_key_is_a_field_to_copy_from(
    esis: MockEsisHandle, chromium: Any
) -> None:
    context = chromium.new_context(java_script_enabled=False, locale="nl-NL")
    try:
        code = esis.school.code
        web = EsisWeb(context.new_page(), esis.base_url)
        web.inloggen(code, esis.school.gebruiker("Applicatiebeheerder"))
        getoond = web.koppelingen().boom_testcentrum().activeren()
        scherm = getoond.opslaan(f"{code}-zonder-javascript-01", akkoord=True)
        assert scherm.nieuwe_sleutel() == esis.school.autorisatiesleutel
        assert not web.page.get_by_role("button", name="Kopieer sleutel").is_visible()
        assert "Ctrl+C" in web.hoofdtekst()
    finally:
        context.close()


def test_no_serious_accessibility_problems_on_any_esis_page(
    esis: MockEsisHandle, context: Any
) -> None:
    code = esis.school.code
    page = context.new_page()
    web = EsisWeb(page, esis.base_url)
    problems: list[str] = []

    def check() -> None:
        assert page.get_by_role("heading", level=1).is_visible()
        problems.extend(ernstige_overtredingen(page))

    web.open("/inloggen")
    check()
    web.school_kiezen(code)
    assert page.get_by_role("heading", level=1).inner_text() == f"Inloggen bij {esis.school.naam}"
    check()
    leerkracht = esis.school.gebruiker("Leerkracht")
    web.inloggen(code, leerkracht)
    check()  # Start
    koppelingen = web.koppelingen()
    assert koppelingen.geweigerd() is not None
    check()  # the menu item refused, with the reason
    web.open("/import-export-koppelingen/koppelingen/boom-testcentrum")
    assert web.status == 403
    check()
    groepen = web.mijn_groep()
    check()
    [groep, *_] = groepen.groepen()
    detail = esis.admin.school(code)
    pupils = [p["key"] for p in detail["leerlingen"] if p.get("groep") == groep]
    brengen(esis, code, {pupils[0]: [oso_resultaat("r-a11y", vaardigheidsscore="40", niveau="1F")]})
    groepen.open(groep)
    check()
    invoer = web.toetsresultaten_invoeren()
    check()
    invoer.invoeren(leerlingid=pupils[0], toets="Boom Spelling M5", dle="abc", datum="2026-10-01")
    assert web.status == 422
    check()
    invoer.invoeren(leerlingid=pupils[0], toets="Boom Spelling M5", dle="28", datum="2026-10-01")
    check()  # the pupil's list with the linked results beside it

    web.inloggen(code, esis.school.gebruiker("Directie"))
    scherm = web.koppelingen().boom_testcentrum()
    check()
    formulier = scherm.activeren()
    check()
    formulier.opslaan("te-kort", akkoord=False)
    check()
    formulier.opslaan(f"{code}-toegankelijk-2026", akkoord=True)
    check()  # the new key, shown once
    assert problems == []
