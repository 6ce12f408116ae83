"""Steps of the import features (Stap 3 "Gegevens importeren", Stap 4, re-import, rollover).

Everything is real: the running mock ESIS (its UWLR endpoints and its data-change admin API), the
Boom store in a SQLite file, the UWLR client and an SMTP server on loopback; the store, the SMTP
server and the link come from the repository's root ``conftest.py``. The state of one scenario
lives in :class:`ImportWereld` (fixture ``importwereld``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd import given, parsers, then, when
from sqlalchemy import func, select

from boomlink.errors import BoomlinkError
from boomlink.importeren.ophalen import gegevens_importeren
from boomlink.importeren.review import (
    CATEGORIE_TITEL,
    Review,
    Tab,
    emailadres_invullen,
    koppel_met_bestaande,
    niet_importeren,
    review_tonen,
    wel_importeren,
)
from boomlink.importeren.samenvatting import Samenvatting, samenvatting
from boomlink.importeren.uitnodigingen import account_aanmaken
from boomlink.importeren.verwerken import Verwerkt, import_verwerken
from boomlink.mail import flush_outbox
from boomlink.schooljaar import huidig_schooljaar
from boomlink.store import (
    AccountStatus,
    Afname,
    Gebruiker,
    Groep,
    Leerkracht,
    Leerling,
    Rol,
    School,
    Store,
    Toets,
)
from boomlink.store.import_models import Categorie
from boomlink.testing.mailsink import MailSink
from boomlink.uwlr_client import ClientConfig, RetryPolicy
from mock_esis.testing.handle import MockEsisHandle

_CATEGORIE = {titel: c for c, titel in CATEGORIE_TITEL.items()}
_TAB = {t.titel: t for t in Tab}


def _imp(text: str) -> Any:
    """A fullmatch parser: ``"{naam}"`` is a quoted value, ``{naam:d}`` a number, ``{datum}``
    outside quotes a dd-mm-jjjj date."""
    pattern = re.escape(text)
    pattern = re.sub(r"\\\{(\w+):d\\\}", r"(?P<\1>-?\\d+)", pattern)
    pattern = re.sub(r'"\\\{(\w+)\\\}"', r'"(?P<\1>[^"]*)"', pattern)
    pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>\\d\\d-\\d\\d-\\d{4})", pattern)
    return parsers.re(pattern)


def _datum(tekst: str) -> dt.date:
    return dt.datetime.strptime(tekst, "%d-%m-%Y").date()


def _naam_delen(naam: str) -> dict[str, Any]:
    """``Jan van Dijk`` → roepnaam Jan, voorvoegsel van, achternaam Dijk, voorletters J."""
    delen = naam.split()
    roepnaam, rest = delen[0], delen[1:]
    voorvoegsel = " ".join(d for d in rest[:-1] if d.islower()) or None
    return {
        "roepnaam": roepnaam,
        "voorvoegsel": voorvoegsel,
        "achternaam": rest[-1],
        "voorletters": f"{roepnaam[0]}.",
    }


@dataclass
class ImportWereld:
    esis: MockEsisHandle
    store: Store
    smtp: MailSink
    config: ClientConfig
    map: Path
    code: str = ""
    school_id: int = 0
    beheerder_id: int = 0
    nu: dt.datetime | None = None
    eigen_leraren: set[str] = field(default_factory=set)
    levend_voor: tuple[int, int, int] | None = None
    samenvatting: Samenvatting | None = None
    verwerkt: Verwerkt | None = None
    fout: BoomlinkError | None = None
    uitkomsten: list[object] = field(default_factory=list)
    ids: dict[str, int] = field(default_factory=dict)
    oude_leden: dict[str, list[int]] = field(default_factory=dict)
    oud_jaar: str = ""
    hernoemd: str = ""

    def met_sessie(self, doe: Callable[[Any, School, Gebruiker], Any]) -> Any:
        with self.store.session() as s:
            return doe(
                s, s.get_one(School, self.school_id), s.get_one(Gebruiker, self.beheerder_id)
            )

    def uitnodigingen(self) -> list[Message]:
        return self.smtp.inbox.met_onderwerp("Uitnodiging")

    def review(self) -> Review:
        return self.met_sessie(review_tonen)  # type: ignore[no-any-return]

    def importeren(self) -> None:
        if self.levend_voor is None:
            self.levend_voor = self.tellingen()
        self.met_sessie(
            lambda s, school, wie: gegevens_importeren(
                s, school, wie, client_config=self.config, kluis=self.store.kluis(), now=self.nu
            )
        )

    def verwerken(self) -> None:
        self.fout = None
        try:
            self.verwerkt = self.met_sessie(
                lambda s, school, wie: import_verwerken(s, school, wie, now=self.nu)
            )
        except BoomlinkError as exc:
            self.fout = exc

    def tellingen(self) -> tuple[int, int, int]:
        with self.store.session() as s:
            return (
                s.scalar(select(func.count(Groep.id))) or 0,
                s.scalar(select(func.count(Leerkracht.id))) or 0,
                s.scalar(select(func.count(Leerling.id))) or 0,
            )

    def regel(self, tab: Tab, naam: str) -> Any:
        gevonden = [r for r in self.review().regels(tab) if r.naam == naam]
        assert len(gevonden) == 1, (naam, [r.naam for r in self.review().regels(tab)])
        return gevonden[0]

    def leraren_zonder_email_overslaan(self) -> None:
        def doe(s: Any, school: School, wie: Gebruiker) -> None:
            for regel in review_tonen(s, school, wie).regels(Tab.LEERKRACHTEN, Categorie.NIEUW):
                if not regel.emailadres and regel.naam not in self.eigen_leraren:
                    niet_importeren(s, school, wie, regel.id)

        self.met_sessie(doe)

    def esis_leerlingen(self) -> list[dict[str, Any]]:
        school = self.esis.admin.school(self.code)
        stam = {g["key"] for g in school["groepen"]}
        return [p for p in school["leerlingen"] if p.get("groep") in stam]


@pytest.fixture
def importwereld(
    tmp_path: Path,
    mock_esis_factory: Callable[..., MockEsisHandle],
    smtp_server: MailSink,
    store: Store,
    esis_client_config: Callable[..., ClientConfig],
) -> ImportWereld:
    esis = mock_esis_factory(seed=1, schools=1, students_per_group=5, activate_all=True)
    config = esis_client_config(esis, retry=RetryPolicy(max_attempts=1))
    return ImportWereld(esis=esis, store=store, smtp=smtp_server, config=config, map=tmp_path)


# --- Stel ------------------------------------------------------------------------------------


@given(_imp('de school "{naam}" met BRIN "{code}" is in ESIS en in het Boom testcentrum gekoppeld'))
def _(importwereld: ImportWereld, naam: str, code: str) -> None:
    school = importwereld.esis.school_by_code(code)
    assert school.naam == naam
    importwereld.code = code


@given(_imp('"{email}" is de beheerder van die school in het Boom testcentrum'))
def _(
    importwereld: ImportWereld, email: str, boom_koppelen: Callable[..., tuple[int, int]]
) -> None:
    """Voorbereiding, Stap 1 and Stap 3 for real (the root ``conftest.py``'s ``boom_koppelen``)."""
    w = importwereld
    w.school_id, w.beheerder_id = boom_koppelen(
        w.store, w.esis.school_by_code(w.code), w.config, emailadres=email, naam="Beheerder"
    )


@given(
    _imp('in ESIS zit leerling "{naam}" (nummer "{nummer}", geboren {datum}) in groep "{groep}"')
)
def _(importwereld: ImportWereld, naam: str, nummer: str, datum: str, groep: str) -> None:
    importwereld.esis.admin.add_leerling(
        importwereld.code,
        key=nummer,
        eckid=f"https://ketenid.nl/201703/{hashlib.sha256(nummer.encode()).hexdigest()}",
        geboortedatum=_datum(datum).isoformat(),
        geslacht=1,
        groep=groep,
        **_naam_delen(naam),
    )


@given(_imp('ESIS haalt leerling "{nummer}" uit haar groep'))
def _(importwereld: ImportWereld, nummer: str) -> None:
    importwereld.esis.admin.move_leerling(importwereld.code, nummer, None)


@given(_imp('in ESIS werkt "{naam}" (nummer "{nummer}", e-mailadres "{email}") zonder groep'))
def _(importwereld: ImportWereld, naam: str, nummer: str, email: str) -> None:
    importwereld.esis.admin.add_leerkracht(
        importwereld.code, key=nummer, emailadres=email, groepen=[], **_naam_delen(naam)
    )


@given(
    _imp(
        'in ESIS geeft "{naam}" (nummer "{nummer}", e-mailadres "{email}") les aan "{een}" en "{twee}"'
    )
)
def _(importwereld: ImportWereld, naam: str, nummer: str, email: str, een: str, twee: str) -> None:
    importwereld.esis.admin.add_leerkracht(
        importwereld.code, key=nummer, emailadres=email, groepen=[een, twee], **_naam_delen(naam)
    )
    importwereld.eigen_leraren.add(naam)


@given(_imp('in ESIS geeft "{naam}" (nummer "{nummer}", zonder e-mailadres) les aan "{groep}"'))
def _(importwereld: ImportWereld, naam: str, nummer: str, groep: str) -> None:
    importwereld.esis.admin.add_leerkracht(
        importwereld.code, key=nummer, emailadres=None, groepen=[groep], **_naam_delen(naam)
    )
    importwereld.eigen_leraren.add(naam)


@given(_imp("de mailserver van het Boom testcentrum ligt eruit"))
def _(importwereld: ImportWereld) -> None:
    importwereld.smtp.stop()


@given(
    _imp(
        'in het Boom testcentrum staat leerling "{achternaam}" met roepnaam "{roepnaam}", '
        "geboren {datum}, zonder extern nummer"
    )
)
def _(importwereld: ImportWereld, achternaam: str, roepnaam: str, datum: str) -> None:
    with importwereld.store.session() as s:
        s.add(
            Leerling(
                school_id=importwereld.school_id,
                achternaam=achternaam,
                roepnaam=roepnaam,
                geboortedatum=_datum(datum),
            )
        )
        s.commit()


@given(_imp("de beheerder heeft de gegevens uit ESIS geïmporteerd"))
def _(importwereld: ImportWereld) -> None:
    w = importwereld
    w.importeren()
    w.leraren_zonder_email_overslaan()
    w.verwerken()
    assert w.fout is None, w.fout
    with w.store.session() as s:
        w.ids = {p.extern_nummer or "": p.id for p in s.scalars(select(Leerling))}
        w.oud_jaar = huidig_schooljaar(w.nu)
        w.oude_leden = {
            f"{g.naam}|{g.jaargroep}": sorted(p.id for p in g.leerlingen)
            for g in s.scalars(select(Groep).where(Groep.schooljaar == w.oud_jaar))
        }


@given(_imp('leerling "{naam}" heeft een afname van toets "{toets}" in het Boom testcentrum'))
def _(importwereld: ImportWereld, naam: str, toets: str) -> None:
    delen = _naam_delen(naam)
    with importwereld.store.session() as s:
        leerling = s.scalars(
            select(Leerling).where(
                Leerling.roepnaam == delen["roepnaam"], Leerling.achternaam == delen["achternaam"]
            )
        ).one()
        t = Toets(code=toets, naam=f"Toets {toets}")
        s.add(t)
        s.flush()
        s.add(
            Afname(
                leerling_id=leerling.id, toets_id=t.id, afnamedatum=dt.date(2026, 11, 2), score=31
            )
        )
        s.commit()


@given(_imp('in ESIS heet leerling "{nummer}" voortaan "{naam}"'))
def _(importwereld: ImportWereld, nummer: str, naam: str) -> None:
    delen = _naam_delen(naam)
    importwereld.esis.admin.update_leerling(
        importwereld.code, nummer, roepnaam=delen["roepnaam"], achternaam=delen["achternaam"]
    )


@given(_imp('in ESIS vertrekt leerling "{nummer}"'))
def _(importwereld: ImportWereld, nummer: str) -> None:
    importwereld.esis.admin.remove_leerling(importwereld.code, nummer)


@given(_imp('in ESIS verhuist leerling "{nummer}" naar groep "{groep}"'))
def _(importwereld: ImportWereld, nummer: str, groep: str) -> None:
    importwereld.esis.admin.move_leerling(importwereld.code, nummer, groep)


@given(_imp('in ESIS heet groep "{oud}" voortaan "{nieuw}"'))
def _(importwereld: ImportWereld, oud: str, nieuw: str) -> None:
    groepen = importwereld.esis.admin.school(importwereld.code)["groepen"]
    key = next(g["key"] for g in groepen if g["naam"] == oud)
    importwereld.esis.admin.rename_groep(importwereld.code, key, nieuw)
    importwereld.hernoemd = key


@given(_imp('ESIS stuurt leerling "{nummer}" voortaan alleen met haar ECK iD'))
def _(importwereld: ImportWereld, nummer: str) -> None:
    importwereld.esis.admin.leerling_eckid_als_sleutel(importwereld.code, nummer)


# --- Als -------------------------------------------------------------------------------------


@when(_imp('de beheerder op "Gegevens importeren" klikt'))
@when(_imp('de beheerder opnieuw op "Gegevens importeren" klikt'))
def _(importwereld: ImportWereld) -> None:
    importwereld.importeren()


@when(_imp('de beheerder de nieuwe leerkrachten zonder e-mailadres onder "Niet importeren" zet'))
@when(
    _imp(
        'de beheerder de andere nieuwe leerkrachten zonder e-mailadres onder "Niet importeren" zet'
    )
)
def _(importwereld: ImportWereld) -> None:
    importwereld.leraren_zonder_email_overslaan()


@when(_imp('de beheerder nog een keer op "Gegevens importeren" klikt'))
def _(importwereld: ImportWereld) -> None:
    importwereld.samenvatting = importwereld.met_sessie(samenvatting)


@when(_imp('de beheerder in de samenvatting op "Gegevens importeren" klikt'))
def _(importwereld: ImportWereld) -> None:
    importwereld.samenvatting = importwereld.met_sessie(samenvatting)
    importwereld.verwerken()


@when(_imp('twee beheerders tegelijk in de samenvatting op "Gegevens importeren" klikken'))
def _(importwereld: ImportWereld) -> None:
    w = importwereld
    barrier = threading.Barrier(2)

    def klik() -> None:
        barrier.wait()
        try:
            w.uitkomsten.append(
                w.met_sessie(lambda s, school, wie: import_verwerken(s, school, wie, now=w.nu))
            )
        except BoomlinkError as exc:
            w.uitkomsten.append(exc)

    threads = [threading.Thread(target=klik) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)


@when(_imp('de beheerder bij "{naam}" het e-mailadres "{email}" invult'))
def _(importwereld: ImportWereld, naam: str, email: str) -> None:
    regel = importwereld.regel(Tab.LEERKRACHTEN, naam)
    importwereld.met_sessie(
        lambda s, school, wie: emailadres_invullen(s, school, wie, regel.id, email)
    )


@when(_imp("de mailserver weer werkt en het Boom testcentrum de wachtrij twee keer verstuurt"))
def _(importwereld: ImportWereld) -> None:
    importwereld.smtp.start()
    for _ in range(2):
        flush_outbox(importwereld.store.sessions, importwereld.store.settings.mail)


@when(
    _imp('de beheerder bij "{naam}" op "Koppel met bestaande leerling" klikt en "{bestaand}" kiest')
)
def _(importwereld: ImportWereld, naam: str, bestaand: str) -> None:
    regel = importwereld.regel(Tab.LEERLINGEN, naam)
    (keuze,) = [k for k, tekst in regel.kandidaten if tekst.startswith(bestaand)]
    importwereld.ids[bestaand] = keuze
    importwereld.met_sessie(
        lambda s, school, wie: koppel_met_bestaande(s, school, wie, regel.id, keuze)
    )


@when(_imp('de beheerder groep "{naam}" onder "Niet importeren" zet'))
def _(importwereld: ImportWereld, naam: str) -> None:
    regel = importwereld.regel(Tab.GROEPEN, naam)
    importwereld.met_sessie(lambda s, school, wie: niet_importeren(s, school, wie, regel.id))


@when(_imp('de beheerder groep "{naam}" terugzet'))
def _(importwereld: ImportWereld, naam: str) -> None:
    regel = importwereld.regel(Tab.GROEPEN, naam)
    importwereld.met_sessie(lambda s, school, wie: wel_importeren(s, school, wie, regel.id))


@when(_imp('ESIS op 1 augustus de groepen doorzet naar schooljaar "{jaar}"'))
def _(importwereld: ImportWereld, jaar: str) -> None:
    importwereld.esis.admin.volgend_schooljaar()
    importwereld.nu = dt.datetime.fromisoformat(importwereld.esis.admin.klok()["klok"])
    assert huidig_schooljaar(importwereld.nu) == jaar
    assert importwereld.esis.admin.school(importwereld.code)["schooljaar"] == jaar


# --- Dan -------------------------------------------------------------------------------------


@then(_imp('ziet de beheerder de tabbladen "{a}", "{b}" en "{c}", elk met "{x}", "{y}" en "{z}"'))
def _(importwereld: ImportWereld, a: str, b: str, c: str, x: str, y: str, z: str) -> None:
    review = importwereld.review()
    assert [t.titel for t in review.tabs] == [a, b, c]
    assert list(CATEGORIE_TITEL.values()) == [x, y, z]


@then(
    _imp(
        'staan op het tabblad "{tab}" onder "{categorie}" {aantal:d} regels, waaronder "{een}" en "{twee}"'
    )
)
def _(
    importwereld: ImportWereld, tab: str, categorie: str, aantal: str, een: str, twee: str
) -> None:
    namen = [r.naam for r in importwereld.review().regels(_TAB[tab], _CATEGORIE[categorie])]
    assert len(namen) == int(aantal) and een in namen and twee in namen, namen


@then(_imp('staan op het tabblad "{tab}" onder "{categorie}" {aantal:d} regels'))
def _(importwereld: ImportWereld, tab: str, categorie: str, aantal: str) -> None:
    assert importwereld.review().aantal(_TAB[tab], _CATEGORIE[categorie]) == int(aantal)


@then(_imp('staat er onder "Bestaand" en "Niet importeren" nog niets'))
def _(importwereld: ImportWereld) -> None:
    review = importwereld.review()
    for tab in Tab:
        assert review.aantal(tab, Categorie.BESTAAND) == 0
        assert review.aantal(tab, Categorie.NIET_IMPORTEREN) == 0


@then(_imp("is er in het Boom testcentrum nog geen groep, leerkracht of leerling bijgekomen"))
def _(importwereld: ImportWereld) -> None:
    assert importwereld.tellingen() == importwereld.levend_voor


@then(_imp('staat "{naam}" op geen enkel tabblad'))
def _(importwereld: ImportWereld, naam: str) -> None:
    review = importwereld.review()
    assert all(r.naam != naam for tab in Tab for r in review.regels(tab))


@then(_imp('toont de samenvatting "{tekst}"'))
def _(importwereld: ImportWereld, tekst: str) -> None:
    assert importwereld.samenvatting is not None
    assert tekst in importwereld.samenvatting.regels(), importwereld.samenvatting.regels()


def _tabel(datatable: list[list[str]]) -> dict[str, str]:
    return {rij[0].strip(): rij[1].strip() for rij in datatable[1:]}


def _tekst(waarde: object) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, dt.date):
        return waarde.strftime("%d-%m-%Y")
    return str(waarde)


