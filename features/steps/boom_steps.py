"""Steps of the Boom-side features: Voorbereiding, Stap 1, Stap 3 and switching the link off.

Every scenario gets its own Boom testcentrum (:class:`BoomWereld`): a real SQLite store in
``tmp_path``, a real SMTP server on loopback (:mod:`boomlink.testing.mailsink`) and a running mock ESIS. The school admin's
actions go through boomlink's service functions; ESIS's screens and its journal over HTTP; the key
check of stap 3 is the real UWLR call (``boomlink.koppeling.verificatie.esis_verifier``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import email.header
import json
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from email.message import Message
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd import given, parsers, then, when
from sqlalchemy import select

from boomlink.beheer import gebruiker_aanmaken, school_aanmaken
from boomlink.cli.main import main as boomlink_main
from boomlink.config import Settings, load_settings
from boomlink.errors import BoomlinkError
from boomlink.koppeling.controle import koppeling_controleren
from boomlink.koppeling.stap1 import koppelformulier, koppeling_aanvragen, nummers_verwijderen
from boomlink.koppeling.stap3 import (
    huidige_koppeling,
    koppeling_opslaan,
    koppeling_status,
    koppeling_uitzetten,
)
from boomlink.koppeling.verificatie import esis_verifier
from boomlink.koppeling.voorbereiding import uwlr_inschakelen
from boomlink.mail import flush_outbox, in_wachtrij
from boomlink.schooljaar import amsterdam
from boomlink.store import (
    Afname,
    Gebruiker,
    Groep,
    Leerling,
    Rol,
    School,
    Store,
    Toets,
    open_store,
)
from boomlink.testing.mailsink import MailSink
from mock_esis.testing.client import MockEsisError
from mock_esis.testing.handle import MockEsisHandle

_MAANDEN = {
    m: i + 1
    for i, m in enumerate(
        "januari februari maart april mei juni juli augustus september oktober november december".split()
    )
}


def _boom_step(text: str) -> Any:
    """A fullmatch parser: ``"{naam}"`` is a quoted value, ``{naam:d}`` a number."""
    pattern = re.escape(text)
    pattern = re.sub(r"\\\{(\w+):d\\\}", r"(?P<\1>-?\\d+)", pattern)
    pattern = re.sub(r"\\\{(\w+)\\\}", r'(?P<\1>[^"]*)', pattern)
    return parsers.re(pattern)


def _moment(tekst: str) -> dt.datetime:
    """``16 november 2026`` (noon) or ``31 juli 2027 23:59``, Amsterdam time."""
    match = re.fullmatch(r"(\d{1,2}) (\w+) (\d{4})(?: (\d{2}):(\d{2}))?", tekst.strip())
    assert match, f"onbekende datum {tekst!r}"
    dag, maand, jaar, uur, minuut = match.groups()
    return dt.datetime(
        int(jaar),
        _MAANDEN[maand],
        int(dag),
        int(uur or 12),
        int(minuut or 0),
        tzinfo=amsterdam(),
    )


class _LogKopie(logging.Handler):
    """Everything the system logs during the scenario, formatted, to grep for the key. The test
    runner's own log (pytest-bdd logs the scenario text, which names a wrong key) is left out."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.regels: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if not record.name.startswith("pytest_bdd"):
            self.regels.append(self.format(record))


