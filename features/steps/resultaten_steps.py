"""Steps of Stap 4's result push (H-S4-09..13, H-X-02): a real Boom store (SQLite in tmp_path)
and a running mock ESIS over HTTP; the school of the mock is mirrored into Boom as the import
would do, with the mock's autorisatiesleutel stored encrypted."""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet
from pytest_bdd import given, parsers, then, when
from sqlalchemy import select

from boomlink.audit import BOOM_SUPPORT
from boomlink.config import Settings
from boomlink.crypto import Autorisatiesleutel
from boomlink.errors import LinkError
from boomlink.resultaten import (
    NormeerUitkomst,
    Normscores,
    Wachtbeleid,
    Worker,
    afnames_normeren,
    resultaat_keys,
    resultaten_overzicht,
    sync,
    vorig_schooljaar_terugzetten,
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
    Store,
    Toets,
    open_store,
)
from boomlink.store.resultaten_models import ResultaatStatus, UitgaandResultaat
from boomlink.uwlr_client import ClientConfig, RetryPolicy
from mock_esis.state.model import SchoolState
from mock_esis.testing.handle import MockEsisHandle

_SEED = 1
_GETALLEN = {
    naam: int
    for naam in ("nummer", "aantal", "keer", "seconden", "reset", "share", "status", "onzin")
}
_GEEN_WACHT = Wachtbeleid(base=0.0, maximum=0.0)


def _re(text: str) -> Any:
    """A fullmatch parser: ``"{naam}"`` is a quoted value, ``{naam:d}`` a number."""
    pattern = re.escape(text)
    pattern = re.sub(r"\\\{(\w+):d\\\}", r"(?P<\1>-?\\d+)", pattern)
    pattern = re.sub(r"\\\{(\w+)\\\}", r'(?P<\1>[^"]*)', pattern)
    return parsers.re(pattern)


def _moment(datum: str) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(datum), dt.time(10), tzinfo=dt.UTC)


@dataclass
class Resultatenwereld:
    """One scenario: the Boom store, the mock ESIS, the mirrored school and what happened."""

    store: Store
    esis: MockEsisHandle
    config: ClientConfig
    school_id: int
    code: str
    leerlingen: list[int]
    esis_keys: list[str]
    groepen: dict[str, list[int]]
    toetsen: dict[str, int] = field(default_factory=dict)
    afnames: list[int] = field(default_factory=list)
    uitkomsten: list[NormeerUitkomst] = field(default_factory=list)
    weigering: LinkError | None = None
    worker: Worker | None = None

    @property
    def esis_school(self) -> SchoolState:
        state = self.esis.app.state.school(self.code)
        assert state is not None
        return state

    def toets(self, code: str) -> int:
        if code not in self.toetsen:
            with self.store.session() as session:
                toets = Toets(code=code, naam="Boom Spelling M5")
                session.add(toets)
                session.commit()
                self.toetsen[code] = toets.id
        return self.toetsen[code]

    def afname(self, leerling_id: int, toets: str, datum: dt.date) -> int:
        with self.store.session() as session:
            afname = Afname(leerling_id=leerling_id, toets_id=self.toets(toets), afnamedatum=datum)
            session.add(afname)
            session.commit()
            return afname.id


@pytest.fixture
def resultaten_opruimen() -> Iterator[list[Callable[[], None]]]:
    """What a scenario started (store, worker) is closed after it."""
    taken: list[Callable[[], None]] = []
    yield taken
    for taak in reversed(taken):
        taak()


@given(
    _re('school "{code}" is in Boom testcentrum sinds "{datum}" gekoppeld met de nep-ESIS'),
    target_fixture="resultatenwereld",
)
def resultatenwereld_fixture(
    mock_esis_factory: Callable[..., MockEsisHandle],
    esis_client_config: Callable[..., ClientConfig],
    tmp_path: Path,
    resultaten_opruimen: list[Callable[[], None]],
    code: str,
    datum: str,
) -> Resultatenwereld:
    esis = mock_esis_factory(seed=_SEED, schools=1, students_per_group=5, activate_all=True)
    info = esis.school_by_code(code)
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'boomlink.sqlite3'}",
        secret_key=Fernet.generate_key().decode(),
    )
    store = open_store(settings)
    resultaten_opruimen.append(store.close)
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
                requested_at=_moment(datum) - dt.timedelta(days=1),
                activated_at=_moment(datum),
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
        wereld = Resultatenwereld(
            store=store,
            esis=esis,
            config=esis_client_config(
                esis, read_timeout=1.0, retry=RetryPolicy(max_attempts=3, sleep=lambda _s: None)
            ),
            school_id=school.id,
            code=code,
            leerlingen=[leerling.id for leerling in leerlingen],
            esis_keys=[p.key or "" for p in gegevens.leerlingen],
            groepen=per_groep,
        )
    return wereld


