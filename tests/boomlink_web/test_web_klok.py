"""The web app's clock seam: a clock injected through ``create_app`` is the app's "now".

The feature scenarios say "Stel het is 16 november 2026"; the browser driver passes the
scenario's clock to the app it serves, and these tests show that the clock reaches the services
(the current schooljaar of the form, an [Aanvragen] checked against that schooljaar) and that
the default is the real clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from web_testkit import BEHEERDER, Bezoeker, WebSchool

from boomlink.koppeling.stap3 import huidige_koppeling
from boomlink.schooljaar import huidig_schooljaar
from boomlink.store import School, Store
from boomlink.web import create_app
from boomlink.web.server import WebServer

#: Far from any real "today", so a page that ignores the clock cannot pass by accident.
TOEKOMST = dt.datetime(2031, 3, 5, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def klok_bezoeker(
    store: Store, env: dict[str, str], web_school: WebSchool
) -> Iterator[tuple[Bezoeker, list[dt.datetime | None]]]:
    moment: list[dt.datetime | None] = [TOEKOMST]
    app = create_app(
        store, environ={**env, "BOOMLINK_WEB_SECRET": "test-geheim"}, klok=lambda: moment[0]
    )
    with WebServer(app) as server:
        bezoeker = Bezoeker(server.base_url)
        assert bezoeker.inloggen(BEHEERDER).status_code == 302
        yield bezoeker, moment
        bezoeker.close()


def test_the_injected_clock_decides_the_schooljaar_the_form_shows(
    klok_bezoeker: tuple[Bezoeker, list[dt.datetime | None]], web_school: WebSchool
) -> None:
    bezoeker, moment = klok_bezoeker
    pad = f"/scholen/{web_school.school_id}/koppelen"
    assert 'id="schooljaar-tonen">2030-2031<' in bezoeker.get(pad).text
    moment[0] = dt.datetime(2031, 8, 1, 9, 0, tzinfo=dt.UTC)  # the clock is read per request
    assert 'id="schooljaar-tonen">2031-2032<' in bezoeker.get(pad).text
    moment[0] = None  # None: the real clock
    assert f'id="schooljaar-tonen">{huidig_schooljaar()}<' in bezoeker.get(pad).text


def test_aanvragen_is_checked_against_the_injected_schooljaar(
    klok_bezoeker: tuple[Bezoeker, list[dt.datetime | None]],
    web_school: WebSchool,
    store: Store,
) -> None:
    bezoeker, _moment = klok_bezoeker
    pad = f"/scholen/{web_school.school_id}/koppelen"
    velden = {"type_koppeling": "ESIS UWLR", "brincode": web_school.code}
    echt = bezoeker.post(pad + "/aanvragen", {**velden, "schooljaar": huidig_schooljaar()}, van=pad)
    assert echt.status_code == 422  # today's schooljaar is not the current one at the app's clock
    goed = bezoeker.post(pad + "/aanvragen", {**velden, "schooljaar": "2030-2031"}, van=pad)
    assert goed.status_code == 302
    with store.session() as s:
        koppeling = huidige_koppeling(s, s.get_one(School, web_school.school_id))
        assert koppeling is not None and koppeling.schooljaar == "2030-2031"
        assert koppeling.status.value == "goedgekeurd"


def test_without_a_clock_the_app_runs_on_the_real_clock(
    store: Store, env: dict[str, str], web_school: WebSchool
) -> None:
    app = create_app(store, environ={**env, "BOOMLINK_WEB_SECRET": "test-geheim"})
    with WebServer(app) as server:
        bezoeker = Bezoeker(server.base_url)
        assert bezoeker.inloggen(BEHEERDER).status_code == 302
        pagina = bezoeker.get(f"/scholen/{web_school.school_id}/koppelen").text
        bezoeker.close()
    assert f'id="schooljaar-tonen">{huidig_schooljaar()}<' in pagina
