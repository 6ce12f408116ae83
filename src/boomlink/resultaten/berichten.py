"""Building ``BrengLeerresultaten`` for a claimed batch: one school, one school year.

Every administration (``afname``) gives up to two ``resultaat`` elements, because a resultaat
holds exactly one of ``score`` and ``osoresultaat`` (UWLR §5.1):

* ``BOOM-TC-<afname>-score``: the integer ``score``, only when the test has one;
* ``BOOM-TC-<afname>-norm``: an ``osoresultaat`` with the OSO ``toetsscore/vaardigheidsscore`` and
  a ``referentiescore`` ``DLE`` against ``Landelijk`` whose ``kwalificatie`` is the niveau.

The keys depend only on the administration and the part, so sending again (a retry, a crash
before recording success, a new norming) replaces the earlier result in ESIS. The pupil is
addressed by the LAS key (``extern_nummer``), with the eckid alongside when Boom knows it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from boomlink.store import Afname, Koppeling, Leerling, School, Toets
from boomlink.store.resultaten_models import UitgaandResultaat
from uwlr import models as uwlr
from uwlr.namespaces import DEFAULT_XSDVERSIE

__all__ = [
    "AUTEUR",
    "KEY_PREFIX",
    "Regel",
    "SchoolAdres",
    "bouw_verzoek",
    "lees_regels",
    "resultaat_keys",
    "resultaten_van",
    "school_adres",
]

AUTEUR = "Boom testcentrum"
KEY_PREFIX = "BOOM-TC"
DLE = "DLE"
LANDELIJK = "Landelijk"
TOETSNAAM_MAX = 128  # toetsnaam is 1-128 characters in the standard


def resultaat_keys(afname_id: int, *, met_score: bool) -> list[str]:
    """The resultaat keys of one administration (``-score`` only when it has a score)."""
    keys = [f"{KEY_PREFIX}-{afname_id}-score"] if met_score else []
    return [*keys, f"{KEY_PREFIX}-{afname_id}-norm"]


@dataclass(frozen=True, slots=True)
class SchoolAdres:
    """How the school is named in the message: a schoolkey, or brincode + dependancecode."""

    brincode: str | None
    dependancecode: str | None
    schoolkey: str | None


def school_adres(school: School, koppeling: Koppeling | None) -> SchoolAdres:
    if koppeling is not None and koppeling.schoolkey:
        return SchoolAdres(None, None, koppeling.schoolkey)
    return SchoolAdres(school.brincode, school.dependancecode, None)


@dataclass(frozen=True, slots=True)
class Regel:
    """One outbox row with what is sent for it (read when the batch is built)."""

    rij_id: int
    versie: int
    afname_id: int
    leerling_id: int
    leerlingid: str | None
    eckid: str | None
    toetscode: str
    toetsnaam: str
    afnamedatum: dt.date
    score: int | None
    vaardigheidsscore: Decimal | None
    dle: Decimal | None
    niveau: str | None

    @property
    def keys(self) -> list[str]:
        return resultaat_keys(self.afname_id, met_score=self.score is not None)


def lees_regels(session: Session, rij_ids: Sequence[int]) -> list[Regel]:
    """The rows ``rij_ids`` joined with their administration, pupil and test, in id order."""
    query = (
        select(UitgaandResultaat, Afname, Leerling, Toets)
        .join(Afname, UitgaandResultaat.afname_id == Afname.id)
        .join(Leerling, Afname.leerling_id == Leerling.id)
        .join(Toets, Afname.toets_id == Toets.id)
        .where(UitgaandResultaat.id.in_(list(rij_ids)))
        .order_by(UitgaandResultaat.id)
    )
    regels = []
    for rij, afname, leerling, toets in session.execute(query):
        regels.append(
            Regel(
                rij_id=rij.id,
                versie=rij.versie,
                afname_id=afname.id,
                leerling_id=leerling.id,
                leerlingid=(leerling.extern_nummer or "").strip() or None,
                eckid=(leerling.eckid or "").strip() or None,
                toetscode=toets.code,
                toetsnaam=toets.naam,
                afnamedatum=afname.afnamedatum,
                score=afname.score,
                vaardigheidsscore=afname.vaardigheidsscore,
                dle=afname.dle,
                niveau=afname.niveau,
            )
        )
    return regels


def _waarde(getal: Decimal) -> str:
    """A decimal as OSO text: ``14`` stays ``14``, ``14.50`` becomes ``14.5``."""
    text = format(getal.normalize(), "f")
    return text


def resultaten_van(regel: Regel) -> list[uwlr.Resultaat]:
    """The ``resultaat`` elements of one administration (see the module doc)."""
    keys = regel.keys
    found: list[uwlr.Resultaat] = []
    if regel.score is not None:
        found.append(
            uwlr.Resultaat(
                key=keys[0],
                afnamedatum=regel.afnamedatum,
                toetscode=regel.toetscode,
                score=regel.score,
            )
        )
    referenties = []
    if regel.dle is not None:
        referenties.append(
            uwlr.Referentiescore(
                codereferentiescore=DLE,
                codevergelijkingsgroep=LANDELIJK,
                waarde=_waarde(regel.dle),
                kwalificatie=regel.niveau or None,
            )
        )
    toetsscore = (
        uwlr.Toetsscore(vaardigheidsscore=regel.vaardigheidsscore)
        if regel.vaardigheidsscore is not None
        else None
    )
    found.append(
        uwlr.Resultaat(
            key=keys[-1],
            afnamedatum=regel.afnamedatum,
            toetscode=regel.toetscode,
            osoresultaat=uwlr.OsoResultaat(toetsscore=toetsscore, referentiescores=referenties),
        )
    )
    return found


def bouw_verzoek(
    adres: SchoolAdres,
    schooljaar: str,
    regels: Sequence[Regel],
    aanmaakdatum: dt.datetime,
    *,
    xsdversie: str = DEFAULT_XSDVERSIE,
) -> uwlr.LeerresultatenVerzoek:
    """One ``leerresultaten_verzoek``: a toetsafname per pupil, the toetsen they refer to;
    ``school/xsdversie`` is the configured one (the link's settings)."""
    per_leerling: dict[int, uwlr.Toetsafname] = {}
    toetsen: dict[str, uwlr.Toets] = {}
    for regel in regels:
        if regel.leerlingid is None:
            raise ValueError(f"afname {regel.afname_id}: leerling zonder extern nummer")
        afname = per_leerling.get(regel.leerling_id)
        if afname is None:
            afname = uwlr.Toetsafname(leerlingid=regel.leerlingid, eckid=regel.eckid)
            per_leerling[regel.leerling_id] = afname
        afname.resultaten.extend(resultaten_van(regel))
        toetsen.setdefault(
            regel.toetscode,
            uwlr.Toets(toetscode=regel.toetscode, toetsnaam=regel.toetsnaam[:TOETSNAAM_MAX]),
        )
    return uwlr.LeerresultatenVerzoek(
        school=uwlr.ResultatenSchool(
            schooljaar=schooljaar,
            aanmaakdatum=aanmaakdatum.replace(microsecond=0),
            brincode=adres.brincode,
            dependancecode=adres.dependancecode,
            schoolkey=adres.schoolkey,
            auteur=AUTEUR,
            xsdversie=xsdversie,
        ),
        toetsafnames=list(per_leerling.values()),
        toetsen=list(toetsen.values()),
    )