@then(_imp('staat leerling "{naam}" zo in het Boom testcentrum:'))
def _(importwereld: ImportWereld, naam: str, datatable: list[list[str]]) -> None:
    assert importwereld.fout is None, importwereld.fout
    delen = _naam_delen(naam)
    with importwereld.store.session() as s:
        leerling = s.scalars(
            select(Leerling).where(
                Leerling.roepnaam == delen["roepnaam"], Leerling.achternaam == delen["achternaam"]
            )
        ).one()
        jaar = huidig_schooljaar(importwereld.nu)
        for veld, verwacht in _tabel(datatable).items():
            if veld == "groep":
                waarde = ", ".join(g.naam for g in leerling.groepen if g.schooljaar == jaar)
            elif veld == "leerlingnummer":
                waarde = _tekst(leerling.extern_nummer)
            else:
                waarde = _tekst(getattr(leerling, veld))
            assert waarde == verwacht, (veld, waarde, verwacht)


@then(_imp('staat leerkracht "{naam}" zo in het Boom testcentrum:'))
def _(importwereld: ImportWereld, naam: str, datatable: list[list[str]]) -> None:
    assert importwereld.fout is None, importwereld.fout
    delen = _naam_delen(naam)
    with importwereld.store.session() as s:
        leraar = s.scalars(
            select(Leerkracht).where(
                Leerkracht.roepnaam == delen["roepnaam"],
                Leerkracht.achternaam == delen["achternaam"],
            )
        ).one()
        for veld, verwacht in _tabel(datatable).items():
            if veld == "groepen":
                waarde = ", ".join(sorted(g.naam for g in leraar.groepen))
            else:
                waarde = _tekst(getattr(leraar, veld))
            assert waarde == verwacht, (veld, waarde, verwacht)


