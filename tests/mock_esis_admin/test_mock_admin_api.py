"""The admin API itself: reset, seeding, state, school detail, journal, faults route, protection."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from mock_admin_testkit import haal, refused

from mock_esis.admin.api import is_loopback
from mock_esis.testing.handle import MockEsisHandle
from mock_esis.web.factory import MockOptions, build_app
from uwlr.models import LeerlinggegevensAntwoord


def test_reset_empties_everything(actief: MockEsisHandle) -> None:
    key = actief.school.autorisatiesleutel
    assert key is not None
    actief.admin.reset()
    state = actief.admin.state()
    assert state["scholen"] == []
    assert state["klok_verschoven_seconden"] == 0
    actief.admin.seed(seed=3)  # the same school again, but its old key is gone
    assert haal(actief, actief.school.code, key=key) == "Client.AutorisatieOngeldig"


def test_seed_by_seed_and_sizes(esis: MockEsisHandle) -> None:
    esis.admin.reset()
    made = esis.admin.seed(
        seed=11, aantal=2, leerlingen_per_groep=4, aantal_groepen=3, activeren=True
    )
    assert len(made["scholen"]) == 2
    for school in made["scholen"]:
        assert len(school["groepen"]) == 3
        assert school["koppeling"]["actief"] is True
        key = school["koppeling"]["autorisatiesleutel"]
        assert isinstance(haal(esis, school["code"], key=key), LeerlinggegevensAntwoord)


def test_seed_with_brincode_and_name_overrides_everywhere(esis: MockEsisHandle) -> None:
    made = esis.admin.seed(seed=5, brincode="99oi", naam="OBS De Proef", activeren=True)
    [school] = made["scholen"]
    assert school["code"] == "99OI00" and school["naam"] == "OBS De Proef"
    assert school["schoolkey"] == "ESIS-99OI00"
    detail = esis.admin.school("99OI00")
    assert detail["brincode"] == "99OI" and detail["school"]["brincode"] == "99OI"
    assert "99oi" in detail["email_domein"]
    answer = haal(esis, "99OI00")
    assert isinstance(answer, LeerlinggegevensAntwoord) and answer.gegevens is not None
    assert answer.gegevens.school.brincode == "99OI"


def test_seed_explicit_school_json(esis: MockEsisHandle) -> None:
    detail = esis.admin.school(esis.school.code)
    detail["brincode"] = "99XY"
    detail["school"]["brincode"] = "99XY"
    detail["naam"] = "Uit JSON"
    made = esis.admin.seed(school=detail)
    assert made["scholen"][0]["code"] == "99XY00"
    assert esis.admin.school("99XY00")["naam"] == "Uit JSON"


@pytest.mark.parametrize(
    "fields",
    [
        {"brincode": "QQ99"},
        {"dependancecode": "A"},
        {"aantal": 0},
        {"seed": "vijf"},
        {"aantal": 2, "naam": "Twee"},
        {"school": {"formaat": "iets"}},
    ],
)
def test_seed_refusals(esis: MockEsisHandle, fields: dict[str, Any]) -> None:
    assert refused(esis.admin.seed, **fields).status == 422


def test_state_shows_full_keys_results_entries_and_clock(actief: MockEsisHandle) -> None:
    state = actief.admin.state()
    [school] = state["scholen"]
    assert school["koppeling"]["autorisatiesleutel"] == actief.school.autorisatiesleutel
    assert {"klok", "klantnaam", "klantcode"} <= set(state)
    assert school["resultaten"] == [] and school["handmatig"] == []
    assert {g["rol"] for g in school["gebruikers"]} >= {"Directie", "Leerkracht"}


def test_add_gebruiker(esis: MockEsisHandle) -> None:
    code = esis.school.code
    esis.admin.add_gebruiker(code, naam="Nieuwe Baas", rol="Directie", gebruikersnaam="baas")
    assert esis.esis.koppeling(code, "baas")["school"] == code
    assert (
        refused(esis.admin.add_gebruiker, code, naam="X", rol="Koning", gebruikersnaam="x").status
        == 422
    )
    assert (
        refused(
            esis.admin.add_gebruiker, code, naam="X", rol="Directie", gebruikersnaam="baas"
        ).status
        == 409
    )


def test_journal_over_http_with_filters_and_clear(actief: MockEsisHandle) -> None:
    code = actief.school.code
    haal(actief, code)
    haal(actief, code, key="fout-fout-fout-fout")
    entries = actief.admin.journal(operation="HaalLeerlinggegevens")
    assert len(entries) == 2
    assert all(e["header"]["autorisatiesleutel"].startswith("•") for e in entries)
    sleutel = actief.school.autorisatiesleutel
    assert sleutel is not None and sleutel not in str(entries)
    ok = actief.admin.journal(verdict=entries[0]["verdict"])
    assert entries[0]["id"] in {e["id"] for e in ok}
    assert actief.admin.journal(since="2999-01-01T00:00:00Z") == []
    assert refused(actief.admin.journal, since="gisteren").status == 422
    assert actief.journal(operation="HaalLeerlinggegevens") == entries
    actief.admin.clear_journal()
    assert actief.admin.journal() == []


def test_faults_route_reaches_the_injector(actief: MockEsisHandle) -> None:
    if not hasattr(actief.app.injector, "add"):
        pytest.skip("fault injection (the lead's) is not there yet")
    actief.admin.clear_faults()
    rule = actief.admin.add_fault(
        operation="HaalLeerlinggegevens", kind="http_status", status=503, count=1
    )
    assert isinstance(rule, dict)
    assert len(actief.admin.faults()) == 1
    actief.admin.clear_faults()
    assert actief.admin.faults() == []


def test_unknown_admin_path_is_404(esis: MockEsisHandle) -> None:
    response = httpx.get(f"{esis.base_url}/__admin/bestaat-niet")
    assert response.status_code == 404 and "fout" in response.json()


# -- protection ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("::1", True),
        ("::ffff:127.0.0.1", True),
        ("10.0.0.1", False),
        ("192.0.2.7", False),
        ("::ffff:192.0.2.7", False),
        ("", False),
        (None, False),
        ("localhost", False),
    ],
)
def test_is_loopback(address: str | None, expected: bool) -> None:
    assert is_loopback(address) is expected


def _wsgi_call(app: Callable[..., Any], path: str, remote: str, **headers: str) -> int:
    """Call the WSGI app in-process as if from ``remote`` (a real socket cannot fake that)."""
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "REMOTE_ADDR": remote,
        "SERVER_NAME": "mock",
        "SERVER_PORT": "80",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.url_scheme": "http",
        **{f"HTTP_{k.upper()}": v for k, v in headers.items()},
    }
    seen: list[str] = []
    b"".join(app(environ, lambda status, headers, exc=None: seen.append(status)))
    return int(seen[0].split()[0])


def test_admin_refuses_non_loopback_without_token() -> None:
    app = build_app(MockOptions(seed=3, students_per_group=3))
    assert _wsgi_call(app, "/__admin/state", "127.0.0.1") == 200
    assert _wsgi_call(app, "/__admin/state", "::1") == 200
    assert _wsgi_call(app, "/__admin/state", "192.0.2.7") == 403
    assert _wsgi_call(app, "/__admin/state", "192.0.2.7", x_forwarded_for="127.0.0.1") == 403
    # the ESIS screens are not the tester's: they answer from anywhere
    assert _wsgi_call(app, "/esis/scholen/99ZZ00/mijn-groep", "192.0.2.7") == 404


def test_admin_with_token_requires_it_from_everywhere(
    mock_esis_factory: Callable[..., MockEsisHandle],
) -> None:
    handle = mock_esis_factory(seed=3, students_per_group=3, admin_token="geheim-token")
    url = f"{handle.base_url}/__admin/state"
    assert httpx.get(url).status_code == 403
    assert httpx.get(url, headers={"Authorization": "Bearer verkeerd"}).status_code == 403
    assert httpx.get(url, headers={"Authorization": "geheim-token"}).status_code == 403
    assert httpx.get(url, headers={"Authorization": "Bearer geheim-token"}).status_code == 200
    assert handle.admin.state()["scholen"]  # the handle sends the token
    app = handle.app
    assert (
        _wsgi_call(app, "/__admin/state", "192.0.2.7", authorization="Bearer geheim-token") == 200
    )
    assert _wsgi_call(app, "/__admin/state", "192.0.2.7") == 403
