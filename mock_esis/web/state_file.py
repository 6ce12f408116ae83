"""The ``--state-file`` of ``mock-esis serve``: its document, and a writer that keeps it current.

The document (schema ``versie`` 1, docs/mock-esis-state-file.md) is built by
:func:`state_document`. :class:`StateFileWriter` writes it once the server accepts connections,
then again after every change of the state that alters it (a key rotated, a link switched on or
off, a reset, schools added: it observes :meth:`MockState.change`), and removes it on a clean
stop. Writing goes through :mod:`uwlr.esis_state_file` (temp file + rename), under the state
lock, so the file on disk is never older than the last change that altered it.
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mock_esis.state.model import MockState, SchoolState
from uwlr.esis_state_file import VERSIE, remove_if_ours, write_atomically

if TYPE_CHECKING:
    from mock_esis.web.server import MockEsisServer

__all__ = ["StateFileWriter", "school_entry", "state_document"]


def school_entry(school: SchoolState) -> dict[str, Any]:
    """One school of the document (call under the school's or the state's lock)."""
    gegevens = school.gegevens(school.schooljaar)
    return {
        "naam": school.naam,
        "brincode": school.fake.brincode,
        "dependancecode": school.fake.dependancecode,
        "schoolkey": school.schoolkey,
        "schooljaar": school.schooljaar,
        "autorisatiesleutel": school.koppeling.autorisatiesleutel
        if school.koppeling.actief
        else None,
        "groepen": len(gegevens.groepen) + len(gegevens.samengestelde_groepen) if gegevens else 0,
        "leerlingen": len(gegevens.leerlingen) if gegevens else 0,
        "leerkrachten": len(gegevens.leerkrachten) if gegevens else 0,
        "gebruikers": [
            {"naam": g.naam, "rol": g.rol, "gebruikersnaam": g.gebruikersnaam}
            for g in school.fake.gebruikers
        ],
    }


def state_document(server: MockEsisServer, scholen: list[dict[str, Any]]) -> dict[str, Any]:
    """The whole document for ``server`` with the school entries ``scholen``."""
    state = server.app.state
    endpoints = server.endpoints
    return {
        "versie": VERSIE,
        "pid": os.getpid(),
        "start_id": server.app.start_id,
        "endpoints": {k: v for k, v in endpoints.items() if k != "esis"},
        "esis": endpoints["esis"],
        "tls": _tls_entry(server),
        "klantnaam": state.klantnaam,
        "klantcode": state.klantcode,
        "scholen": scholen,
        # The name before versie 1, still written for one release (docs/mock-esis-state-file.md).
        "schools": scholen,
    }


def _tls_entry(server: MockEsisServer) -> dict[str, str] | None:
    """The CA of a ``--tls`` server (its file read once: every change rewrites the document,
    and the CA does not change while the server runs)."""
    if server.tls is None:
        return None
    return {"ca_file": str(server.tls.ca), "ca_pem": _ca_pem(server.tls.ca)}


@functools.cache
def _ca_pem(path: Path) -> str:
    return path.read_text("ascii")


class StateFileWriter:
    """Keeps ``path`` equal to the server's state document from :meth:`open` to :meth:`close`."""

    def __init__(self, server: MockEsisServer, path: Path) -> None:
        self.server = server
        self.path = path
        self._entries: dict[str, tuple[int, int, dict[str, Any]]] = {}
        self._last: dict[str, Any] | None = None
        self._warned = False

    @property
    def _state(self) -> MockState:
        return self.server.app.state

    def _document(self) -> dict[str, Any]:
        entries = []
        cache: dict[str, tuple[int, int, dict[str, Any]]] = {}
        for code, school in self._state.schools.items():
            known = self._entries.get(code)
            if known is None or known[0] != id(school) or known[1] != school.version:
                known = (id(school), school.version, school_entry(school))
            cache[code] = known
            entries.append(known[2])
        self._entries = cache
        return state_document(self.server, entries)

    def open(self) -> None:
        """Write the file (the server accepts connections by now) and follow every change."""
        with self._state.lock:
            self._write(self._document())
            self._state.observers.append(self._changed)

    def _changed(self, state: MockState) -> None:
        document = self._document()
        if document != self._last:
            try:
                self._write(document)
            except OSError as exc:  # the change itself stands; say so once
                if not self._warned:
                    self._warned = True
                    print(
                        f"mock-esis: het statusbestand {self.path} kon niet worden bijgewerkt"
                        f" ({type(exc).__name__})",
                        file=sys.stderr,
                        flush=True,
                    )

    def _write(self, document: dict[str, Any]) -> None:
        write_atomically(self.path, document)
        self._last = document

    def close(self) -> None:
        """Stop following changes and remove the file (if it is still this start's)."""
        with self._state.lock:
            if self._changed in self._state.observers:
                self._state.observers.remove(self._changed)
        remove_if_ours(self.path, self.server.app.start_id)