# -- given -------------------------------------------------------------------------------------


@given("de worker van Boom testcentrum draait")
def _(resultatenwereld: Resultatenwereld, resultaten_opruimen: list[Callable[[], None]]) -> None:
    worker = Worker(resultatenwereld.store, resultatenwereld.config, poll=0.05).start()
    resultatenwereld.worker = worker

    def stop() -> None:
        worker.stop()
        worker.join(10)

    resultaten_opruimen.append(stop)


@given(_re('leerling {nummer:d} heeft toets "{toets}" gemaakt op "{datum}"'), converters=_GETALLEN)
def _(resultatenwereld: Resultatenwereld, nummer: int, toets: str, datum: str) -> None:
    leerling = resultatenwereld.leerlingen[nummer - 1]
    resultatenwereld.afnames = [
        resultatenwereld.afname(leerling, toets, dt.date.fromisoformat(datum))
    ]


@given(_re('de leerlingen van de eerste groep hebben toets "{toets}" gemaakt op "{datum}"'))
def _(resultatenwereld: Resultatenwereld, toets: str, datum: str) -> None:
    eerste = next(iter(resultatenwereld.groepen.values()))
    resultatenwereld.afnames = [
        resultatenwereld.afname(leerling, toets, dt.date.fromisoformat(datum))
        for leerling in eerste
    ]


@given(
    _re(
        'alle {aantal:d} leerlingen hebben {keer:d} keer toets "{toets}" gemaakt, de laatste op "{datum}"'
    ),
    converters=_GETALLEN,
)
def _(resultatenwereld: Resultatenwereld, aantal: int, keer: int, toets: str, datum: str) -> None:
    assert len(resultatenwereld.leerlingen) == aantal
    laatste = dt.date.fromisoformat(datum)
    resultatenwereld.afnames = [
        resultatenwereld.afname(leerling, toets, laatste - dt.timedelta(weeks=n))
        for leerling in resultatenwereld.leerlingen
        for n in range(keer)
    ]


@given(_re('leerling "{extern}" die ESIS niet kent heeft toets "{toets}" gemaakt op "{datum}"'))
def _(resultatenwereld: Resultatenwereld, extern: str, toets: str, datum: str) -> None:
    with resultatenwereld.store.session() as session:
        leerling = Leerling(
            school_id=resultatenwereld.school_id, roepnaam="Onbekend", extern_nummer=extern
        )
        session.add(leerling)
        session.commit()
        leerling_id = leerling.id
    resultatenwereld.afnames.append(
        resultatenwereld.afname(leerling_id, toets, dt.date.fromisoformat(datum))
    )


@given(
    _re(
        'de directie heeft voor leerling {nummer:d} bij toets "{toets}" met de hand DLE "{dle}" '
        'ingevoerd op "{datum}"'
    ),
    converters=_GETALLEN,
)
def _(resultatenwereld: Resultatenwereld, nummer: int, toets: str, dle: str, datum: str) -> None:
    wereld = resultatenwereld
    directie = wereld.esis.school_by_code(wereld.code).gebruiker("Directie")
    wereld.esis.esis.toetsresultaat_invoeren(
        wereld.code,
        directie,
        leerlingid=wereld.esis_keys[nummer - 1],
        toets=toets,
        dle=dle,
        datum=datum,
    )


@given(
    _re(
        'de nep-ESIS verbreekt {reset:d}% van de verbindingen, geeft {share:d}% "{status:d}" en antwoordt {onzin:d} keer onzin'
    ),
    converters=_GETALLEN,
)
def _(resultatenwereld: Resultatenwereld, reset: int, share: int, status: int, onzin: int) -> None:
    esis = resultatenwereld.esis
    op = "BrengLeerresultaten"
    esis.inject(operation=op, kind="reset", share=reset / 100, seed=3, count=None)
    esis.inject(
        operation=op, kind="http_status", status=status, share=share / 100, seed=4, count=None
    )
    esis.inject(operation=op, kind="garbage", count=onzin)


# -- norming and delivering --------------------------------------------------------------------


def _normeer(
    wereld: Resultatenwereld, datum: str, vaardigheidsscore: str, dle: str, niveau: str
) -> None:
    scores = Normscores(
        vaardigheidsscore=Decimal(vaardigheidsscore), dle=Decimal(dle), niveau=niveau
    )
    with wereld.store.session() as session:
        wereld.uitkomsten = afnames_normeren(
            session, [(a, scores) for a in wereld.afnames], now=_moment(datum)
        )


