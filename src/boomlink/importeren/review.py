"""Stap 4, "Import controleren" (H-S4-01..07): three tabs × three categories, and the actions.

Tabs ``Groepen``, ``Leerkrachten``, ``Leerlingen``; categories ``Nieuw`` (add), ``Bestaand``
(link to a known Boom record) and ``Niet importeren``. Actions, each an audited step on the open
review of the school:

* :func:`niet_importeren` and :func:`wel_importeren` (back to Nieuw or Bestaand, whichever
  matching or the admin decided);
* :func:`koppel_met_bestaande`: "Koppel met bestaande leerkracht/leerling/groep": link a record
  to a chosen Boom record of the same kind (a group of the same school year), which no other
  record of this review is linked to; the record then stands under Bestaand;
* :func:`emailadres_invullen`: give a teacher an e-mail address (a new teacher without one cannot
  be imported).

The review advises importing all groups and pupils (groups 1 and 2 included) as soon as one of
them is put under Niet importeren.
"""

from __future__ import annotations

import enum
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from boomlink.audit import stap
from boomlink.errors import OngeldigVeld
from boomlink.importeren.fouten import GeenImportInReview, KoppelenNietMogelijk, RegelOnbekend
from boomlink.importeren.rollover import schooljaarwissel
from boomlink.importeren.weergave import beschrijf_bestaande, datum, persoonsnaam
from boomlink.koppeling.toegang import vereis_beheerder
from boomlink.store import Gebruiker, Groep, Leerkracht, Leerling, School
from boomlink.store.import_models import (
    Categorie,
    ImportRegel,
    ImportSessie,
    RegelSoort,
    SessieStatus,
)

__all__ = [
    "ADVIES",
    "CATEGORIE_TITEL",
    "Regelweergave",
    "Review",
    "Tab",
    "emailadres_invullen",
    "koppel_met_bestaande",
    "koppelbare_bestaande",
    "niet_importeren",
    "open_sessie",
    "regel_met_nummer",
    "review_tonen",
    "wel_importeren",
]

ADVIES = (
    "We raden aan om groepen en leerlingen altijd te importeren, ook groep 1 en 2, zodat de "
    "gegevens in het Boom testcentrum het meest overeenkomen met ESIS. Leerkrachten die je niet "
    "wilt importeren zet je onder ‘Niet importeren’."
)
GEEN_EMAIL = (
    "Vul een e-mailadres in: een nieuwe leerkracht zonder e-mailadres kan niet worden "
    "geïmporteerd (de leerkracht krijgt een e-mail om een account aan te maken)."
)
HANDMATIG = "handmatig"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class Tab(enum.StrEnum):
    GROEPEN = "groepen"
    LEERKRACHTEN = "leerkrachten"
    LEERLINGEN = "leerlingen"

    @property
    def titel(self) -> str:
        return self.value.capitalize()

    @property
    def soort(self) -> RegelSoort:
        return _SOORT[self]

    @classmethod
    def van(cls, soort: RegelSoort) -> Tab:
        return next(tab for tab, s in _SOORT.items() if s is soort)


_SOORT = {
    Tab.GROEPEN: RegelSoort.GROEP,
    Tab.LEERKRACHTEN: RegelSoort.LEERKRACHT,
    Tab.LEERLINGEN: RegelSoort.LEERLING,
}
CATEGORIE_TITEL = {
    Categorie.NIEUW: "Nieuw",
    Categorie.BESTAAND: "Bestaand",
    Categorie.NIET_IMPORTEREN: "Niet importeren",
}
_KOPPEL_DOEL = {
    RegelSoort.GROEP: "groep",
    RegelSoort.LEERKRACHT: "leerkracht",
    RegelSoort.LEERLING: "leerling",
}


@dataclass(frozen=True, slots=True)
class Regelweergave:
    """One line of the review as the admin sees it."""

    id: int
    tab: Tab
    categorie: Categorie
    naam: str
    omschrijving: str
    extern_nummer: str | None
    eckid: str | None
    emailadres: str | None
    bestaand_id: int | None
    reden: str | None
    gekoppeld_aan: str | None
    kandidaten: tuple[tuple[int, str], ...]
    melding: str | None


