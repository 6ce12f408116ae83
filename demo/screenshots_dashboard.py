"""The tester's dashboard in ``make screenshots``: ``docs/screens/dashboard-*.png``.

Taken after the Boom walk of :mod:`demo.screenshots`, on the same mock ESIS, so the journal holds
the real exchanges of that walk (import, result push); a 503 injected through the dashboard and
one refused key are added so the journal shows every kind of verdict.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, expect

from mock_esis.testing.handle import MockEsisHandle
from uwlr.models import LeerlinggegevensVerzoek

__all__ = ["dashboard_screenshots"]


def _foto(page: Page, map_: Path, naam: str) -> None:
    page.screenshot(path=str(map_ / f"dashboard-{naam}.png"), full_page=True)
    print(f"  docs/screens/dashboard-{naam}.png")


def _verzoek(esis: MockEsisHandle) -> Any:
    school = esis.school
    return LeerlinggegevensVerzoek(
        schooljaar=school.schooljaar, brincode=school.brincode, dependancecode=school.dependancecode
    )


def dashboard_screenshots(browser: Browser, esis: MockEsisHandle, map_: Path) -> None:
    """Walk the dashboard of ``esis`` and save its pages."""
    page = browser.new_page(viewport={"width": 1280, "height": 800}, locale="nl-NL")
    ui = f"{esis.base_url}/__admin/ui"
    code = esis.school.code
    page.goto(f"{ui}/scholen")
    _foto(page, map_, "01-scholen")
    page.goto(f"{ui}/scholen/{code}")
    page.get_by_role("button", name="Toon sleutel").click()
    _foto(page, map_, "02-school")
    page.goto(f"{ui}/scholen/{code}/wijzigen")
    _foto(page, map_, "03-wijzigen")
    page.goto(f"{ui}/fouten")
    page.get_by_label("Soort fout").select_option("http_status")
    page.get_by_label("Operatie").select_option("HaalLeerlinggegevens")
    page.get_by_label("HTTP-status (http_status)").fill("503")
    page.get_by_role("button", name="Foutregel toevoegen").click()
    esis.call("HaalLeerlinggegevens", _verzoek(esis))
    esis.call(
        "HaalLeerlinggegevens",
        _verzoek(esis),
        esis.autorisatie(autorisatiesleutel="verkeerde-sleutel-0000000000000000000000"),
    )
    page.reload()
    _foto(page, map_, "04-foutinjectie")
    page.goto(f"{ui}/journaal")
    expect(page.get_by_role("row").filter(has_text="injected")).to_have_count(1)
    _foto(page, map_, "05-journaal")
    page.get_by_role("row").filter(has_text="fault").first.get_by_role("link").click()
    _foto(page, map_, "06-uitwisseling")
    page.goto(f"{ui}/scholen/{code}/resultaten")
    _foto(page, map_, "07-resultaten")
    page.goto(f"{ui}/klok")
    _foto(page, map_, "08-klok")
    page.close()
