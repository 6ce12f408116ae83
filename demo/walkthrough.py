"""The demo: a mock ESIS with one fake school, and one real UWLR exchange with it over HTTP."""

from __future__ import annotations

from boomlink.uwlr_client import ClientConfig, UwlrClient
from mock_esis.factory import MockOptions, build_app
from mock_esis.handle import MockEsisHandle
from mock_esis.server import MockEsisServer
from uwlr.models import GegevensStatus


def main() -> int:
    print("Nep-ESIS starten op een vrije poort ...", flush=True)
    app = build_app(MockOptions(seed=1, schools=1, students_per_group=25, activate_all=True))
    with MockEsisServer(app) as server:
        handle = MockEsisHandle(server)
        school = handle.school
        print(f"  luistert op {server.base_url}")
        print(f"  school: {school.naam} (BRIN {school.brincode}{school.dependancecode})")
        config = ClientConfig(
            leerlinggegevens_url=server.endpoints["leerlinggegevens"],
            leerresultaten_url=server.endpoints["leerresultaten"],
            klantnaam=handle.klantnaam,
            klantcode=handle.klantcode,
        )
        print("HaalLeerlinggegevens over UWLR 2.3 ...", flush=True)
        with UwlrClient(config) as client:
            result = client.haal_leerlinggegevens(
                school.autorisatiesleutel or "",
                schooljaar=school.schooljaar,
                brincode=school.brincode,
                dependancecode=school.dependancecode,
            )
        answer = result.message
        if answer.status is not GegevensStatus.GEGEVENS or answer.gegevens is None:
            print(f"ESIS antwoordde: {answer.status}", file=sys.stderr)
            return 1
        data = answer.gegevens
        print(
            f"  antwoord in {result.latency * 1000:.0f} ms, {len(result.exchange.response)} bytes"
        )
        print(
            f"  {len(data.groepen)} groepen, {len(data.samengestelde_groepen)} samengestelde "
            f"groepen, {len(data.leerlingen)} leerlingen, {len(data.leerkrachten)} leerkrachten"
        )
        for groep in data.groepen[:4]:
            pupils = sum(1 for p in data.leerlingen if p.groep == groep.key)
            print(f"    {groep.naam:<12} jaargroep {groep.jaargroep:<2} {pupils} leerlingen")
        first = data.leerlingen[0]
        naam = " ".join(p for p in (first.roepnaam, first.voorvoegsel, first.achternaam) if p)
        print(f"  eerste leerling: {naam}, groep {first.groep}, leerlingnummer {first.key}")
    print("Klaar.")
    return 0


import sys  # noqa: E402  (kept at the end: only used for stderr above)
