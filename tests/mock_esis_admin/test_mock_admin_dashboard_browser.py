"""The tester's dashboard in Debian's Chromium: a 503 injected through the dashboard, seen in the
live journal with its verdict and masked key, opened, and cleared; axe-core on every page.

Without Chromium these tests skip locally and fail under ``CI=true`` (as the Boom web tests do).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from mock_admin_testkit import haal

from boomlink.uwlr_client import ClientConfig, RetryPolicy, UwlrClient, UwlrClientError
from mock_esis.testing.handle import MockEsisHandle

sys.path.insert(0, str(Path(__file__).parents[1] / "boomlink_web"))
from toegankelijkheid import ernstige_overtredingen  # noqa: E402


@pytest.fixture
def page(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    context.set_default_timeout(15000)
    yield context.new_page()
    context.close()


def _client(handle: MockEsisHandle) -> UwlrClient:
    return UwlrClient(
        ClientConfig(
            leerlinggegevens_url=handle.endpoints["leerlinggegevens"],
            leerresultaten_url=handle.endpoints["leerresultaten"],
            klantnaam=handle.klantnaam,
            klantcode=handle.klantcode,
            retry=RetryPolicy(max_attempts=1),
        )
    )


def test_inject_a_503_see_it_in_the_journal_and_clear_it(actief: MockEsisHandle, page: Any) -> None:
    from playwright.sync_api import expect

    school = actief.school
    key = school.autorisatiesleutel
    assert key
    ui = f"{actief.base_url}/__admin/ui"

    page.goto(f"{ui}/fouten")
    page.get_by_label("Soort fout").select_option("http_status")
    page.get_by_label("Operatie").select_option("HaalLeerlinggegevens")
    page.get_by_label("Aantal keer").fill("1")
    page.get_by_label("HTTP-status (http_status)").fill("503")
    page.get_by_role("button", name="Foutregel toevoegen").click()
    expect(page.get_by_role("status")).to_contain_text("Foutregel 1 toegevoegd")
    regel = page.get_by_role("row").filter(has_text="HaalLeerlinggegevens")
    expect(regel).to_contain_text("http_status")
    expect(regel.locator("td.afgegaan")).to_have_text("0")

    page.goto(f"{ui}/journaal")  # open before the request: the list must refresh by itself
    expect(page.get_by_role("checkbox", name="Live bijwerken")).to_be_checked()
    with _client(actief) as client, pytest.raises(UwlrClientError):
        client.haal_leerlinggegevens(
            key,
            schooljaar=school.schooljaar,
            brincode=school.brincode,
            dependancecode=school.dependancecode,
        )
    rij = page.get_by_role("row").filter(has_text="HaalLeerlinggegevens")
    expect(rij).to_have_count(1, timeout=10000)
    expect(rij).to_contain_text("injected")
    expect(rij).to_contain_text("503")
    expect(rij).to_contain_text(f"••••••••{key[-4:]}")
    expect(rij).to_contain_text(school.code)
    assert key not in page.content()

    rij.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Uitwisseling")
    expect(page.get_by_text("http_status", exact=True)).to_be_visible()
    verzoek = page.get_by_label("Verzoek-XML")
    expect(verzoek).to_contain_text("leerlinggegevens_verzoek")
    expect(verzoek).to_contain_text(f"••••••••{key[-4:]}")
    assert key not in page.content()

    page.get_by_role("link", name="Foutinjectie").click()
    expect(regel.locator("td.afgegaan")).to_have_text("1")
    page.get_by_role("button", name="Alle foutregels wissen").click()
    expect(page.get_by_role("status")).to_contain_text("Geen foutinjecties meer")
    expect(page.get_by_text("Geen foutregels.")).to_be_visible()
    assert actief.faults() == []


def test_no_serious_accessibility_problems_on_any_page(
    actief: MockEsisHandle,
    page: Any,
    mock_esis_factory: Callable[..., MockEsisHandle],
) -> None:
    from playwright.sync_api import expect

    code = actief.school.code
    haal(actief, code)
    entry = actief.journal()[0]["id"]
    ui = f"{actief.base_url}/__admin/ui"
    problems: list[str] = []
    for path in (
        "/scholen",
        f"/scholen/{code}",
        f"/scholen/{code}/wijzigen",
        f"/scholen/{code}/resultaten",
        "/klok",
        "/fouten",
        "/journaal",
        f"/journaal/{entry}",
    ):
        page.goto(ui + path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        problems += ernstige_overtredingen(page)
    page.goto(f"{ui}/scholen/{code}")
    page.get_by_role("button", name="Toon sleutel").click()
    expect(page.locator("#sleutel")).to_have_text(str(actief.school.autorisatiesleutel))
    problems += ernstige_overtredingen(page)
    page.goto(f"{ui}/fouten")
    page.get_by_role("button", name="Foutregel toevoegen").click()  # default rule: fine
    page.get_by_label("Soort fout").select_option("uwlr_fault")
    page.get_by_label("Of: kans per verzoek (0–1)").fill("veel")
    page.get_by_role("button", name="Foutregel toevoegen").click()
    expect(page.get_by_role("alert")).to_contain_text("share")  # a refusal, shown on the page
    problems += ernstige_overtredingen(page)

    token = mock_esis_factory(seed=3, students_per_group=3, admin_token="geheim")
    page.goto(f"{token.base_url}/__admin/ui/scholen")
    expect(page.get_by_label("Admin-token")).to_be_visible()
    problems += ernstige_overtredingen(page)
    page.get_by_label("Admin-token").fill("geheim")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("status")).to_contain_text("U bent ingelogd")
    assert problems == []
