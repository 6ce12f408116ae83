"""Settings of the Boom side, from the environment and the command line.

| setting | where from | default |
| --- | --- | --- |
| database | ``--db`` (path or URL), else ``BOOMLINK_DATABASE_URL`` (URL), else ``BOOMLINK_DB`` (path or URL) | SQLite file ``./.boomlink/boomlink.sqlite3`` |
| SMTP | ``BOOMLINK_SMTP_URL`` (``smtp://host:25``, ``smtp+starttls://user@host:587``, ``smtps://user@host:465``; the password only in ``BOOMLINK_SMTP_WACHTWOORD``, never in the URL), else ``BOOMLINK_SMTP_HOST`` and ``BOOMLINK_SMTP_PORT`` (plain); ``BOOMLINK_SMTP_TIMEOUT``; ``BOOMLINK_SMTP_CA_BUNDLE`` (CA file for the mail server's certificate, default: the system's) | ``localhost``, ``25``, ``10`` s |
| sender | ``BOOMLINK_MAIL_FROM`` | ``Boom testcentrum <testonderwijs@boom.nl>`` |
| secret for the autorisatiesleutel | ``BOOMLINK_SECRET_KEY`` (Fernet key; several, comma-separated, for rotation: the first encrypts) | a key file next to the SQLite database |
| the LAS (ESIS): endpoints, klantnaam, klantcode, xsdversie, TLS | ``BOOMLINK_ESIS_*``, ``BOOMLINK_KLANTNAAM``, ``BOOMLINK_KLANTCODE``, ``BOOMLINK_UWLR_XSDVERSIE``, or ``--esis-state-file`` (see :mod:`boomlink.las_config`) | not set: the key cannot be checked |

A path given for the database becomes an absolute ``sqlite:///`` URL. Only the default database's
folder is created when missing; ``boomlink --db`` in a folder that does not exist is refused
(:func:`missing_db_folder`, :mod:`boomlink.cli.db_optie`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.utils import parseaddr
from pathlib import Path
from typing import Literal
from urllib.parse import unquote, urlsplit

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from boomlink.errors import ConfiguratieFout
from boomlink.las_config import LasSettings, las_settings_from

__all__ = [
    "DEFAULT_DB_PATH",
    "DEFAULT_MAIL_FROM",
    "MailSettings",
    "Settings",
    "database_url_from",
    "load_settings",
    "mail_settings_from",
    "missing_db_folder",
]

DEFAULT_DB_PATH = Path(".boomlink") / "boomlink.sqlite3"
DEFAULT_MAIL_FROM = "Boom testcentrum <testonderwijs@boom.nl>"
KEY_FILE_SUFFIX = ".key"


@dataclass(frozen=True, slots=True)
class MailSettings:
    """Where the outbox sends its mail."""

    host: str = "localhost"
    port: int = 25
    sender: str = DEFAULT_MAIL_FROM
    timeout: float = 10.0
    #: ``geen`` (plain SMTP), ``starttls`` (upgrade after EHLO) or ``tls`` (implicit, SMTPS).
    beveiliging: Literal["geen", "starttls", "tls"] = "geen"
    gebruiker: str | None = None
    wachtwoord: str | None = field(default=None, repr=False)
    ca_bestand: str | None = None

    @property
    def sender_address(self) -> str:
        """The bare address of ``sender``, used as SMTP envelope sender."""
        return parseaddr(self.sender)[1] or self.sender


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the store, the mail and the crypto need. ``repr`` hides secrets."""

    database_url: str
    mail: MailSettings = field(default_factory=MailSettings)
    secret_key: str | None = field(default=None, repr=False)
    las: LasSettings | None = None

    def __repr__(self) -> str:
        shown = make_url(self.database_url).render_as_string(hide_password=True)
        secret = "<gezet>" if self.secret_key else None
        return f"Settings(database_url={shown!r}, mail={self.mail!r}, secret_key={secret})"

    def sqlite_path(self) -> Path | None:
        """The database file when the store is a SQLite file, else ``None``."""
        url = make_url(self.database_url)
        if url.get_backend_name() != "sqlite":
            return None
        if not url.database or url.database == ":memory:" or url.database.startswith("file:"):
            return None
        return Path(url.database)

    def key_file(self) -> Path | None:
        """Where the generated Fernet key lives when no ``BOOMLINK_SECRET_KEY`` is set."""
        if self.secret_key:
            return None
        path = self.sqlite_path()
        return None if path is None else path.with_name(path.name + KEY_FILE_SUFFIX)


def database_url_from(value: str) -> str:
    """A URL stays as it is (checked); anything else is a path to a SQLite file."""
    if "://" in value:
        try:
            make_url(value)
        except ArgumentError as exc:
            raise ConfiguratieFout(f"Ongeldige database-URL: {exc}") from exc
        return value
    path = Path(value).expanduser().resolve()
    return URL.create("sqlite", database=str(path)).render_as_string(hide_password=False)


