"""After the handbook's steps: a test normed for one group reaches ESIS "Mijn Groep".

The pupils of the chosen group (now linked to ESIS) take a test in the Boom testcentrum; norming
it after the link became active puts the results on their way to ESIS (the administrations normed
before stay behind: the link does not work retroactively); one delivery pass brings them over
UWLR, and the group's teacher sees the group figures in ESIS Mijn Groep, over HTTP.
"""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal

from sqlalchemy import select

from boomlink.resultaten import Normscores, afnames_normeren, resultaten_overzicht, sync
from boomlink.schooljaar import amsterdam, huidig_schooljaar
from boomlink.store import Afname, Groep, Toets
from demo.uitvoer import getal, seconden
from demo.verloop import Demo, DemoFout

__all__ = ["NIEUWE_TOETS", "resultaten_in_mijn_groep"]

NIEUWE_TOETS = ("BOOM-SPELLING-M", "Spelling midden schooljaar")


def _normscores(i: int) -> Normscores:
    vaardigheidsscore = Decimal(42 + (i * 7) % 23)
    niveau = "<1F" if vaardigheidsscore < 46 else "1F" if vaardigheidsscore < 56 else "2F"
    return Normscores(vaardigheidsscore, Decimal(20 + (i * 3) % 17), niveau, score=25 + i)


def resultaten_in_mijn_groep(demo: Demo) -> str:
    """A test normed for the group after the link became active, delivered, seen in Mijn Groep."""
    om, uit, begin = demo.omgeving, demo.uit, demo.school_begin
    vandaag = dt.datetime.now(amsterdam()).date()
    with demo.sessie() as session:
        groep = session.scalars(
            select(Groep).where(
                Groep.school_id == begin.school_id,
                Groep.extern_nummer == begin.groep_key,
                Groep.schooljaar == huidig_schooljaar(),
            )
        ).one()
        toets = Toets(code=NIEUWE_TOETS[0], naam=NIEUWE_TOETS[1])
        afnames = [
            Afname(leerling=leerling, toets=toets, afnamedatum=vandaag)
            for leerling in sorted(groep.leerlingen, key=lambda p: p.id)
            if leerling.left_at is None
        ]
        session.add_all(afnames)
        session.commit()
        groep_naam, ids = groep.naam, [a.id for a in afnames]
    uit.regel(
        f"{len(ids)} leerlingen van {groep_naam} maken ‘{NIEUWE_TOETS[1]}’ in het Boom testcentrum"
    )
    with demo.sessie() as session:
        uitkomsten = afnames_normeren(
            session, [(afname_id, _normscores(i)) for i, afname_id in enumerate(ids)]
        )
    onderweg = sum(u.in_wachtrij for u in uitkomsten)
    uit.regel(
        f"Normeren: {len(uitkomsten)} afnames genormeerd, {onderweg} op weg naar ESIS; de "
        f"{begin.afnames} afnames van vóór de koppeling gaan niet mee (geen terugwerkende kracht)"
    )
    uit.voortgang("de resultaten worden afgeleverd bij ESIS (BrengLeerresultaten)")
    start = time.perf_counter()
    rapport = sync(om.store, demo.client_config())
    uit.regel(
        f"→ {rapport.verstuurd} resultaten afgeleverd in {rapport.berichten} bericht(en), "
        f"{rapport.geweigerd} geweigerd, in {seconden(time.perf_counter() - start)}"
    )
    with demo.sessie() as session:
        stand = resultaten_overzicht(session, school_id=begin.school_id)
    if stand.wachtend or stand.verstuurd != onderweg:
        raise DemoFout(f"{stand.wachtend} resultaten wachten nog op ESIS")
    scherm = om.esis.esis.mijn_groep(begin.code, begin.groep_key, begin.leerkracht_login)
    uit.regel(
        f"ESIS › Mijn Groep › {scherm['groep']['naam']} (leerkracht {begin.leerkracht_login}, "
        f"{scherm['aantal_leerlingen_in_groep']} leerlingen in de groep):"
    )
    toetsen = [t for t in scherm["toetsen"] if t["toetscode"] == NIEUWE_TOETS[0]]
    if not toetsen:
        raise DemoFout("Mijn Groep toont de genormeerde toets niet")
    for t in toetsen:
        niveaus = sorted(t["verdeling_niveaus"].items(), key=lambda kv: (kv[0][0] != "<", kv[0]))
        verdeling = ", ".join(f"{niveau}={aantal}" for niveau, aantal in niveaus)
        gemiddelde = getal(float(t["gemiddelde_vaardigheidsscore"]))
        uit.regel(
            f"{t['toetscode']}: {t['aantal_leerlingen']} leerlingen, gemiddelde "
            f"vaardigheidsscore {gemiddelde}, niveaus {verdeling}",
            inspringen=2,
        )
    uit.regel(
        "Alleen groepsresultaten, geen resultaten per leerling en geen historie (keuze van Rovict)",
        inspringen=2,
    )
    return f"{rapport.verstuurd} resultaten in ESIS, zichtbaar in Mijn Groep van {groep_naam}"