@then(_imp("staan er {aantal:d} leerlingen in het Boom testcentrum"))
def _(importwereld: ImportWereld, aantal: str) -> None:
    with importwereld.store.session() as s:
        assert s.scalar(select(func.count(Leerling.id))) == int(aantal)


@then(_imp('is de import één keer verwerkt en krijgt de ander de melding "{tekst}"'))
def _(importwereld: ImportWereld, tekst: str) -> None:
    uitkomsten = importwereld.uitkomsten
    fouten = [u for u in uitkomsten if isinstance(u, BoomlinkError)]
    assert len(uitkomsten) == 2 and len(fouten) == 1, uitkomsten
    assert tekst in fouten[0].bericht


@then(
    _imp(
        'meldt het tabblad "Leerkrachten" bij "{naam}" dat er een e-mailadres moet worden ingevuld'
    )
)
def _(importwereld: ImportWereld, naam: str) -> None:
    regel = importwereld.regel(Tab.LEERKRACHTEN, naam)
    assert regel.melding is not None and "Vul een e-mailadres in" in regel.melding


@then(_imp('weigert het Boom testcentrum met een melding die "{tekst}" noemt'))
def _(importwereld: ImportWereld, tekst: str) -> None:
    assert importwereld.fout is not None and tekst in importwereld.fout.bericht


