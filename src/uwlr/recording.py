"""The recording format shared by ``uwlr-conformance proxy --record`` and ``mock-esis recording``.

A recording is a folder: one file per request and per answer, and ``index.json`` that lists every
exchange with its operation, HTTP status, timing and the SHA-256 of both files. The checksums let a
reader refuse a damaged file by name instead of serving half a school. Keys are masked before
anything is written (see :func:`mask_keys`).

::

    index.json
    0001-HaalLeerlinggegevens.verzoek.xml
    0001-HaalLeerlinggegevens.antwoord.xml
    ...
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Final

from uwlr.masking import mask_secret
from uwlr.safexml import XmlInputError, parse_xml

__all__ = [
    "FORMAT",
    "INDEX",
    "Recording",
    "RecordingError",
    "RecordingWriter",
    "RecordedExchange",
    "mask_keys",
    "read_recording",
]

FORMAT: Final = "uwlr-opname"
VERSION: Final = 1
INDEX: Final = "index.json"

_KEY_ELEMENT: Final = re.compile(
    rb"(<(?:[\w.-]+:)?autorisatiesleutel\b[^>]*>)([^<]*)(</(?:[\w.-]+:)?autorisatiesleutel>)"
)


class RecordingError(ValueError):
    """The recording cannot be read; the message names the file and says what is wrong (Dutch)."""


def mask_keys(body: bytes, secrets: set[str] | None = None) -> bytes:
    """``body`` with every ``autorisatiesleutel`` element's text masked, and every other occurrence
    of a known secret (``secrets``) too: a key must never reach a recording."""
    masked = _KEY_ELEMENT.sub(
        lambda m: (
            m.group(1) + mask_secret(m.group(2).decode("utf-8", "replace")).encode() + m.group(3)
        ),
        body,
    )
    for secret in sorted(secrets or (), key=len, reverse=True):
        if len(secret) >= 4:
            masked = masked.replace(secret.encode(), mask_secret(secret).encode())
    return masked


@dataclass
class RecordedExchange:
    """One line of ``index.json``: a request, its answer and how it went."""

    nummer: int
    endpoint: str
    operatie: str | None
    begonnen: str
    duur_ms: float
    http_status: int | None
    soapaction: str | None
    verzoek_content_type: str | None
    antwoord_content_type: str | None
    verzoek: str
    antwoord: str | None
    verzoek_sha256: str
    antwoord_sha256: str | None
    fout: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Recording:
    """A recording read back: its folder, header fields and exchanges (files not yet read)."""

    folder: Path
    exchanges: list[RecordedExchange]
    header: dict[str, Any] = field(default_factory=dict)

    @property
    def geanonimiseerd(self) -> bool:
        return bool(self.header.get("geanonimiseerd"))

    def read(self, name: str) -> bytes:
        """The bytes of one file of the recording."""
        return (self.folder / name).read_bytes()


class RecordingWriter:
    """Writes exchanges into a folder; thread-safe; the index is rewritten atomically each time."""

    def __init__(self, folder: Path, header: dict[str, Any] | None = None) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        os.chmod(folder, 0o700)
        self.header = {
            "formaat": FORMAT,
            "versie": VERSION,
            "gemaakt": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            **(header or {}),
        }
        self.exchanges: list[RecordedExchange] = []
        self._lock = threading.Lock()
        self._write_index()

    def add(
        self,
        *,
        endpoint: str,
        operatie: str | None,
        begonnen: dt.datetime,
        duur_ms: float,
        http_status: int | None,
        soapaction: str | None,
        verzoek_content_type: str | None,
        antwoord_content_type: str | None,
        verzoek: bytes,
        antwoord: bytes | None,
        fout: str | None = None,
        nummer: int | None = None,
    ) -> RecordedExchange:
        """Write the two files (``verzoek``/``antwoord`` must already be masked) and the index."""
        with self._lock:
            number = nummer if nummer is not None else len(self.exchanges) + 1
            stem = f"{number:04d}-{operatie or 'onbekend'}"
            request_name = f"{stem}.verzoek.xml"
            _write(self.folder / request_name, verzoek)
            answer_name = None
            if antwoord is not None:
                answer_name = f"{stem}.antwoord.xml"
                _write(self.folder / answer_name, antwoord)
            entry = RecordedExchange(
                nummer=number,
                endpoint=endpoint,
                operatie=operatie,
                begonnen=begonnen.isoformat(timespec="milliseconds"),
                duur_ms=round(duur_ms, 3),
                http_status=http_status,
                soapaction=soapaction,
                verzoek_content_type=verzoek_content_type,
                antwoord_content_type=antwoord_content_type,
                verzoek=request_name,
                antwoord=answer_name,
                verzoek_sha256=hashlib.sha256(verzoek).hexdigest(),
                antwoord_sha256=hashlib.sha256(antwoord).hexdigest()
                if antwoord is not None
                else None,
                fout=fout,
            )
            self.exchanges.append(entry)
            self.exchanges.sort(key=lambda e: e.nummer)
            self._write_index()
            return entry

    def _write_index(self) -> None:
        document = {**self.header, "uitwisselingen": [e.to_json() for e in self.exchanges]}
        data = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
        tmp = self.folder / (INDEX + ".tmp")
        _write(tmp, data)
        tmp.replace(self.folder / INDEX)


def _write(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


_FIELDS: Final = {f for f in RecordedExchange.__dataclass_fields__}
_REQUIRED: Final = ("nummer", "endpoint", "verzoek", "verzoek_sha256")


def read_recording(folder: Path, *, check_xml: bool = True) -> Recording:
    """Read and verify a recording: the index, every file present, unchanged and well-formed XML.

    Raises :class:`RecordingError` naming the first damaged file.
    """
    if not folder.is_dir():
        raise RecordingError(f"Opname {folder}: de map bestaat niet.")
    index = folder / INDEX
    try:
        document = json.loads(index.read_text("utf-8"))
    except FileNotFoundError:
        raise RecordingError(f"Opname {folder}: {INDEX} ontbreekt.") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RecordingError(f"Opname {folder}: {INDEX} is beschadigd ({exc}).") from None
    if not isinstance(document, dict) or document.get("formaat") != FORMAT:
        raise RecordingError(f"Opname {folder}: {INDEX} is geen {FORMAT}-index.")
    raw = document.get("uitwisselingen")
    if not isinstance(raw, list):
        raise RecordingError(f"Opname {folder}: {INDEX} heeft geen lijst 'uitwisselingen'.")
    exchanges: list[RecordedExchange] = []
    for position, item in enumerate(raw, 1):
        if not isinstance(item, dict) or any(name not in item for name in _REQUIRED):
            raise RecordingError(
                f"Opname {folder}: {INDEX}, uitwisseling {position} is onvolledig."
            )
        values: dict[str, Any] = {name: item.get(name) for name in _FIELDS}
        exchange = RecordedExchange(**values)
        _verify(folder, exchange.verzoek, exchange.verzoek_sha256, check_xml=check_xml)
        if exchange.antwoord is not None:
            # an answer the proxy already found unreadable (``fout``) is kept as evidence
            readable = check_xml and exchange.fout is None
            _verify(folder, exchange.antwoord, exchange.antwoord_sha256, check_xml=readable)
        exchanges.append(exchange)
    header = {k: v for k, v in document.items() if k != "uitwisselingen"}
    return Recording(folder=folder, exchanges=exchanges, header=header)


def _verify(folder: Path, name: str, sha256: str | None, *, check_xml: bool) -> None:
    if not isinstance(name, str) or "/" in name or "\\" in name or name.startswith("."):
        raise RecordingError(f"Opname {folder}: ongeldige bestandsnaam {name!r} in {INDEX}.")
    path = folder / name
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise RecordingError(f"Opname {folder}: bestand {name} ontbreekt.") from None
    if sha256 is not None and hashlib.sha256(data).hexdigest() != sha256:
        raise RecordingError(
            f"Opname {folder}: bestand {name} is beschadigd of gewijzigd (controlesom klopt niet)."
        )
    if check_xml and data.strip():
        try:
            parse_xml(data)
        except XmlInputError as exc:
            raise RecordingError(
                f"Opname {folder}: bestand {name} is geen leesbare XML ({exc})."
            ) from None
