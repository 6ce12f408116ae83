"""The walk-through: start the surroundings, run the handbook's steps in order, summarise, clean up.

:func:`main` returns the exit status: 0 when every step did what the handbook promises, 1 with a
Dutch message on stderr (no traceback) when one did not, 130 when interrupted. Whatever
happens, what it started is stopped and its temporary folder removed before it returns
(:func:`demo.omgeving.omgeving_starten`); the summary says so, after checking.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from boomlink.errors import BoomlinkError
from demo.omgeving import Omgeving, achtergrondtaken_over, omgeving_starten
from demo.stappen import STAPPEN
from demo.uitvoer import Uitvoer, seconden
from demo.verloop import Demo, DemoFout, Stap
from mock_esis.testing.client import MockEsisError

__all__ = ["main", "reden"]

TITEL = "Boom testcentrum ↔ ESIS: de handleiding ‘Een UWLR-koppeling met ESIS’, van begin tot eind"


@dataclass(frozen=True)
class Verslag:
    """One step done: how long it took and its line for the summary."""

    stap: Stap
    seconden: float
    feit: str | None


def reden(fout: BaseException) -> str:
    """A failure in the words of the reader (never a traceback)."""
    if isinstance(fout, BoomlinkError):
        return fout.bericht
    if isinstance(fout, MockEsisError):
        return f"ESIS weigerde ({fout.status}): {fout.fout}"
    if isinstance(fout, DemoFout):
        return str(fout)
    if isinstance(fout, OSError):
        return f"het systeem meldt: {fout.strerror or fout}"
    return f"onverwachte fout ({type(fout).__name__}): {fout}"


def _omgeving_tonen(uit: Uitvoer, om: Omgeving) -> None:
    uit.regel(f"Tijdelijke map: {om.map}", inspringen=0)
    uit.regel(
        f"Boom testcentrum op SQLite daarin · nep-ESIS {om.server.base_url} · "
        f"mailserver 127.0.0.1:{om.mail.port}",
        inspringen=0,
    )


def _esis_verzoeken(om: Omgeving) -> str:
    """What the mock ESIS received over UWLR, from its journal (over HTTP)."""
    telling = Counter(str(e.get("operation")) for e in om.esis.journal())
    return ", ".join(f"{operatie} {aantal}×" for operatie, aantal in telling.items()) or "niets"


def _samenvatting(
    uit: Uitvoer, verslagen: list[Verslag], verzoeken: str, totaal: float, map_: Path
) -> bool:
    """The summary; returns whether the clean-up is complete."""
    uit.kop("Samenvatting")
    breedte = max(len(v.stap.kop) for v in verslagen)
    for v in verslagen:
        uit.regel(f"{v.stap.kop:<{breedte}}  {seconden(v.seconden):>7}  {v.feit or ''}")
    uit.regel(f"ESIS ontving over UWLR: {verzoeken}")
    uit.regel(f"Totaal {seconden(totaal)}, inclusief starten en opruimen")
    uit.regel(
        "Zelf klikken in de browser: mock-esis serve --state-file esis.json, dan "
        "boomlink gebruiker toevoegen … en boomlink web --esis-state-file esis.json "
        "(http://127.0.0.1:8000/, zie docs/web.md)"
    )
    over = achtergrondtaken_over()
    weg = not map_.exists()
    uit.regel(
        "Opgeruimd: nep-ESIS en mailserver gestopt, "
        + ("tijdelijke map verwijderd" if weg else f"tijdelijke map NIET verwijderd ({map_})")
        + f", {len(over)} achtergrondtaken over"
        + (f" ({', '.join(over)})" if over else "")
    )
    return weg


@contextmanager
def _logboek_stil() -> Iterator[None]:
    """The services log for operators (retries, the masked key); the reader sees only the
    walk-through, so log records go nowhere while it runs (not to Python's last-resort stderr)."""
    stil = logging.NullHandler()
    root = logging.getLogger()
    root.addHandler(stil)
    try:
        yield
    finally:
        root.removeHandler(stil)


def main(stappen: Sequence[Stap] | None = None, *, uit: Uitvoer | None = None) -> int:
    """Run the walk-through (``stappen``: the handbook's, :data:`~demo.stappen.STAPPEN`)."""
    with _logboek_stil():
        return _doorlopen(STAPPEN if stappen is None else stappen, uit or Uitvoer())


def _doorlopen(stappen: Sequence[Stap], uit: Uitvoer) -> int:
    stappen = STAPPEN if stappen is None else stappen
    begin = time.perf_counter()
    uit.titel(TITEL)
    plek = "bij het starten"
    verslagen: list[Verslag] = []
    verzoeken = ""
    map_: Path | None = None
    try:
        with omgeving_starten() as om:
            map_ = om.map
            _omgeving_tonen(uit, om)
            demo = Demo(om, uit)
            for stap in stappen:
                plek = f"bij {stap.kop} ({stap.naam})"
                uit.kop(stap.titel)
                start = time.perf_counter()
                feit = stap.uitvoeren(demo)
                verslagen.append(Verslag(stap, time.perf_counter() - start, feit))
            plek = "bij de samenvatting"
            verzoeken = _esis_verzoeken(om)
            plek = "bij het opruimen"
    except KeyboardInterrupt:
        uit.fout("")
        uit.fout("De demo is onderbroken; wat hij startte is gestopt en opgeruimd.")
        return 130
    except Exception as fout:  # every failure ends here, in Dutch, without a traceback
        uit.fout("")
        uit.fout(f"De demo is gestopt {plek}: {reden(fout)}")
        if map_ is not None:
            opgeruimd = "verwijderd" if not map_.exists() else f"NIET verwijderd ({map_})"
            uit.fout(f"Wat de demo startte is gestopt; de tijdelijke map is {opgeruimd}.")
        return 1
    assert map_ is not None
    return 0 if _samenvatting(uit, verslagen, verzoeken, time.perf_counter() - begin, map_) else 1
