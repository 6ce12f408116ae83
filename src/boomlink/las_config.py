"""Where the Boom side finds the school's LAS (ESIS): endpoints, who we are, TLS.

| setting | environment variable | state file (``--esis-state-file``) | default |
| --- | --- | --- | --- |
| leerlinggegevens endpoint | ``BOOMLINK_ESIS_LEERLINGGEGEVENS_URL`` | ``endpoints.leerlinggegevens`` | (required) |
| leerresultaten endpoint | ``BOOMLINK_ESIS_LEERRESULTATEN_URL`` | ``endpoints.leerresultaten`` | (required) |
| klantnaam (afnemer) | ``BOOMLINK_KLANTNAAM`` | ``klantnaam`` | (required) |
| klantcode (afnemer) | ``BOOMLINK_KLANTCODE`` | ``klantcode`` | (required) |
| xsdversie | ``BOOMLINK_UWLR_XSDVERSIE`` | - | ``2.3`` |
| CA bundle (file or folder) | ``BOOMLINK_ESIS_CA_BUNDLE`` | ``tls.ca_file`` | the system's CAs |
| client certificate (PEM) | ``BOOMLINK_ESIS_CLIENT_CERT`` | - | none |
| its private key (PEM) | ``BOOMLINK_ESIS_CLIENT_KEY`` | - | in the certificate file |
| password of that key | ``BOOMLINK_ESIS_CLIENT_KEY_PASSWORD`` | - | none |
| the state file itself | ``BOOMLINK_ESIS_STATE_FILE`` or ``--esis-state-file`` | | none |

Choice: the state file that ``mock-esis serve --state-file`` writes is a shortcut for development
and demos; it gives the endpoints, klantnaam, klantcode and (with ``--tls``) the CA. A variable
that is set wins over the state file, field by field, so one can point at the mock and still try
a wrong klantcode. Nothing is configured at all: :func:`las_settings_from` returns ``None`` and
the key check says the link to ESIS is not set up. Half a configuration is an error that names
what is missing. The state file also lists the mock's keys: those are never read. The file is
read through :mod:`uwlr.esis_state_file`, the reader ``uwlr-conformance`` uses too; with
``--wacht SECONDEN`` boomlink waits for a file whose mock ESIS answers (for CI jobs that start
the mock in the background).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from boomlink.errors import ConfiguratieFout
from boomlink.uwlr_client import ClientConfig, RetryPolicy
from uwlr.esis_state_file import StateFileError, read_state_file, wait_for_state_file
from uwlr.namespaces import DEFAULT_XSDVERSIE, SUPPORTED_XSDVERSIES

__all__ = [
    "ENV_CA_BUNDLE",
    "ENV_CLIENT_CERT",
    "ENV_CLIENT_KEY",
    "ENV_CLIENT_KEY_PASSWORD",
    "ENV_KLANTCODE",
    "ENV_KLANTNAAM",
    "ENV_LEERLINGGEGEVENS_URL",
    "ENV_LEERRESULTATEN_URL",
    "ENV_STATE_FILE",
    "ENV_XSDVERSIE",
    "LasSettings",
    "las_settings_from",
]

ENV_LEERLINGGEGEVENS_URL = "BOOMLINK_ESIS_LEERLINGGEGEVENS_URL"
ENV_LEERRESULTATEN_URL = "BOOMLINK_ESIS_LEERRESULTATEN_URL"
ENV_KLANTNAAM = "BOOMLINK_KLANTNAAM"
ENV_KLANTCODE = "BOOMLINK_KLANTCODE"
ENV_XSDVERSIE = "BOOMLINK_UWLR_XSDVERSIE"
ENV_CA_BUNDLE = "BOOMLINK_ESIS_CA_BUNDLE"
ENV_CLIENT_CERT = "BOOMLINK_ESIS_CLIENT_CERT"
ENV_CLIENT_KEY = "BOOMLINK_ESIS_CLIENT_KEY"
ENV_CLIENT_KEY_PASSWORD = "BOOMLINK_ESIS_CLIENT_KEY_PASSWORD"
ENV_STATE_FILE = "BOOMLINK_ESIS_STATE_FILE"

_REQUIRED = (
    ("leerlinggegevens_url", ENV_LEERLINGGEGEVENS_URL),
    ("leerresultaten_url", ENV_LEERRESULTATEN_URL),
    ("klantnaam", ENV_KLANTNAAM),
    ("klantcode", ENV_KLANTCODE),
)


@dataclass(frozen=True, slots=True)
class LasSettings:
    """The LAS of the schools (ESIS) as the Boom side reaches it. ``repr`` hides the password."""

    leerlinggegevens_url: str
    leerresultaten_url: str
    klantnaam: str
    klantcode: str
    xsdversie: str = DEFAULT_XSDVERSIE
    ca_bundle: str | None = None
    client_cert: str | None = None
    client_key: str | None = None
    client_key_password: str | None = field(default=None, repr=False)

    def client_config(
        self,
        *,
        connect_timeout: float = 5.0,
        read_timeout: float = 30.0,
        retry: RetryPolicy | None = None,
    ) -> ClientConfig:
        """A :class:`ClientConfig` for these settings with the caller's timeouts and retries."""
        return ClientConfig(
            leerlinggegevens_url=self.leerlinggegevens_url,
            leerresultaten_url=self.leerresultaten_url,
            klantnaam=self.klantnaam,
            klantcode=self.klantcode,
            xsdversie=self.xsdversie,
            connect_timeout=connect_timeout,
            read_timeout=read_timeout,
            retry=retry or RetryPolicy(),
            verify=self.ca_bundle or True,
            client_cert=self.client_cert,
            client_key=self.client_key,
            client_key_password=self.client_key_password,
        )


