"""Steps of Stap 4's result push (``stap4_resultaten.feature``: H-S4-09..13, H-X-02).

A real Boom store (SQLite in tmp_path) and a running fake ESIS over HTTP; the school of the fake
is mirrored into Boom as the import would have done, with its autorisatiesleutel stored
encrypted (set-up). Norming and delivering are Boom's own jobs; what people do goes through the
drivers: the beheerder and Boom support on the Boom side, the directie and Mijn Groep in ESIS.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet
from drivers import BoomOmgeving, Geweigerd
from pytest_bdd import given, then, when
from sqlalchemy import select
from wereld import Wereld
from wereld.resultaten import ResultatenDeel

from boomlink.config import Settings
from boomlink.crypto import Autorisatiesleutel
from boomlink.resultaten import (
    Normscores,
    Wachtbeleid,
    Worker,
    afnames_normeren,
    resultaat_keys,
    resultaten_overzicht,
    sync,
)
from boomlink.store import (
    Afname,
    AuditEntry,
    Gebruiker,
    Groep,
    Koppeling,
    KoppelingStatus,
    Leerling,
    Rol,
    School,
    open_store,
)
from boomlink.store.resultaten_models import ResultaatStatus, UitgaandResultaat
from boomlink.uwlr_client import ClientConfig, RetryPolicy
from mock_esis.testing.handle import MockEsisHandle
from steps.patronen import iso_moment, stap

_SEED = 1
_GEEN_WACHT = Wachtbeleid(base=0.0, maximum=0.0)


@given(stap('school "{code}" is in Boom testcentrum sinds "{datum}" gekoppeld met de nep-ESIS'))
def _(
    wereld: Wereld,
    mock_esis_factory: Callable[..., MockEsisHandle],
    esis_client_config: Callable[..., ClientConfig],
    tmp_path: Path,
    code: str,
    datum: str,
) -> None:
    deel = wereld.resultaten
    esis = mock_esis_factory(seed=_SEED, schools=1, students_per_group=5, activate_all=True)
    info = esis.school_by_code(code)
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'boomlink.sqlite3'}",
        secret_key=Fernet.generate_key().decode(),
    )
    store = open_store(settings)
    deel.opruimen.append(store.close)
    state = esis.app.state.school(code)
    assert state is not None and info.autorisatiesleutel
    gegevens = state.jaren[info.schooljaar]
    with store.session() as session:
        school = School(naam=info.naam, brincode=info.brincode, dependancecode=info.dependancecode)
        session.add(school)
        session.flush()
        groepen = {
            g.key: Groep(
                school_id=school.id, schooljaar=info.schooljaar, naam=g.naam, extern_nummer=g.key
            )
            for g in gegevens.groepen
        }
        leerlingen = []
        for p in gegevens.leerlingen:
            leerling = Leerling(
                school_id=school.id, roepnaam=p.roepnaam, extern_nummer=p.key, eckid=p.eckid
            )
            if p.groep in groepen:
                leerling.groepen.append(groepen[p.groep])
            leerlingen.append(leerling)
        session.add_all([*groepen.values(), *leerlingen])
        session.add(
            Koppeling(
                school_id=school.id,
                type="ESIS UWLR",
                status=KoppelingStatus.ACTIEF,
                brincode=info.brincode,
                dependancecode=info.dependancecode,
                schooljaar=info.schooljaar,
                autorisatiesleutel_versleuteld=store.kluis().versleutel(
                    Autorisatiesleutel(info.autorisatiesleutel)
                ),
                requested_at=iso_moment(datum) - dt.timedelta(days=1),
                activated_at=iso_moment(datum),
            )
        )
        session.add(
            Gebruiker(
                emailadres=f"beheer@{info.brincode.lower()}.example.nl",
                naam="Anna de Vries",
                rol=Rol.BEHEERDER,
                school_id=school.id,
            )
        )
        session.commit()
        per_groep: dict[str, list[int]] = {}
        for leerling, p in zip(leerlingen, gegevens.leerlingen, strict=True):
            per_groep.setdefault(p.groep or "", []).append(leerling.id)
    wereld.esis = esis
    wereld.boom = BoomOmgeving(
        store=store,
        settings=settings,
        client_config=esis_client_config(
            esis, read_timeout=1.0, retry=RetryPolicy(max_attempts=3, sleep=lambda _s: None)
        ),
    )
    deel.school_id = school.id
    deel.code = code
    deel.beheerder = f"beheer@{info.brincode.lower()}.example.nl"
    deel.leerlingen = [leerling.id for leerling in leerlingen]
    deel.esis_keys = [p.key or "" for p in gegevens.leerlingen]
    deel.groepen = per_groep


# -- given -------------------------------------------------------------------------------------


@given("de worker van Boom testcentrum draait")
def _(wereld: Wereld) -> None:
    worker = Worker(wereld.resultaten.store, wereld.resultaten.config, poll=0.05).start()
    wereld.resultaten.worker = worker

    def stop() -> None:
        worker.stop()
        worker.join(10)

    wereld.resultaten.opruimen.append(stop)


@given(stap('leerling {nummer:d} heeft toets "{toets}" gemaakt op "{datum}"'))
def _(wereld: Wereld, nummer: int, toets: str, datum: str) -> None:
    leerling = wereld.resultaten.leerlingen[nummer - 1]
    wereld.resultaten.afnames = [
        wereld.resultaten.afname(leerling, toets, dt.date.fromisoformat(datum))
    ]


@given(stap('de leerlingen van de eerste groep hebben toets "{toets}" gemaakt op "{datum}"'))
def _(wereld: Wereld, toets: str, datum: str) -> None:
    eerste = next(iter(wereld.resultaten.groepen.values()))
    wereld.resultaten.afnames = [
        wereld.resultaten.afname(leerling, toets, dt.date.fromisoformat(datum))
        for leerling in eerste
    ]


@given(
    stap(
        'alle {aantal:d} leerlingen hebben {keer:d} keer toets "{toets}" gemaakt, de laatste op "{datum}"'
    ),
)
def _(wereld: Wereld, aantal: int, keer: int, toets: str, datum: str) -> None:
    assert len(wereld.resultaten.leerlingen) == aantal
    laatste = dt.date.fromisoformat(datum)
    wereld.resultaten.afnames = [
        wereld.resultaten.afname(leerling, toets, laatste - dt.timedelta(weeks=n))
        for leerling in wereld.resultaten.leerlingen
        for n in range(keer)
    ]


@given(stap('leerling "{extern}" die ESIS niet kent heeft toets "{toets}" gemaakt op "{datum}"'))
def _(wereld: Wereld, extern: str, toets: str, datum: str) -> None:
    with wereld.resultaten.store.session() as session:
        leerling = Leerling(
            school_id=wereld.resultaten.school_id, roepnaam="Onbekend", extern_nummer=extern
        )
        session.add(leerling)
        session.commit()
        leerling_id = leerling.id
    wereld.resultaten.afnames.append(
        wereld.resultaten.afname(leerling_id, toets, dt.date.fromisoformat(datum))
    )


@given(
    stap(
        'de directie heeft voor leerling {nummer:d} bij toets "{toets}" met de hand DLE "{dle}" '
        'ingevoerd op "{datum}"'
    ),
)
def _(wereld: Wereld, nummer: int, toets: str, dle: str, datum: str) -> None:
    deel = wereld.resultaten
    wereld.esis_driver.toetsresultaat_invoeren(
        deel.code,
        deel.directie(),
        leerlingid=deel.esis_keys[nummer - 1],
        toets=toets,
        dle=dle,
        datum=datum,
    )


@given(
    stap(
        'de nep-ESIS verbreekt {reset:d}% van de verbindingen, geeft {share:d}% "{status:d}" en antwoordt {onzin:d} keer onzin'
    ),
)
def _(wereld: Wereld, reset: int, share: int, status: int, onzin: int) -> None:
    esis = wereld.resultaten.esis
    op = "BrengLeerresultaten"
    esis.inject(operation=op, kind="reset", share=reset / 100, seed=3, count=None)
    esis.inject(
        operation=op, kind="http_status", status=status, share=share / 100, seed=4, count=None
    )
    esis.inject(operation=op, kind="garbage", count=onzin)


# -- norming and delivering --------------------------------------------------------------------


def _normeer(
    deel: ResultatenDeel, datum: str, vaardigheidsscore: str, dle: str, niveau: str
) -> None:
    scores = Normscores(
        vaardigheidsscore=Decimal(vaardigheidsscore), dle=Decimal(dle), niveau=niveau
    )
    with deel.store.session() as session:
        deel.uitkomsten = afnames_normeren(
            session, [(a, scores) for a in deel.afnames], now=iso_moment(datum)
        )


_NORMEER = (
    'Boom testcentrum {wat} normeert op "{datum}" met vaardigheidsscore "{vaardigheidsscore}", '
    'DLE "{dle}" en niveau "{niveau}"'
)


@given(
    stap(
        _NORMEER.format(
            wat="die afname",
            datum="{datum}",
            vaardigheidsscore="{vaardigheidsscore}",
            dle="{dle}",
            niveau="{niveau}",
        )
    )
)
@when(
    stap(
        _NORMEER.format(
            wat="die afname",
            datum="{datum}",
            vaardigheidsscore="{vaardigheidsscore}",
            dle="{dle}",
            niveau="{niveau}",
        )
    )
)
@when(
    stap(
        _NORMEER.format(
            wat="die afnames",
            datum="{datum}",
            vaardigheidsscore="{vaardigheidsscore}",
            dle="{dle}",
            niveau="{niveau}",
        )
    )
)
def _(wereld: Wereld, datum: str, vaardigheidsscore: str, dle: str, niveau: str) -> None:
    _normeer(wereld.resultaten, datum, vaardigheidsscore, dle, niveau)


@given(stap('Boom testcentrum al die afnames normeert op "{datum}"'))
def _(wereld: Wereld, datum: str) -> None:
    with wereld.resultaten.store.session() as session:
        afnames_normeren(
            session,
            [
                (
                    a,
                    Normscores(
                        Decimal(90 + i % 40), Decimal(5 + i % 30), ["1F", "2F"][i % 2], i % 50
                    ),
                )
                for i, a in enumerate(wereld.resultaten.afnames)
            ],
            now=iso_moment(datum),
        )


@when("Boom testcentrum de wachtrij voor ESIS aflevert")
def _(wereld: Wereld) -> None:
    sync(wereld.resultaten.store, wereld.resultaten.config, wachtbeleid=_GEEN_WACHT)


@when("Boom testcentrum de wachtrij voor ESIS aflevert tot er niets meer wacht")
def _(wereld: Wereld) -> None:
    for _ in range(50):
        sync(wereld.resultaten.store, wereld.resultaten.config, wachtbeleid=_GEEN_WACHT, batch=40)
        with wereld.resultaten.store.session() as session:
            if not resultaten_overzicht(session).wachtend:
                return
    raise AssertionError("er bleven resultaten wachten")


@when(
    stap(
        'de beheerder van de school de resultaten van schooljaar "{jaar}" naar ESIS probeert te sturen'
    )
)
def _(wereld: Wereld, jaar: str) -> None:
    deel = wereld.resultaten
    wereld.boom.nu = iso_moment("2026-11-10")
    deel.weigering = None
    try:
        wereld.boom_driver.resultaten_terugzetten(deel.beheerder, jaar)
    except Geweigerd as exc:
        deel.weigering = exc


@when(
    stap(
        'Boom support de resultaten van schooljaar "{jaar}" van BRIN "{brin}" doorstuurt en bevestigt met "{antwoord}"'
    )
)
def _(wereld: Wereld, jaar: str, brin: str, antwoord: str) -> None:
    assert antwoord == "ja"
    wereld.boom.nu = iso_moment("2026-11-10")
    wereld.boom_driver.resultaten_doorsturen(brin, jaar)


# -- then ----------------------------------------------------------------------------------------


def _van_leerling(deel: ResultatenDeel, nummer: int) -> list[Any]:
    key = deel.esis_keys[nummer - 1]
    return [r for r in deel.esis_school.resultaten.values() if r.leerlingid == key]


@then(
    stap(
        'staat in ESIS binnen {seconden:d} seconden het resultaat van leerling {nummer:d} met DLE "{dle}" en niveau "{niveau}"'
    ),
)
def _(wereld: Wereld, seconden: int, nummer: int, dle: str, niveau: str) -> None:
    deadline = time.monotonic() + seconden
    while time.monotonic() < deadline and not _van_leerling(wereld.resultaten, nummer):
        time.sleep(0.05)
    [resultaat] = _van_leerling(wereld.resultaten, nummer)
    assert (resultaat.dle, resultaat.niveau) == (dle, niveau)


@then(
    stap(
        'staat in ESIS het resultaat van leerling {nummer:d} met DLE "{dle}" en niveau "{niveau}"'
    ),
)
def _(wereld: Wereld, nummer: int, dle: str, niveau: str) -> None:
    [resultaat] = _van_leerling(wereld.resultaten, nummer)
    assert (resultaat.dle, resultaat.niveau) == (dle, niveau)


@then(stap("heeft ESIS geen resultaten van leerling {nummer:d}"))
def _(wereld: Wereld, nummer: int) -> None:
    assert _van_leerling(wereld.resultaten, nummer) == []
    with wereld.resultaten.store.session() as session:
        assert session.scalar(select(UitgaandResultaat.id)) is None


@then(stap('meldt Boom testcentrum bij die afname "{tekst}"'))
def _(wereld: Wereld, tekst: str) -> None:
    [uitkomst] = wereld.resultaten.uitkomsten
    assert not uitkomst.in_wachtrij and uitkomst.reden is not None and tekst in uitkomst.reden


@then(stap('weigert Boom testcentrum met een melding die "{tekst}" noemt'))
def _(wereld: Wereld, tekst: str) -> None:
    assert wereld.resultaten.weigering is not None
    assert tekst in wereld.resultaten.weigering.melding


@then(stap('staat in het auditlog "{actie}" door "{actor}" met uitkomst "{uitkomst}"'))
def _(wereld: Wereld, actie: str, actor: str, uitkomst: str) -> None:
    with wereld.resultaten.store.session() as session:
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.actie == actie, AuditEntry.actor == actor)
        ).all()
    assert [e.uitkomst for e in entries] == [uitkomst]
    assert entries[0].school_id == wereld.resultaten.school_id


@then(
    stap(
        'toont Mijn Groep van de eerste groep voor toets "{toets}" {aantal:d} leerlingen met '
        'gemiddelde vaardigheidsscore "{gemiddelde}" en niveauverdeling "{verdeling}"'
    ),
)
def _(wereld: Wereld, toets: str, aantal: int, gemiddelde: str, verdeling: str) -> None:
    deel = wereld.resultaten
    groep = next(iter(deel.groepen))
    getoond = wereld.esis_driver.mijn_groep(deel.code, groep, deel.directie()).toets(toets)
    assert getoond.aantal_leerlingen == aantal
    assert getoond.gemiddelde_vaardigheidsscore == gemiddelde
    verwacht = dict(d.split("=") for d in verdeling.split(", "))
    assert getoond.verdeling_niveaus == {k: int(v) for k, v in verwacht.items()}


@then(
    stap(
        'toont Toetsresultaten invoeren bij leerling {nummer:d} nog steeds alleen de DLE "{dle}" van "{datum}"'
    ),
)
def _(wereld: Wereld, nummer: int, dle: str, datum: str) -> None:
    deel = wereld.resultaten
    key = deel.esis_keys[nummer - 1]
    regels = wereld.esis_driver.toetsresultaten(deel.code, deel.directie(), key)
    assert [(r.dle, r.datum) for r in regels] == [(dle, datum)]


@then(
    stap("heeft ESIS elk van de {aantal:d} afgeleverde resultaten precies één keer"),
)
def _(wereld: Wereld, aantal: int) -> None:
    deel = wereld.resultaten
    with deel.store.session() as session:
        rijen = session.execute(
            select(Afname.id, Afname.score)
            .join(UitgaandResultaat, UitgaandResultaat.afname_id == Afname.id)
            .where(UitgaandResultaat.status == ResultaatStatus.VERSTUURD)
        ).all()
    assert len(rijen) == aantal
    verwacht = {k for a, s in rijen for k in resultaat_keys(a, met_score=s is not None)}
    assert set(deel.esis_school.resultaten) == verwacht
    assert any(f["fired"] for f in deel.esis.faults())


@then(
    stap(
        'toont het overzicht voor Boom support {aantal:d} geweigerd resultaat van "{extern}" met reden "{reden}"'
    ),
)
def _(wereld: Wereld, aantal: int, extern: str, reden: str) -> None:
    with wereld.resultaten.store.session() as session:
        overzicht = resultaten_overzicht(session, school_id=wereld.resultaten.school_id)
    assert len(overzicht.geweigerde) == aantal
    assert all(g.extern_nummer == extern and reden in g.reden for g in overzicht.geweigerde)
