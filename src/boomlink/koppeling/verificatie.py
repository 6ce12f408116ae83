"""Stap 3's check of the autorisatiesleutel: one real UWLR call to ESIS before the key is stored.

:func:`esis_verifier` gives the :data:`~boomlink.koppeling.stap3.Verifier` that ``boomlink koppeling
opslaan`` uses. It sends ``HaalStructuur`` (the smallest question that needs a valid key) for the
current school year, addressed by the SchoolKey when one was filled in, else by brincode +
dependancecode, with the key in the ``autorisatie`` header. Any answer, also "geen gegevens",
means ESIS accepted the key. Failures become the errors of :mod:`boomlink.koppeling.verificatie_fouten`,
each with its own Dutch text (a refused key, Boom unknown to ESIS, ESIS unreachable).

A school admin waits for this, so the call is short: :class:`Verificatiebeleid` allows 3 attempts
(enough to ride out a 503 or two), 3 s to connect and 8 s to answer, and waits of at most 1 s;
against an ESIS that hangs that is about half a minute, against a closed port about a second.

The key travels only in the request: the client masks it in what it keeps and logs, and this
module logs the school, the outcome and the masked key.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from boomlink.config import Settings
from boomlink.errors import ConfiguratieFout
from boomlink.koppeling.stap3 import Verificatieverzoek, Verifier
from boomlink.koppeling.verificatie_fouten import EsisNietIngesteld, vertaal_fout
from boomlink.las_config import LasSettings
from boomlink.uwlr_client import RetryPolicy, UwlrClient, UwlrClientError

__all__ = ["Verificatiebeleid", "esis_verifier", "verifieer_bij_esis"]

log = logging.getLogger("boomlink.verificatie")


@dataclass(frozen=True, slots=True)
class Verificatiebeleid:
    """How long a school admin may be kept waiting: attempts, timeouts (s) and backoff (s)."""

    pogingen: int = 3
    connect_timeout: float = 3.0
    read_timeout: float = 8.0
    backoff_base: float = 0.25
    backoff_max: float = 1.0
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)

    def retry(self) -> RetryPolicy:
        return RetryPolicy(
            max_attempts=self.pogingen,
            backoff_base=self.backoff_base,
            backoff_max=self.backoff_max,
            sleep=self.sleep,
        )


def _adres(verzoek: Verificatieverzoek) -> str:
    if verzoek.schoolkey:
        return f"SchoolKey {verzoek.schoolkey}"
    return f"BRIN {verzoek.brincode}{verzoek.dependancecode or '00'}"


def verifieer_bij_esis(
    las: LasSettings, verzoek: Verificatieverzoek, *, beleid: Verificatiebeleid | None = None
) -> None:
    """Ask ESIS once (with short retries) whether it accepts the key; raise when it does not."""
    beleid = beleid or Verificatiebeleid()
    config = las.client_config(
        connect_timeout=beleid.connect_timeout,
        read_timeout=beleid.read_timeout,
        retry=beleid.retry(),
    )
    adres = _adres(verzoek)
    sleutel = verzoek.autorisatiesleutel
    try:
        client = UwlrClient(config)
    except ValueError as exc:  # unreadable CA bundle or client certificate
        raise ConfiguratieFout(f"{exc}. De autorisatiesleutel is niet opgeslagen.") from None
    with client:
        try:
            client.haal_structuur(
                sleutel.onthul(),
                schooljaar=verzoek.schooljaar,
                brincode=verzoek.brincode,
                dependancecode=verzoek.dependancecode,
                schoolkey=verzoek.schoolkey,
            )
        except UwlrClientError as error:
            log.warning(
                "Autorisatiesleutel %s voor %s niet aanvaard door ESIS: %s na %d poging(en)",
                sleutel.masked,
                adres,
                type(error).__name__,
                error.attempts,
            )
            raise vertaal_fout(error, school=adres) from None
    log.info("Autorisatiesleutel %s voor %s aanvaard door ESIS", sleutel.masked, adres)


def esis_verifier(settings: Settings, *, beleid: Verificatiebeleid | None = None) -> Verifier:
    """The verifier for the configured ESIS (``settings.las``).

    Without a configured LAS the verifier refuses with
    :class:`~boomlink.koppeling.verificatie_fouten.EsisNietIngesteld` when called (after the step's own
    rules were checked): a key is never stored unverified.
    """
    las = settings.las

    def verifier(verzoek: Verificatieverzoek) -> None:
        if las is None:
            raise EsisNietIngesteld()
        verifieer_bij_esis(las, verzoek, beleid=beleid)

    return verifier
