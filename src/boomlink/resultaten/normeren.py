"""Norming administrations in the test centre, and queueing their results for ESIS (H-S4-09/10).

Norming records score (when the test has one), vaardigheidsscore, DLE and niveau and stamps
``normed_at``. In the same transaction the result goes into the outbox when all of these hold:

* the school's current link is ``actief`` (H-S4-09) and was activated no later than this norming
  (H-S4-10: what was normed before activation is never sent automatically);
* the administration belongs to the current school year. Results of an earlier school year go to
  ESIS only through Boom support (:mod:`boomlink.resultaten.backfill`, H-S4-11).

Norming an administration again queues it again (same resultaat keys: ESIS replaces the old one).
Otherwise the norming is recorded and :class:`NormeerUitkomst` says why nothing was queued.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from boomlink.koppeling.stap3 import huidige_koppeling
from boomlink.resultaten.errors import AfnameOnbekend, OngeldigeNormering
from boomlink.resultaten.outbox import zet_in_wachtrij
from boomlink.resultaten.schooljaren import schooljaar_van_datum
from boomlink.schooljaar import huidig_schooljaar
from boomlink.store import Afname, Koppeling, KoppelingStatus, Leerling
from boomlink.store.resultaten_models import ResultaatBron
from boomlink.store.schrijfslot import neem_schrijfslot

__all__ = [
    "NIVEAU_MAX",
    "NormeerUitkomst",
    "Normscores",
    "afname_normeren",
    "afnames_normeren",
    "waarom_niet_automatisch",
]

NIVEAU_MAX = 16


@dataclass(frozen=True, slots=True)
class Normscores:
    """What norming gives: the normed scores of one administration."""

    vaardigheidsscore: Decimal
    dle: Decimal
    niveau: str | None = None
    score: int | None = None

    def controleer(self) -> None:
        """Raise :class:`OngeldigeNormering` when a value cannot be sent as UWLR wants it."""
        for naam, waarde in (("vaardigheidsscore", self.vaardigheidsscore), ("DLE", self.dle)):
            if not isinstance(waarde, Decimal) or not waarde.is_finite():
                raise OngeldigeNormering(f"{naam} moet een getal zijn.")
        if self.dle < 0:
            raise OngeldigeNormering("de DLE kan niet negatief zijn.")
        if self.score is not None and (isinstance(self.score, bool) or self.score < 0):
            raise OngeldigeNormering("de score moet een geheel getal van 0 of meer zijn.")
        if self.niveau is not None and not 0 < len(self.niveau.strip()) <= NIVEAU_MAX:
            raise OngeldigeNormering(f"het niveau is 1 tot {NIVEAU_MAX} tekens.")


@dataclass(frozen=True, slots=True)
class NormeerUitkomst:
    """``in_wachtrij``: the result is on its way to ESIS; else ``reden`` says why not."""

    afname_id: int
    in_wachtrij: bool
    reden: str | None = None


def waarom_niet_automatisch(
    koppeling: Koppeling | None, afname: Afname, normed_at: dt.datetime
) -> str | None:
    """Why a norming at ``normed_at`` does not go to ESIS by itself (None: it does)."""
    if koppeling is None or koppeling.status is not KoppelingStatus.ACTIEF:
        return "de koppeling met ESIS is niet actief"
    if koppeling.activated_at is None or normed_at < koppeling.activated_at:
        return "genormeerd voordat de koppeling actief werd (niet met terugwerkende kracht)"
    jaar = schooljaar_van_datum(afname.afnamedatum)
    huidig = huidig_schooljaar(normed_at)
    if jaar != huidig:
        return (
            f"afname uit schooljaar {jaar}: resultaten van een vorig schooljaar stuurt alleen "
            "Boom support door"
        )
    return None


def afnames_normeren(
    session: Session,
    normeringen: Sequence[tuple[int, Normscores]],
    *,
    now: dt.datetime | None = None,
) -> list[NormeerUitkomst]:
    """Norm every ``(afname id, scores)`` and queue what may go to ESIS; one transaction."""
    moment = now or dt.datetime.now(dt.UTC)
    for _, scores in normeringen:
        scores.controleer()
    neem_schrijfslot(session)  # it reads, then writes: on SQLite take the write lock first
    ids = [afname_id for afname_id, _ in normeringen]
    afnames: dict[int, Afname] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        query = select(Afname).options(joinedload(Afname.leerling)).where(Afname.id.in_(chunk))
        afnames.update({a.id: a for a in session.scalars(query)})
    koppelingen: dict[int, Koppeling | None] = {}
    uitkomsten = []
    try:
        for afname_id, scores in normeringen:
            afname = afnames.get(afname_id)
            if afname is None:
                raise AfnameOnbekend(afname_id)
            leerling: Leerling = afname.leerling
            afname.score = scores.score
            afname.vaardigheidsscore = scores.vaardigheidsscore
            afname.dle = scores.dle
            afname.niveau = scores.niveau.strip() if scores.niveau else None
            afname.normed_at = moment
            if leerling.school_id not in koppelingen:
                koppelingen[leerling.school_id] = huidige_koppeling(session, leerling.school)
            reden = waarom_niet_automatisch(koppelingen[leerling.school_id], afname, moment)
            if reden is None:
                zet_in_wachtrij(
                    session,
                    afname,
                    school_id=leerling.school_id,
                    schooljaar=schooljaar_van_datum(afname.afnamedatum),
                    bron=ResultaatBron.AUTOMATISCH,
                    now=moment,
                )
            uitkomsten.append(NormeerUitkomst(afname_id, reden is None, reden))
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return uitkomsten


def afname_normeren(
    session: Session, afname_id: int, scores: Normscores, *, now: dt.datetime | None = None
) -> NormeerUitkomst:
    """Norm one administration (see :func:`afnames_normeren`)."""
    return afnames_normeren(session, [(afname_id, scores)], now=now)[0]
