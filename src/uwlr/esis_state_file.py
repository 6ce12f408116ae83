"""The mock ESIS' state file (``mock-esis serve --state-file``): read, wait for, write, remove.

One module for every side: ``mock-esis serve`` writes the file through :func:`write_atomically`
and removes it through :func:`remove_if_ours`; ``boomlink --esis-state-file`` and
``uwlr-conformance las --state-file`` read it through :func:`read_state_file`, or with ``--wacht``
through :func:`wait_for_state_file`, which only returns a file whose server answers its health
route (``GET /__admin/gezond``) with the start id the file names. The schema (``versie`` 1) is
documented in docs/mock-esis-state-file.md and shipped next to this module as
``esis-state-file.schema.json``. Files of the previous release (no ``versie``, the schools under
``schools``) are still read.
"""

from __future__ import annotations

import json
import os
import ssl
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "HEALTH_PATH",
    "SCHEMA_FILE",
    "VERSIE",
    "EsisSchool",
    "EsisStateFile",
    "StateFileError",
    "health_answer",
    "parse_document",
    "read_state_file",
    "remove_if_ours",
    "wait_for_state_file",
    "write_atomically",
]

#: The schema version this module writes; files with a higher ``versie`` are refused.
VERSIE = 1
#: The JSON Schema of the file (package data).
SCHEMA_FILE = Path(__file__).with_name("esis-state-file.schema.json")
#: The health route of the mock ESIS, below its base URL.
HEALTH_PATH = "/__admin/gezond"
_PROBE_SECONDS = 2.0
_POLL_SECONDS = 0.1


class StateFileError(ValueError):
    """The state file cannot be used; the message is one Dutch line (no key in it)."""


@dataclass(frozen=True)
class EsisSchool:
    """One school as the state file lists it (``autorisatiesleutel`` None: link not active)."""

    naam: str
    brincode: str
    dependancecode: str
    schoolkey: str
    schooljaar: str
    autorisatiesleutel: str | None = field(repr=False)
    #: The school's entry as written (counts, ESIS users, ...).
    velden: Mapping[str, Any] = field(repr=False, compare=False)


