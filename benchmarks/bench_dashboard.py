"""Tester's dashboard (issue 17): the journal view with 5,000 exchanges renders in < 300 ms server
time (p50).

The mock ESIS is built in this process (one activated school of 25 per group); a few real SOAP
exchanges go through the app (answers, a refused key, an injected 503), then the journal is filled
to 5,000 entries with copies of them (bodies included, within the journal's byte bound). Server
time is the WSGI app answering ``GET /__admin/ui/journaal`` in this process (access check,
filters, template), without sockets. The schools page is printed beside it as a yardstick.
"""

from __future__ import annotations

import io
import sys
from functools import partial
from typing import Any

from benchmarks.harness import Goal, Report, percentile, timed
from mock_esis.web.app import MockEsisApp
from mock_esis.web.factory import MockOptions, build_app
from uwlr.build import build, build_autorisatie
from uwlr.envelope import CONTENT_TYPE, build_envelope, to_bytes
from uwlr.models import Autorisatie, LeerlinggegevensVerzoek
from uwlr.namespaces import SOAP_ACTIONS

EXCHANGES = 5_000
REPEAT = 30


def _call(app: MockEsisApp, method: str, path: str, query: str = "", body: bytes = b"") -> bytes:
    environ: dict[str, Any] = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "REMOTE_ADDR": "127.0.0.1",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "CONTENT_TYPE": CONTENT_TYPE,
        "CONTENT_LENGTH": str(len(body)),
        "HTTP_SOAPACTION": f'"{SOAP_ACTIONS["HaalLeerlinggegevens"]}"',
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.url_scheme": "http",
    }
    status: list[str] = []
    answer = b"".join(app(environ, lambda s, h, e=None: status.append(s)))
    assert status[0][:3] in ("200", "500", "503"), (path, status[0], answer[:300])
    return answer


def _fill(app: MockEsisApp) -> None:
    school = next(iter(app.state.schools.values()))
    key = school.koppeling.autorisatiesleutel or ""

    def soap(sleutel: str) -> None:
        verzoek = LeerlinggegevensVerzoek(
            schooljaar=school.schooljaar,
            brincode=school.fake.brincode,
            dependancecode=school.fake.dependancecode,
        )
        header = build_autorisatie(
            Autorisatie(
                autorisatiesleutel=sleutel,
                klantcode=app.state.klantcode,
                klantnaam=app.state.klantnaam,
            )
        )
        _call(
            app,
            "POST",
            "/uwlr/leerlinggegevens",
            body=to_bytes(build_envelope(build(verzoek), header)),
        )

    soap(key)
    soap("verkeerde-sleutel-" + "x" * 30)
    app.injector.add({"operation": "HaalLeerlinggegevens", "kind": "http_status", "status": 503})
    soap(key)
    samples = [e.to_json() for e in app.journal.entries()]  # before the bound drops their bodies
    for n in range(EXCHANGES - len(samples)):
        fields = dict(samples[n % len(samples)])
        for name in ("id", "tijd", "bodies_dropped"):
            fields.pop(name)
        app.journal.record(app.journal.begin(), **fields)
    assert len(app.journal.entries()) == EXCHANGES


def run() -> Report:
    report = Report(f"Dashboard voor testers: journaal met {EXCHANGES} uitwisselingen")
    app = build_app(MockOptions(seed=1, schools=1, students_per_group=25, activate_all=True))
    _fill(app)
    report.figures["bytes aan inhoud in het journaal"] = app.journal.body_bytes
    code = next(iter(app.state.schools))
    pages = {
        "journaal, alles": ("/__admin/ui/journaal", ""),
        "journaal, filter oordeel + school": (
            "/__admin/ui/journaal",
            f"verdict=fault&school={code}",
        ),
        "journaal, filter operatie + tijd": (
            "/__admin/ui/journaal",
            "operation=HaalLeerlinggegevens&since=2000-01-01T00:00",
        ),
        "één uitwisseling": (f"/__admin/ui/journaal/{app.journal.entries()[-2].id}", ""),
        "scholen (maatstaf)": ("/__admin/ui/scholen", ""),
    }
    p50: dict[str, float] = {}
    for naam, (path, query) in pages.items():
        assert b"<h1>" in _call(app, "GET", path, query), naam
        times = timed(partial(_call, app, "GET", path, query), REPEAT)
        p50[naam] = percentile(times, 0.5)
        report.figures[f"{naam}: p50 / p95 (ms, servertijd)"] = (
            f"{p50[naam]:.1f} / {percentile(times, 0.95):.1f}"
        )
    report.figures["journaal / scholen (verhouding)"] = round(
        p50["journaal, alles"] / p50["scholen (maatstaf)"], 2
    )
    report.goals.append(
        Goal(
            f"journaalpagina ({EXCHANGES} uitwisselingen) p50 servertijd",
            p50["journaal, alles"],
            "<=",
            300,
            " ms",
        )
    )
    return report
