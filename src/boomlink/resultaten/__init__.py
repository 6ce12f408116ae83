"""Stap 4, second half: results flow to ESIS by themselves, exactly once (H-S4-09..13, H-X-02).

* :mod:`~boomlink.resultaten.normeren`: norming an administration queues its result.
* :mod:`~boomlink.resultaten.outbox`: the durable outbox, claims with leases.
* :mod:`~boomlink.resultaten.berichten`: ``BrengLeerresultaten`` per school, stable keys.
* :mod:`~boomlink.resultaten.bezorging`: delivery, retries, splitting around refusals.
* :mod:`~boomlink.resultaten.worker`: ``boomlink worker`` and ``boomlink sync``.
* :mod:`~boomlink.resultaten.backfill`: the previous school year, by Boom support only.
* :mod:`~boomlink.resultaten.status`: what support sees.

Design and choices: docs/result-push.md.
"""

from __future__ import annotations

from boomlink.resultaten.backfill import TerugzetUitkomst, vorig_schooljaar_terugzetten
from boomlink.resultaten.berichten import bouw_verzoek, resultaat_keys
from boomlink.resultaten.bezorging import (
    DEFAULT_LEASE,
    Bezorging,
    BezorgRapport,
    call_budget,
)
from boomlink.resultaten.normeren import (
    NormeerUitkomst,
    Normscores,
    afname_normeren,
    afnames_normeren,
)
from boomlink.resultaten.outbox import Claim, Wachtbeleid, claim_batch
from boomlink.resultaten.status import (
    GeweigerdResultaat,
    ResultatenOverzicht,
    SchoolFout,
    resultaten_overzicht,
)
from boomlink.resultaten.worker import Worker, sync

__all__ = [
    "DEFAULT_LEASE",
    "BezorgRapport",
    "Bezorging",
    "Claim",
    "GeweigerdResultaat",
    "NormeerUitkomst",
    "Normscores",
    "ResultatenOverzicht",
    "SchoolFout",
    "TerugzetUitkomst",
    "Wachtbeleid",
    "Worker",
    "afname_normeren",
    "afnames_normeren",
    "bouw_verzoek",
    "call_budget",
    "claim_batch",
    "resultaat_keys",
    "resultaten_overzicht",
    "sync",
    "vorig_schooljaar_terugzetten",
]
