"""The autorisatiesleutel at rest: Fernet encryption, masked display, never in a repr or a log.

The same :class:`Kluis` encrypts the body of every queued mail (:mod:`boomlink.mail`).

The Fernet key comes from ``BOOMLINK_SECRET_KEY`` (comma-separated keys rotate: the first one
encrypts, all of them decrypt), or else from a key file next to the SQLite database
(``<database>.key``), generated on first use with mode 0600. A key file that others can read is
refused. A database that is not a SQLite file (PostgreSQL) needs ``BOOMLINK_SECRET_KEY``.
"""

from __future__ import annotations

import hmac
import os
import stat
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from boomlink.config import Settings
from boomlink.errors import (
    ConfiguratieFout,
    GeheimeSleutelOntbreekt,
    SleutelbestandOnveilig,
    SleutelOnleesbaar,
)
from uwlr.masking import mask_secret

__all__ = ["Autorisatiesleutel", "Kluis", "kluis_voor"]

#: ``••••••••3f9a``: the one way the project shows a secret (:func:`uwlr.masking.mask_secret`).


class Autorisatiesleutel:
    """A secret string that only :meth:`onthul` reveals; ``str``/``repr``/``format`` mask it."""

    __slots__ = ("_waarde",)

    def __init__(self, waarde: str) -> None:
        self._waarde = waarde

    def onthul(self) -> str:
        """The plain key, for the UWLR header and for encryption only."""
        return self._waarde

    @property
    def masked(self) -> str:
        return mask_secret(self._waarde)

    def __str__(self) -> str:
        return self.masked

    def __repr__(self) -> str:
        return f"Autorisatiesleutel({self.masked!r})"

    def __format__(self, spec: str) -> str:
        return format(self.masked, spec)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Autorisatiesleutel):
            return NotImplemented
        return hmac.compare_digest(self._waarde.encode(), other._waarde.encode())

    def __hash__(self) -> int:
        return hash((Autorisatiesleutel, self._waarde))

    def __reduce__(self) -> str | tuple[object, ...]:
        raise TypeError("Autorisatiesleutel cannot be pickled")


class Kluis:
    """Encrypts and decrypts autorisatiesleutels with Fernet."""

    __slots__ = ("_fernet",)

    def __init__(self, keys: list[bytes]) -> None:
        if not keys:
            raise GeheimeSleutelOntbreekt("Er is geen geheime sleutel opgegeven.")
        try:
            self._fernet = MultiFernet([Fernet(key) for key in keys])
        except (ValueError, TypeError):
            raise ConfiguratieFout(
                "BOOMLINK_SECRET_KEY is geen geldige Fernet-sleutel (32 bytes, url-safe base64). "
                'Maak er een met: python -c "from cryptography.fernet import Fernet; '
                'print(Fernet.generate_key().decode())"'
            ) from None

    def __repr__(self) -> str:
        return "Kluis(<geheim>)"

    def versleutel(self, sleutel: Autorisatiesleutel) -> bytes:
        return self._fernet.encrypt(sleutel.onthul().encode("utf-8"))

    def ontsleutel(self, token: bytes) -> Autorisatiesleutel:
        try:
            return Autorisatiesleutel(self._fernet.decrypt(token).decode("utf-8"))
        except InvalidToken:
            raise SleutelOnleesbaar() from None

    def versleutel_tekst(self, tekst: str) -> str:
        """Any other secret text (a mail body) as a Fernet token, which is plain ASCII."""
        return self._fernet.encrypt(tekst.encode("utf-8")).decode("ascii")

    def ontsleutel_tekst(self, token: str) -> str | None:
        """The text of :meth:`versleutel_tekst`; ``None`` when none of the keys can read it."""
        try:
            return self._fernet.decrypt(token.encode("ascii")).decode("utf-8")
        except (InvalidToken, UnicodeError):
            return None


def _read_or_create_key_file(path: Path) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            raise SleutelbestandOnveilig(
                f"Het sleutelbestand {path} is leesbaar voor anderen (modus {mode:04o}). "
                f"Zet het op 0600 (chmod 600 {path}) of gebruik BOOMLINK_SECRET_KEY."
            ) from None
        return path.read_bytes().strip()
    key = Fernet.generate_key()
    with os.fdopen(fd, "wb") as handle:
        handle.write(key + b"\n")
    return key


def kluis_voor(settings: Settings) -> Kluis:
    """The Kluis for these settings: ``BOOMLINK_SECRET_KEY``, else the key file by the database."""
    if settings.secret_key:
        keys = [k.strip().encode("ascii") for k in settings.secret_key.split(",") if k.strip()]
        return Kluis(keys)
    key_file = settings.key_file()
    if key_file is None:
        raise GeheimeSleutelOntbreekt(
            "Zet BOOMLINK_SECRET_KEY: zonder SQLite-bestand is er geen plek voor een "
            "sleutelbestand, en de autorisatiesleutel wordt altijd versleuteld opgeslagen."
        )
    return Kluis([_read_or_create_key_file(key_file)])