@dataclass(frozen=True)
class EsisStateFile:
    """What a state file says; fields the file lacks are None or empty."""

    path: Path
    versie: int
    pid: int | None
    start_id: str | None
    leerlinggegevens_url: str | None
    leerresultaten_url: str | None
    admin_url: str | None
    esis_url: str | None
    klantnaam: str | None
    klantcode: str | None
    ca_file: str | None
    ca_pem: str | None = field(repr=False)
    scholen: tuple[EsisSchool, ...] = field(repr=False)

    @property
    def gezond_url(self) -> str | None:
        """The health route of the server, from its admin URL."""
        if self.admin_url is None:
            return None
        return self.admin_url.rstrip("/").removesuffix("/__admin") + HEALTH_PATH


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _section(document: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    value = document.get(name)
    return value if isinstance(value, dict) else {}


def _school(raw: Mapping[str, Any]) -> EsisSchool:
    return EsisSchool(
        naam=_text(raw.get("naam")) or "",
        brincode=_text(raw.get("brincode")) or "",
        dependancecode=_text(raw.get("dependancecode")) or "00",
        schoolkey=_text(raw.get("schoolkey")) or "",
        schooljaar=_text(raw.get("schooljaar")) or "",
        autorisatiesleutel=_text(raw.get("autorisatiesleutel")),
        velden=dict(raw),
    )


def parse_document(document: Any, path: Path) -> EsisStateFile:
    """The state file ``document`` (decoded JSON) as :class:`EsisStateFile`."""
    if not isinstance(document, dict):
        raise StateFileError(f"het statusbestand {path} heeft een onbekende vorm (geen object)")
    versie = document.get("versie", 0)
    if not isinstance(versie, int) or isinstance(versie, bool) or versie < 0:
        raise StateFileError(f"het statusbestand {path} heeft een ongeldige versie: {versie!r}")
    if versie > VERSIE:
        raise StateFileError(
            f"het statusbestand {path} heeft versie {versie}; deze versie van boomlink leest "
            f"tot en met versie {VERSIE}: werk boomlink bij"
        )
    raw_schools = document.get("scholen")
    if raw_schools is None:
        raw_schools = document.get("schools")  # the old name, read for one release
    schools = raw_schools if isinstance(raw_schools, list) else []
    endpoints = _section(document, "endpoints")
    tls = _section(document, "tls")
    pid = document.get("pid")
    return EsisStateFile(
        path=path,
        versie=versie,
        pid=pid if isinstance(pid, int) and not isinstance(pid, bool) else None,
        start_id=_text(document.get("start_id")),
        leerlinggegevens_url=_text(endpoints.get("leerlinggegevens")),
        leerresultaten_url=_text(endpoints.get("leerresultaten")),
        admin_url=_text(endpoints.get("admin")),
        esis_url=_text(document.get("esis")),
        klantnaam=_text(document.get("klantnaam")),
        klantcode=_text(document.get("klantcode")),
        ca_file=_text(tls.get("ca_file")),
        ca_pem=_text(tls.get("ca_pem")),
        scholen=tuple(_school(s) for s in schools if isinstance(s, dict)),
    )


def read_state_file(path: Path | str) -> EsisStateFile:
    """Read the state file now (no waiting, no health check)."""
    path = Path(path).expanduser()
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        raise StateFileError(f"het statusbestand {path} bestaat niet") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise StateFileError(
            f"het statusbestand {path} is niet te lezen ({type(exc).__name__})"
        ) from None
    try:
        document = json.loads(text)
    except ValueError:
        raise StateFileError(f"het statusbestand {path} is geen geldige JSON") from None
    return parse_document(document, path)


def health_answer(start_id: str) -> dict[str, str]:
    """The health route's answer: no data, only that it serves and which start it is."""
    return {"status": "gezond", "start_id": start_id}


def _context(state: EsisStateFile) -> ssl.SSLContext | None:
    url = state.gezond_url or ""
    if not url.startswith("https://"):
        return None
    if state.ca_file and Path(state.ca_file).is_file():
        return ssl.create_default_context(cafile=state.ca_file)
    if state.ca_pem:
        return ssl.create_default_context(cadata=state.ca_pem)
    return ssl.create_default_context()


def _probe(state: EsisStateFile) -> str | None:
    """None when the file's server answers its health route as the file's start; else why not."""
    url = state.gezond_url
    if url is None:
        return "het noemt geen admin-adres"
    try:
        with urllib.request.urlopen(url, timeout=_PROBE_SECONDS, context=_context(state)) as r:
            answer = json.loads(r.read(4096) or b"{}")
    except urllib.error.HTTPError as exc:
        if state.start_id is None:  # a file of the previous release: its mock has no health route
            return None
        return f"{url} antwoordt met HTTP {exc.code}"
    except (OSError, ValueError):
        return f"niemand antwoordt op {url}"
    if state.start_id and (
        not isinstance(answer, dict) or answer.get("start_id") != state.start_id
    ):
        return f"op {url} draait een andere nep-ESIS dan die het bestand schreef"
    return None


def wait_for_state_file(path: Path | str, seconds: float) -> EsisStateFile:
    """Wait up to ``seconds`` for a state file whose server answers its health route.

    A leftover file of an earlier run is passed over: its server does not answer, or another
    one answers with another start id. After ``seconds`` a :class:`StateFileError` says what was
    last seen, in one line.
    """
    path = Path(path).expanduser()
    deadline = time.monotonic() + max(seconds, 0.0)
    while True:
        try:
            state = read_state_file(path)
            reason = _probe(state)
            if reason is None:
                return state
            why = f"het bestand is er, maar {reason} (een overblijfsel van een eerdere run?)"
        except StateFileError as exc:
            why = str(exc)
        if time.monotonic() >= deadline:
            raise StateFileError(
                f"na {seconds:g} s wachten is er nog geen bruikbare nep-ESIS in {path}: {why}"
            )
        time.sleep(_POLL_SECONDS)


def write_atomically(path: Path, document: Mapping[str, Any]) -> None:
    """Write ``document`` as JSON to ``path``: a temp file in the same folder, then a rename,
    so a reader sees the old file or the new one, never half of one."""
    data = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.chmod(tmp, 0o644)  # as a plain new file; mkstemp makes it 0600
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def remove_if_ours(path: Path, start_id: str) -> None:
    """Remove the state file when it is still the one of start ``start_id``."""
    try:
        state = read_state_file(path)
    except StateFileError:
        return
    if state.start_id == start_id:
        path.unlink(missing_ok=True)