@then(_imp("is er nog geen uitnodiging verstuurd"))
def _(importwereld: ImportWereld) -> None:
    assert importwereld.fout is None, importwereld.fout
    assert importwereld.verwerkt is not None and importwereld.verwerkt.uitnodigingen > 0
    flush_outbox(importwereld.store.sessions, importwereld.store.settings.mail)
    assert importwereld.uitnodigingen() == []


@then(_imp('krijgt "{email}" precies 1 uitnodiging met een link om een account aan te maken'))
def _(importwereld: ImportWereld, email: str) -> None:
    mails = [m for m in importwereld.uitnodigingen() if m["To"] == email]
    assert len(mails) == 1
    payload = mails[0].get_payload(decode=True)
    assert isinstance(payload, bytes) and "/account-aanmaken?token=" in payload.decode()


@then(_imp("krijgt elke nieuwe leerkracht met een e-mailadres precies 1 uitnodiging"))
def _(importwereld: ImportWereld) -> None:
    with importwereld.store.session() as s:
        adressen = sorted(
            lk.emailadres or ""
            for lk in s.scalars(
                select(Leerkracht).where(Leerkracht.account_status == AccountStatus.UITGENODIGD)
            )
        )
    assert adressen and sorted(str(m["To"]) for m in importwereld.uitnodigingen()) == adressen


