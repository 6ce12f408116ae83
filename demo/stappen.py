"""One function per step of the handbook "Een UWLR-koppeling met ESIS", on the real system.

Each function acts as the person of that step (Boom support, the school's beheerder in the Boom
testcentrum, the Directie or a Leerkracht in ESIS) through boomlink's service layer and the mock
ESIS's screens over HTTP, prints what that person sees, checks the outcome the handbook promises
(a :class:`~demo.verloop.DemoFout` when it does not hold) and returns one line for the summary.
The Voorbereiding and Stap 1 to 3 are here; Stap 4 is :mod:`demo.stap4` and the result in Mijn
Groep :mod:`demo.resultaten`. :data:`STAPPEN` is the whole walk-through in handbook order.
"""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import select

from boomlink.crypto import Autorisatiesleutel
from boomlink.errors import NummersNietLeeg
from boomlink.importeren.ophalen import gegevens_importeren
from boomlink.koppeling.stap1 import (
    ESIS_UWLR,
    koppelformulier,
    koppeling_aanvragen,
    nummers_verwijderen,
)
from boomlink.koppeling.stap3 import koppeling_opslaan, koppeling_status
from boomlink.koppeling.verificatie import esis_verifier
from boomlink.koppeling.voorbereiding import uwlr_inschakelen
from boomlink.mail import flush_outbox
from boomlink.schooljaar import huidig_schooljaar
from boomlink.store import Afname
from demo.beginsituatie import BEHEERDER, beginsituatie_maken
from demo.resultaten import resultaten_in_mijn_groep
from demo.stap4 import stap4_import_controleren
from demo.uitvoer import seconden
from demo.verloop import Demo, DemoFout, Stap
from mock_esis.testing.client import MockEsisError

__all__ = [
    "STAPPEN",
    "resultaten_in_mijn_groep",
    "stap1_koppeling_aanvragen",
    "stap2_activeren_in_esis",
    "stap3_activeren_in_boom",
    "stap4_import_controleren",
    "voorbereiding",
]


def _toetsgegevens(demo: Demo) -> list[tuple[Any, ...]]:
    with demo.sessie() as session:
        return [
            (a.id, a.leerling_id, a.toets_id, a.afnamedatum, a.score, a.normed_at)
            + (a.vaardigheidsscore, a.dle, a.niveau)
            for a in session.scalars(select(Afname).order_by(Afname.id))
        ]


# --------------------------------------------------------------------------------------------
def voorbereiding(demo: Demo) -> str:
    """Boom support enables "UWLR-koppeling"; the bevestigingsmail arrives."""
    om, uit = demo.omgeving, demo.uit
    with demo.sessie() as session:
        demo.begin = begin = beginsituatie_maken(session, om.esis)
    uit.regel(f"{begin.school_naam} (BRIN {begin.code}) gebruikt het Boom testcentrum al:")
    uit.regel(
        f"beheerder {BEHEERDER[0]} <{begin.beheerder_email}>; van een oudere koppeling "
        f"{begin.groepen} groepen, {begin.leerkrachten} leerkrachten, {begin.leerlingen} "
        f"leerlingen (met externe nummers) en {begin.afnames} afnames",
        inspringen=2,
    )
    uit.regel(
        f"De school mailt testonderwijs@boom.nl: ‘UWLR-koppeling aanvragen’ voor "
        f"{begin.school_naam}, BRIN {begin.code}"
    )
    with demo.sessie() as session:
        uwlr_inschakelen(session, school_naam=begin.school_naam, brin=begin.code)
    uit.regel("Boom support zet de ‘UWLR-koppeling’ aan voor deze school")
    flush_outbox(om.store.sessions, om.settings.mail)
    mails = om.mail.inbox.met_onderwerp("Bevestiging")
    if not mails:
        raise DemoFout("de bevestigingsmail is niet bij de mailserver aangekomen")
    for mail in mails:
        uit.regel(f"Bevestigingsmail ontvangen door {mail['To']}: ‘{mail['Subject']}’")
    return "UWLR-koppeling ingeschakeld, bevestigingsmail ontvangen"