@dataclass
class Review:
    """The open review of a school: every line per tab, and the advice of the screen."""

    sessie_id: int
    schooljaar: str
    tabs: dict[Tab, list[Regelweergave]]
    adviezen: list[str] = field(default_factory=list)
    schooljaarwissel: str | None = None

    def regels(self, tab: Tab, categorie: Categorie | None = None) -> list[Regelweergave]:
        return [r for r in self.tabs[tab] if categorie is None or r.categorie is categorie]

    def aantal(self, tab: Tab, categorie: Categorie) -> int:
        return len(self.regels(tab, categorie))

    def regel(self, regel_id: int) -> Regelweergave:
        for regels in self.tabs.values():
            for regel in regels:
                if regel.id == regel_id:
                    return regel
        raise RegelOnbekend(regel_id)


def open_sessie(session: Session, school_id: int) -> ImportSessie | None:
    """The school's review that is still open (the newest fetch), or None."""
    return session.scalar(
        select(ImportSessie)
        .where(ImportSessie.school_id == school_id, ImportSessie.status == SessieStatus.REVIEW)
        .order_by(ImportSessie.id.desc())
    )


def _vereis_open_sessie(session: Session, school_id: int) -> ImportSessie:
    sessie = open_sessie(session, school_id)
    if sessie is None:
        raise GeenImportInReview()
    return sessie


def _naam(regel: ImportRegel) -> str:
    if regel.soort is RegelSoort.GROEP:
        return regel.naam or "(zonder naam)"
    return persoonsnaam(regel.roepnaam, regel.voorvoegsel, regel.achternaam, regel.voorletters)


def _omschrijving(regel: ImportRegel) -> str:
    if regel.soort is RegelSoort.GROEP:
        return f"jaargroep {regel.jaargroep or '-'}"
    if regel.soort is RegelSoort.LEERKRACHT:
        groepen = ", ".join(json.loads(regel.groep_keys or "[]"))
        return f"{regel.emailadres or '(geen e-mailadres)'}; groepen {groepen}"
    return (
        f"geboren {datum(regel.geboortedatum)}, jaargroep {regel.jaargroep or '-'}, "
        f"groep {regel.groep_key or '-'}"
    )


def _melding(regel: ImportRegel) -> str | None:
    if (
        regel.soort is RegelSoort.LEERKRACHT
        and regel.categorie is Categorie.NIEUW
        and not regel.emailadres
    ):
        return GEEN_EMAIL
    return None


def _kandidaten(regel: ImportRegel) -> list[int]:
    return [int(k) for k in json.loads(regel.kandidaten)] if regel.kandidaten else []


def _weergaven(session: Session, regels: list[ImportRegel]) -> list[Regelweergave]:
    nodig: dict[RegelSoort, set[int]] = defaultdict(set)
    for regel in regels:
        if regel.bestaand_id is not None:
            nodig[regel.soort].add(regel.bestaand_id)
        nodig[regel.soort].update(_kandidaten(regel))
    namen = {soort: beschrijf_bestaande(session, soort, ids) for soort, ids in nodig.items()}
    weergaven = []
    for regel in regels:
        bekend = namen.get(regel.soort, {})
        weergaven.append(
            Regelweergave(
                id=regel.id,
                tab=Tab.van(regel.soort),
                categorie=regel.categorie,
                naam=_naam(regel),
                omschrijving=_omschrijving(regel),
                extern_nummer=regel.extern_nummer,
                eckid=regel.eckid,
                emailadres=regel.emailadres,
                bestaand_id=regel.bestaand_id,
                reden=regel.match_reden,
                gekoppeld_aan=None if regel.bestaand_id is None else bekend.get(regel.bestaand_id),
                kandidaten=tuple((k, bekend.get(k, "?")) for k in _kandidaten(regel)),
                melding=_melding(regel),
            )
        )
    return weergaven


def review_tonen(session: Session, school: School, gebruiker: Gebruiker) -> Review:
    """The open review of ``school``: three tabs, each line in its category, with advice."""
    vereis_beheerder(school, gebruiker)
    sessie = _vereis_open_sessie(session, school.id)
    regels = list(
        session.scalars(
            select(ImportRegel)
            .where(ImportRegel.sessie_id == sessie.id)
            .order_by(ImportRegel.soort, ImportRegel.volgnummer)
        )
    )
    tabs: dict[Tab, list[Regelweergave]] = {tab: [] for tab in Tab}
    for weergave in _weergaven(session, regels):
        tabs[weergave.tab].append(weergave)
    adviezen = []
    niet = [
        r
        for r in regels
        if r.categorie is Categorie.NIET_IMPORTEREN
        and r.soort in (RegelSoort.GROEP, RegelSoort.LEERLING)
    ]
    if niet:
        adviezen.append(
            f"{len(niet)} groep(en)/leerling(en) staan onder ‘Niet importeren’. " + ADVIES
        )
    return Review(
        sessie_id=sessie.id,
        schooljaar=sessie.schooljaar,
        tabs=tabs,
        adviezen=adviezen,
        schooljaarwissel=schooljaarwissel(session, school.id, sessie.schooljaar),
    )