_NORMEER = (
    'Boom testcentrum {wat} normeert op "{datum}" met vaardigheidsscore "{vaardigheidsscore}", '
    'DLE "{dle}" en niveau "{niveau}"'
)


@given(
    _re(
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
    _re(
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
    _re(
        _NORMEER.format(
            wat="die afnames",
            datum="{datum}",
            vaardigheidsscore="{vaardigheidsscore}",
            dle="{dle}",
            niveau="{niveau}",
        )
    )
)
def _(
    resultatenwereld: Resultatenwereld, datum: str, vaardigheidsscore: str, dle: str, niveau: str
) -> None:
    _normeer(resultatenwereld, datum, vaardigheidsscore, dle, niveau)


@given(_re('Boom testcentrum al die afnames normeert op "{datum}"'))
def _(resultatenwereld: Resultatenwereld, datum: str) -> None:
    with resultatenwereld.store.session() as session:
        afnames_normeren(
            session,
            [
                (
                    a,
                    Normscores(
                        Decimal(90 + i % 40), Decimal(5 + i % 30), ["1F", "2F"][i % 2], i % 50
                    ),
                )
                for i, a in enumerate(resultatenwereld.afnames)
            ],
            now=_moment(datum),
        )


@when("Boom testcentrum de wachtrij voor ESIS aflevert")
def _(resultatenwereld: Resultatenwereld) -> None:
    sync(resultatenwereld.store, resultatenwereld.config, wachtbeleid=_GEEN_WACHT)


@when("Boom testcentrum de wachtrij voor ESIS aflevert tot er niets meer wacht")
def _(resultatenwereld: Resultatenwereld) -> None:
    for _ in range(50):
        sync(resultatenwereld.store, resultatenwereld.config, wachtbeleid=_GEEN_WACHT, batch=40)
        with resultatenwereld.store.session() as session:
            if not resultaten_overzicht(session).wachtend:
                return
    raise AssertionError("er bleven resultaten wachten")


@when(
    _re(
        'de beheerder van de school de resultaten van schooljaar "{jaar}" naar ESIS probeert te sturen'
    )
)
def _(resultatenwereld: Resultatenwereld, jaar: str) -> None:
    with resultatenwereld.store.session() as session:
        school = session.get_one(School, resultatenwereld.school_id)
        beheerder = session.scalar(select(Gebruiker).where(Gebruiker.rol == Rol.BEHEERDER))
        assert beheerder is not None
        try:
            vorig_schooljaar_terugzetten(
                session,
                school=school,
                schooljaar=jaar,
                uitvoerder=beheerder,
                now=_moment("2026-11-10"),
            )
        except LinkError as exc:
            resultatenwereld.weigering = exc


@when(
    _re(
        'Boom support de resultaten van schooljaar "{jaar}" van BRIN "{brin}" doorstuurt en bevestigt met "{antwoord}"'
    )
)
def _(resultatenwereld: Resultatenwereld, jaar: str, brin: str, antwoord: str) -> None:
    assert antwoord == "ja"
    with resultatenwereld.store.session() as session:
        school = session.scalar(select(School).where(School.brincode == brin))
        assert school is not None
        vorig_schooljaar_terugzetten(
            session,
            school=school,
            schooljaar=jaar,
            uitvoerder=BOOM_SUPPORT,
            now=_moment("2026-11-10"),
        )


# -- then ----------------------------------------------------------------------------------------


def _van_leerling(wereld: Resultatenwereld, nummer: int) -> list[Any]:
    key = wereld.esis_keys[nummer - 1]
    return [r for r in wereld.esis_school.resultaten.values() if r.leerlingid == key]


@then(
    _re(
        'staat in ESIS binnen {seconden:d} seconden het resultaat van leerling {nummer:d} met DLE "{dle}" en niveau "{niveau}"'
    ),
    converters=_GETALLEN,
)
def _(
    resultatenwereld: Resultatenwereld, seconden: int, nummer: int, dle: str, niveau: str
) -> None:
    deadline = time.monotonic() + seconden
    while time.monotonic() < deadline and not _van_leerling(resultatenwereld, nummer):
        time.sleep(0.05)
    [resultaat] = _van_leerling(resultatenwereld, nummer)
    assert (resultaat.dle, resultaat.niveau) == (dle, niveau)


@then(
    _re('staat in ESIS het resultaat van leerling {nummer:d} met DLE "{dle}" en niveau "{niveau}"'),
    converters=_GETALLEN,
)
def _(resultatenwereld: Resultatenwereld, nummer: int, dle: str, niveau: str) -> None:
    [resultaat] = _van_leerling(resultatenwereld, nummer)
    assert (resultaat.dle, resultaat.niveau) == (dle, niveau)


@then(_re("heeft ESIS geen resultaten van leerling {nummer:d}"), converters=_GETALLEN)
def _(resultatenwereld: Resultatenwereld, nummer: int) -> None:
    assert _van_leerling(resultatenwereld, nummer) == []
    with resultatenwereld.store.session() as session:
        assert session.scalar(select(UitgaandResultaat.id)) is None


@then(_re('meldt Boom testcentrum bij die afname "{tekst}"'))
def _(resultatenwereld: Resultatenwereld, tekst: str) -> None:
    [uitkomst] = resultatenwereld.uitkomsten
    assert not uitkomst.in_wachtrij and uitkomst.reden is not None and tekst in uitkomst.reden


@then(_re('weigert Boom testcentrum met een melding die "{tekst}" noemt'))
def _(resultatenwereld: Resultatenwereld, tekst: str) -> None:
    assert resultatenwereld.weigering is not None
    assert tekst in resultatenwereld.weigering.bericht


@then(_re('staat in het auditlog "{actie}" door "{actor}" met uitkomst "{uitkomst}"'))
def _(resultatenwereld: Resultatenwereld, actie: str, actor: str, uitkomst: str) -> None:
    with resultatenwereld.store.session() as session:
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.actie == actie, AuditEntry.actor == actor)
        ).all()
    assert [e.uitkomst for e in entries] == [uitkomst]
    assert entries[0].school_id == resultatenwereld.school_id


