"""Steps of Stap 3 (``stap3_koppeling_activeren.feature``): the beheerder pastes ESIS's
Autorisatiesleutel in Koppelen met LAS and clicks [Wijzigingen opslaan]; Boom checks the key
with ESIS over UWLR (H-S3-01..05). The ESIS side of it (Stap 2) goes through the ESIS driver."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from drivers import Geweigerd
from pytest_bdd import given, then, when
from sqlalchemy import select
from wereld import Wereld

from boomlink.cli.main import main as boomlink_main
from boomlink.koppeling.stap3 import huidige_koppeling
from boomlink.store import School
from steps.patronen import stap


def opslaan(wereld: Wereld, email: str, sleutel: str, schoolkey: str) -> None:
    """Paste ``sleutel`` (and ``schoolkey``) and click [Wijzigingen opslaan]."""
    wereld.koppelen.geziene_sleutels.add(sleutel)
    wereld.koppelen.probeer(
        lambda: wereld.boom_driver.sleutel_opslaan(
            email, autorisatiesleutel=sleutel, schoolkey=schoolkey
        )
    )


# --------------------------------------------------------------------------------------------
# Stel


@given(
    stap(
        'de directie van "{code}" heeft in ESIS de koppeling Boom testcentrum geactiveerd '
        'met verificatiecode "{verificatiecode}"'
    )
)
def _(wereld: Wereld, code: str, verificatiecode: str) -> None:
    koppelen = wereld.koppelen
    directie = koppelen.esis.school_by_code(code).gebruiker("Directie")
    koppelen.sleutel = wereld.esis_driver.activeren(code, directie, verificatiecode, akkoord=True)
    koppelen.geziene_sleutels.add(koppelen.sleutel)


@given(stap('"{email}" heeft de Autorisatiesleutel uit ESIS opgeslagen'))
def _(wereld: Wereld, email: str) -> None:
    opslaan(wereld, email, wereld.koppelen.sleutel, "")
    assert wereld.koppelen.fout is None, wereld.koppelen.fout


@given(stap('Boom gebruikt bij ESIS de klantcode "{klantcode}"'))
def _(wereld: Wereld, klantcode: str) -> None:
    wereld.koppelen.met_las(klantcode=klantcode)


@given(stap("ESIS is niet bereikbaar"))
def _(wereld: Wereld) -> None:
    adres = wereld.koppelen.adres_zonder_server()
    wereld.koppelen.met_las(leerlinggegevens_url=f"{adres}/uwlr/leerlinggegevens")


@given(stap("ESIS antwoordt de eerste {aantal:d} keer met HTTP-status {status:d}"))
def _(wereld: Wereld, aantal: int, status: int) -> None:
    wereld.koppelen.esis.inject(
        operation="HaalStructuur", kind="http_status", status=status, count=aantal
    )


# --------------------------------------------------------------------------------------------
# Als


@when(
    stap(
        '"{email}" de Autorisatiesleutel uit ESIS plakt, SchoolKey leeg laat en op '
        '"Wijzigingen opslaan" klikt'
    )
)
def _(wereld: Wereld, email: str) -> None:
    opslaan(wereld, email, wereld.koppelen.sleutel, "")


@when(
    stap(
        '"{email}" de Autorisatiesleutel uit ESIS plakt, bij SchoolKey "{schoolkey}" invult en '
        'op "Wijzigingen opslaan" klikt'
    )
)
def _(wereld: Wereld, email: str, schoolkey: str) -> None:
    opslaan(wereld, email, wereld.koppelen.sleutel, schoolkey)


@when(stap('"{email}" de Autorisatiesleutel "{sleutel}" plakt en op "Wijzigingen opslaan" klikt'))
def _(wereld: Wereld, email: str, sleutel: str) -> None:
    opslaan(wereld, email, sleutel, "")


@when(stap('"{email}" de koppeling laat controleren bij ESIS'))
def _(wereld: Wereld, email: str) -> None:
    wereld.koppelen.probeer(lambda: wereld.boom_driver.koppeling_controleren(email))


@when(
    stap(
        'de ESIS-gebruiker met rol "{rol}" van "{code}" de koppeling Boom testcentrum '
        'probeert te activeren met verificatiecode "{verificatiecode}"'
    )
)
def _(wereld: Wereld, rol: str, code: str, verificatiecode: str) -> None:
    koppelen = wereld.koppelen
    gebruiker = koppelen.esis.school_by_code(code).gebruiker(rol)
    koppelen.esis_fout = None
    try:
        wereld.esis_driver.activeren(code, gebruiker, verificatiecode, akkoord=True)
    except Geweigerd as error:
        koppelen.esis_fout = error


@when(stap("de beheerder de hulp bij ‘Wijzigingen opslaan’ leest"), target_fixture="hulp")
def _(capsys: pytest.CaptureFixture[str]) -> str:
    assert boomlink_main(["koppeling", "opslaan", "--help"]) == 0
    return " ".join(capsys.readouterr().out.split())


# --------------------------------------------------------------------------------------------
# Dan


@then(stap('weigert ESIS dat met status {status:d} en een melding die "{tekst}" noemt'))
def _(wereld: Wereld, status: int, tekst: str) -> None:
    fout = wereld.koppelen.esis_fout
    assert fout is not None, "ESIS weigerde niet"
    assert fout.status == status and tekst in fout.melding


@then(stap('toont Koppelen met LAS voor "{email}" de Autorisatiesleutel alleen gemaskeerd'))
def _(wereld: Wereld, email: str) -> None:
    sleutel = wereld.koppelen.sleutel
    overzicht = wereld.boom_driver.koppeling_tonen(email)
    assert overzicht.autorisatiesleutel == "••••••••" + sleutel[-4:]
    assert sleutel not in repr(overzicht)


@then(stap('is de SchoolKey "{schoolkey}" opgeslagen'))
def _(wereld: Wereld, schoolkey: str) -> None:
    with wereld.koppelen.boom.store.session() as session:
        school = session.scalars(select(School)).one()
        koppeling = huidige_koppeling(session, school)
    assert koppeling is not None and koppeling.schoolkey == (schoolkey or None)


@then(stap('is er voor "{naam}" geen autorisatiesleutel opgeslagen'))
def _(wereld: Wereld, naam: str) -> None:
    school = wereld.koppelen.school(naam)
    with wereld.boom.store.session() as session:
        koppeling = huidige_koppeling(session, school)
    assert koppeling is not None and koppeling.autorisatiesleutel_versleuteld is None


@then(stap('heeft ESIS de sleutel {aantal:d} keer gezien bij "{operatie}"'))
def _(wereld: Wereld, aantal: int, operatie: str) -> None:
    calls = wereld.koppelen.esis.journal(operation=operatie)
    assert len(calls) == aantal, calls
    assert calls[-1]["verdict"] == "ok" and not calls[-1]["warnings"]


@then(
    stap(
        "staat de autorisatiesleutel nergens leesbaar: niet in het logboek, niet in de database "
        "en niet in het journaal van ESIS"
    )
)
def _(wereld: Wereld) -> None:
    koppelen = wereld.koppelen
    assert koppelen.geziene_sleutels
    logboek = "\n".join(koppelen.log.regels)
    assert "door ESIS" in logboek, "the key check logs its outcome (with the key masked)"
    journaal = json.dumps(koppelen.esis.journal(), ensure_ascii=False)
    koppelen.boom.store.engine.dispose()
    db = Path(koppelen.boom.settings.database_url.removeprefix("sqlite:///"))
    bytes_ = b"".join(p.read_bytes() for p in (db, db.with_name(db.name + "-wal")) if p.exists())
    for sleutel in koppelen.geziene_sleutels:
        assert sleutel not in logboek, [r for r in koppelen.log.regels if sleutel in r][:3]
        assert sleutel not in journaal
        assert sleutel.encode() not in bytes_


@then(stap('zegt de hulp "{tekst}"'))
def _(hulp: str, tekst: str) -> None:
    assert tekst in hulp, hulp
