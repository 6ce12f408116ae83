"""Steps of ``uitwisseling.feature`` (H-P-04): the link exchanges in both directions.

The world is the import world of :mod:`steps.import_steps` (a mock ESIS school linked with a
Boom testcentrum school); this module only adds the result that travels back.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from pytest_bdd import parsers, then, when
from sqlalchemy import select

from boomlink.resultaten import Normscores, afname_normeren, sync
from boomlink.store import Afname, Groep, Leerkracht, Leerling, Toets
from steps.import_steps import ImportWereld


def _p(text: str) -> Any:
    return parsers.parse(text)


@when(_p("de beheerder de gegevens uit ESIS importeert en verwerkt"))
def _(importwereld: ImportWereld) -> None:
    importwereld.importeren()
    importwereld.leraren_zonder_email_overslaan()
    importwereld.verwerken()
    assert importwereld.fout is None, importwereld.fout


@then(
    _p(
        "staan alle groepen, leerlingen en leerkrachten met e-mailadres uit ESIS in het Boom testcentrum"
    )
)
def _(importwereld: ImportWereld) -> None:
    esis = importwereld.esis.admin.school(importwereld.code)
    stam = {g["key"] for g in esis["groepen"]}
    leerlingen = {p["key"] for p in esis["leerlingen"] if p.get("groep") in stam}
    leraren = {
        t["key"]
        for t in esis["leerkrachten"]
        if t.get("emailadres") and any(g["key"] in stam for g in t.get("groepen", []))
    }
    with importwereld.store.session() as s:
        assert {g.extern_nummer for g in s.scalars(select(Groep))} >= stam
        assert {p.extern_nummer for p in s.scalars(select(Leerling))} == leerlingen
        assert {t.extern_nummer for t in s.scalars(select(Leerkracht))} >= leraren


@when(
    _p('het Boom testcentrum een toetsafname van een van die leerlingen normeert met DLE "{dle}"')
)
def _(importwereld: ImportWereld, dle: str) -> None:
    with importwereld.store.session() as s:
        leerling = s.scalars(select(Leerling).order_by(Leerling.extern_nummer)).first()
        assert leerling is not None and leerling.extern_nummer
        toets = Toets(code="BOOM-REK-M5", naam="Boom Rekenen M5")
        s.add(toets)
        s.flush()
        afname = Afname(leerling_id=leerling.id, toets_id=toets.id, afnamedatum=dt.date.today())
        s.add(afname)
        s.commit()
        importwereld.ids["genormeerd"] = afname.id
        importwereld.code_leerling = leerling.extern_nummer  # type: ignore[attr-defined]
        uitkomst = afname_normeren(
            s, afname.id, Normscores(vaardigheidsscore=Decimal("131.5"), dle=Decimal(dle))
        )
        s.commit()
    assert uitkomst.in_wachtrij, uitkomst.reden


@when(_p("het Boom testcentrum de wachtrij voor ESIS aflevert"))
def _(importwereld: ImportWereld) -> None:
    rapport = sync(importwereld.store, importwereld.config)
    assert rapport is not None


@then(
    _p(
        'staat dat resultaat met DLE "{dle}" in ESIS bij die leerling, zonder dat iemand in ESIS iets deed'
    )
)
def _(importwereld: ImportWereld, dle: str) -> None:
    school = importwereld.esis.app.state.school(importwereld.code)
    assert school is not None
    leerling = importwereld.code_leerling  # type: ignore[attr-defined]
    ontvangen = [r for r in school.resultaten.values() if r.leerlingid == leerling]
    assert ontvangen and {r.dle for r in ontvangen if r.dle} == {dle}
    assert not school.handmatig