@then(_imp('maakt de link van "{email}" één keer een account aan; de tweede keer is hij "{tekst}"'))
def _(importwereld: ImportWereld, email: str, tekst: str) -> None:
    (mail,) = [m for m in importwereld.uitnodigingen() if m["To"] == email]
    payload = mail.get_payload(decode=True)
    assert isinstance(payload, bytes)
    match = re.search(r"token=([A-Za-z0-9_\-]+)", payload.decode())
    assert match
    with importwereld.store.session() as s:
        gebruiker = account_aanmaken(s, match.group(1))
        assert gebruiker.emailadres == email and gebruiker.rol is Rol.LEERKRACHT
        with pytest.raises(BoomlinkError) as fout:
            account_aanmaken(s, match.group(1))
        assert tekst in fout.value.bericht


@then(_imp('staat "{naam}" op het tabblad "{tab}" onder "{categorie}"'))
def _(importwereld: ImportWereld, naam: str, tab: str, categorie: str) -> None:
    assert importwereld.regel(_TAB[tab], naam).categorie is _CATEGORIE[categorie]


@then(
    _imp(
        'is er 1 leerling met roepnaam "{roepnaam}" en geboortedatum {datum}, met leerlingnummer "{nummer}"'
    )
)
def _(importwereld: ImportWereld, roepnaam: str, datum: str, nummer: str) -> None:
    assert importwereld.fout is None, importwereld.fout
    with importwereld.store.session() as s:
        (leerling,) = s.scalars(
            select(Leerling).where(
                Leerling.roepnaam == roepnaam, Leerling.geboortedatum == _datum(datum)
            )
        ).all()
        assert leerling.extern_nummer == nummer


