"""The one place every command that talks to ESIS gets its UWLR client configuration from.

``boomlink gegevens importeren``, ``koppeling controleren`` / ``opslaan`` (through
:func:`boomlink.verificatie.esis_verifier`), ``boomlink sync`` and ``boomlink worker`` all use
:attr:`Settings.las <boomlink.config.Settings.las>`, the link's settings
(:mod:`boomlink.las_config`), made by :func:`boomlink.config.load_settings` in this order:

1. the state file: ``--esis-state-file`` (the global option), else ``BOOMLINK_ESIS_STATE_FILE``;
   it gives the endpoints, klantnaam, klantcode and the CA of a mock ESIS;
2. the environment, field by field over the state file: ``BOOMLINK_ESIS_*_URL``,
   ``BOOMLINK_KLANTNAAM``, ``BOOMLINK_KLANTCODE``, ``BOOMLINK_ESIS_CA_BUNDLE``;
3. what only the environment gives: ``BOOMLINK_UWLR_XSDVERSIE`` (default 2.3) and the client
   certificate (``BOOMLINK_ESIS_CLIENT_CERT``, ``…_KEY``, ``…_KEY_PASSWORD``).

Nothing is guessed: there is no default klantnaam (docs/boomlink-link.md), and with no settings
at all :func:`esis_client_config` refuses with a Dutch message (exit 3 on the command line).
Only the timeouts and retries differ per use; they are the caller's.
"""

from __future__ import annotations

from boomlink.config import Settings
from boomlink.errors import ConfiguratieFout
from boomlink.uwlr_client import ClientConfig, RetryPolicy

__all__ = ["NIET_INGESTELD", "esis_client_config"]

NIET_INGESTELD = (
    "Waar ESIS is, is niet ingesteld: zet BOOMLINK_ESIS_LEERLINGGEGEVENS_URL, "
    "BOOMLINK_ESIS_LEERRESULTATEN_URL, BOOMLINK_KLANTNAAM en BOOMLINK_KLANTCODE, of geef "
    "--esis-state-file."
)


def esis_client_config(
    settings: Settings,
    *,
    gevolg: str = "",
    connect_timeout: float = 5.0,
    read_timeout: float = 30.0,
    retry: RetryPolicy | None = None,
) -> ClientConfig:
    """The client configuration for the configured ESIS (endpoints, afnemer, xsdversie, CA,
    client certificate), or :class:`ConfiguratieFout` (``gevolg`` is added to its message, e.g.
    "Er is niets geïmporteerd.")."""
    if settings.las is None:
        raise ConfiguratieFout(f"{NIET_INGESTELD} {gevolg}".strip())
    return settings.las.client_config(
        connect_timeout=connect_timeout, read_timeout=read_timeout, retry=retry
    )
