"""The tester's dashboard over HTTP: access rule, CSRF, and every action as the admin API does it."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from dashboard_testkit import DashboardVisitor
from mock_admin_testkit import haal

from mock_esis.testing.handle import MockEsisHandle
from mock_esis.web.factory import MockOptions, build_app


@pytest.fixture
def bezoeker(actief: MockEsisHandle) -> Iterator[DashboardVisitor]:
    visitor = DashboardVisitor(actief.base_url)
    yield visitor
    visitor.close()


OK = 'class="oordeel">ok<'
FAULT = 'class="oordeel">fault<'


def _wsgi(app: Callable[..., Any], method: str, path: str, remote: str, **headers: str) -> int:
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "REMOTE_ADDR": remote,
        "SERVER_NAME": "mock",
        "SERVER_PORT": "80",
        "CONTENT_LENGTH": "0",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.url_scheme": "http",
        **{f"HTTP_{k.upper()}": v for k, v in headers.items()},
    }
    seen: list[str] = []
    b"".join(app(environ, lambda status, headers, exc=None: seen.append(status)))
    return int(seen[0].split()[0])


def test_every_page_renders(actief: MockEsisHandle, bezoeker: DashboardVisitor) -> None:
    code = actief.school.code
    haal(actief, code)
    entry = actief.journal()[0]["id"]
    for path in (
        "/",
        "/scholen",
        f"/scholen/{code}",
        f"/scholen/{code}/wijzigen",
        f"/scholen/{code}/resultaten",
        "/klok",
        "/fouten",
        "/journaal",
        f"/journaal/{entry}",
    ):
        page = bezoeker.get(path)
        assert page.status_code == 200, (path, page.text[:500])
        assert page.headers["content-type"].startswith("text/html")
        assert page.headers["cache-control"] == "no-store"
        assert "<h1>" in page.text and 'lang="nl"' in page.text
    assert bezoeker.get("/static/dashboard.css").status_code == 200
    assert bezoeker.get("/static/mock.css").status_code == 200
    assert bezoeker.get("/scholen/11ZZ00").status_code == 404
    assert bezoeker.get("/journaal/424242").status_code == 404


def test_only_loopback_without_a_token() -> None:
    app = build_app(MockOptions(seed=3, students_per_group=3))
    assert _wsgi(app, "GET", "/__admin/ui/scholen", "127.0.0.1") == 200
    assert _wsgi(app, "GET", "/__admin/ui/scholen", "::1") == 200
    assert _wsgi(app, "GET", "/__admin/ui/scholen", "192.0.2.7") == 403
    assert _wsgi(app, "POST", "/__admin/ui/fouten/wissen", "192.0.2.7") == 403
    assert _wsgi(app, "GET", "/__admin/ui/scholen", "192.0.2.7", x_forwarded_for="127.0.0.1") == 403


def test_with_a_token_a_login_form_sets_a_cookie(
    mock_esis_factory: Callable[..., MockEsisHandle],
) -> None:
    handle = mock_esis_factory(seed=3, students_per_group=3, admin_token="geheim-token")
    visitor = DashboardVisitor(handle.base_url)
    try:
        first = visitor.get("/scholen")
        assert first.status_code == 303 and first.headers["location"] == "/__admin/ui/inloggen"
        login = visitor.get("/inloggen")
        assert login.status_code == 200 and 'type="password"' in login.text
        assert visitor.post("/fouten/wissen").status_code == 403
        wrong = visitor.post("/inloggen", {"token": "verkeerd"})
        assert wrong.status_code == 403 and "klopt niet" in wrong.text
        assert visitor.post("/inloggen", {"token": "geheim-token"}, csrf=False).status_code == 403
        ok = visitor.post("/inloggen", {"token": "geheim-token"})
        assert ok.status_code == 303
        cookie = ok.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "geheim-token" not in cookie
        page = visitor.follow(ok)
        assert page.status_code == 200 and "U bent ingelogd" in page.text
        out = visitor.post("/uitloggen")
        assert out.status_code == 303
        assert visitor.get("/scholen").status_code == 303
    finally:
        visitor.close()
    bearer = httpx.get(
        f"{handle.base_url}/__admin/ui/scholen", headers={"Authorization": "Bearer geheim-token"}
    )
    assert bearer.status_code == 200
    # from elsewhere too: the token is the rule, not the address
    app = handle.app
    assert (
        _wsgi(app, "GET", "/__admin/ui/scholen", "192.0.2.7", authorization="Bearer geheim-token")
        == 200
    )


def test_a_post_without_the_csrf_token_changes_nothing(
    actief: MockEsisHandle, bezoeker: DashboardVisitor
) -> None:
    actief.inject(operation="HaalLeerlinggegevens", kind="http_status", status=503)
    refused = bezoeker.post("/fouten/wissen", csrf=False)
    assert refused.status_code == 403 and "verlopen" in refused.text
    other = DashboardVisitor(actief.base_url)  # another browser's token does not fit this cookie
    other.get("/scholen")
    bezoeker.get("/scholen")
    assert bezoeker.post("/fouten/wissen", [("csrf", other.csrf)], csrf=False).status_code == 403
    other.close()
    assert len(actief.faults()) == 1
    assert bezoeker.post("/fouten/wissen").status_code == 303
    assert actief.faults() == []


def test_schools_seed_reveal_and_link(actief: MockEsisHandle, bezoeker: DashboardVisitor) -> None:
    code = actief.school.code
    key = actief.school.autorisatiesleutel
    assert key
    page = bezoeker.get(f"/scholen/{code}")
    assert key not in page.text and f"••••••••{key[-4:]}" in page.text
    assert key not in bezoeker.get("/scholen").text
    shown = bezoeker.post(f"/scholen/{code}/sleutel")
    assert shown.status_code == 200 and key in shown.text

    seeded = bezoeker.post(
        "/scholen",
        {
            "seed": "9",
            "aantal": "1",
            "leerlingen_per_groep": "3",
            "brincode": "99OI",
            "naam": "OBS De Proef",
            "activeren": "1",
        },
    )
    assert "99OI00" in bezoeker.follow(seeded).text
    proef = actief.school_by_code("99OI00")
    assert proef.naam == "OBS De Proef" and proef.autorisatiesleutel

    off = bezoeker.post("/scholen/99OI00/deactiveren")
    assert "gedeactiveerd" in bezoeker.follow(off).text
    assert actief.school_by_code("99OI00").autorisatiesleutel is None
    bad = bezoeker.post(
        "/scholen/99OI00/activeren", {"verificatiecode": "11AA00-dit-is-van-een-ander"}
    )
    assert bad.status_code == 422 and "beginnen met" in bad.text
    on = bezoeker.post("/scholen/99OI00/activeren", {"verificatiecode": ""})
    assert on.status_code == 303
    assert actief.school_by_code("99OI00").autorisatiesleutel
    wrong = bezoeker.post("/scholen", {"aantal": "2", "brincode": "99OI"})
    assert wrong.status_code == 422 and "één school" in wrong.text


def _school(handle: MockEsisHandle, code: str) -> dict[str, Any]:
    detail: dict[str, Any] = handle.admin.school(code)
    return detail


def test_every_data_change_does_what_the_admin_api_does(
    actief: MockEsisHandle, bezoeker: DashboardVisitor
) -> None:
    code = actief.school.code
    before = _school(actief, code)
    groepen = list(before["groepen"])
    pupil = before["leerlingen"][0]
    other_groep = next(g for g in groepen if g["key"] != pupil["groep"])

    def change(actie: str, data: list[tuple[str, str]]) -> httpx.Response:
        answer = bezoeker.post(f"/scholen/{code}/wijzigen/{actie}", data)
        assert answer.status_code == 303, (actie, answer.text[:3000])
        return bezoeker.follow(answer)

    added = change(
        "leerling-toevoegen",
        [
            ("achternaam", "Dashboard"),
            ("roepnaam", "Daan"),
            ("groep", groepen[0]["key"]),
            ("key", "DASH-1"),
            ("geslacht", "1"),
        ],
    )
    assert "DASH-1" in added.text
    new = next(p for p in _school(actief, code)["leerlingen"] if p["key"] == "DASH-1")
    assert (new["achternaam"], new["roepnaam"], new["groep"], new["geslacht"]) == (
        "Dashboard",
        "Daan",
        groepen[0]["key"],
        1,
    )
    change("leerling-wijzigen", [("leerling", "DASH-1"), ("achternaam", "Veranderd")])
    change("leerling-verplaatsen", [("leerling", pupil["key"]), ("groep", other_groep["key"])])
    change("leerling-eckid-als-sleutel", [("leerling", pupil["key"])])
    change("leerling-verwijderen", [("leerling", "DASH-1")])
    after = _school(actief, code)
    assert all(p.get("key") != "DASH-1" for p in after["leerlingen"])
    moved = next(p for p in after["leerlingen"] if p.get("eckid") == pupil["eckid"])
    assert moved["groep"] == other_groep["key"] and moved.get("key") is None

    change(
        "leerkracht-toevoegen",
        [
            ("achternaam", "Meester"),
            ("roepnaam", "Max"),
            ("gebruikersnaam", "m.meester"),
            ("key", "LK-DASH"),
            ("groepen", groepen[0]["key"]),
            ("groepen", groepen[1]["key"]),
        ],
    )
    lk = next(t for t in _school(actief, code)["leerkrachten"] if t["key"] == "LK-DASH")
    assert [g["key"] for g in lk["groepen"]] == [groepen[0]["key"], groepen[1]["key"]]
    change("leerkracht-wijzigen", [("leerkracht", "LK-DASH"), ("groepen", groepen[2]["key"])])
    lk = next(t for t in _school(actief, code)["leerkrachten"] if t["key"] == "LK-DASH")
    assert [g["key"] for g in lk["groepen"]] == [groepen[2]["key"]]
    with_eckid = next(t for t in before["leerkrachten"] if t.get("eckid") and t.get("key"))
    change("leerkracht-eckid-als-sleutel", [("leerkracht", with_eckid["key"])])
    assert all(t.get("key") != with_eckid["key"] for t in _school(actief, code)["leerkrachten"])
    change("leerkracht-verwijderen", [("leerkracht", "LK-DASH")])
    assert all(t.get("key") != "LK-DASH" for t in _school(actief, code)["leerkrachten"])

    change("groep-hernoemen", [("groep", groepen[3]["key"]), ("naam", "De Uilen")])
    assert (
        next(g for g in _school(actief, code)["groepen"] if g["key"] == groepen[3]["key"])["naam"]
        == "De Uilen"
    )
    change("groep-splitsen", [("groep", groepen[3]["key"]), ("naam", "De Uilen b")])
    assert any(g["naam"] == "De Uilen b" for g in _school(actief, code)["groepen"])

    refused = bezoeker.post(
        f"/scholen/{code}/wijzigen/leerling-eckid-als-sleutel", [("leerling", "NIEMAND")]
    )
    assert refused.status_code == 404 and "Leerling toevoegen" in refused.text
    assert bezoeker.post(f"/scholen/{code}/wijzigen/iets-anders", []).status_code == 404


def test_clock_and_next_schoolyear(actief: MockEsisHandle, bezoeker: DashboardVisitor) -> None:
    year = actief.school.schooljaar
    start = int(year[:4])
    moved = bezoeker.post("/klok", {"klok": f"{start + 1}-03-01T09:00"})
    assert "De klok staat op" in bezoeker.follow(moved).text
    assert actief.admin.klok()["klok"].startswith(f"{start + 1}-03-01T08:00")
    back = bezoeker.post("/klok", {"klok": f"{start}-01-01T09:00"})
    assert back.status_code == 422 and "alleen vooruit" in back.text
    rolled = bezoeker.post("/klok/volgend-schooljaar")
    assert f"{start + 1}-{start + 2}" in bezoeker.follow(rolled).text
    assert actief.school.schooljaar == f"{start + 1}-{start + 2}"


def test_faults_through_the_dashboard(actief: MockEsisHandle, bezoeker: DashboardVisitor) -> None:
    added = bezoeker.post(
        "/fouten",
        {"kind": "http_status", "operation": "HaalLeerlinggegevens", "count": "2", "status": "503"},
    )
    assert bezoeker.follow(added).status_code == 200
    assert actief.faults() == [
        {
            "id": 1,
            "operation": "HaalLeerlinggegevens",
            "kind": "http_status",
            "count": 2,
            "seed": 0,
            "status": 503,
            "remaining": 2,
            "fired": 0,
        }
    ]
    bad = bezoeker.post("/fouten", {"kind": "ontploffen", "operation": "*"})
    assert bad.status_code == 400 and "Onbekende soort fout" in bad.text
    bezoeker.post("/fouten/wissen")
    assert actief.faults() == []


def test_journal_list_filters_exchange_and_downloads(
    actief: MockEsisHandle, bezoeker: DashboardVisitor
) -> None:
    code = actief.school.code
    key = actief.school.autorisatiesleutel
    assert key
    haal(actief, code)
    haal(actief, code, key="z" * 40)
    page = bezoeker.get("/journaal")
    assert page.text.index(FAULT) < page.text.index(OK)  # newest first
    assert key not in page.text and f"••••••••{key[-4:]}" in page.text
    only_ok = bezoeker.get("/journaal", verdict="ok")
    assert OK in only_ok.text and FAULT not in only_ok.text
    assert FAULT in bezoeker.get("/journaal", school=code.lower(), verdict="fault").text
    assert "Geen uitwisselingen" in bezoeker.get("/journaal", operation="HaalStructuur").text
    assert bezoeker.get("/journaal", since="gisteren").status_code == 422

    fault = actief.journal(verdict="fault")[0]
    one = bezoeker.get(f"/journaal/{fault['id']}")
    assert "Client.AutorisatieOngeldig" in one.text and "z" * 40 not in one.text
    assert "\n  &lt;" in one.text or "\n    &lt;" in one.text  # pretty-printed, escaped XML
    download = bezoeker.get(f"/journaal/{fault['id']}/download")
    assert "attachment" in download.headers["content-disposition"]
    assert json.loads(download.text)[0]["request_body"] == fault["request_body"]
    selection = bezoeker.get("/journaal/download", verdict="ok")
    assert [e["verdict"] for e in json.loads(selection.text)] == ["ok"]
    assert key not in selection.text

    cleared = bezoeker.post("/journaal/wissen")
    assert cleared.status_code == 303 and actief.journal() == []