def _state_file_values(path: str, wacht: float | None) -> dict[str, str]:
    """The fields the mock's state file gives (endpoints, afnemer, CA); never its keys."""
    try:
        state = read_state_file(path) if wacht is None else wait_for_state_file(path, wacht)
    except StateFileError as exc:
        bericht = str(exc)
        raise ConfiguratieFout(f"{bericht[:1].upper()}{bericht[1:]}.") from None
    found = {
        "leerlinggegevens_url": state.leerlinggegevens_url,
        "leerresultaten_url": state.leerresultaten_url,
        "klantnaam": state.klantnaam,
        "klantcode": state.klantcode,
        "ca_bundle": state.ca_file,
    }
    return {name: value for name, value in found.items() if value}


def _env(environ: Mapping[str, str], name: str) -> str | None:
    value = environ.get(name)
    return value.strip() if value and value.strip() else None


def _existing_file(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    path = Path(value).expanduser()
    if not path.exists():
        raise ConfiguratieFout(f"{name} wijst naar {value}, maar dat bestand bestaat niet.")
    return str(path)


def las_settings_from(
    environ: Mapping[str, str], *, state_file: str | None = None, wacht: float | None = None
) -> LasSettings | None:
    """The LAS settings from ``environ`` and the optional mock-esis state file (see module doc).

    ``state_file`` (the ``--esis-state-file`` option) wins over ``BOOMLINK_ESIS_STATE_FILE``.
    With ``wacht`` (seconds, the ``--wacht`` option) the state file is waited for until its
    server answers (:func:`uwlr.esis_state_file.wait_for_state_file`).
    Returns ``None`` when nothing about the LAS is configured.
    """
    values: dict[str, str] = {}
    bestand = state_file or _env(environ, ENV_STATE_FILE)
    if bestand:
        values.update(_state_file_values(bestand, wacht))
    for veld, name in (*_REQUIRED, ("ca_bundle", ENV_CA_BUNDLE)):
        value = _env(environ, name)
        if value is not None:
            values[veld] = value
    cert = _env(environ, ENV_CLIENT_CERT)
    key = _env(environ, ENV_CLIENT_KEY)
    password = environ.get(ENV_CLIENT_KEY_PASSWORD) or None
    xsdversie = _env(environ, ENV_XSDVERSIE) or DEFAULT_XSDVERSIE
    if not values and cert is None:
        return None
    missing = [name for veld, name in _REQUIRED if veld not in values]
    if missing:
        raise ConfiguratieFout(
            "De koppeling met ESIS is maar half ingesteld: " + ", ".join(missing) + " ontbreekt. "
            "Zet deze omgevingsvariabelen, of geef het statusbestand van de nep-ESIS met "
            "--esis-state-file."
        )
    for veld, name in _REQUIRED[:2]:
        if not values[veld].startswith(("http://", "https://")):
            raise ConfiguratieFout(f"{name} moet met http:// of https:// beginnen.")
    if xsdversie not in SUPPORTED_XSDVERSIES:
        raise ConfiguratieFout(
            f"{ENV_XSDVERSIE} moet een van {', '.join(SUPPORTED_XSDVERSIES)} zijn, "
            f"niet {xsdversie!r}."
        )
    if cert is None and (key or password):
        raise ConfiguratieFout(
            f"{ENV_CLIENT_KEY} en {ENV_CLIENT_KEY_PASSWORD} horen bij een clientcertificaat: "
            f"zet ook {ENV_CLIENT_CERT}."
        )
    return LasSettings(
        leerlinggegevens_url=values["leerlinggegevens_url"],
        leerresultaten_url=values["leerresultaten_url"],
        klantnaam=values["klantnaam"],
        klantcode=values["klantcode"],
        xsdversie=xsdversie,
        ca_bundle=_existing_file(values.get("ca_bundle"), ENV_CA_BUNDLE),
        client_cert=_existing_file(cert, ENV_CLIENT_CERT),
        client_key=_existing_file(key, ENV_CLIENT_KEY),
        client_key_password=password,
    )