def _regel(session: Session, sessie: ImportSessie, regel_id: int) -> ImportRegel:
    regel = session.get(ImportRegel, regel_id)
    if regel is None or regel.sessie_id != sessie.id:
        raise RegelOnbekend(regel_id)
    return regel


def _actie(
    session: Session,
    school: School,
    gebruiker: Gebruiker,
    regel_id: int,
    actie: str,
    wijzig: _Wijziging,
) -> Regelweergave:
    with stap(session, actie=actie, actor=gebruiker.emailadres, school_id=school.id) as uit:
        vereis_beheerder(school, gebruiker)
        sessie = _vereis_open_sessie(session, school.id)
        regel = _regel(session, sessie, regel_id)
        wijzig(session, sessie, regel)
        session.flush()
        uit.detail = (
            f"import {sessie.id}, regel {regel.id} ({regel.soort.value}): {regel.categorie.value}"
        )
        (weergave,) = _weergaven(session, [regel])
    return weergave


class _Wijziging:
    def __call__(self, session: Session, sessie: ImportSessie, regel: ImportRegel) -> None:
        raise NotImplementedError


class _NietImporteren(_Wijziging):
    def __call__(self, session: Session, sessie: ImportSessie, regel: ImportRegel) -> None:
        regel.categorie = Categorie.NIET_IMPORTEREN


class _WelImporteren(_Wijziging):
    def __call__(self, session: Session, sessie: ImportSessie, regel: ImportRegel) -> None:
        regel.categorie = Categorie.BESTAAND if regel.bestaand_id is not None else Categorie.NIEUW


@dataclass(frozen=True)
class _Koppel(_Wijziging):
    bestaand_id: int
    school_id: int

    def __call__(self, session: Session, sessie: ImportSessie, regel: ImportRegel) -> None:
        doel = _KOPPEL_DOEL[regel.soort]
        if not _bestaat(session, regel.soort, self.bestaand_id, self.school_id, sessie.schooljaar):
            raise KoppelenNietMogelijk(
                f"er is geen {doel} {self.bestaand_id} bij deze school"
                + (f" in schooljaar {sessie.schooljaar}" if regel.soort is RegelSoort.GROEP else "")
                + "."
            )
        ander = session.scalar(
            select(ImportRegel).where(
                ImportRegel.sessie_id == sessie.id,
                ImportRegel.soort == regel.soort,
                ImportRegel.bestaand_id == self.bestaand_id,
                ImportRegel.id != regel.id,
            )
        )
        if ander is not None:
            raise KoppelenNietMogelijk(
                f"deze {doel} is al gekoppeld aan ‘{_naam(ander)}’ (regel {ander.id}). "
                "Zet die koppeling eerst terug."
            )
        regel.bestaand_id = self.bestaand_id
        regel.match_reden = HANDMATIG
        regel.categorie = Categorie.BESTAAND


@dataclass(frozen=True)
class _Email(_Wijziging):
    emailadres: str

    def __call__(self, session: Session, sessie: ImportSessie, regel: ImportRegel) -> None:
        if regel.soort is not RegelSoort.LEERKRACHT:
            raise OngeldigVeld("E-mailadres", "alleen leerkrachten hebben een e-mailadres.")
        waarde = self.emailadres.strip().lower()
        if not _EMAIL.match(waarde):
            raise OngeldigVeld("E-mailadres", f"‘{self.emailadres.strip()}’ is geen e-mailadres.")
        regel.emailadres = waarde


def _bestaat(
    session: Session, soort: RegelSoort, bestaand_id: int, school_id: int, schooljaar: str
) -> bool:
    if soort is RegelSoort.GROEP:
        query = select(Groep.id).where(
            Groep.id == bestaand_id, Groep.school_id == school_id, Groep.schooljaar == schooljaar
        )
    elif soort is RegelSoort.LEERKRACHT:
        query = select(Leerkracht.id).where(
            Leerkracht.id == bestaand_id, Leerkracht.school_id == school_id
        )
    else:
        query = select(Leerling.id).where(
            Leerling.id == bestaand_id, Leerling.school_id == school_id
        )
    return session.scalar(query) is not None