@dataclass
class BoomWereld:
    """One scenario: the Boom testcentrum, its mail server, the mock ESIS and what happened."""

    map: Path
    esis: MockEsisHandle
    mailserver: MailSink
    settings: Settings
    store: Store
    log: _LogKopie
    nu: dt.datetime | None = None
    fout: BoomlinkError | None = None
    esis_fout: MockEsisError | None = None
    sleutel: str = ""
    geziene_sleutels: set[str] = field(default_factory=set)
    journaal_voor: int = 0
    formulier: Any = None
    toetsgegevens: list[tuple[Any, ...]] = field(default_factory=list)

    def school(self, naam: str) -> School:
        with self.store.session() as session:
            school = session.scalar(select(School).where(School.naam == naam))
            assert school is not None, f"geen school {naam!r} in het Boom testcentrum"
            return school

    def journaal(self) -> list[dict[str, Any]]:
        return self.esis.journal()

    def doe(self, actie: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run a user's action; a refusal is kept in ``fout`` (and the journal count before)."""
        self.fout = None
        self.journaal_voor = len(self.journaal())
        try:
            return actie(*args, **kwargs)
        except BoomlinkError as error:
            self.fout = error
            return None

    def als(self, emailadres: str, actie: Callable[..., Any], **kwargs: Any) -> Any:
        """``actie(session, school, gebruiker, **kwargs)`` as the user with ``emailadres``."""
        with self.store.session() as session:
            gebruiker = session.scalar(select(Gebruiker).where(Gebruiker.emailadres == emailadres))
            assert gebruiker is not None, f"geen gebruiker {emailadres}"
            return self.doe(actie, session, gebruiker.school, gebruiker, **kwargs)

    def verifier(self) -> Any:
        return esis_verifier(self.settings)

    def met_las(self, **velden: str) -> None:
        assert self.settings.las is not None
        las = dataclasses.replace(self.settings.las, **velden)
        self.settings = dataclasses.replace(self.settings, las=las)


@pytest.fixture
def boom(
    tmp_path: Path,
    mock_esis_factory: Callable[..., MockEsisHandle],
    smtp_server: MailSink,
    env: dict[str, str],
    esis_env: Callable[[MockEsisHandle], dict[str, str]],
) -> Iterator[BoomWereld]:
    """The root ``conftest.py`` gives the SMTP server and the environment; ESIS is added here."""
    esis = mock_esis_factory(seed=5, schools=1, students_per_group=3)
    esis.admin.reset()
    settings = load_settings(environ={**env, **esis_env(esis)})
    log = _LogKopie()
    root = logging.getLogger()
    vorig_niveau = root.level
    root.addHandler(log)
    root.setLevel(logging.DEBUG)
    store = open_store(settings)
    wereld = BoomWereld(
        map=tmp_path, esis=esis, mailserver=smtp_server, settings=settings, store=store, log=log
    )
    try:
        yield wereld
    finally:
        root.removeHandler(log)
        root.setLevel(vorig_niveau)
        store.close()


# --------------------------------------------------------------------------------------------
# Stel


@given(_boom_step('in ESIS staat de school "{naam}" met BRIN "{code}"'))
def _(boom: BoomWereld, naam: str, code: str) -> None:
    boom.esis.admin.seed(seed=5, brincode=code[:4], dependancecode=code[4:] or "00", naam=naam)


@given(_boom_step('in het Boom testcentrum staat de school "{naam}" met BRIN "{brin}"'))
def _(boom: BoomWereld, naam: str, brin: str) -> None:
    with boom.store.session() as session:
        school_aanmaken(session, naam=naam, brin=brin)


@given(parsers.re(r'"(?P<email>[^"]+)" is (?P<rol>beheerder|leerkracht) van "(?P<naam>[^"]+)"'))
def _(boom: BoomWereld, email: str, rol: str, naam: str) -> None:
    with boom.store.session() as session:
        school = session.get_one(School, boom.school(naam).id)
        gebruiker_aanmaken(
            session,
            school=school,
            emailadres=email,
            naam=email.split("@")[0].capitalize(),
            rol=Rol(rol),
        )


@given(_boom_step("het is {moment}"))
def _(boom: BoomWereld, moment: str) -> None:
    boom.nu = _moment(moment)


@given(
    _boom_step(
        'Boom heeft de "UWLR-koppeling" ingeschakeld voor "{naam}" en de bevestigingsmail is verstuurd'
    )
)
def _(boom: BoomWereld, naam: str) -> None:
    school = boom.school(naam)
    with boom.store.session() as session:
        uwlr_inschakelen(session, school_naam=naam, brin=school.brincode + school.dependancecode)
    assert flush_outbox(boom.store.sessions, boom.settings.mail).verstuurd >= 1


@given(_boom_step("de mailserver van Boom is onbereikbaar"))
def _(boom: BoomWereld) -> None:
    boom.mailserver.stop()


@given(_boom_step('alle externe nummers van "{naam}" zijn leeg'))
def _(boom: BoomWereld, naam: str) -> None:
    with boom.store.session() as session:
        school_id = boom.school(naam).id
        gevuld = session.scalars(
            select(Leerling.extern_nummer).where(
                Leerling.school_id == school_id, Leerling.extern_nummer.is_not(None)
            )
        ).all()
        assert not gevuld


@given(
    _boom_step(
        '"{naam}" heeft in het Boom testcentrum groep "{groep}" met extern nummer "{nummer}" '
        "en deze leerlingen:"
    )
)
def _(boom: BoomWereld, naam: str, groep: str, nummer: str, datatable: list[list[str]]) -> None:
    header, *rows = datatable
    with boom.store.session() as session:
        school = session.get_one(School, boom.school(naam).id)
        g = Groep(
            school_id=school.id,
            schooljaar="2026-2027",
            naam=groep,
            jaargroep=re.sub(r"\D", "", groep)[:2] or None,
            extern_nummer=nummer or None,
        )
        session.add(g)
        for row in rows:
            velden = dict(zip(header, row, strict=True))
            session.add(
                Leerling(
                    school_id=school.id,
                    roepnaam=velden["roepnaam"],
                    achternaam=velden["achternaam"],
                    extern_nummer=velden["extern nummer"] or None,
                    eckid=f"https://ketenid.nl/201703/{velden['roepnaam'].lower()}"
                    if velden["extern nummer"]
                    else None,
                    groepen=[g],
                )
            )
        session.commit()


def _leerling(session: Any, volledige_naam: str) -> Leerling:
    roepnaam, achternaam = volledige_naam.split(" ", 1)
    leerling = session.scalar(
        select(Leerling).where(Leerling.roepnaam == roepnaam, Leerling.achternaam == achternaam)
    )
    assert leerling is not None, f"geen leerling {volledige_naam}"
    return leerling


def _toetsgegevens(boom: BoomWereld) -> list[tuple[Any, ...]]:
    with boom.store.session() as session:
        return [
            (a.id, a.leerling_id, a.toets_id, a.afnamedatum, a.score, a.normed_at)
            + (a.vaardigheidsscore, a.dle, a.niveau)
            for a in session.scalars(select(Afname).order_by(Afname.id))
        ]


@given(
    _boom_step(
        '"{leerling}" heeft toets "{toets}" gemaakt op {datum} met score {score:d}, '
        'vaardigheidsscore "{vs}", DLE "{dle}" en niveau "{niveau}"'
    )
)
def _(
    boom: BoomWereld,
    leerling: str,
    toets: str,
    datum: str,
    score: str,
    vs: str,
    dle: str,
    niveau: str,
) -> None:
    afname = _moment(datum)
    with boom.store.session() as session:
        t = Toets(code=toets.upper().replace(" ", "-"), naam=toets)
        session.add(
            Afname(
                leerling=_leerling(session, leerling),
                toets=t,
                afnamedatum=afname.date(),
                score=int(score),
                normed_at=afname + dt.timedelta(days=1),
                vaardigheidsscore=Decimal(vs),
                dle=Decimal(dle),
                niveau=niveau,
            )
        )
        session.commit()
    boom.toetsgegevens = _toetsgegevens(boom)
    assert boom.toetsgegevens


@given(_boom_step('de aanvraag van "{email}" voor "{type}" is goedgekeurd'))
def _(boom: BoomWereld, email: str, type: str) -> None:
    boom.als(email, nummers_verwijderen)
    assert boom.fout is None, boom.fout
    _aanvragen(boom, email, type, None, None)
    assert boom.fout is None, boom.fout


@given(
    _boom_step(
        'de directie van "{code}" heeft in ESIS de koppeling Boom testcentrum geactiveerd '
        'met verificatiecode "{verificatiecode}"'
    )
)
def _(boom: BoomWereld, code: str, verificatiecode: str) -> None:
    directie = boom.esis.school_by_code(code).gebruiker("Directie")
    getoond = boom.esis.esis.activeren(code, directie, verificatiecode, akkoord=True)
    boom.sleutel = getoond["autorisatiesleutel"]
    boom.geziene_sleutels.add(boom.sleutel)


@given(_boom_step('"{email}" heeft de Autorisatiesleutel uit ESIS opgeslagen'))
def _(boom: BoomWereld, email: str) -> None:
    _opslaan(boom, email, boom.sleutel, "")
    assert boom.fout is None, boom.fout


@given(_boom_step('Boom gebruikt bij ESIS de klantcode "{klantcode}"'))
def _(boom: BoomWereld, klantcode: str) -> None:
    boom.met_las(klantcode=klantcode)


@given(_boom_step("ESIS is niet bereikbaar"))
def _(boom: BoomWereld, closed_port: int) -> None:
    boom.met_las(leerlinggegevens_url=f"http://127.0.0.1:{closed_port}/uwlr/leerlinggegevens")


@given(_boom_step("ESIS antwoordt de eerste {aantal:d} keer met HTTP-status {status:d}"))
def _(boom: BoomWereld, aantal: str, status: str) -> None:
    boom.esis.inject(
        operation="HaalStructuur", kind="http_status", status=int(status), count=int(aantal)
    )


# --------------------------------------------------------------------------------------------
# Als


@when(_boom_step('Boom de "UWLR-koppeling" inschakelt voor "{naam}" met BRIN "{brin}"'))
def _(boom: BoomWereld, naam: str, brin: str) -> None:
    with boom.store.session() as session:
        boom.doe(uwlr_inschakelen, session, school_naam=naam, brin=brin)
    flush_outbox(boom.store.sessions, boom.settings.mail)


@when(_boom_step("de mailserver weer bereikbaar is en Boom de wachtrij verstuurt"))
def _(boom: BoomWereld) -> None:
    boom.mailserver.start()
    assert flush_outbox(boom.store.sessions, boom.settings.mail).verstuurd >= 1


@when(_boom_step('"{email}" in Beheer → Koppelen met LAS op "Verwijder nummers" klikt'))
def _(boom: BoomWereld, email: str) -> None:
    boom.als(email, nummers_verwijderen)


@when(_boom_step('"{email}" Beheer → Koppelen met LAS opent'))
def _(boom: BoomWereld, email: str) -> None:
    boom.formulier = boom.als(email, koppelformulier, now=boom.nu)


def _aanvragen(
    boom: BoomWereld, email: str, type: str, brin: str | None, schooljaar: str | None
) -> None:
    formulier = boom.als(email, koppelformulier, now=boom.nu)
    boom.als(
        email,
        koppeling_aanvragen,
        type_koppeling=type,
        brincode=brin if brin is not None else formulier.brincode,
        schooljaar=schooljaar if schooljaar is not None else formulier.schooljaar,
        now=boom.nu,
    )


@when(
    _boom_step(
        '"{email}" op "Aanvragen" klikt met Type koppeling "{type}", BRIN-code "{brin}" '
        'en schooljaar "{schooljaar}"'
    )
)
def _(boom: BoomWereld, email: str, type: str, brin: str, schooljaar: str) -> None:
    boom.als(
        email,
        koppeling_aanvragen,
        type_koppeling=type,
        brincode=brin,
        schooljaar=schooljaar,
        now=boom.nu,
    )


def _opslaan(boom: BoomWereld, email: str, sleutel: str, schoolkey: str) -> None:
    boom.geziene_sleutels.add(sleutel)
    boom.als(
        email,
        koppeling_opslaan,
        autorisatiesleutel=sleutel,
        schoolkey=schoolkey,
        verify=boom.verifier(),
        kluis=boom.store.kluis(),
        now=boom.nu,
    )


@when(
    _boom_step(
        '"{email}" de Autorisatiesleutel uit ESIS plakt, SchoolKey leeg laat en op '
        '"Wijzigingen opslaan" klikt'
    )
)
def _(boom: BoomWereld, email: str) -> None:
    _opslaan(boom, email, boom.sleutel, "")


@when(
    _boom_step(
        '"{email}" de Autorisatiesleutel uit ESIS plakt, bij SchoolKey "{schoolkey}" invult en '
        'op "Wijzigingen opslaan" klikt'
    )
)
def _(boom: BoomWereld, email: str, schoolkey: str) -> None:
    _opslaan(boom, email, boom.sleutel, schoolkey)


@when(
    _boom_step(
        '"{email}" de Autorisatiesleutel "{sleutel}" plakt en op "Wijzigingen opslaan" klikt'
    )
)
def _(boom: BoomWereld, email: str, sleutel: str) -> None:
    _opslaan(boom, email, sleutel, "")


@when(_boom_step('"{email}" in Beheer → Koppelen met LAS de koppeling uitzet'))
def _(boom: BoomWereld, email: str) -> None:
    boom.als(email, koppeling_uitzetten, now=boom.nu)
    assert boom.fout is None, boom.fout


@when(_boom_step('"{email}" de koppeling laat controleren bij ESIS'))
def _(boom: BoomWereld, email: str) -> None:
    boom.als(
        email,
        koppeling_controleren,
        verify=boom.verifier(),
        kluis=boom.store.kluis(),
        now=boom.nu,
    )


@when(_boom_step('de directie van "{code}" de koppeling Boom testcentrum in ESIS deactiveert'))
def _(boom: BoomWereld, code: str) -> None:
    boom.esis.esis.deactiveren(code, boom.esis.school_by_code(code).gebruiker("Directie"))


@when(
    _boom_step(
        'de ESIS-gebruiker met rol "{rol}" van "{code}" de koppeling Boom testcentrum '
        'probeert te activeren met verificatiecode "{verificatiecode}"'
    )
)
def _(boom: BoomWereld, rol: str, code: str, verificatiecode: str) -> None:
    gebruiker = boom.esis.school_by_code(code).gebruiker(rol)
    boom.esis_fout = None
    try:
        boom.esis.esis.activeren(code, gebruiker, verificatiecode, akkoord=True)
    except MockEsisError as error:
        boom.esis_fout = error


@when(_boom_step("de beheerder de hulp bij ‘Wijzigingen opslaan’ leest"), target_fixture="hulp")
def _(capsys: pytest.CaptureFixture[str]) -> str:
    assert boomlink_main(["koppeling", "opslaan", "--help"]) == 0
    return " ".join(capsys.readouterr().out.split())


# --------------------------------------------------------------------------------------------
# Dan


@then(parsers.re(r'krijgt (?:zij|hij|Boom) de melding "(?P<tekst>[^"]+)"'))
def _(boom: BoomWereld, tekst: str) -> None:
    assert boom.fout is not None, "de actie werd niet geweigerd"
    assert tekst in boom.fout.bericht, boom.fout.bericht


@then(_boom_step('noemt de melding "{tekst}"'))
def _(boom: BoomWereld, tekst: str) -> None:
    assert boom.fout is not None and tekst in boom.fout.bericht, boom.fout


@then(_boom_step("is ESIS daarvoor niet benaderd"))
def _(boom: BoomWereld) -> None:
    assert len(boom.journaal()) == boom.journaal_voor


@then(parsers.re(r'is de UWLR-koppeling (?P<niet>niet )?ingeschakeld voor "(?P<naam>[^"]+)"'))
def _(boom: BoomWereld, niet: str | None, naam: str) -> None:
    assert (boom.school(naam).uwlr_enabled_at is None) == bool(niet)


def _onderwerp(mail: Message) -> str:
    return " ".join(
        str(email.header.make_header(email.header.decode_header(mail["Subject"]))).split()
    )


@then(_boom_step('ontvangt "{email}" een bevestigingsmail met onderwerp "{onderwerp}"'))
def _(boom: BoomWereld, email: str, onderwerp: str) -> None:
    mails = [m for m in boom.mailserver.inbox.messages if m["To"] == email]
    assert [_onderwerp(m) for m in mails] == [onderwerp]


@then(_boom_step('ontvangt "{email}" geen bevestigingsmail'))
def _(boom: BoomWereld, email: str) -> None:
    assert not [m for m in boom.mailserver.inbox.messages if m["To"] == email]


@then(_boom_step('staat de bevestigingsmail voor "{email}" in de wachtrij'))
def _(boom: BoomWereld, email: str) -> None:
    with boom.store.session() as session:
        assert [m.recipient for m in in_wachtrij(session)] == [email]
    assert not boom.mailserver.inbox.messages


@then(_boom_step('kan "{email}" in Beheer → Koppelen met LAS op "Verwijder nummers" klikken'))
def _(boom: BoomWereld, email: str) -> None:
    boom.als(email, nummers_verwijderen)
    assert boom.fout is None, boom.fout.bericht


@then(
    parsers.re(
        r'weigert ESIS dat met status (?P<status>\d+) en een melding die "(?P<tekst>[^"]+)" noemt'
    )
)
def _(boom: BoomWereld, status: str, tekst: str) -> None:
    assert boom.esis_fout is not None, "ESIS weigerde niet"
    assert boom.esis_fout.status == int(status) and tekst in boom.esis_fout.fout


@then(_boom_step('kan zij bij "Type koppeling" alleen "{type}" kiezen'))
def _(boom: BoomWereld, type: str) -> None:
    assert boom.fout is None and boom.formulier.typen_koppeling == (type,)


@then(
    _boom_step(
        'toont het formulier BRIN-code "{brin}", vestiging "{vestiging}" en schooljaar "{schooljaar}"'
    )
)
def _(boom: BoomWereld, brin: str, vestiging: str, schooljaar: str) -> None:
    assert boom.fout is None, boom.fout
    f = boom.formulier
    assert (f.brincode, f.dependancecode, f.schooljaar) == (brin, vestiging, schooljaar)


@then(_boom_step('staat de koppeling van "{naam}" op "{status}" met type "{type}"'))
def _(boom: BoomWereld, naam: str, status: str, type: str) -> None:
    with boom.store.session() as session:
        koppeling = huidige_koppeling(session, boom.school(naam))
    assert koppeling is not None and (koppeling.status.value, koppeling.type) == (status, type)


@then(_boom_step('staat de koppeling van "{naam}" op "{status}"'))
def _(boom: BoomWereld, naam: str, status: str) -> None:
    with boom.store.session() as session:
        koppeling = huidige_koppeling(session, boom.school(naam))
    assert koppeling is not None and koppeling.status.value == status


@then(_boom_step('staat er voor "{naam}" geen aanvraag'))
def _(boom: BoomWereld, naam: str) -> None:
    with boom.store.session() as session:
        assert huidige_koppeling(session, boom.school(naam)) is None


@then(_boom_step('zijn alle externe nummers van leerlingen en groepen van "{naam}" leeg'))
def _(boom: BoomWereld, naam: str) -> None:
    school_id = boom.school(naam).id
    with boom.store.session() as session:
        leerlingen = session.scalars(select(Leerling).where(Leerling.school_id == school_id)).all()
        groepen = session.scalars(select(Groep).where(Groep.school_id == school_id)).all()
        assert leerlingen and groepen
        assert all(lln.extern_nummer is None and lln.eckid is None for lln in leerlingen)
        assert all(g.extern_nummer is None for g in groepen)


@then(_boom_step("zijn de toetsgegevens precies zoals ze waren"))
def _(boom: BoomWereld) -> None:
    assert _toetsgegevens(boom) == boom.toetsgegevens


@then(_boom_step('toont Koppelen met LAS voor "{email}" de Autorisatiesleutel alleen gemaskeerd'))
def _(boom: BoomWereld, email: str) -> None:
    overzicht = boom.als(email, koppeling_status, kluis=boom.store.kluis())
    assert overzicht.autorisatiesleutel == "••••••••" + boom.sleutel[-4:]
    assert boom.sleutel not in repr(overzicht)


@then(_boom_step('is de SchoolKey "{schoolkey}" opgeslagen'))
def _(boom: BoomWereld, schoolkey: str) -> None:
    with boom.store.session() as session:
        school = session.scalars(select(School)).one()
        koppeling = huidige_koppeling(session, school)
    assert koppeling is not None and koppeling.schoolkey == (schoolkey or None)


@then(_boom_step('is er voor "{naam}" geen autorisatiesleutel opgeslagen'))
def _(boom: BoomWereld, naam: str) -> None:
    with boom.store.session() as session:
        koppeling = huidige_koppeling(session, boom.school(naam))
    assert koppeling is not None and koppeling.autorisatiesleutel_versleuteld is None


@then(_boom_step('heeft ESIS de sleutel {aantal:d} keer gezien bij "{operatie}"'))
def _(boom: BoomWereld, aantal: str, operatie: str) -> None:
    calls = boom.esis.journal(operation=operatie)
    assert len(calls) == int(aantal), calls
    assert calls[-1]["verdict"] == "ok" and not calls[-1]["warnings"]


@then(
    _boom_step(
        "staat de autorisatiesleutel nergens leesbaar: niet in het logboek, niet in de database en niet in het journaal van ESIS"
    )
)
def _(boom: BoomWereld) -> None:
    assert boom.geziene_sleutels
    logboek = "\n".join(boom.log.regels)
    assert "door ESIS" in logboek, "the key check logs its outcome (with the key masked)"
    journaal = json.dumps(boom.journaal(), ensure_ascii=False)
    boom.store.engine.dispose()
    db = Path(boom.settings.database_url.removeprefix("sqlite:///"))
    bytes_ = b"".join(p.read_bytes() for p in (db, db.with_name(db.name + "-wal")) if p.exists())
    for sleutel in boom.geziene_sleutels:
        assert sleutel not in logboek, [r for r in boom.log.regels if sleutel in r][:3]
        assert sleutel not in journaal
        assert sleutel.encode() not in bytes_


@then(_boom_step('zegt de hulp "{tekst}"'))
def _(hulp: str, tekst: str) -> None:
    assert tekst in hulp, hulp
