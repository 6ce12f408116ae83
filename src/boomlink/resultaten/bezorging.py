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

Any OTHER error while a batch is claimed (a bug, the database away for a moment) gives the claim
back too: the rows not settled return to the queue with the attempt counted and the same growing
wait, the error's kind in ``last_error``, and the report's ``onverwacht`` names it (the worker
counts those, and stops when they keep coming). Only a hard kill leaves a claim behind.

The claim's lease is short (:data:`DEFAULT_LEASE`, 60 s) and a :class:`LeaseHouder` extends it
while the batch is in hand, so no other worker takes a batch that is being sent, and a dead
worker's batch is free again within one lease. If the lease was lost, sending stops. ``stop``
(the worker's stop event) ends a batch between two sends: what is not settled goes back at once.
``na_verzenden`` is a test hook called after ESIS accepted, before success is recorded.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field

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
from boomlink.resultaten.lease import LeaseHouder
from boomlink.resultaten.outbox import (
    Claim,
    Wachtbeleid,
    claim_batch,
    geef_vrij,
    markeer_geweigerd,
    markeer_verstuurd,
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
    "DEFAULT_LEASE",
    "BezorgRapport",
    "Bezorging",
    "call_budget",
    "onverwachte_fout",
]

log = logging.getLogger("boomlink.resultaten")

BATCH_MAX = 500
#: How long a claim holds its rows without being extended (issue 13: short, kept alive).
DEFAULT_LEASE = dt.timedelta(seconds=60)
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


def onverwachte_fout(error: BaseException) -> str:
    """What support and the operator see of an unexpected error: its kind, never its text (a
    database error quotes SQL parameters, i.e. personal data); the log has the rest."""
    return f"onverwachte fout ({type(error).__name__}); de details staan in het log van de worker"


@dataclass
class BezorgRapport:
    """What a run did, counted in outbox rows (administrations) and HTTP messages."""

    batches: int = 0
    berichten: int = 0
    verstuurd: int = 0
    geweigerd: int = 0
    uitgesteld: int = 0
    school_id: int | None = None
    #: The last unexpected error (see :func:`onverwachte_fout`); None when there was none.
    onverwacht: str | None = None

    def add(self, other: BezorgRapport) -> None:
        self.batches += other.batches
        self.berichten += other.berichten
        self.verstuurd += other.verstuurd
        self.geweigerd += other.geweigerd
        self.uitgesteld += other.uitgesteld
        self.onverwacht = other.onverwacht or self.onverwacht


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
        stop: threading.Event | None = None,
    ) -> None:
        if batch < 1:
            raise ValueError("batch moet minstens 1 zijn")
        self.sessions = sessions
        self.kluis = kluis
        self.config = config
        self.batch = batch
        self.wachtbeleid = wachtbeleid or Wachtbeleid()
        self.lease = lease or DEFAULT_LEASE
        if self.lease <= dt.timedelta():
            raise ValueError("de lease moet langer dan 0 seconden zijn")
        self.klok = klok
        self.na_verzenden = na_verzenden
        self.stop = stop or threading.Event()
        self._client = client or UwlrClient(config)
        self._owns_client = client is None
        self._lock = threading.Lock()
        self._onderweg: _Staat | None = None

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
        with LeaseHouder(self.sessions, claim, self.lease, self.klok) as houder:
            state = _Staat(houder=houder, open_ids=set(claim.ids))
            with self._lock:
                self._onderweg = state
            try:
                self._bezorg(state, rapport)
            except _Uitstellen as uitstel:
                wacht = self._wacht(claim) if uitstel.wacht else dt.timedelta()
                rapport.uitgesteld += self._geef_terug(state, uitstel.fout, wacht)
            except Exception as error:  # anything else: never strand the claimed batch
                log.exception("onverwachte fout bij het afleveren van een batch; teruggegeven")
                rapport.onverwacht = onverwachte_fout(error)
                try:
                    rapport.uitgesteld += self._geef_terug(
                        state, rapport.onverwacht, self._wacht(claim)
                    )
                except Exception:  # the lease runs out, then another worker takes it
                    log.exception("teruggeven mislukt; de rijen komen vrij als de lease afloopt")
            finally:
                with self._lock:
                    self._onderweg = None
        return rapport

    def geef_terug_wat_onderweg_is(self, fout: str | None = None) -> int:
        """Give back the batch in hand now (from another thread, when a stop cannot wait for a
        hung send); returns how many rows went back."""
        with self._lock:
            state = self._onderweg
        if state is None:
            return 0
        return self._geef_terug(state, fout, dt.timedelta())

    def _wacht(self, claim: Claim) -> dt.timedelta:
        return self.wachtbeleid.wacht(max(r.attempts for r in claim.rows))

    def _geef_terug(self, state: _Staat, fout: str | None, wacht: dt.timedelta) -> int:
        with state.lock:
            rest = sorted(state.open_ids)
            state.open_ids.clear()
        if rest:
            with self.sessions() as session:
                geef_vrij(
                    session, state.houder.claim, rest, fout=fout, now=self.klok(), wacht=wacht
                )
        return len(rest)

    def _bezorg(self, state: _Staat, rapport: BezorgRapport) -> None:
        claim = state.houder.claim
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
            self._weiger(state, zonder, GEEN_EXTERN_NUMMER, rapport)
        te_sturen = [r for r in regels if r.leerlingid is not None]
        if te_sturen:
            self._stuur(state, adres, sleutel, _per_leerling(te_sturen), rapport)

    def _stuur(
        self,
        state: _Staat,
        adres: SchoolAdres,
        sleutel: str,
        eenheden: list[list[Regel]],
        rapport: BezorgRapport,
    ) -> None:
        regels = [r for eenheid in eenheden for r in eenheid]
        self._mag_versturen(state)
        claim = state.houder.claim
        verzoek = bouw_verzoek(
            adres, claim.schooljaar, regels, self.klok(), xsdversie=self.config.xsdversie
        )
        rapport.berichten += 1
        try:
            self._client.breng_leerresultaten(sleutel, verzoek)
        except UwlrClientError as error:
            if not _is_inhoudelijk(error):
                raise _Uitstellen(_reden(error)) from None
            if len(eenheden) > 1:
                half = len(eenheden) // 2
                self._stuur(state, adres, sleutel, eenheden[:half], rapport)
                self._stuur(state, adres, sleutel, eenheden[half:], rapport)
                return
            if len(regels) > 1 and not isinstance(error, LeerlingGeweigerd):
                self._stuur(state, adres, sleutel, [[r] for r in regels], rapport)
                return
            self._weiger(state, regels, _reden(error), rapport)
            return
        if self.na_verzenden is not None:
            self.na_verzenden(claim, [r.rij_id for r in regels])
        with self.sessions() as session:
            rapport.verstuurd += markeer_verstuurd(
                session, claim, {r.rij_id: r.versie for r in regels}, self.klok()
            )
        state.settled(r.rij_id for r in regels)

    def _weiger(
        self,
        state: _Staat,
        regels: Sequence[Regel],
        reden: str,
        rapport: BezorgRapport,
    ) -> None:
        with self.sessions() as session:
            rapport.geweigerd += markeer_geweigerd(
                session,
                state.houder.claim,
                {r.rij_id: r.versie for r in regels},
                reden,
                self.klok(),
            )
        state.settled(r.rij_id for r in regels)

    def _mag_versturen(self, state: _Staat) -> None:
        """Before each send: stop when the worker stops or the lease was lost."""
        if self.stop.is_set():
            raise _Uitstellen(None, wacht=False)
        if state.houder.verloren:
            raise _Uitstellen("de claim op deze batch is verlopen; een andere worker neemt hem")


@dataclass
class _Staat:
    """The batch in hand: its lease keeper and the rows not settled yet."""

    houder: LeaseHouder
    open_ids: set[int]
    lock: threading.Lock = field(default_factory=threading.Lock)

    def settled(self, ids: Iterable[int]) -> None:
        with self.lock:
            self.open_ids.difference_update(ids)