@then(
    _imp(
        'staat "{naam}" op het tabblad "Leerlingen" onder "Nieuw", met {aantal:d} mogelijke bestaande leerlingen'
    )
)
def _(importwereld: ImportWereld, naam: str, aantal: str) -> None:
    regel = importwereld.regel(Tab.LEERLINGEN, naam)
    assert regel.categorie is Categorie.NIEUW and len(regel.kandidaten) == int(aantal)


@then(_imp('raadt het scherm aan om groepen en leerlingen altijd te importeren, "{tekst}"'))
def _(importwereld: ImportWereld, tekst: str) -> None:
    assert any(tekst in advies for advies in importwereld.review().adviezen)


@then(_imp('bestaat groep "{naam}" niet in het Boom testcentrum'))
def _(importwereld: ImportWereld, naam: str) -> None:
    assert importwereld.fout is None, importwereld.fout
    with importwereld.store.session() as s:
        assert s.scalar(select(Groep.id).where(Groep.naam == naam)) is None


@then(_imp('bestaat groep "{naam}" wel in het Boom testcentrum'))
def _(importwereld: ImportWereld, naam: str) -> None:
    with importwereld.store.session() as s:
        assert s.scalar(select(Groep.id).where(Groep.naam == naam)) is not None


@then(_imp('staat op het tabblad "Leerlingen" alleen "{naam}" onder "Nieuw"'))
def _(importwereld: ImportWereld, naam: str) -> None:
    assert [r.naam for r in importwereld.review().regels(Tab.LEERLINGEN, Categorie.NIEUW)] == [naam]