# --------------------------------------------------------------------------------------------
def stap1_koppeling_aanvragen(demo: Demo) -> str:
    """Beheer → Koppelen met LAS: refused while extern nummers remain; Verwijder nummers;
    Aanvragen → goedgekeurd."""
    uit = demo.uit
    formulier = demo.als_beheerder(koppelformulier)
    uit.regel(f"{BEHEERDER[0]} logt in en opent Beheer → Koppelen met LAS:")
    uit.regel(
        f"Type koppeling: {' / '.join(formulier.typen_koppeling)} · BRIN-code: "
        f"{formulier.brincode} (vestiging {formulier.dependancecode}) · "
        f"Schooljaar: {formulier.schooljaar}",
        inspringen=2,
    )
    aanvraag = {
        "type_koppeling": ESIS_UWLR,
        "brincode": formulier.brincode,
        "schooljaar": formulier.schooljaar,
    }
    try:
        demo.als_beheerder(koppeling_aanvragen, **aanvraag)
    except NummersNietLeeg as weigering:
        uit.regel(f"[Aanvragen] → geweigerd: {weigering.bericht}")
    else:
        raise DemoFout("‘Aanvragen’ werd niet geweigerd, terwijl er nog externe nummers waren")
    toetsgegevens = _toetsgegevens(demo)
    geleegd = demo.als_beheerder(nummers_verwijderen)
    if _toetsgegevens(demo) != toetsgegevens:
        raise DemoFout("‘Verwijder nummers’ veranderde toetsgegevens")
    uit.regel(
        f"[Verwijder nummers] → {geleegd.totaal} externe nummers geleegd ({geleegd.leerlingen} "
        f"van leerlingen, {geleegd.groepen} van groepen); toetsgegevens ongewijzigd: "
        f"{len(toetsgegevens)} afnames"
    )
    koppeling = demo.als_beheerder(koppeling_aanvragen, **aanvraag)
    uit.regel(
        f"[Aanvragen] → {koppeling.status.value}: ‘{koppeling.type}’ voor BRIN "
        f"{koppeling.brincode}{koppeling.dependancecode}, schooljaar {koppeling.schooljaar}"
    )
    return (
        f"{geleegd.totaal} externe nummers geleegd, {len(toetsgegevens)} afnames bewaard, "
        f"aanvraag {koppeling.status.value}"
    )


# --------------------------------------------------------------------------------------------
def stap2_activeren_in_esis(demo: Demo) -> str:
    """In ESIS: a Leerkracht may not; the Directie activates with a verificatiecode."""
    uit, esis, code = demo.uit, demo.omgeving.esis, demo.school_begin.code
    info = esis.school_by_code(code)
    directie, leerkracht = info.gebruiker("Directie"), info.gebruiker("Leerkracht")
    scherm = esis.esis.koppeling(code, directie)
    uit.regel(f"In ESIS: Import-Export-Koppelingen > Koppelingen, onder {scherm['soort']}en:")
    uit.regel(
        f"{scherm['koppeling']} {scherm['soort'].lower()}: "
        + ("actief" if scherm["actief"] else "niet actief"),
        inspringen=2,
    )
    verificatiecode = f"{code}BoomTestcentrum{huidig_schooljaar()[:4]}"
    try:
        esis.esis.activeren(code, leerkracht, verificatiecode, akkoord=True)
    except MockEsisError as weigering:
        uit.regel(
            f"Leerkracht {leerkracht} klikt [Activeren] → geweigerd ({weigering.status}): "
            f"{weigering.fout}"
        )
    else:
        raise DemoFout("ESIS liet een Leerkracht de koppeling activeren")
    uit.regel(
        f"Directie {directie} klikt [Activeren]: verificatiecode ‘{verificatiecode}’ "
        f"({len(verificatiecode)} tekens: BRIN + vestiging en eigen tekens), vinkje akkoord "
        "gebruikersvoorwaarden, opslaan"
    )
    getoond = esis.esis.activeren(code, directie, verificatiecode, akkoord=True)
    demo.sleutel = sleutel = Autorisatiesleutel(getoond.pop("autorisatiesleutel"))
    uit.regel(
        f"ESIS toont de autorisatiesleutel één keer voluit ({len(sleutel.onthul())} tekens), "
        "de directie kopieert hem"
    )
    uit.regel(f"(hier alleen gemaskeerd: autorisatiesleutel {sleutel.masked})", inspringen=2)
    if not esis.esis.koppeling(code, directie)["actief"]:
        raise DemoFout("de koppeling staat in ESIS niet op actief")
    return f"geactiveerd door de directie, autorisatiesleutel {sleutel.masked}"


