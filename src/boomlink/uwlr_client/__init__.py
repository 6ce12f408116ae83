"""The UWLR client of the Boom side (the afnemer): fetch leerlinggegevens, send leerresultaten.

::

    config = ClientConfig(leerlinggegevens_url=..., leerresultaten_url=...,
                          klantnaam="Boom testcentrum", klantcode=...)
    with UwlrClient(config) as client:
        result = client.haal_leerlinggegevens(sleutel, schooljaar="2026-2027",
                                              brincode="99QQ", dependancecode="00")
        result.message        # LeerlinggegevensAntwoord
        result.warnings       # what was odd in the answer (read anyway)

Errors: see :mod:`boomlink.uwlr_client.errors`; each has a Dutch ``bericht``.
Design and retry policy: docs/adr/0004-uwlr-client.md.
"""

from __future__ import annotations

from boomlink.uwlr_client.client import UwlrClient
from boomlink.uwlr_client.config import ClientConfig
from boomlink.uwlr_client.errors import (
    AutorisatieGeweigerd,
    BerichtGeweigerd,
    BeveiligdeVerbindingMislukt,
    KlantOnbekend,
    LasInterneFout,
    LasOnbereikbaar,
    LasTijdelijkNietBeschikbaar,
    LasTimeout,
    LeerlingGeweigerd,
    OngeldigAntwoord,
    OngeldigVerzoek,
    ResultaatGeweigerd,
    UwlrClientError,
    UwlrFaultError,
    VerbindingsFout,
)
from boomlink.uwlr_client.exchange import Exchange
from boomlink.uwlr_client.result import Result
from boomlink.uwlr_client.retry import RetryPolicy

__all__ = [
    "AutorisatieGeweigerd",
    "BerichtGeweigerd",
    "BeveiligdeVerbindingMislukt",
    "ClientConfig",
    "Exchange",
    "KlantOnbekend",
    "LasInterneFout",
    "LasOnbereikbaar",
    "LasTijdelijkNietBeschikbaar",
    "LasTimeout",
    "LeerlingGeweigerd",
    "OngeldigAntwoord",
    "OngeldigVerzoek",
    "ResultaatGeweigerd",
    "Result",
    "RetryPolicy",
    "UwlrClient",
    "UwlrClientError",
    "UwlrFaultError",
    "VerbindingsFout",
]