@then(_imp('noemt de samenvatting "{naam}" als vertrokken'))
def _(importwereld: ImportWereld, naam: str) -> None:
    overzicht = importwereld.met_sessie(samenvatting)
    assert [v for v in overzicht.vertrokken if v.startswith(naam)], overzicht.vertrokken


@then(_imp('noemt de samenvatting de wijziging "{tekst}"'))
def _(importwereld: ImportWereld, tekst: str) -> None:
    overzicht = importwereld.met_sessie(samenvatting)
    assert any(tekst in w for w in overzicht.wijzigingen), overzicht.wijzigingen


@then(
    _imp('is leerling "{nummer}" gemarkeerd als vertrokken en is haar afname van "{toets}" bewaard')
)
def _(importwereld: ImportWereld, nummer: str, toets: str) -> None:
    assert importwereld.fout is None, importwereld.fout
    with importwereld.store.session() as s:
        leerling = s.get_one(Leerling, importwereld.ids[nummer])
        assert leerling.left_at is not None
        assert s.scalars(
            select(Afname).join(Toets).where(Afname.leerling_id == leerling.id, Toets.code == toets)
        ).one()


@then(_imp('heet leerling "{nummer}" in het Boom testcentrum "{naam}"'))
def _(importwereld: ImportWereld, nummer: str, naam: str) -> None:
    delen = _naam_delen(naam)
    with importwereld.store.session() as s:
        leerling = s.get_one(Leerling, importwereld.ids[nummer])
        assert (leerling.roepnaam, leerling.achternaam) == (delen["roepnaam"], delen["achternaam"])


@then(_imp('zit leerling "{nummer}" in groep "{groep}"'))
def _(importwereld: ImportWereld, nummer: str, groep: str) -> None:
    jaar = huidig_schooljaar(importwereld.nu)
    with importwereld.store.session() as s:
        leerling = s.get_one(Leerling, importwereld.ids[nummer])
        assert [g.naam for g in leerling.groepen if g.schooljaar == jaar] == [groep]


@then(_imp('heet de groep die eerst "{oud}" heette nu "{nieuw}"'))
def _(importwereld: ImportWereld, oud: str, nieuw: str) -> None:
    with importwereld.store.session() as s:
        groep = s.scalars(select(Groep).where(Groep.extern_nummer == importwereld.hernoemd)).one()
        assert groep.naam == nieuw != oud


