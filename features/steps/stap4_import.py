"""Steps of Stap 4's import (``stap4_import_controleren.feature``, ``herimport_en_schooljaar.feature``):
[Gegevens importeren], the review's tabs and categories, the summary and its confirming click,
re-import and the school-year rollover (H-S4-01..08, H-S4-14.., H-X-01).

The beheerder's clicks go through the Boom driver (:class:`~wereld.importeren.ImportDeel` wraps
the usual ones); ESIS's data changes are the tester's admin API (set-up); checks read Boom's store.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import threading
from collections.abc import Callable

import pytest
from drivers import Geweigerd
from pytest_bdd import given, then, when
from sqlalchemy import func, select
from wereld import Wereld

from boomlink.importeren.review import CATEGORIE_TITEL, Tab
from boomlink.mail import flush_outbox
from boomlink.schooljaar import huidig_schooljaar
from boomlink.store import AccountStatus, Afname, Groep, Leerkracht, Leerling, Toets
from boomlink.store.import_models import Categorie
from steps.patronen import dmy, naam_delen, stap, twee_koloms

_CATEGORIE = {titel: c for c, titel in CATEGORIE_TITEL.items()}
_TAB = {t.titel: t for t in Tab}


def _tekst(waarde: object) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, dt.date):
        return waarde.strftime("%d-%m-%Y")
    return str(waarde)


# --- Stel ------------------------------------------------------------------------------------


@given(stap('de school "{naam}" met BRIN "{code}" is in ESIS en in het Boom testcentrum gekoppeld'))
def _(wereld: Wereld, naam: str, code: str) -> None:
    school = wereld.importeren.esis.school_by_code(code)
    assert school.naam == naam
    wereld.importeren.code = code


@given(stap('"{email}" is de beheerder van die school in het Boom testcentrum'))
def _(wereld: Wereld, email: str, boom_koppelen: Callable[..., tuple[int, int]]) -> None:
    """Voorbereiding, Stap 1 and Stap 3 for real (the root ``conftest.py``'s ``boom_koppelen``)."""
    w = wereld.importeren
    w.school_id, _ = boom_koppelen(
        w.store, w.esis.school_by_code(w.code), w.config, emailadres=email, naam="Beheerder"
    )
    w.beheerder = email


@given(
    stap(
        'in ESIS zit leerling "{naam}" (nummer "{nummer}", geboren {datum:dmy}) in groep "{groep}"'
    )
)
def _(wereld: Wereld, naam: str, nummer: str, datum: str, groep: str) -> None:
    wereld.importeren.esis.admin.add_leerling(
        wereld.importeren.code,
        key=nummer,
        eckid=f"https://ketenid.nl/201703/{hashlib.sha256(nummer.encode()).hexdigest()}",
        geboortedatum=dmy(datum).isoformat(),
        geslacht=1,
        groep=groep,
        **naam_delen(naam),
    )


@given(stap('ESIS haalt leerling "{nummer}" uit haar groep'))
def _(wereld: Wereld, nummer: str) -> None:
    wereld.importeren.esis.admin.move_leerling(wereld.importeren.code, nummer, None)


@given(stap('in ESIS werkt "{naam}" (nummer "{nummer}", e-mailadres "{email}") zonder groep'))
def _(wereld: Wereld, naam: str, nummer: str, email: str) -> None:
    wereld.importeren.esis.admin.add_leerkracht(
        wereld.importeren.code, key=nummer, emailadres=email, groepen=[], **naam_delen(naam)
    )


@given(
    stap(
        'in ESIS geeft "{naam}" (nummer "{nummer}", e-mailadres "{email}") les aan "{een}" en "{twee}"'
    )
)
def _(wereld: Wereld, naam: str, nummer: str, email: str, een: str, twee: str) -> None:
    wereld.importeren.esis.admin.add_leerkracht(
        wereld.importeren.code,
        key=nummer,
        emailadres=email,
        groepen=[een, twee],
        **naam_delen(naam),
    )
    wereld.importeren.eigen_leraren.add(naam)


@given(stap('in ESIS geeft "{naam}" (nummer "{nummer}", zonder e-mailadres) les aan "{groep}"'))
def _(wereld: Wereld, naam: str, nummer: str, groep: str) -> None:
    wereld.importeren.esis.admin.add_leerkracht(
        wereld.importeren.code, key=nummer, emailadres=None, groepen=[groep], **naam_delen(naam)
    )
    wereld.importeren.eigen_leraren.add(naam)


@given(stap("de mailserver van het Boom testcentrum ligt eruit"))
def _(wereld: Wereld) -> None:
    wereld.importeren.smtp.stop()


@given(
    stap(
        'in het Boom testcentrum staat leerling "{achternaam}" met roepnaam "{roepnaam}", '
        "geboren {datum}, zonder extern nummer"
    )
)
def _(wereld: Wereld, achternaam: str, roepnaam: str, datum: str) -> None:
    with wereld.importeren.store.session() as s:
        s.add(
            Leerling(
                school_id=wereld.importeren.school_id,
                achternaam=achternaam,
                roepnaam=roepnaam,
                geboortedatum=dmy(datum),
            )
        )
        s.commit()


@given(stap("de beheerder heeft de gegevens uit ESIS geïmporteerd"))
def _(wereld: Wereld) -> None:
    w = wereld.importeren
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


@given(stap('leerling "{naam}" heeft een afname van toets "{toets}" in het Boom testcentrum'))
def _(wereld: Wereld, naam: str, toets: str) -> None:
    delen = naam_delen(naam)
    with wereld.importeren.store.session() as s:
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


@given(stap('in ESIS heet leerling "{nummer}" voortaan "{naam}"'))
def _(wereld: Wereld, nummer: str, naam: str) -> None:
    delen = naam_delen(naam)
    wereld.importeren.esis.admin.update_leerling(
        wereld.importeren.code, nummer, roepnaam=delen["roepnaam"], achternaam=delen["achternaam"]
    )


@given(stap('in ESIS vertrekt leerling "{nummer}"'))
def _(wereld: Wereld, nummer: str) -> None:
    wereld.importeren.esis.admin.remove_leerling(wereld.importeren.code, nummer)


@given(stap('in ESIS verhuist leerling "{nummer}" naar groep "{groep}"'))
def _(wereld: Wereld, nummer: str, groep: str) -> None:
    wereld.importeren.esis.admin.move_leerling(wereld.importeren.code, nummer, groep)


@given(stap('in ESIS heet groep "{oud}" voortaan "{nieuw}"'))
def _(wereld: Wereld, oud: str, nieuw: str) -> None:
    groepen = wereld.importeren.esis.admin.school(wereld.importeren.code)["groepen"]
    key = next(g["key"] for g in groepen if g["naam"] == oud)
    wereld.importeren.esis.admin.rename_groep(wereld.importeren.code, key, nieuw)
    wereld.importeren.hernoemd = key


@given(stap('ESIS stuurt leerling "{nummer}" voortaan alleen met haar ECK iD'))
def _(wereld: Wereld, nummer: str) -> None:
    wereld.importeren.esis.admin.leerling_eckid_als_sleutel(wereld.importeren.code, nummer)


# --- Als -------------------------------------------------------------------------------------


@when(stap('de beheerder op "Gegevens importeren" klikt'))
@when(stap('de beheerder opnieuw op "Gegevens importeren" klikt'))
def _(wereld: Wereld) -> None:
    wereld.importeren.importeren()


@when(stap('de beheerder de nieuwe leerkrachten zonder e-mailadres onder "Niet importeren" zet'))
@when(
    stap(
        'de beheerder de andere nieuwe leerkrachten zonder e-mailadres onder "Niet importeren" zet'
    )
)
def _(wereld: Wereld) -> None:
    wereld.importeren.leraren_zonder_email_overslaan()


@when(stap('de beheerder nog een keer op "Gegevens importeren" klikt'))
def _(wereld: Wereld) -> None:
    wereld.importeren.samenvatting = wereld.boom_driver.samenvatting(wereld.importeren.beheerder)


@when(stap('de beheerder in de samenvatting op "Gegevens importeren" klikt'))
def _(wereld: Wereld) -> None:
    wereld.importeren.samenvatting = wereld.boom_driver.samenvatting(wereld.importeren.beheerder)
    wereld.importeren.verwerken()


@when(stap('twee beheerders tegelijk in de samenvatting op "Gegevens importeren" klikken'))
def _(wereld: Wereld) -> None:
    w = wereld.importeren
    barrier = threading.Barrier(2)

    def klik() -> None:
        barrier.wait()
        try:
            w.uitkomsten.append(wereld.boom_driver.import_bevestigen(w.beheerder))
        except Geweigerd as exc:
            w.uitkomsten.append(exc)

    threads = [threading.Thread(target=klik) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)


@when(stap('de beheerder bij "{naam}" het e-mailadres "{email}" invult'))
def _(wereld: Wereld, naam: str, email: str) -> None:
    wereld.boom_driver.emailadres_invullen(wereld.importeren.beheerder, naam, email)


@when(stap("de mailserver weer werkt en het Boom testcentrum de wachtrij twee keer verstuurt"))
def _(wereld: Wereld) -> None:
    wereld.importeren.smtp.start()
    for _ in range(2):
        flush_outbox(wereld.importeren.store.sessions, wereld.importeren.store.settings.mail)


@when(
    stap('de beheerder bij "{naam}" op "Koppel met bestaande leerling" klikt en "{bestaand}" kiest')
)
def _(wereld: Wereld, naam: str, bestaand: str) -> None:
    regel = wereld.importeren.regel(Tab.LEERLINGEN, naam)
    (keuze,) = [k for k, tekst in regel.kandidaten if tekst.startswith(bestaand)]
    wereld.importeren.ids[bestaand] = keuze
    wereld.boom_driver.koppel_met_bestaande(wereld.importeren.beheerder, naam, bestaand)


@when(stap('de beheerder groep "{naam}" onder "Niet importeren" zet'))
def _(wereld: Wereld, naam: str) -> None:
    wereld.boom_driver.niet_importeren(wereld.importeren.beheerder, Tab.GROEPEN, naam)


@when(stap('de beheerder groep "{naam}" terugzet'))
def _(wereld: Wereld, naam: str) -> None:
    wereld.boom_driver.wel_importeren(wereld.importeren.beheerder, Tab.GROEPEN, naam)


@when(stap('ESIS op 1 augustus de groepen doorzet naar schooljaar "{jaar}"'))
def _(wereld: Wereld, jaar: str) -> None:
    wereld.importeren.esis.admin.volgend_schooljaar()
    wereld.importeren.nu = dt.datetime.fromisoformat(wereld.importeren.esis.admin.klok()["klok"])
    assert huidig_schooljaar(wereld.importeren.nu) == jaar
    assert wereld.importeren.esis.admin.school(wereld.importeren.code)["schooljaar"] == jaar


# --- Dan -------------------------------------------------------------------------------------


@then(stap('ziet de beheerder de tabbladen "{a}", "{b}" en "{c}", elk met "{x}", "{y}" en "{z}"'))
def _(wereld: Wereld, a: str, b: str, c: str, x: str, y: str, z: str) -> None:
    review = wereld.importeren.review()
    assert [t.titel for t in review.tabs] == [a, b, c]
    assert list(CATEGORIE_TITEL.values()) == [x, y, z]


@then(
    stap(
        'staan op het tabblad "{tab}" onder "{categorie}" {aantal:d} regels, waaronder "{een}" en "{twee}"'
    )
)
def _(wereld: Wereld, tab: str, categorie: str, aantal: str, een: str, twee: str) -> None:
    namen = [r.naam for r in wereld.importeren.review().regels(_TAB[tab], _CATEGORIE[categorie])]
    assert len(namen) == int(aantal) and een in namen and twee in namen, namen


@then(stap('staan op het tabblad "{tab}" onder "{categorie}" {aantal:d} regels'))
def _(wereld: Wereld, tab: str, categorie: str, aantal: str) -> None:
    assert wereld.importeren.review().aantal(_TAB[tab], _CATEGORIE[categorie]) == int(aantal)


@then(stap('staat er onder "Bestaand" en "Niet importeren" nog niets'))
def _(wereld: Wereld) -> None:
    review = wereld.importeren.review()
    for tab in Tab:
        assert review.aantal(tab, Categorie.BESTAAND) == 0
        assert review.aantal(tab, Categorie.NIET_IMPORTEREN) == 0


@then(stap("is er in het Boom testcentrum nog geen groep, leerkracht of leerling bijgekomen"))
def _(wereld: Wereld) -> None:
    assert wereld.importeren.tellingen() == wereld.importeren.levend_voor


@then(stap('staat "{naam}" op geen enkel tabblad'))
def _(wereld: Wereld, naam: str) -> None:
    review = wereld.importeren.review()
    assert all(r.naam != naam for tab in Tab for r in review.regels(tab))


@then(stap('toont de samenvatting "{tekst}"'))
def _(wereld: Wereld, tekst: str) -> None:
    assert wereld.importeren.samenvatting is not None
    assert tekst in wereld.importeren.samenvatting.regels(), wereld.importeren.samenvatting.regels()


@then(stap('staat leerling "{naam}" zo in het Boom testcentrum:'))
def _(wereld: Wereld, naam: str, datatable: list[list[str]]) -> None:
    assert wereld.importeren.fout is None, wereld.importeren.fout
    delen = naam_delen(naam)
    with wereld.importeren.store.session() as s:
        leerling = s.scalars(
            select(Leerling).where(
                Leerling.roepnaam == delen["roepnaam"], Leerling.achternaam == delen["achternaam"]
            )
        ).one()
        jaar = huidig_schooljaar(wereld.importeren.nu)
        for veld, verwacht in twee_koloms(datatable).items():
            if veld == "groep":
                waarde = ", ".join(g.naam for g in leerling.groepen if g.schooljaar == jaar)
            elif veld == "leerlingnummer":
                waarde = _tekst(leerling.extern_nummer)
            else:
                waarde = _tekst(getattr(leerling, veld))
            assert waarde == verwacht, (veld, waarde, verwacht)


@then(stap('staat leerkracht "{naam}" zo in het Boom testcentrum:'))
def _(wereld: Wereld, naam: str, datatable: list[list[str]]) -> None:
    assert wereld.importeren.fout is None, wereld.importeren.fout
    delen = naam_delen(naam)
    with wereld.importeren.store.session() as s:
        leraar = s.scalars(
            select(Leerkracht).where(
                Leerkracht.roepnaam == delen["roepnaam"],
                Leerkracht.achternaam == delen["achternaam"],
            )
        ).one()
        for veld, verwacht in twee_koloms(datatable).items():
            if veld == "groepen":
                waarde = ", ".join(sorted(g.naam for g in leraar.groepen))
            else:
                waarde = _tekst(getattr(leraar, veld))
            assert waarde == verwacht, (veld, waarde, verwacht)


@then(stap("staan er {aantal:d} leerlingen in het Boom testcentrum"))
def _(wereld: Wereld, aantal: str) -> None:
    with wereld.importeren.store.session() as s:
        assert s.scalar(select(func.count(Leerling.id))) == int(aantal)


@then(stap('is de import één keer verwerkt en krijgt de ander de melding "{tekst}"'))
def _(wereld: Wereld, tekst: str) -> None:
    uitkomsten = wereld.importeren.uitkomsten
    fouten = [u for u in uitkomsten if isinstance(u, Geweigerd)]
    assert len(uitkomsten) == 2 and len(fouten) == 1, uitkomsten
    assert tekst in fouten[0].melding


@then(
    stap(
        'meldt het tabblad "Leerkrachten" bij "{naam}" dat er een e-mailadres moet worden ingevuld'
    )
)
def _(wereld: Wereld, naam: str) -> None:
    regel = wereld.importeren.regel(Tab.LEERKRACHTEN, naam)
    assert regel.melding is not None and "Vul een e-mailadres in" in regel.melding


@then(stap('weigert het Boom testcentrum met een melding die "{tekst}" noemt'))
def _(wereld: Wereld, tekst: str) -> None:
    assert wereld.importeren.fout is not None and tekst in wereld.importeren.fout.melding


@then(stap("is er nog geen uitnodiging verstuurd"))
def _(wereld: Wereld) -> None:
    assert wereld.importeren.fout is None, wereld.importeren.fout
    assert wereld.importeren.verwerkt is not None and wereld.importeren.verwerkt.uitnodigingen > 0
    flush_outbox(wereld.importeren.store.sessions, wereld.importeren.store.settings.mail)
    assert wereld.importeren.uitnodigingen() == []


@then(stap('krijgt "{email}" precies 1 uitnodiging met een link om een account aan te maken'))
def _(wereld: Wereld, email: str) -> None:
    mails = [m for m in wereld.importeren.uitnodigingen() if m["To"] == email]
    assert len(mails) == 1
    payload = mails[0].get_payload(decode=True)
    assert isinstance(payload, bytes) and "/account-aanmaken?token=" in payload.decode()


@then(stap("krijgt elke nieuwe leerkracht met een e-mailadres precies 1 uitnodiging"))
def _(wereld: Wereld) -> None:
    with wereld.importeren.store.session() as s:
        adressen = sorted(
            lk.emailadres or ""
            for lk in s.scalars(
                select(Leerkracht).where(Leerkracht.account_status == AccountStatus.UITGENODIGD)
            )
        )
    assert adressen and sorted(str(m["To"]) for m in wereld.importeren.uitnodigingen()) == adressen


@then(stap('maakt de link van "{email}" één keer een account aan; de tweede keer is hij "{tekst}"'))
def _(wereld: Wereld, email: str, tekst: str) -> None:
    (mail,) = [m for m in wereld.importeren.uitnodigingen() if m["To"] == email]
    payload = mail.get_payload(decode=True)
    assert isinstance(payload, bytes)
    match = re.search(r"token=([A-Za-z0-9_\-]+)", payload.decode())
    assert match
    assert wereld.boom_driver.account_aanmaken(match.group(1)) == (email, "leerkracht")
    with pytest.raises(Geweigerd) as fout:
        wereld.boom_driver.account_aanmaken(match.group(1))
    assert tekst in fout.value.melding


@then(stap('staat "{naam}" op het tabblad "{tab}" onder "{categorie}"'))
def _(wereld: Wereld, naam: str, tab: str, categorie: str) -> None:
    assert wereld.importeren.regel(_TAB[tab], naam).categorie is _CATEGORIE[categorie]


@then(
    stap(
        'is er 1 leerling met roepnaam "{roepnaam}" en geboortedatum {datum:dmy}, met leerlingnummer "{nummer}"'
    )
)
def _(wereld: Wereld, roepnaam: str, datum: str, nummer: str) -> None:
    assert wereld.importeren.fout is None, wereld.importeren.fout
    with wereld.importeren.store.session() as s:
        (leerling,) = s.scalars(
            select(Leerling).where(
                Leerling.roepnaam == roepnaam, Leerling.geboortedatum == dmy(datum)
            )
        ).all()
        assert leerling.extern_nummer == nummer


@then(
    stap(
        'staat "{naam}" op het tabblad "Leerlingen" onder "Nieuw", met {aantal:d} mogelijke bestaande leerlingen'
    )
)
def _(wereld: Wereld, naam: str, aantal: str) -> None:
    regel = wereld.importeren.regel(Tab.LEERLINGEN, naam)
    assert regel.categorie is Categorie.NIEUW and len(regel.kandidaten) == int(aantal)


@then(stap('raadt het scherm aan om groepen en leerlingen altijd te importeren, "{tekst}"'))
def _(wereld: Wereld, tekst: str) -> None:
    assert any(tekst in advies for advies in wereld.importeren.review().adviezen)


@then(stap('bestaat groep "{naam}" niet in het Boom testcentrum'))
def _(wereld: Wereld, naam: str) -> None:
    assert wereld.importeren.fout is None, wereld.importeren.fout
    with wereld.importeren.store.session() as s:
        assert s.scalar(select(Groep.id).where(Groep.naam == naam)) is None


@then(stap('bestaat groep "{naam}" wel in het Boom testcentrum'))
def _(wereld: Wereld, naam: str) -> None:
    with wereld.importeren.store.session() as s:
        assert s.scalar(select(Groep.id).where(Groep.naam == naam)) is not None


@then(stap('staat op het tabblad "Leerlingen" alleen "{naam}" onder "Nieuw"'))
def _(wereld: Wereld, naam: str) -> None:
    assert [r.naam for r in wereld.importeren.review().regels(Tab.LEERLINGEN, Categorie.NIEUW)] == [
        naam
    ]


@then(stap('noemt de samenvatting "{naam}" als vertrokken'))
def _(wereld: Wereld, naam: str) -> None:
    overzicht = wereld.boom_driver.samenvatting(wereld.importeren.beheerder)
    assert [v for v in overzicht.vertrokken if v.startswith(naam)], overzicht.vertrokken


@then(stap('noemt de samenvatting de wijziging "{tekst}"'))
def _(wereld: Wereld, tekst: str) -> None:
    overzicht = wereld.boom_driver.samenvatting(wereld.importeren.beheerder)
    assert any(tekst in w for w in overzicht.wijzigingen), overzicht.wijzigingen


@then(
    stap('is leerling "{nummer}" gemarkeerd als vertrokken en is haar afname van "{toets}" bewaard')
)
def _(wereld: Wereld, nummer: str, toets: str) -> None:
    assert wereld.importeren.fout is None, wereld.importeren.fout
    with wereld.importeren.store.session() as s:
        leerling = s.get_one(Leerling, wereld.importeren.ids[nummer])
        assert leerling.left_at is not None
        assert s.scalars(
            select(Afname).join(Toets).where(Afname.leerling_id == leerling.id, Toets.code == toets)
        ).one()


@then(stap('heet leerling "{nummer}" in het Boom testcentrum "{naam}"'))
def _(wereld: Wereld, nummer: str, naam: str) -> None:
    delen = naam_delen(naam)
    with wereld.importeren.store.session() as s:
        leerling = s.get_one(Leerling, wereld.importeren.ids[nummer])
        assert (leerling.roepnaam, leerling.achternaam) == (delen["roepnaam"], delen["achternaam"])


@then(stap('zit leerling "{nummer}" in groep "{groep}"'))
def _(wereld: Wereld, nummer: str, groep: str) -> None:
    jaar = huidig_schooljaar(wereld.importeren.nu)
    with wereld.importeren.store.session() as s:
        leerling = s.get_one(Leerling, wereld.importeren.ids[nummer])
        assert [g.naam for g in leerling.groepen if g.schooljaar == jaar] == [groep]


@then(stap('heet de groep die eerst "{oud}" heette nu "{nieuw}"'))
def _(wereld: Wereld, oud: str, nieuw: str) -> None:
    with wereld.importeren.store.session() as s:
        groep = s.scalars(
            select(Groep).where(Groep.extern_nummer == wereld.importeren.hernoemd)
        ).one()
        assert groep.naam == nieuw != oud


@then(stap("is geen enkele leerling uit ESIS dubbel of verdwenen in het Boom testcentrum"))
def _(wereld: Wereld) -> None:
    w = wereld.importeren
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


@then(stap("is er geen leerling gemarkeerd als vertrokken"))
def _(wereld: Wereld) -> None:
    with wereld.importeren.store.session() as s:
        assert s.scalar(select(func.count(Leerling.id)).where(Leerling.left_at.is_not(None))) == 0


@then(
    stap(
        'zegt het scherm dat het nieuw schooljaar "{nieuw}" is en dat de groepen van "{oud}" bewaard blijven'
    )
)
def _(wereld: Wereld, nieuw: str, oud: str) -> None:
    melding = wereld.importeren.review().schooljaarwissel
    assert melding is not None and f"Nieuw schooljaar {nieuw}" in melding
    assert f"De groepen van {oud}" in melding and "bewaard" in melding


@then(stap('staat op het tabblad "Groepen" niets onder "Bestaand"'))
def _(wereld: Wereld) -> None:
    review = wereld.importeren.review()
    assert review.aantal(Tab.GROEPEN, Categorie.BESTAAND) == 0
    assert review.aantal(Tab.GROEPEN, Categorie.NIEUW) > 0


@then(
    stap(
        'heeft het Boom testcentrum de groepen van "{jaar}" nog, met dezelfde leerlingen als voor de wissel'
    )
)
def _(wereld: Wereld, jaar: str) -> None:
    assert wereld.importeren.fout is None, wereld.importeren.fout
    assert jaar == wereld.importeren.oud_jaar
    with wereld.importeren.store.session() as s:
        nu = {
            f"{g.naam}|{g.jaargroep}": sorted(p.id for p in g.leerlingen)
            for g in s.scalars(select(Groep).where(Groep.schooljaar == jaar))
        }
    assert nu == wereld.importeren.oude_leden


@then(
    stap('zit leerling "{nummer}" in "{nieuw}" van "{nieuw_jaar}" en in "{oud}" van "{oud_jaar}"')
)
def _(wereld: Wereld, nummer: str, nieuw: str, nieuw_jaar: str, oud: str, oud_jaar: str) -> None:
    with wereld.importeren.store.session() as s:
        leerling = s.get_one(Leerling, wereld.importeren.ids[nummer])
        assert sorted((g.schooljaar, g.naam) for g in leerling.groepen) == sorted(
            [(nieuw_jaar, nieuw), (oud_jaar, oud)]
        )


@then(
    stap(
        'zijn de leerlingen van groep 8 gemarkeerd als vertrokken en is de afname van "{nummer}" bewaard'
    )
)
def _(wereld: Wereld, nummer: str) -> None:
    with wereld.importeren.store.session() as s:
        acht = [
            p
            for g in s.scalars(
                select(Groep).where(
                    Groep.schooljaar == wereld.importeren.oud_jaar, Groep.jaargroep == "8"
                )
            )
            for p in g.leerlingen
        ]
        assert acht and all(p.left_at is not None for p in acht)
        assert s.scalars(
            select(Afname).where(Afname.leerling_id == wereld.importeren.ids[nummer])
        ).all()


@then(
    stap(
        'heeft de gekozen leerling "{naam}" nu leerlingnummer "{nummer}" en de roepnaam "{roepnaam}" uit ESIS'
    )
)
def _(wereld: Wereld, naam: str, nummer: str, roepnaam: str) -> None:
    assert wereld.importeren.fout is None, wereld.importeren.fout
    with wereld.importeren.store.session() as s:
        leerling = s.get_one(Leerling, wereld.importeren.ids[naam])
        assert (leerling.extern_nummer, leerling.roepnaam) == (nummer, roepnaam)
