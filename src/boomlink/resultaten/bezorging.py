"""Delivering claimed batches to ESIS: exactly once in effect, nothing lost, nothing blocking.

For one claimed batch (one school, one school year):

1. Read the rows and the school's key (:func:`~boomlink.koppeling.stap3.autorisatiesleutel_voor`, which
   refuses unless the link is ``actief``: a link switched off in between sends nothing).
2. Send ``BrengLeerresultaten``. The UWLR client already retries timeouts, resets, 5xx and
   ``Server.*`` faults with backoff (its :class:`~boomlink.uwlr_client.RetryPolicy`).
3. Accepted: record the rows as ``verstuurd`` (only those still ours, same versie).
   A content refusal (``Client.LeerlingOngeldig`` and the other ``Client.*`` faults about the
   results, or a request we could not build validly): ESIS refuses whole messages, so the batch is
   split in halves, by pupil first, and each half is sent again, until the refused pupil (or
   result) stands alone; that one is ``geweigerd`` with the reason, every other result arrives.
   Anything else (ESIS still unreachable after the client's retries, the key or our klantcode
   refused, an unreadable answer): the rows not yet settled go back to the queue to be tried
   again after a growing wait (:class:`~boomlink.resultaten.outbox.Wachtbeleid`). Never dropped.

The lease is extended before each send when less than one worst-case call is left on it, so no
other worker can take the batch while it is being sent; if the lease was lost, sending stops.
``na_verzenden`` is a test hook called after ESIS accepted, before success is recorded.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from boomlink.crypto import Kluis
from boomlink.errors import KoppelingNietActief
from boomlink.koppeling.stap3 import autorisatiesleutel_voor, huidige_koppeling
from boomlink.resultaten.berichten import (
    Regel,
    SchoolAdres,
    bouw_verzoek,
    lees_regels,
    school_adres,
)
from boomlink.resultaten.outbox import (
    Claim,
    Wachtbeleid,
    claim_batch,
    geef_vrij,
    markeer_geweigerd,
    markeer_verstuurd,
    verleng_lease,
)
from boomlink.store import School
from boomlink.uwlr_client import (
    AutorisatieGeweigerd,
    BerichtGeweigerd,
    ClientConfig,
    KlantOnbekend,
    LeerlingGeweigerd,
    OngeldigVerzoek,
    UwlrClient,
    UwlrClientError,
    UwlrFaultError,
)
from uwlr.faults import FaultCode

__all__ = [
    "BATCH_MAX",
    "BezorgRapport",
    "Bezorging",
    "call_budget",
    "lease_voor",
]

BATCH_MAX = 500
GEEN_EXTERN_NUMMER = (
    "De leerling heeft in Boom testcentrum geen extern nummer (leerlingnummer uit ESIS), dus "
    "ESIS weet niet bij welke leerling dit resultaat hoort. Importeer de leerlingen opnieuw uit "
    "ESIS en norm de afname daarna opnieuw."
)

Klok = Callable[[], dt.datetime]


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def call_budget(config: ClientConfig) -> dt.timedelta:
    """The longest one ``breng_leerresultaten`` call may take, retries and waits included."""
    policy = config.retry
    per_attempt = config.connect_timeout + 2 * config.read_timeout
    seconds = policy.max_attempts * per_attempt + (policy.max_attempts - 1) * policy.backoff_max
    return dt.timedelta(seconds=seconds)


def lease_voor(config: ClientConfig, batch: int) -> dt.timedelta:
    """A lease long enough for a batch of ``batch`` rows, splits of a refusal included."""
    splits = 2 * max(1, math.ceil(math.log2(max(2, batch))))
    return call_budget(config) * (splits + 2)


@dataclass
class BezorgRapport:
    """What a run did, counted in outbox rows (administrations) and HTTP messages."""

    batches: int = 0
    berichten: int = 0
    verstuurd: int = 0
    geweigerd: int = 0
    uitgesteld: int = 0
    school_id: int | None = None

    def add(self, other: BezorgRapport) -> None:
        self.batches += other.batches
        self.berichten += other.berichten
        self.verstuurd += other.verstuurd
        self.geweigerd += other.geweigerd
        self.uitgesteld += other.uitgesteld


class _Uitstellen(Exception):
    """Stop this batch; the rows not settled go back to the queue."""

    def __init__(self, fout: str | None, *, wacht: bool = True) -> None:
        super().__init__(fout)
        self.fout = fout
        self.wacht = wacht


def _is_inhoudelijk(error: UwlrClientError) -> bool:
    """Refused for what is in the message (so splitting finds the culprit), not for who sent it
    or how ESIS is doing."""
    if isinstance(error, OngeldigVerzoek):
        return True
    if not isinstance(error, UwlrFaultError) or error.retryable:
        return False
    if isinstance(error, AutorisatieGeweigerd | KlantOnbekend):
        return False
    if isinstance(error, BerichtGeweigerd) and error.code is FaultCode.XSD_VERSIE_ONGELDIG:
        return False
    return error.fault.faultcode.split(":")[-1].startswith("Client")


def _reden(error: UwlrClientError) -> str:
    if isinstance(error, UwlrFaultError):
        return f"{error.bericht} [{error.fault.faultcode}]"
    return error.bericht


def _per_leerling(regels: Sequence[Regel]) -> list[list[Regel]]:
    groups: dict[int, list[Regel]] = {}
    for regel in regels:
        groups.setdefault(regel.leerling_id, []).append(regel)
    return list(groups.values())


class Bezorging:
    """Claims and delivers batches with one UWLR client. Thread-safe only per instance."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        kluis: Kluis,
        config: ClientConfig,
        *,
        batch: int = BATCH_MAX,
        wachtbeleid: Wachtbeleid | None = None,
        lease: dt.timedelta | None = None,
        klok: Klok = _utcnow,
        na_verzenden: Callable[[Claim, list[int]], None] | None = None,
        client: UwlrClient | None = None,
    ) -> None:
        if batch < 1:
            raise ValueError("batch moet minstens 1 zijn")
        self.sessions = sessions
        self.kluis = kluis
        self.config = config
        self.batch = batch
        self.wachtbeleid = wachtbeleid or Wachtbeleid()
        self.lease = lease or lease_voor(config, batch)
        self.budget = min(call_budget(config), self.lease / 2)
        self.klok = klok
        self.na_verzenden = na_verzenden
        self._client = client or UwlrClient(config)
        self._owns_client = client is None

    def close(self) -> None:
        if self._owns_client:
            self._client.close()

    def __enter__(self) -> Bezorging:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- running -----------------------------------------------------------------------------
    def een_batch(
        self, *, school_id: int | None = None, skip_schools: Collection[int] = ()
    ) -> BezorgRapport | None:
        """Claim and deliver one batch; None when nothing is due."""
        with self.sessions() as session:
            claim = claim_batch(
                session,
                max_rows=self.batch,
                lease=self.lease,
                now=self.klok(),
                school_id=school_id,
                skip_schools=skip_schools,
            )
        if claim is None:
            return None
        rapport = self.bezorg(claim)
        rapport.school_id = claim.school_id
        return rapport

    def alles(
        self, *, school_id: int | None = None, max_batches: int | None = None
    ) -> BezorgRapport:
        """Deliver batches until nothing is due (or ``max_batches``): ``boomlink sync``.

        A school whose batch had to be put back is left alone for the rest of this pass."""
        rapport = BezorgRapport()
        uitgesteld: set[int] = set()
        while max_batches is None or rapport.batches < max_batches:
            deel = self.een_batch(school_id=school_id, skip_schools=uitgesteld)
            if deel is None:
                break
            if deel.uitgesteld and deel.school_id is not None:
                uitgesteld.add(deel.school_id)
            rapport.add(deel)
        return rapport

    # -- one claimed batch -------------------------------------------------------------------
    def bezorg(self, claim: Claim) -> BezorgRapport:
        rapport = BezorgRapport(batches=1)
        open_ids = set(claim.ids)
        state = _Staat(claim=claim)
        try:
            with self.sessions() as session:
                school = session.get_one(School, claim.school_id)
                try:
                    sleutel = autorisatiesleutel_voor(session, school, self.kluis).onthul()
                except KoppelingNietActief as exc:
                    raise _Uitstellen(exc.bericht, wacht=False) from None
                adres = school_adres(school, huidige_koppeling(session, school))
                regels = lees_regels(session, claim.ids)
                session.rollback()
            zonder = [r for r in regels if r.leerlingid is None]
            if zonder:
                self._weiger(state, zonder, GEEN_EXTERN_NUMMER, rapport, open_ids)
            te_sturen = [r for r in regels if r.leerlingid is not None]
            if te_sturen:
                self._stuur(state, adres, sleutel, _per_leerling(te_sturen), rapport, open_ids)
        except _Uitstellen as uitstel:
            rest = sorted(open_ids)
            wacht = (
                self.wachtbeleid.wacht(max(r.attempts for r in claim.rows))
                if uitstel.wacht
                else dt.timedelta()
            )
            if rest and state.claim is not None:
                with self.sessions() as session:
                    geef_vrij(
                        session, state.claim, rest, fout=uitstel.fout, now=self.klok(), wacht=wacht
                    )
            rapport.uitgesteld += len(rest)
        return rapport

    def _stuur(
        self,
        state: _Staat,
        adres: SchoolAdres,
        sleutel: str,
        eenheden: list[list[Regel]],
        rapport: BezorgRapport,
        open_ids: set[int],
    ) -> None:
        regels = [r for eenheid in eenheden for r in eenheid]
        self._houd_lease(state)
        assert state.claim is not None
        verzoek = bouw_verzoek(adres, state.claim.schooljaar, regels, self.klok())
        rapport.berichten += 1
        try:
            self._client.breng_leerresultaten(sleutel, verzoek)
        except UwlrClientError as error:
            if not _is_inhoudelijk(error):
                raise _Uitstellen(_reden(error)) from None
            if len(eenheden) > 1:
                half = len(eenheden) // 2
                self._stuur(state, adres, sleutel, eenheden[:half], rapport, open_ids)
                self._stuur(state, adres, sleutel, eenheden[half:], rapport, open_ids)
                return
            if len(regels) > 1 and not isinstance(error, LeerlingGeweigerd):
                self._stuur(state, adres, sleutel, [[r] for r in regels], rapport, open_ids)
                return
            self._weiger(state, regels, _reden(error), rapport, open_ids)
            return
        if self.na_verzenden is not None:
            self.na_verzenden(state.claim, [r.rij_id for r in regels])
        with self.sessions() as session:
            rapport.verstuurd += markeer_verstuurd(
                session, state.claim, {r.rij_id: r.versie for r in regels}, self.klok()
            )
        open_ids.difference_update(r.rij_id for r in regels)

    def _weiger(
        self,
        state: _Staat,
        regels: Sequence[Regel],
        reden: str,
        rapport: BezorgRapport,
        open_ids: set[int],
    ) -> None:
        assert state.claim is not None
        with self.sessions() as session:
            rapport.geweigerd += markeer_geweigerd(
                session, state.claim, {r.rij_id: r.versie for r in regels}, reden, self.klok()
            )
        open_ids.difference_update(r.rij_id for r in regels)

    def _houd_lease(self, state: _Staat) -> None:
        """Make sure the lease outlives one more worst-case call; stop when it was lost."""
        assert state.claim is not None
        now = self.klok()
        if state.claim.lease_until - now >= self.budget:
            return
        if state.claim.lease_until <= now:
            state.claim = None
            raise _Uitstellen("de claim op deze batch is verlopen; een andere worker neemt hem")
        with self.sessions() as session:
            verlengd = verleng_lease(session, state.claim, now + self.lease)
        if verlengd is None:
            state.claim = None
            raise _Uitstellen("de claim op deze batch is verlopen; een andere worker neemt hem")
        state.claim = verlengd


@dataclass
class _Staat:
    claim: Claim | None