@then(
    _re(
        'toont Mijn Groep van de eerste groep voor toets "{toets}" {aantal:d} leerlingen met '
        'gemiddelde vaardigheidsscore "{gemiddelde}" en niveauverdeling "{verdeling}"'
    ),
    converters=_GETALLEN,
)
def _(
    resultatenwereld: Resultatenwereld, toets: str, aantal: int, gemiddelde: str, verdeling: str
) -> None:
    wereld = resultatenwereld
    groep = next(iter(wereld.groepen))
    directie = wereld.esis.school_by_code(wereld.code).gebruiker("Directie")
    scherm = wereld.esis.esis.mijn_groep(wereld.code, groep, directie)
    [gezien] = [t for t in scherm["toetsen"] if t["toetscode"] == toets]
    assert gezien["aantal_leerlingen"] == aantal
    assert gezien["gemiddelde_vaardigheidsscore"] == gemiddelde
    verwacht = dict(d.split("=") for d in verdeling.split(", "))
    assert gezien["verdeling_niveaus"] == {k: int(v) for k, v in verwacht.items()}


@then(
    _re(
        'toont Toetsresultaten invoeren bij leerling {nummer:d} nog steeds alleen de DLE "{dle}" van "{datum}"'
    ),
    converters=_GETALLEN,
)
def _(resultatenwereld: Resultatenwereld, nummer: int, dle: str, datum: str) -> None:
    wereld = resultatenwereld
    directie = wereld.esis.school_by_code(wereld.code).gebruiker("Directie")
    key = wereld.esis_keys[nummer - 1]
    overzicht = wereld.esis.esis.toetsresultaten(wereld.code, directie, key)
    [leerling] = overzicht["leerlingen"]
    assert [(r["dle"], r["datum"]) for r in leerling["resultaten"]] == [(dle, datum)]


@then(
    _re("heeft ESIS elk van de {aantal:d} afgeleverde resultaten precies één keer"),
    converters=_GETALLEN,
)
def _(resultatenwereld: Resultatenwereld, aantal: int) -> None:
    wereld = resultatenwereld
    with wereld.store.session() as session:
        rijen = session.execute(
            select(Afname.id, Afname.score)
            .join(UitgaandResultaat, UitgaandResultaat.afname_id == Afname.id)
            .where(UitgaandResultaat.status == ResultaatStatus.VERSTUURD)
        ).all()
    assert len(rijen) == aantal
    verwacht = {k for a, s in rijen for k in resultaat_keys(a, met_score=s is not None)}
    assert set(wereld.esis_school.resultaten) == verwacht
    assert any(f["fired"] for f in wereld.esis.faults())


@then(
    _re(
        'toont het overzicht voor Boom support {aantal:d} geweigerd resultaat van "{extern}" met reden "{reden}"'
    ),
    converters=_GETALLEN,
)
def _(resultatenwereld: Resultatenwereld, aantal: int, extern: str, reden: str) -> None:
    with resultatenwereld.store.session() as session:
        overzicht = resultaten_overzicht(session, school_id=resultatenwereld.school_id)
    assert len(overzicht.geweigerde) == aantal
    assert all(g.extern_nummer == extern and reden in g.reden for g in overzicht.geweigerde)