def missing_db_folder(value: str | None) -> Path | None:
    """The folder that does not exist for a SQLite database given as ``value`` (``--db``), else
    None. boomlink creates the folder of its default database only, never one the user named."""
    if not value:
        return None
    try:
        url = database_url_from(value)
    except ConfiguratieFout:
        return None  # load_settings reports the bad URL
    path = Settings(database_url=url).sqlite_path()
    if path is None or path.parent.is_dir():
        return None
    return path.parent


def _int(environ: Mapping[str, str], name: str, default: int) -> int:
    raw = environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfiguratieFout(f"{name} moet een geheel getal zijn, niet {raw!r}.") from None
    if not 0 < value < 65536:
        raise ConfiguratieFout(f"{name} moet tussen 1 en 65535 liggen, niet {value}.")
    return value


def _float(environ: Mapping[str, str], name: str, default: float) -> float:
    raw = environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfiguratieFout(f"{name} moet een getal (seconden) zijn, niet {raw!r}.") from None
    if value <= 0:
        raise ConfiguratieFout(f"{name} moet groter dan 0 zijn.")
    return value


_SMTP_SCHEMES: dict[str, tuple[Literal["geen", "starttls", "tls"], int]] = {
    "smtp": ("geen", 25),
    "smtp+starttls": ("starttls", 587),
    "smtps": ("tls", 465),
}


def mail_settings_from(env: Mapping[str, str]) -> MailSettings:
    """The SMTP settings: ``BOOMLINK_SMTP_URL`` (with ``BOOMLINK_SMTP_WACHTWOORD``), else the
    plain ``BOOMLINK_SMTP_HOST`` / ``BOOMLINK_SMTP_PORT`` (see the module docstring)."""
    sender = env.get("BOOMLINK_MAIL_FROM") or DEFAULT_MAIL_FROM
    timeout = _float(env, "BOOMLINK_SMTP_TIMEOUT", 10.0)
    ca_bestand = env.get("BOOMLINK_SMTP_CA_BUNDLE") or None
    if ca_bestand is not None and not Path(ca_bestand).is_file():
        raise ConfiguratieFout(
            f"BOOMLINK_SMTP_CA_BUNDLE wijst naar {ca_bestand}, maar dat bestand bestaat niet."
        )
    url = env.get("BOOMLINK_SMTP_URL")
    if not url:
        return MailSettings(
            host=env.get("BOOMLINK_SMTP_HOST") or "localhost",
            port=_int(env, "BOOMLINK_SMTP_PORT", 25),
            sender=sender,
            timeout=timeout,
            ca_bestand=ca_bestand,
        )
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise ConfiguratieFout(
            "BOOMLINK_SMTP_URL is geen geldig adres; schrijf het als "
            "smtp+starttls://gebruiker@host:587 of smtps://gebruiker@host:465."
        ) from None
    if parts.scheme not in _SMTP_SCHEMES or not parts.hostname:
        raise ConfiguratieFout(
            "BOOMLINK_SMTP_URL moet beginnen met smtp://, smtp+starttls:// of smtps:// en een "
            "host noemen, zoals smtp+starttls://gebruiker@host:587."
        )
    if parts.password is not None:
        raise ConfiguratieFout(
            "Zet het SMTP-wachtwoord niet in BOOMLINK_SMTP_URL maar in BOOMLINK_SMTP_WACHTWOORD."
        )
    beveiliging, standaardpoort = _SMTP_SCHEMES[parts.scheme]
    gebruiker = unquote(parts.username) if parts.username else None
    wachtwoord = env.get("BOOMLINK_SMTP_WACHTWOORD") or None
    if gebruiker and wachtwoord is None:
        raise ConfiguratieFout(
            f"BOOMLINK_SMTP_URL noemt gebruiker {gebruiker}; zet het wachtwoord in "
            "BOOMLINK_SMTP_WACHTWOORD."
        )
    return MailSettings(
        host=parts.hostname,
        port=port or standaardpoort,
        sender=sender,
        timeout=timeout,
        beveiliging=beveiliging,
        gebruiker=gebruiker,
        wachtwoord=wachtwoord,
        ca_bestand=ca_bestand,
    )


def load_settings(
    *,
    db: str | None = None,
    environ: Mapping[str, str] | None = None,
    esis_state_file: str | None = None,
    esis_wacht: float | None = None,
) -> Settings:
    """Settings from ``db`` (the ``--db`` option), ``esis_state_file`` (``--esis-state-file``,
    waited for ``esis_wacht`` seconds with ``--wacht``) and the environment (``os.environ`` by
    default)."""
    env = os.environ if environ is None else environ
    source = db or env.get("BOOMLINK_DATABASE_URL") or env.get("BOOMLINK_DB")
    database_url = database_url_from(source or str(DEFAULT_DB_PATH))
    mail = mail_settings_from(env)
    return Settings(
        database_url=database_url,
        mail=mail,
        secret_key=env.get("BOOMLINK_SECRET_KEY") or None,
        las=las_settings_from(env, state_file=esis_state_file, wacht=esis_wacht),
    )
