""" "Gegevens importeren" (H-S3-04, H-S3-05, H-P-07): fetch over UWLR into an import session.

The fetch asks ESIS for all data of the current school year (``HaalLeerlinggegevens``, or getrapt
when the client is configured so), keeps only the stamgroepen and the pupils and teachers of those
groups, matches every record against the Boom testcentrum (:mod:`~boomlink.importeren.matching`)
(a record still unknown to Boom that the last processed import left under Niet importeren starts
there again: the admin's decision is remembered) and stores the result as an :class:`~boomlink.store.import_models.ImportSessie` with its
:class:`~boomlink.store.import_models.ImportRegel` rows. Nothing live changes. A newer fetch
replaces the open review; every fetch is a full one, so a later run brings every change of ESIS
(new, changed and departed pupils, group changes).

No database lock is held while ESIS answers.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections import Counter
from dataclasses import dataclass

import httpx
from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from boomlink.audit import stap
from boomlink.crypto import Autorisatiesleutel, Kluis
from boomlink.importeren.fouten import EsisOphalenMislukt
from boomlink.importeren.matching import (
    Kenmerken,
    Uitkomst,
    match_groepen,
    match_leerkrachten,
    match_leerlingen,
)
from boomlink.koppeling.stap3 import autorisatiesleutel_voor, huidige_koppeling
from boomlink.koppeling.toegang import vereis_beheerder, vereis_koppeling_toegestaan
from boomlink.schooljaar import huidig_schooljaar
from boomlink.store import Gebruiker, Groep, Leerkracht, Leerling, School
from boomlink.store.import_models import (
    Categorie,
    ImportRegel,
    ImportSessie,
    ImportStand,
    RegelSoort,
    SessieStatus,
)
from boomlink.store.schrijfslot import neem_schrijfslot
from boomlink.uwlr_client import ClientConfig, UwlrClient, UwlrClientError
from uwlr.models import GegevensStatus, Leerlinggegevens

__all__ = ["ImportGestart", "gegevens_importeren", "haal_gegevens", "stage"]


@dataclass(frozen=True, slots=True)
class ImportGestart:
    """The new review: its id, school year, counts, and where the time went (seconds)."""

    sessie_id: int
    schooljaar: str
    aantallen: dict[RegelSoort, dict[Categorie, int]]
    waarschuwingen: int
    duur_uwlr: float
    duur_matching: float
    duur_database: float


def haal_gegevens(
    config: ClientConfig,
    sleutel: Autorisatiesleutel,
    *,
    schooljaar: str,
    brincode: str,
    dependancecode: str,
    schoolkey: str | None,
    transport: httpx.BaseTransport | None = None,
) -> tuple[Leerlinggegevens, int]:
    """All data of the school over UWLR, and the number of parse warnings."""
    try:
        with UwlrClient(config, transport=transport) as client:
            result = client.haal_leerlinggegevens(
                sleutel.onthul(),
                schooljaar=schooljaar,
                brincode=None if schoolkey else brincode,
                dependancecode=None if schoolkey else dependancecode,
                schoolkey=schoolkey,
            )
    except UwlrClientError as error:
        raise EsisOphalenMislukt(error.bericht) from error
    antwoord = result.message
    if antwoord.status is not GegevensStatus.GEGEVENS or antwoord.gegevens is None:
        raise EsisOphalenMislukt(
            f"ESIS stuurde geen gegevens voor schooljaar {schooljaar} ({antwoord.status.value})."
        )
    return antwoord.gegevens, len(result.warnings)


def _regels_uit(gegevens: Leerlinggegevens) -> list[dict[str, object]]:
    """The staged rows (without session and matching) of the groups found and their people."""
    stam = {g.key for g in gegevens.groepen}
    regels: list[dict[str, object]] = []
    for groep in gegevens.groepen:
        regels.append(
            {
                "soort": RegelSoort.GROEP,
                "extern_nummer": groep.key,
                "naam": groep.naam,
                "jaargroep": groep.jaargroep,
            }
        )
    for leraar in gegevens.leerkrachten:
        keys = [g.key for g in leraar.groepen if g.soort == "groep" and g.key in stam]
        if not keys:  # H-P-07: a teacher of no group found is not offered
            continue
        regels.append(
            {
                "soort": RegelSoort.LEERKRACHT,
                "extern_nummer": leraar.key or leraar.eckid,
                "eckid": leraar.eckid,
                "achternaam": leraar.achternaam,
                "voorvoegsel": leraar.voorvoegsel,
                "voorletters": leraar.voorletters,
                "roepnaam": leraar.roepnaam,
                "emailadres": (leraar.emailadres or "").strip().lower() or None,
                "groep_keys": json.dumps(sorted(set(keys))),
            }
        )
    for leerling in gegevens.leerlingen:
        if leerling.groep not in stam:  # H-P-07: a pupil without a group found is not offered
            continue
        regels.append(
            {
                "soort": RegelSoort.LEERLING,
                "extern_nummer": leerling.key or leerling.eckid,
                "eckid": leerling.eckid,
                "achternaam": leerling.achternaam,
                "voorvoegsel": leerling.voorvoegsel,
                "voorletters": leerling.voorletters,
                "roepnaam": leerling.roepnaam,
                "geboortedatum": leerling.geboortedatum,
                "geslacht": leerling.geslacht,
                "jaargroep": leerling.jaargroep,
                "groep_key": leerling.groep,
            }
        )
    return regels


def _kenmerken(regel: dict[str, object]) -> Kenmerken:
    def tekst(veld: str) -> str | None:
        waarde = regel.get(veld)
        return waarde if isinstance(waarde, str) else None

    soort = regel["soort"]
    if soort is RegelSoort.GROEP:
        return Kenmerken.groep(
            extern_nummer=tekst("extern_nummer"), naam=tekst("naam"), jaargroep=tekst("jaargroep")
        )
    if soort is RegelSoort.LEERKRACHT:
        return Kenmerken.leerkracht(
            extern_nummer=tekst("extern_nummer"),
            eckid=tekst("eckid"),
            achternaam=tekst("achternaam"),
            voorvoegsel=tekst("voorvoegsel"),
            roepnaam=tekst("roepnaam"),
            emailadres=tekst("emailadres"),
        )
    geboortedatum = regel.get("geboortedatum")
    return Kenmerken.leerling(
        extern_nummer=tekst("extern_nummer"),
        eckid=tekst("eckid"),
        achternaam=tekst("achternaam"),
        voorvoegsel=tekst("voorvoegsel"),
        roepnaam=tekst("roepnaam"),
        geboortedatum=geboortedatum if isinstance(geboortedatum, dt.date) else None,
    )


def _bestaande(
    session: Session, school_id: int, schooljaar: str
) -> dict[RegelSoort, list[Kenmerken]]:
    groepen = [
        Kenmerken.groep(id=i, extern_nummer=n, naam=naam, jaargroep=j)
        for i, n, naam, j in session.execute(
            select(Groep.id, Groep.extern_nummer, Groep.naam, Groep.jaargroep).where(
                Groep.school_id == school_id, Groep.schooljaar == schooljaar
            )
        )
    ]
    leraren = [
        Kenmerken.leerkracht(
            id=i, extern_nummer=n, eckid=e, achternaam=a, voorvoegsel=v, roepnaam=r, emailadres=m
        )
        for i, n, e, a, v, r, m in session.execute(
            select(
                Leerkracht.id,
                Leerkracht.extern_nummer,
                Leerkracht.eckid,
                Leerkracht.achternaam,
                Leerkracht.voorvoegsel,
                Leerkracht.roepnaam,
                Leerkracht.emailadres,
            ).where(Leerkracht.school_id == school_id)
        )
    ]
    leerlingen = [
        Kenmerken.leerling(
            id=i, extern_nummer=n, eckid=e, achternaam=a, voorvoegsel=v, roepnaam=r, geboortedatum=d
        )
        for i, n, e, a, v, r, d in session.execute(
            select(
                Leerling.id,
                Leerling.extern_nummer,
                Leerling.eckid,
                Leerling.achternaam,
                Leerling.voorvoegsel,
                Leerling.roepnaam,
                Leerling.geboortedatum,
            ).where(Leerling.school_id == school_id)
        )
    ]
    return {
        RegelSoort.GROEP: groepen,
        RegelSoort.LEERKRACHT: leraren,
        RegelSoort.LEERLING: leerlingen,
    }


def _eerder_niet_geimporteerd(session: Session, school_id: int) -> set[tuple[RegelSoort, str]]:
    """(soort, extern nummer) of what the last processed import left under Niet importeren."""
    laatste = session.scalar(
        select(ImportSessie.id)
        .where(ImportSessie.school_id == school_id, ImportSessie.status == SessieStatus.VERWERKT)
        .order_by(ImportSessie.id.desc())
    )
    if laatste is None:
        return set()
    return {
        (soort, nummer)
        for soort, nummer in session.execute(
            select(ImportRegel.soort, ImportRegel.extern_nummer).where(
                ImportRegel.sessie_id == laatste,
                ImportRegel.categorie == Categorie.NIET_IMPORTEREN,
                ImportRegel.extern_nummer.is_not(None),
            )
        )
        if nummer is not None
    }


_MATCHERS = {
    RegelSoort.GROEP: match_groepen,
    RegelSoort.LEERKRACHT: match_leerkrachten,
    RegelSoort.LEERLING: match_leerlingen,
}


def stage(
    session: Session,
    school_id: int,
    actor: str,
    gegevens: Leerlinggegevens,
    schooljaar: str,
    moment: dt.datetime,
) -> tuple[int, dict[RegelSoort, dict[Categorie, int]], float]:
    """Match and store the review in the caller's transaction; returns its id, counts and the
    seconds spent matching."""
    regels = _regels_uit(gegevens)
    bestaand = _bestaande(session, school_id, schooljaar)
    started = time.perf_counter()
    per_soort: dict[RegelSoort, list[dict[str, object]]] = {s: [] for s in RegelSoort}
    for regel in regels:
        per_soort[regel["soort"]].append(regel)  # type: ignore[index]
    for soort, lijst in per_soort.items():
        uitkomsten: list[Uitkomst] = _MATCHERS[soort](
            [_kenmerken(r) for r in lijst], bestaand[soort]
        )
        for regel, uitkomst in zip(lijst, uitkomsten, strict=True):
            regel["categorie"] = (
                Categorie.BESTAAND if uitkomst.bestaand_id is not None else Categorie.NIEUW
            )
            regel["bestaand_id"] = uitkomst.bestaand_id
            regel["match_reden"] = uitkomst.reden or None
            regel["kandidaten"] = json.dumps(uitkomst.kandidaten) if uitkomst.kandidaten else None
    duur_matching = time.perf_counter() - started
    eerder_niet = _eerder_niet_geimporteerd(session, school_id)
    for regel in regels:
        if (
            regel["categorie"] is Categorie.NIEUW
            and (regel["soort"], regel.get("extern_nummer")) in eerder_niet
        ):
            regel["categorie"] = Categorie.NIET_IMPORTEREN

    stand = session.get(ImportStand, school_id)
    if stand is None:
        stand = ImportStand(school_id=school_id, versie=0)
        session.add(stand)
        session.flush()
    session.execute(
        update(ImportSessie)
        .where(ImportSessie.school_id == school_id, ImportSessie.status == SessieStatus.REVIEW)
        .values(status=SessieStatus.VERVANGEN)
    )
    sessie = ImportSessie(
        school_id=school_id,
        schooljaar=schooljaar,
        status=SessieStatus.REVIEW,
        basis_versie=stand.versie,
        gestart_door=actor,
        gestart_at=moment,
    )
    session.add(sessie)
    session.flush()
    velden = (
        "extern_nummer eckid naam jaargroep achternaam voorvoegsel voorletters roepnaam "
        "geboortedatum geslacht emailadres groep_key groep_keys bestaand_id match_reden "
        "kandidaten"
    ).split()
    rijen = []
    for volgnummer, regel in enumerate(regels, start=1):
        rij: dict[str, object] = {veld: regel.get(veld) for veld in velden}
        rij.update(
            sessie_id=sessie.id,
            soort=regel["soort"],
            categorie=regel["categorie"],
            volgnummer=volgnummer,
        )
        rijen.append(rij)
    if rijen:
        session.execute(insert(ImportRegel), rijen)
    telling = Counter((r["soort"], r["categorie"]) for r in regels)
    aantallen = {s: {c: telling.get((s, c), 0) for c in Categorie} for s in RegelSoort}
    return sessie.id, aantallen, duur_matching


def gegevens_importeren(
    session: Session,
    school: School,
    gebruiker: Gebruiker,
    *,
    client_config: ClientConfig,
    kluis: Kluis,
    now: dt.datetime | None = None,
    transport: httpx.BaseTransport | None = None,
) -> ImportGestart:
    """ "Gegevens importeren": fetch from ESIS and open the review (see the module doc)."""
    moment = now or dt.datetime.now(dt.UTC)
    schooljaar = huidig_schooljaar(moment)
    actor, school_id = gebruiker.emailadres, school.id
    brincode, dependancecode = school.brincode, school.dependancecode
    with stap(session, actie="gegevens importeren", actor=actor, school_id=school_id) as uit:
        vereis_beheerder(school, gebruiker)
        vereis_koppeling_toegestaan(session, school)
        sleutel = autorisatiesleutel_voor(session, school, kluis)
        koppeling = huidige_koppeling(session, school)
        schoolkey = koppeling.schoolkey if koppeling is not None else None
        session.rollback()  # no transaction (and no lock) while ESIS answers

        started = time.perf_counter()
        gegevens, waarschuwingen = haal_gegevens(
            client_config,
            sleutel,
            schooljaar=schooljaar,
            brincode=brincode,
            dependancecode=dependancecode,
            schoolkey=schoolkey,
            transport=transport,
        )
        duur_uwlr = time.perf_counter() - started

        started = time.perf_counter()
        neem_schrijfslot(session)  # staging reads, then writes (ADR 0013)
        sessie_id, aantallen, duur_matching = stage(
            session, school_id, actor, gegevens, schooljaar, moment
        )
        uit.detail = f"import {sessie_id} ({schooljaar}) klaar om te controleren: " + ", ".join(
            f"{sum(aantallen[s].values())} {s.value}" for s in RegelSoort
        )
    duur_database = time.perf_counter() - started - duur_matching
    return ImportGestart(
        sessie_id=sessie_id,
        schooljaar=schooljaar,
        aantallen=aantallen,
        waarschuwingen=waarschuwingen,
        duur_uwlr=duur_uwlr,
        duur_matching=duur_matching,
        duur_database=duur_database,
    )