# --------------------------------------------------------------------------------------------
def stap3_activeren_in_boom(demo: Demo) -> str:
    """Wijzigingen opslaan (the key checked at ESIS, stored encrypted), Gegevens importeren."""
    om, uit = demo.omgeving, demo.uit
    formulier = demo.als_beheerder(koppelformulier)
    uit.regel("Beheer → Koppelen met LAS:")
    uit.regel(
        f"Type koppeling: ESIS · BRIN-code: {formulier.brincode} · Schooljaar: "
        f"{formulier.schooljaar}",
        inspringen=2,
    )
    uit.regel("Autorisatiesleutel: geplakt uit ESIS · SchoolKey: leeg", inspringen=2)
    uit.voortgang("[Wijzigingen opslaan]: het Boom testcentrum controleert de sleutel bij ESIS")
    start = time.perf_counter()
    demo.als_beheerder(
        koppeling_opslaan,
        autorisatiesleutel=demo.gekopieerde_sleutel.onthul(),  # pasted from ESIS
        schoolkey="",
        verify=esis_verifier(om.settings),
        kluis=om.store.kluis(),
    )
    overzicht = demo.als_beheerder(koppeling_status, kluis=om.store.kluis())
    uit.regel(
        f"→ aanvaard door ESIS in {seconden(time.perf_counter() - start)}; versleuteld "
        f"opgeslagen, getoond als {overzicht.autorisatiesleutel}"
    )
    uit.regel(f"koppeling: {overzicht.status} (type {overzicht.type})", inspringen=2)
    uit.voortgang("[Gegevens importeren]: de gegevens van dit schooljaar ophalen uit ESIS")
    start = time.perf_counter()
    gestart = demo.als_beheerder(
        gegevens_importeren, client_config=demo.client_config(), kluis=om.store.kluis()
    )
    totaal = {soort.value: sum(per.values()) for soort, per in gestart.aantallen.items()}
    uit.regel(
        f"→ {totaal['groep']} groepen, {totaal['leerkracht']} leerkrachten, "
        f"{totaal['leerling']} leerlingen opgehaald in {seconden(time.perf_counter() - start)} "
        f"(ESIS {seconden(gestart.duur_uwlr)}, vergelijken {seconden(gestart.duur_matching)})"
    )
    return (
        f"sleutel gecontroleerd en versleuteld opgeslagen; {totaal['leerling']} leerlingen "
        "opgehaald"
    )


STAPPEN = [
    Stap("Voorbereiding", "UWLR-koppeling aanvragen bij Boom", voorbereiding),
    Stap("Stap 1", "Koppeling aanvragen in het Boom testcentrum", stap1_koppeling_aanvragen),
    Stap(
        "Stap 2",
        "Koppeling activeren en autorisatiesleutel aanmaken in ESIS",
        stap2_activeren_in_esis,
    ),
    Stap("Stap 3", "Koppeling activeren in het Boom testcentrum", stap3_activeren_in_boom),
    Stap("Stap 4", "Import controleren en afronden", stap4_import_controleren),
    Stap("Resultaten", "Een genormeerde toets in ESIS Mijn Groep", resultaten_in_mijn_groep),
]