@then(_imp("is geen enkele leerling uit ESIS dubbel of verdwenen in het Boom testcentrum"))
def _(importwereld: ImportWereld) -> None:
    w = importwereld
    assert w.fout is None, w.fout
    esis = w.esis_leerlingen()
    with w.store.session() as s:
        actief = list(s.scalars(select(Leerling).where(Leerling.left_at.is_(None))))
        bekend = {p.extern_nummer for p in actief} | {p.eckid for p in actief if p.eckid}
        ontbreekt = [p for p in esis if (p.get("key") or p.get("eckid")) not in bekend]
        esis_ids = {p.get("key") or p.get("eckid") for p in esis}
        te_veel = [
            (p.id, p.extern_nummer, p.roepnaam, p.achternaam)
            for p in actief
            if p.extern_nummer not in esis_ids
        ]
        assert not ontbreekt and len(actief) == len(esis), (ontbreekt, te_veel)
        # who was there before keeps the same Boom record
        for nummer, boom_id in w.ids.items():
            eckid_of_key = {p.get("key") for p in esis} | {p.get("eckid") for p in esis}
            leerling = s.get_one(Leerling, boom_id)
            if nummer in eckid_of_key or leerling.eckid in eckid_of_key:
                assert leerling.left_at is None


@then(_imp("is er geen leerling gemarkeerd als vertrokken"))
def _(importwereld: ImportWereld) -> None:
    with importwereld.store.session() as s:
        assert s.scalar(select(func.count(Leerling.id)).where(Leerling.left_at.is_not(None))) == 0


@then(
    _imp(
        'zegt het scherm dat het nieuw schooljaar "{nieuw}" is en dat de groepen van "{oud}" bewaard blijven'
    )
)
def _(importwereld: ImportWereld, nieuw: str, oud: str) -> None:
    melding = importwereld.review().schooljaarwissel
    assert melding is not None and f"Nieuw schooljaar {nieuw}" in melding
    assert f"De groepen van {oud}" in melding and "bewaard" in melding


@then(_imp('staat op het tabblad "Groepen" niets onder "Bestaand"'))
def _(importwereld: ImportWereld) -> None:
    review = importwereld.review()
    assert review.aantal(Tab.GROEPEN, Categorie.BESTAAND) == 0
    assert review.aantal(Tab.GROEPEN, Categorie.NIEUW) > 0


@then(
    _imp(
        'heeft het Boom testcentrum de groepen van "{jaar}" nog, met dezelfde leerlingen als voor de wissel'
    )
)
def _(importwereld: ImportWereld, jaar: str) -> None:
    assert importwereld.fout is None, importwereld.fout
    assert jaar == importwereld.oud_jaar
    with importwereld.store.session() as s:
        nu = {
            f"{g.naam}|{g.jaargroep}": sorted(p.id for p in g.leerlingen)
            for g in s.scalars(select(Groep).where(Groep.schooljaar == jaar))
        }
    assert nu == importwereld.oude_leden


@then(
    _imp('zit leerling "{nummer}" in "{nieuw}" van "{nieuw_jaar}" en in "{oud}" van "{oud_jaar}"')
)
def _(
    importwereld: ImportWereld, nummer: str, nieuw: str, nieuw_jaar: str, oud: str, oud_jaar: str
) -> None:
    with importwereld.store.session() as s:
        leerling = s.get_one(Leerling, importwereld.ids[nummer])
        assert sorted((g.schooljaar, g.naam) for g in leerling.groepen) == sorted(
            [(nieuw_jaar, nieuw), (oud_jaar, oud)]
        )


@then(
    _imp(
        'zijn de leerlingen van groep 8 gemarkeerd als vertrokken en is de afname van "{nummer}" bewaard'
    )
)
def _(importwereld: ImportWereld, nummer: str) -> None:
    with importwereld.store.session() as s:
        acht = [
            p
            for g in s.scalars(
                select(Groep).where(
                    Groep.schooljaar == importwereld.oud_jaar, Groep.jaargroep == "8"
                )
            )
            for p in g.leerlingen
        ]
        assert acht and all(p.left_at is not None for p in acht)
        assert s.scalars(select(Afname).where(Afname.leerling_id == importwereld.ids[nummer])).all()


@then(
    _imp(
        'heeft de gekozen leerling "{naam}" nu leerlingnummer "{nummer}" en de roepnaam "{roepnaam}" uit ESIS'
    )
)
def _(importwereld: ImportWereld, naam: str, nummer: str, roepnaam: str) -> None:
    assert importwereld.fout is None, importwereld.fout
    with importwereld.store.session() as s:
        leerling = s.get_one(Leerling, importwereld.ids[naam])
        assert (leerling.extern_nummer, leerling.roepnaam) == (nummer, roepnaam)
