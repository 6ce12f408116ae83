"""The confirming "Gegevens importeren" (H-S4-08): the whole review in ONE transaction.

In that transaction: new groups, teachers and pupils are created; linked ones get their extern
nummer (the LAS key, or the eckid when ESIS sends no key) and ESIS's data; the memberships of
this school year's groups are replaced (other years are history and stay); linked pupils that
ESIS no longer sends are marked as left (``left_at``; their test data stays); new teachers (and
linked ones without an account) get an invitation in the outbox. Any failure rolls everything
back: the store is as before and the review stays open.

Concurrency: the first statement raises the school's import version from the review's
``basis_versie`` (``UPDATE import_stand ... WHERE versie = <basis>``). That takes the write lock
(SQLite) or the row lock (PostgreSQL) before anything is read, so of two commits for one school
the second waits, then finds the version moved and is refused in Dutch; a review that another
import overtook is refused the same way.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import CursorResult, delete, insert, select, update
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from boomlink.audit import stap
from boomlink.importeren.fouten import (
    GeenImportInReview,
    ImportGeblokkeerd,
    ImportGelijktijdig,
    ImportMislukt,
    LeerkrachtZonderEmail,
)
from boomlink.importeren.plan import blokkades, nieuwe_leraren_zonder_email, nieuwe_waarden
from boomlink.importeren.review import Tab, open_sessie
from boomlink.importeren.uitnodigingen import basis_url, uitnodigen
from boomlink.koppeling.toegang import vereis_beheerder, vereis_koppeling_toegestaan
from boomlink.store import AccountStatus, Gebruiker, Groep, Leerkracht, Leerling, School
from boomlink.store.import_models import (
    Categorie,
    ImportRegel,
    ImportSessie,
    ImportStand,
    RegelSoort,
    SessieStatus,
)
from boomlink.store.models import groepslidmaatschappen, leerkracht_groepen

__all__ = ["Verwerkt", "import_verwerken"]

_IN_BATCH = 500


@dataclass(frozen=True, slots=True)
class Verwerkt:
    """What the commit did, per tab."""

    sessie_id: int
    schooljaar: str
    aangemaakt: dict[Tab, int]
    gekoppeld: dict[Tab, int]
    bijgewerkt: dict[Tab, int]
    vertrokken: int
    uitnodigingen: int


def _rowcount(result: Any) -> int:
    return cast(CursorResult[Any], result).rowcount


def _claim(
    session: Session, school_id: int, sessie_id: int, actor: str, moment: dt.datetime
) -> None:
    basis = (
        select(ImportSessie.basis_versie)
        .where(
            ImportSessie.id == sessie_id,
            ImportSessie.school_id == school_id,
            ImportSessie.status == SessieStatus.REVIEW,
        )
        .scalar_subquery()
    )
    try:
        geclaimd = _rowcount(
            session.execute(
                update(ImportStand)
                .where(ImportStand.school_id == school_id, ImportStand.versie == basis)
                .values(versie=ImportStand.versie + 1)
                .execution_options(synchronize_session=False)
            )
        )
    except OperationalError as exc:  # SQLite: still locked after the busy timeout
        raise ImportGelijktijdig() from exc
    if geclaimd != 1:
        status = session.scalar(
            select(ImportSessie.status).where(
                ImportSessie.id == sessie_id, ImportSessie.school_id == school_id
            )
        )
        if status is SessieStatus.VERWERKT:
            raise ImportGelijktijdig()
        if status is SessieStatus.VERVANGEN:
            raise GeenImportInReview("Deze import is vervangen door een nieuwere.")
        if status is None:
            raise GeenImportInReview()
        raise GeenImportInReview(
            "De gegevens in het Boom testcentrum zijn sinds deze import door een andere import "
            "gewijzigd."
        )
    session.execute(
        update(ImportSessie)
        .where(ImportSessie.id == sessie_id)
        .values(status=SessieStatus.VERWERKT, verwerkt_door=actor, verwerkt_at=moment)
        .execution_options(synchronize_session=False)
    )


def _zet(obj: object, waarden: dict[str, Any]) -> bool:
    veranderd = False
    for veld, waarde in waarden.items():
        if getattr(obj, veld) != waarde:
            setattr(obj, veld, waarde)
            veranderd = True
    return veranderd


def _batches(ids: list[int]) -> list[list[int]]:
    return [ids[i : i + _IN_BATCH] for i in range(0, len(ids), _IN_BATCH)]


class _Verwerking:
    """One commit's work, in the caller's transaction."""

    def __init__(
        self,
        session: Session,
        school: School,
        sessie: ImportSessie,
        moment: dt.datetime,
        basis: str,
    ) -> None:
        self.session = session
        self.school = school
        self.sessie = sessie
        self.moment = moment
        self.basis = basis
        self.aangemaakt: Counter[Tab] = Counter()
        self.gekoppeld: Counter[Tab] = Counter()
        self.bijgewerkt: Counter[Tab] = Counter()
        self.groep_per_key: dict[str, Groep] = {}
        self.uitnodigingen = 0
        self.vertrokken = 0

    def _object(self, regel: ImportRegel, bestaand: dict[int, Any], nieuw: Any, tab: Tab) -> Any:
        waarden = nieuwe_waarden(regel)
        if regel.categorie is Categorie.NIEUW:
            obj = nieuw(school_id=self.school.id, **waarden)
            self.session.add(obj)
            self.aangemaakt[tab] += 1
            return obj
        assert regel.bestaand_id is not None
        obj = bestaand[regel.bestaand_id]
        self.gekoppeld[tab] += 1
        if _zet(obj, waarden):
            self.bijgewerkt[tab] += 1
        return obj

    def groepen(self, regels: list[ImportRegel]) -> list[int]:
        jaar = self.sessie.schooljaar
        bestaand = {
            g.id: g
            for g in self.session.scalars(
                select(Groep).where(Groep.school_id == self.school.id, Groep.schooljaar == jaar)
            )
        }

        def maak(**velden: Any) -> Groep:
            return Groep(schooljaar=jaar, **velden)

        for regel in regels:
            groep = self._object(regel, bestaand, maak, Tab.GROEPEN)
            if regel.extern_nummer:
                self.groep_per_key[regel.extern_nummer] = groep
        self.session.flush()
        return list(
            self.session.scalars(
                select(Groep.id).where(Groep.school_id == self.school.id, Groep.schooljaar == jaar)
            )
        )

    def _vervang(
        self, tabel: Any, kolom: str, paren: list[tuple[int, list[str]]], jaar_groepen: list[int]
    ) -> None:
        ids = [obj_id for obj_id, _ in paren]
        for batch in _batches(ids):
            self.session.execute(
                delete(tabel).where(tabel.c[kolom].in_(batch), tabel.c.groep_id.in_(jaar_groepen))
            )
        rijen = [
            {kolom: obj_id, "groep_id": self.groep_per_key[key].id}
            for obj_id, keys in paren
            for key in dict.fromkeys(keys)
            if key in self.groep_per_key
        ]
        if rijen:
            self.session.execute(insert(tabel), rijen)

    def leerkrachten(self, regels: list[ImportRegel], jaar_groepen: list[int]) -> None:
        bestaand = {
            t.id: t
            for t in self.session.scalars(
                select(Leerkracht).where(Leerkracht.school_id == self.school.id)
            )
        }
        gekozen = [
            (regel, self._object(regel, bestaand, Leerkracht, Tab.LEERKRACHTEN)) for regel in regels
        ]
        self.session.flush()
        self._vervang(
            leerkracht_groepen,
            "leerkracht_id",
            [(t.id, json.loads(r.groep_keys or "[]")) for r, t in gekozen],
            jaar_groepen,
        )
        met_account = set(
            self.session.scalars(
                select(Gebruiker.leerkracht_id).where(Gebruiker.leerkracht_id.is_not(None))
            )
        )
        for _, leraar in gekozen:
            if (
                leraar.emailadres
                and leraar.account_status in (AccountStatus.GEEN_ACCOUNT, None)
                and leraar.id not in met_account
            ):
                uitnodigen(self.session, self.school, leraar, basis=self.basis, now=self.moment)
                self.uitnodigingen += 1

    def leerlingen(
        self, regels: list[ImportRegel], alle: list[ImportRegel], jaar_groepen: list[int]
    ) -> None:
        bestaand = {
            p.id: p
            for p in self.session.scalars(
                select(Leerling).where(Leerling.school_id == self.school.id)
            )
        }
        gekozen = []
        for regel in regels:
            leerling = self._object(regel, bestaand, Leerling, Tab.LEERLINGEN)
            if leerling.left_at is not None:
                leerling.left_at = None
            gekozen.append((regel, leerling))
        self.session.flush()
        self._vervang(
            groepslidmaatschappen,
            "leerling_id",
            [(p.id, [r.groep_key] if r.groep_key else []) for r, p in gekozen],
            jaar_groepen,
        )
        in_esis = {r.bestaand_id for r in alle if r.bestaand_id is not None}
        for leerling in bestaand.values():
            if (
                leerling.left_at is None
                and leerling.extern_nummer is not None
                and leerling.id not in in_esis
            ):
                leerling.left_at = self.moment
                self.vertrokken += 1
        self.session.flush()


def import_verwerken(
    session: Session,
    school: School,
    gebruiker: Gebruiker,
    *,
    sessie_id: int | None = None,
    now: dt.datetime | None = None,
    basis: str | None = None,
) -> Verwerkt:
    """Process the open review (or ``sessie_id``) in one transaction; see the module doc."""
    moment = now or dt.datetime.now(dt.UTC)
    school_id, actor = school.id, gebruiker.emailadres
    vereis_beheerder(school, gebruiker)
    if sessie_id is None:
        open_ = open_sessie(session, school_id)
        if open_ is None:
            raise GeenImportInReview()
        sessie_id = open_.id
    with stap(session, actie="import verwerken", actor=actor, school_id=school_id) as uit:
        _claim(session, school_id, sessie_id, actor, moment)  # the first statement: see module doc
        try:
            vereis_koppeling_toegestaan(session, school)
            sessie = session.get_one(ImportSessie, sessie_id, populate_existing=True)
            regels = list(
                session.scalars(
                    select(ImportRegel)
                    .where(ImportRegel.sessie_id == sessie_id)
                    .order_by(ImportRegel.volgnummer)
                )
            )
            zonder = nieuwe_leraren_zonder_email(regels)
            if zonder:
                raise LeerkrachtZonderEmail(zonder)
            redenen = blokkades(session, school_id, sessie.schooljaar, regels)
            if redenen:
                raise ImportGeblokkeerd(redenen)
            werk = _Verwerking(session, school, sessie, moment, basis or basis_url())

            def te_importeren(soort: RegelSoort) -> list[ImportRegel]:
                return [
                    r
                    for r in regels
                    if r.soort is soort and r.categorie is not Categorie.NIET_IMPORTEREN
                ]

            jaar_groepen = werk.groepen(te_importeren(RegelSoort.GROEP))
            werk.leerkrachten(te_importeren(RegelSoort.LEERKRACHT), jaar_groepen)
            werk.leerlingen(
                te_importeren(RegelSoort.LEERLING),
                [r for r in regels if r.soort is RegelSoort.LEERLING],
                jaar_groepen,
            )
            stand = session.get_one(ImportStand, school_id, populate_existing=True)
            stand.laatste_schooljaar = sessie.schooljaar
            stand.laatst_verwerkt_at = moment
            session.flush()
        except SQLAlchemyError as exc:
            oorzaak = getattr(exc, "orig", None) or type(exc).__name__
            raise ImportMislukt(f"databasefout: {oorzaak}") from exc
        uit.detail = (
            f"import {sessie_id} ({sessie.schooljaar}) verwerkt: "
            + ", ".join(
                f"{tab.value} {werk.aangemaakt[tab]} nieuw / {werk.gekoppeld[tab]} gekoppeld"
                for tab in Tab
            )
            + f"; {werk.vertrokken} vertrokken; {werk.uitnodigingen} uitnodigingen"
        )
    return Verwerkt(
        sessie_id=sessie_id,
        schooljaar=sessie.schooljaar,
        aangemaakt={tab: werk.aangemaakt[tab] for tab in Tab},
        gekoppeld={tab: werk.gekoppeld[tab] for tab in Tab},
        bijgewerkt={tab: werk.bijgewerkt[tab] for tab in Tab},
        vertrokken=werk.vertrokken,
        uitnodigingen=werk.uitnodigingen,
    )
