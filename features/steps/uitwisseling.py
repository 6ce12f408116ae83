"""Steps of ``uitwisseling.feature`` (H-P-04): the link exchanges in both directions.

The world is the import world (:class:`~wereld.importeren.ImportDeel`: a fake ESIS school linked
with a Boom testcentrum school); this module adds the result that travels back. Norming a test
and delivering the queue are Boom's own jobs, done here the way its services do them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pytest_bdd import parsers, then, when
from sqlalchemy import select
from wereld import Wereld

from boomlink.resultaten import Normscores, afname_normeren, sync
from boomlink.store import Afname, Groep, Leerkracht, Leerling, Toets


@when(parsers.parse("de beheerder de gegevens uit ESIS importeert en verwerkt"))
def _(wereld: Wereld) -> None:
    importeren = wereld.importeren
    importeren.importeren()
    importeren.leraren_zonder_email_overslaan()
    importeren.verwerken()
    assert importeren.fout is None, importeren.fout


@then(
    parsers.parse(
        "staan alle groepen, leerlingen en leerkrachten met e-mailadres uit ESIS in het Boom testcentrum"
    )
)
def _(wereld: Wereld) -> None:
    importeren = wereld.importeren
    esis = importeren.esis.admin.school(importeren.code)
    stam = {g["key"] for g in esis["groepen"]}
    leerlingen = {p["key"] for p in esis["leerlingen"] if p.get("groep") in stam}
    leraren = {
        t["key"]
        for t in esis["leerkrachten"]
        if t.get("emailadres") and any(g["key"] in stam for g in t.get("groepen", []))
    }
    with importeren.store.session() as s:
        assert {g.extern_nummer for g in s.scalars(select(Groep))} >= stam
        assert {p.extern_nummer for p in s.scalars(select(Leerling))} == leerlingen
        assert {t.extern_nummer for t in s.scalars(select(Leerkracht))} >= leraren


@when(
    parsers.parse(
        'het Boom testcentrum een toetsafname van een van die leerlingen normeert met DLE "{dle}"'
    )
)
def _(wereld: Wereld, dle: str) -> None:
    importeren = wereld.importeren
    with importeren.store.session() as s:
        leerling = s.scalars(select(Leerling).order_by(Leerling.extern_nummer)).first()
        assert leerling is not None and leerling.extern_nummer
        toets = Toets(code="BOOM-REK-M5", naam="Boom Rekenen M5")
        s.add(toets)
        s.flush()
        afname = Afname(leerling_id=leerling.id, toets_id=toets.id, afnamedatum=dt.date.today())
        s.add(afname)
        s.commit()
        importeren.ids["genormeerd"] = afname.id
        importeren.code_leerling = leerling.extern_nummer
        uitkomst = afname_normeren(
            s, afname.id, Normscores(vaardigheidsscore=Decimal("131.5"), dle=Decimal(dle))
        )
        s.commit()
    assert uitkomst.in_wachtrij, uitkomst.reden


@when(parsers.parse("het Boom testcentrum de wachtrij voor ESIS aflevert"))
def _(wereld: Wereld) -> None:
    assert sync(wereld.importeren.store, wereld.importeren.config) is not None


@then(
    parsers.parse(
        'staat dat resultaat met DLE "{dle}" in ESIS bij die leerling, zonder dat iemand in ESIS iets deed'
    )
)
def _(wereld: Wereld, dle: str) -> None:
    importeren = wereld.importeren
    [school] = [s for s in importeren.esis.admin.state()["scholen"] if s["code"] == importeren.code]
    ontvangen = [r for r in school["resultaten"] if r["leerlingid"] == importeren.code_leerling]
    assert ontvangen and {r["dle"] for r in ontvangen if r["dle"]} == {dle}
    assert not school["handmatig"]
