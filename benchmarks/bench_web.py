"""Web screens (issue 16): a page of the import review of a 1,000-pupil school renders in
< 300 ms server time (p50).

Set-up as ``bench_import``: the mock ESIS in its own process with 1,000 pupils, a SQLite store in a
temporary folder, the link made with the real services, and [Gegevens importeren] done (the
review is open, nothing processed). Server time is the Flask app handling the request in this
process (``test_client``: routing, session, service call, template), without sockets; the same
page through waitress over loopback is printed beside it, and the login page as a yardstick.
"""

from __future__ import annotations

import re
from functools import partial

import httpx

from benchmarks.bench_import import _linked
from benchmarks.harness import Goal, Report, percentile, timed
from boomlink.accounts import wachtwoord_instellen
from boomlink.importeren.ophalen import gegevens_importeren
from boomlink.store import Gebruiker
from boomlink.web import create_app
from boomlink.web.server import WebServer

PUPILS = 1000
REPEAT = 30
WACHTWOORD = "bench-wachtwoord-123"
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def run() -> Report:
    report = Report(f"Webschermen: importcontrole van {PUPILS} leerlingen")
    with _linked(PUPILS) as link:
        link.run(gegevens_importeren, client_config=link.config, kluis=link.store.kluis())
        with link.store.session() as s:
            beheerder = s.get_one(Gebruiker, link.beheerder_id)
            wachtwoord_instellen(s, beheerder, WACHTWOORD)
            emailadres = beheerder.emailadres
        app = create_app(link.store, environ={"BOOMLINK_WEB_SECRET": "bench"})
        client = app.test_client()
        token = _CSRF.search(client.get("/inloggen").get_data(as_text=True))
        assert token is not None
        inloggen = client.post(
            "/inloggen",
            data={"csrf_token": token.group(1), "emailadres": emailadres, "wachtwoord": WACHTWOORD},
        )
        assert inloggen.status_code == 302, inloggen.status_code
        basis = f"/scholen/{link.school_id}/import"
        pages = {
            "leerlingen, Nieuw, pagina 1": f"{basis}?tab=leerlingen&categorie=nieuw",
            "leerlingen, Nieuw, pagina 10": f"{basis}?tab=leerlingen&categorie=nieuw&pagina=10",
            "leerlingen, zoeken op naam": f"{basis}?tab=leerlingen&categorie=nieuw&zoek=de",
            "samenvatting": f"{basis}/samenvatting",
        }
        for path in pages.values():
            assert client.get(path).status_code == 200, path
        p50: dict[str, float] = {}
        for naam, path in pages.items():
            times = timed(partial(client.get, path), REPEAT)
            p50[naam] = percentile(times, 0.5)
            report.figures[f"{naam}: p50 / p95 (ms, servertijd)"] = (
                f"{p50[naam]:.1f} / {percentile(times, 0.95):.1f}"
            )
        login = percentile(timed(lambda: client.get("/inloggen"), REPEAT), 0.5)
        report.figures["inlogpagina p50 (ms, maatstaf)"] = round(login, 2)
        report.figures["review / inlogpagina (verhouding)"] = round(
            p50["leerlingen, Nieuw, pagina 1"] / login, 1
        )
        with WebServer(app) as server, httpx.Client(base_url=server.base_url) as http:
            token = _CSRF.search(http.get("/inloggen").text)
            assert token is not None
            http.post(
                "/inloggen",
                data={
                    "csrf_token": token.group(1),
                    "emailadres": emailadres,
                    "wachtwoord": WACHTWOORD,
                },
            )
            path = pages["leerlingen, Nieuw, pagina 1"]
            assert http.get(path).status_code == 200
            over_http = percentile(timed(lambda: http.get(path), REPEAT), 0.5)
        report.figures["leerlingen, Nieuw, pagina 1 via waitress p50 (ms)"] = round(over_http, 1)
        report.goals.append(
            Goal(
                "importcontrole-pagina (1.000 leerlingen) p50 servertijd",
                p50["leerlingen, Nieuw, pagina 1"],
                "<=",
                300,
                " ms",
            )
        )
    return report
