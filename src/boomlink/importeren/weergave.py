"""How records are named on screen: a person, a group, an existing Boom record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from boomlink.store import Groep, Leerkracht, Leerling
from boomlink.store.import_models import RegelSoort

__all__ = ["datum", "persoonsnaam", "beschrijf_bestaande"]


def persoonsnaam(
    roepnaam: str | None, voorvoegsel: str | None, achternaam: str | None, voorletters: str | None
) -> str:
    """``Jan van Dijk``; without roepnaam the voorletters; never empty."""
    delen = [roepnaam or voorletters, voorvoegsel, achternaam]
    return " ".join(d.strip() for d in delen if d and d.strip()) or "(zonder naam)"


def datum(waarde: dt.date | None) -> str:
    return "-" if waarde is None else waarde.strftime("%d-%m-%Y")


def beschrijf_bestaande(session: Session, soort: RegelSoort, ids: Iterable[int]) -> dict[int, str]:
    """``{id: description}`` of existing Boom records of ``soort``."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    if soort is RegelSoort.GROEP:
        return {
            g.id: f"{g.naam} (jaargroep {g.jaargroep or '-'}, {g.schooljaar})"
            for g in session.scalars(select(Groep).where(Groep.id.in_(wanted)))
        }
    if soort is RegelSoort.LEERKRACHT:
        return {
            t.id: persoonsnaam(t.roepnaam, t.voorvoegsel, t.achternaam, t.voorletters)
            + (f" <{t.emailadres}>" if t.emailadres else "")
            for t in session.scalars(select(Leerkracht).where(Leerkracht.id.in_(wanted)))
        }
    return {
        p.id: persoonsnaam(p.roepnaam, p.voorvoegsel, p.achternaam, p.voorletters)
        + f" ({datum(p.geboortedatum)})"
        + (" (vertrokken)" if p.left_at is not None else "")
        for p in session.scalars(select(Leerling).where(Leerling.id.in_(wanted)))
    }