def niet_importeren(
    session: Session, school: School, gebruiker: Gebruiker, regel_id: int
) -> Regelweergave:
    """Put a record under ‘Niet importeren’."""
    return _actie(
        session, school, gebruiker, regel_id, "import: niet importeren", _NietImporteren()
    )


def wel_importeren(
    session: Session, school: School, gebruiker: Gebruiker, regel_id: int
) -> Regelweergave:
    """Take a record back from ‘Niet importeren’ (to Bestaand when it is linked, else Nieuw)."""
    return _actie(session, school, gebruiker, regel_id, "import: wel importeren", _WelImporteren())


def koppel_met_bestaande(
    session: Session, school: School, gebruiker: Gebruiker, regel_id: int, bestaand_id: int
) -> Regelweergave:
    """ "Koppel met bestaande leerkracht/leerling/groep": the record then stands under Bestaand."""
    return _actie(
        session,
        school,
        gebruiker,
        regel_id,
        "import: koppel met bestaande",
        _Koppel(bestaand_id, school.id),
    )


def emailadres_invullen(
    session: Session, school: School, gebruiker: Gebruiker, regel_id: int, emailadres: str
) -> Regelweergave:
    """H-S4-03: give a teacher of the review an e-mail address."""
    return _actie(session, school, gebruiker, regel_id, "import: e-mailadres", _Email(emailadres))


def regel_met_nummer(session: Session, school: School, tab: Tab, extern_nummer: str) -> int:
    """The id of the line of the open review with this extern nummer (LAS key or eckid)."""
    sessie = _vereis_open_sessie(session, school.id)
    regel_id = session.scalar(
        select(ImportRegel.id).where(
            ImportRegel.sessie_id == sessie.id,
            ImportRegel.soort == tab.soort,
            (ImportRegel.extern_nummer == extern_nummer) | (ImportRegel.eckid == extern_nummer),
        )
    )
    if regel_id is None:
        raise RegelOnbekend(f"met nummer {extern_nummer} op het tabblad ‘{tab.titel}’")
    return regel_id


def koppelbare_bestaande(
    session: Session,
    school: School,
    gebruiker: Gebruiker,
    regel_id: int,
    *,
    zoek: str = "",
    limiet: int = 50,
) -> list[tuple[int, str]]:
    """What "Koppel met bestaande …" may choose for a line: first its candidates, then the
    school's other records of the same kind (groups: of the review's school year) whose name
    contains ``zoek`` (with ``zoek``: only those), leaving out every record another line of this review is linked to."""
    vereis_beheerder(school, gebruiker)
    sessie = _vereis_open_sessie(session, school.id)
    regel = _regel(session, sessie, regel_id)
    bezet = set(
        session.scalars(
            select(ImportRegel.bestaand_id).where(
                ImportRegel.sessie_id == sessie.id,
                ImportRegel.soort == regel.soort,
                ImportRegel.bestaand_id.is_not(None),
                ImportRegel.id != regel.id,
            )
        )
    )
    gezocht = " ".join(zoek.split())
    query: Any
    if regel.soort is RegelSoort.GROEP:
        query = select(Groep.id).where(
            Groep.school_id == school.id, Groep.schooljaar == sessie.schooljaar
        )
        if gezocht:
            query = query.where(Groep.naam.ilike(f"%{gezocht}%"))
        query = query.order_by(Groep.naam)
    else:
        model: Any = Leerkracht if regel.soort is RegelSoort.LEERKRACHT else Leerling
        query = select(model.id).where(model.school_id == school.id)
        if gezocht:
            query = query.where(
                model.achternaam.ilike(f"%{gezocht}%") | model.roepnaam.ilike(f"%{gezocht}%")
            )
        query = query.order_by(model.achternaam, model.roepnaam)
    kandidaten = [] if gezocht else [k for k in _kandidaten(regel) if k not in bezet]
    overige = [i for i in session.scalars(query.limit(limiet + len(bezet) + len(kandidaten)))]
    ids = kandidaten + [i for i in overige if i not in bezet and i not in kandidaten]
    ids = ids[:limiet]
    namen = beschrijf_bestaande(session, regel.soort, ids)
    return [(i, namen[i]) for i in ids if i in namen]
