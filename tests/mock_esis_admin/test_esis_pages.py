"""The ESIS screens as HTML (``/esis/``) over HTTP: sign-in, the Boom testcentrum koppeling with
its refusals and the key shown once, Mijn Groep and Toetsresultaten invoeren; same rules as the
JSON routes, because they call the same code."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from esis_pages_testkit import KOPPELING, TOETSRESULTATEN, EsisBezoeker
from mock_admin_testkit import TOETS, brengen, oso_resultaat

from mock_esis.testing.handle import MockEsisHandle


@pytest.fixture
def bezoeker(esis: MockEsisHandle) -> Iterator[EsisBezoeker]:
    visitor = EsisBezoeker(esis.base_url)
    yield visitor
    visitor.close()


def _actief(handle: MockEsisHandle) -> bool:
    [school] = handle.admin.state()["scholen"]
    return bool(school["koppeling"]["actief"])


def test_sign_in_lists_the_schools_users_with_their_roles(
    esis: MockEsisHandle, bezoeker: EsisBezoeker
) -> None:
    code = esis.school.code
    assert bezoeker.get("/").status_code == 303
    scholen = bezoeker.get("/inloggen")
    assert scholen.status_code == 200 and scholen.headers["cache-control"] == "no-store"
    assert f"/esis/inloggen/{code}" in scholen.text
    users = bezoeker.get(f"/inloggen/{code}").text
    for g in esis.school.gebruikers:
        assert g["naam"] in users and g["rol"] in users
    assert {g["rol"] for g in esis.school.gebruikers} >= {
        "Directie",
        "Applicatiebeheerder",
        "Administratie",
        "Leerkracht",
    }
    weg = bezoeker.get(KOPPELING.rsplit("/", 1)[0])
    assert weg.status_code == 303 and weg.headers["location"].startswith("/esis/inloggen")
    start = bezoeker.inloggen(code, esis.school.gebruiker("Directie"))
    assert "rol <strong>Directie</strong>" in start.text
    onbekend = bezoeker.get("/inloggen/11ZZ00")
    assert onbekend.status_code == 404 and "Niet gevonden" in onbekend.text
    assert bezoeker.get("/static/esis.js").headers["content-type"].startswith("text/javascript")
    assert bezoeker.get("/static/mock.css").status_code == 200
    assert bezoeker.post(f"/inloggen/{code}", {"gebruiker": "niemand"}).status_code == 403


def test_directie_activates_and_the_key_is_shown_once(
    esis: MockEsisHandle, bezoeker: EsisBezoeker
) -> None:
    code = esis.school.code
    bezoeker.inloggen(code, esis.school.gebruiker("Directie"))
    form = bezoeker.get(KOPPELING + "/activeren")
    assert form.status_code == 200
    assert "begint met het BRIN + vestigingsnummer" in form.text and "minimaal 20" in form.text
    assert 'for="verificatiecode"' in form.text and 'for="akkoord_voorwaarden"' in form.text

    anders = bezoeker.post(
        KOPPELING + "/activeren",
        {"verificatiecode": "99OI001234567890abcd", "akkoord_voorwaarden": "ja"},
    )
    assert anders.status_code == 422
    assert 'id="verificatiecode-fout"' in anders.text and f"({code})" in anders.text
    kort = bezoeker.post(
        KOPPELING + "/activeren", {"verificatiecode": f"{code}-kort", "akkoord_voorwaarden": "ja"}
    )
    assert kort.status_code == 422 and "minimaal 20" in kort.text
    assert f'value="{code}-kort"' in kort.text  # what was typed stays
    zonder = bezoeker.post(
        KOPPELING + "/activeren", {"verificatiecode": f"{code}-zonder-akkoord-1"}
    )
    assert zonder.status_code == 422
    assert 'id="akkoord_voorwaarden-fout"' in zonder.text and "gebruikersvoorwaarden" in zonder.text
    assert not _actief(esis)

    ok = bezoeker.post(
        KOPPELING + "/activeren",
        {"verificatiecode": f"{code}-boomtestcentrum-2026", "akkoord_voorwaarden": "ja"},
    )
    getoond = bezoeker.follow(ok)
    key = esis.school.autorisatiesleutel
    assert key and _actief(esis)
    assert f'value="{key}"' in getoond.text and "maar één keer" in getoond.text
    assert getoond.headers["cache-control"] == "no-store"
    weer = bezoeker.get(KOPPELING)
    assert weer.status_code == 200 and key not in weer.text and key[-4:] in weer.text

    uit = bezoeker.follow(bezoeker.post(KOPPELING + "/deactiveren"))
    assert "werkt niet meer" in uit.text and not _actief(esis)


@pytest.mark.parametrize("rol", ["Leerkracht", "Administratie"])
def test_other_roles_see_the_menu_item_refused_with_the_reason(
    esis: MockEsisHandle, bezoeker: EsisBezoeker, rol: str
) -> None:
    code = esis.school.code
    bezoeker.inloggen(code, esis.school.gebruiker(rol))
    menu = bezoeker.get("/import-export-koppelingen/koppelingen")
    assert menu.status_code == 200
    assert "Geen toegang" in menu.text and "Directie of Applicatiebeheerder" in menu.text
    assert f'href="/esis{KOPPELING}"' not in menu.text
    for page in (bezoeker.get(KOPPELING), bezoeker.get(KOPPELING + "/activeren")):
        assert page.status_code == 403 and "Directie of Applicatiebeheerder" in page.text
    poging = bezoeker.post(
        KOPPELING + "/activeren",
        {"verificatiecode": f"{code}-boomtestcentrum-2026", "akkoord_voorwaarden": "ja"},
    )
    assert poging.status_code == 403 and not _actief(esis)


def test_a_form_without_its_csrf_token_changes_nothing(
    esis: MockEsisHandle, bezoeker: EsisBezoeker
) -> None:
    code = esis.school.code
    bezoeker.inloggen(code, esis.school.gebruiker("Directie"))
    poging = bezoeker.post(
        KOPPELING + "/activeren",
        {"verificatiecode": f"{code}-boomtestcentrum-2026", "akkoord_voorwaarden": "ja"},
        csrf=False,
    )
    assert poging.status_code == 403 and "niets gewijzigd" in poging.text
    assert not _actief(esis)


def test_mijn_groep_shows_group_results_for_own_groups_only(actief: MockEsisHandle) -> None:
    code = actief.school.code
    detail = actief.admin.school(code)
    leerkracht = actief.school.gebruiker("Leerkracht")
    mine = {g["key"] for g in actief.esis.groepen(code, leerkracht)["groepen"]}
    groep = next(g for g in detail["groepen"] if g["key"] in mine)
    ander = next(g for g in detail["groepen"] if g["key"] not in mine)
    pupils = [p["key"] for p in detail["leerlingen"] if p.get("groep") == groep["key"]][:2]
    brengen(
        actief,
        code,
        {
            pupils[0]: [oso_resultaat("r-1", vaardigheidsscore="40", niveau="1F")],
            pupils[1]: [oso_resultaat("r-2", vaardigheidsscore="50", niveau="2F")],
        },
    )
    visitor = EsisBezoeker(actief.base_url)
    try:
        visitor.inloggen(code, leerkracht)
        lijst = visitor.get("/mijn-groep").text
        assert groep["naam"] in lijst and ander["naam"] not in lijst
        page = visitor.get(f"/mijn-groep/{groep['key']}")
        assert page.status_code == 200
        assert '<td class="aantal">2</td>' in page.text and "45.0" in page.text
        assert "1F=1, 2F=1" in page.text
        assert all(p not in page.text for p in pupils) and "r-1" not in page.text
        geweigerd = visitor.get(f"/mijn-groep/{ander['key']}")
        assert geweigerd.status_code == 403 and "geen leerkracht van" in geweigerd.text
        visitor.inloggen(code, actief.school.gebruiker("Administratie"))
        assert visitor.get("/mijn-groep").status_code == 403
    finally:
        visitor.close()


def test_toetsresultaten_invoeren_keeps_hand_entries_beside_the_linked_ones(
    actief: MockEsisHandle,
) -> None:
    code = actief.school.code
    leerkracht = actief.school.gebruiker("Leerkracht")
    visitor = EsisBezoeker(actief.base_url)
    try:
        visitor.inloggen(code, leerkracht)
        form = visitor.get(TOETSRESULTATEN)
        assert form.status_code == 200
        for label in ("Leerling", "Toets", "DLE", "Datum"):
            assert f">{label}</label>" in form.text
        mine = {g["key"] for g in actief.esis.groepen(code, leerkracht)["groepen"]}
        pupil = next(
            p["key"] for p in actief.admin.school(code)["leerlingen"] if p.get("groep") in mine
        )
        fout = visitor.post(
            TOETSRESULTATEN,
            {
                "leerlingid": pupil,
                "toets": "Boom Spelling M5",
                "dle": "veel",
                "datum": "2026-10-01",
            },
        )
        assert fout.status_code == 422 and 'id="dle-fout"' in fout.text
        ok = visitor.post(
            TOETSRESULTATEN,
            {"leerlingid": pupil, "toets": "Boom Spelling M5", "dle": "28", "datum": "2026-10-01"},
        )
        na = visitor.follow(ok)
        assert "DLE 28 bij Boom Spelling M5" in na.text
        brengen(
            actief, code, {pupil: [oso_resultaat("r-x", vaardigheidsscore="77.7", niveau="2F")]}
        )
        lijst = visitor.get(TOETSRESULTATEN, leerling=pupil).text
        assert '<td class="dle">28</td>' in lijst and "Via de koppeling ontvangen" in lijst
        ontvangen = lijst.split('id="ontvangen"', 1)[1]
        assert str(TOETS.toetsnaam) in ontvangen and "77.7" not in ontvangen  # no per-pupil score
        [school] = actief.admin.state()["scholen"]
        assert [h["dle"] for h in school["handmatig"]] == ["28"]
        visitor.inloggen(code, actief.school.gebruiker("Administratie"))
        assert visitor.get(TOETSRESULTATEN).status_code == 403
    finally:
        visitor.close()
