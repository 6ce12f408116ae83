"""The first call of a LAS run: is the LAS there, and does it accept our key at all?

Before any check runs, the all-in-one ``HaalLeerlinggegevens`` of the target's school is sent
(the content checks reuse that answer). When no connection can be made (nothing listens, a name
that does not resolve, a TLS certificate we cannot verify), or the LAS answers
``Client.AutorisatieOngeldig`` / ``Client.OngeldigeKlantIdentificatie``, the run is a
:class:`~conformance.errors.ConfigurationError`: the harness cannot judge a LAS it cannot talk
to. A LAS that answers anything else, or hangs, is judged by the checks as usual.
"""

from __future__ import annotations

import re

from conformance.errors import ConfigurationError
from conformance.las.context import LasContext
from conformance.las.probe import Exchange
from uwlr.faults import FaultCode

__all__ = ["preflight"]

_NO_CONNECTION = ("ConnectError", "UnsupportedProtocol", "LocalProtocolError")


def _reason(exchange: Exchange) -> str:
    error = exchange.error or ""
    name, _, detail = error.partition(":")
    detail = detail.strip()
    if "CERTIFICATE_VERIFY_FAILED" in detail:
        return (
            "het TLS-certificaat van de server is niet te controleren "
            "(geef --ca-file, of gebruik het statusbestand van mock-esis)"
        )
    if "Connection refused" in detail or "Errno 111" in detail:
        return "verbinding geweigerd: er luistert niets op dat adres"
    return detail or name


def _one_line(text: str, limit: int = 200) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[:limit] + "…"


def preflight(context: LasContext) -> None:
    """Send the first call; raise :class:`ConfigurationError` when the run cannot mean anything."""
    exchange = context.alles_in_een().exchange
    url = exchange.url
    masker = context.probe.masker
    if exchange.status is None and (exchange.error or "").split(":")[0] in _NO_CONNECTION:
        reason = masker.text(_one_line(_reason(exchange)))
        raise ConfigurationError(
            f"de LAS op {url} is niet bereikbaar: {reason}. Draait de server "
            "(bij --state-file: draait die mock-esis nog)?"
        )
    envelope = exchange.envelope()
    fault = envelope.fault if envelope is not None else None
    if fault is None:
        return
    said = masker.text(_one_line(fault.faultstring or ""))
    if fault.faultcode == FaultCode.AUTORISATIE_ONGELDIG.value:
        raise ConfigurationError(
            f"de LAS op {url} weigert de autorisatiesleutel bij het eerste verzoek "
            f"({fault.faultcode}: {said}); controleer --sleutel of UWLR_AUTORISATIESLEUTEL, "
            "de school (--brincode/--schoolkey) en of de koppeling actief is"
        )
    if fault.faultcode == FaultCode.ONGELDIGE_KLANT_IDENTIFICATIE.value:
        raise ConfigurationError(
            f"de LAS op {url} kent deze afnemer niet bij het eerste verzoek "
            f"({fault.faultcode}: {said}); controleer --klantcode en --klantnaam"
        )
