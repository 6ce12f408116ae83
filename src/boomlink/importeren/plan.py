"""What processing a review will do, shared by the summary and the commit: the fields each kind
of record writes, the changes to a linked record, and what blocks the commit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from boomlink.importeren.weergave import persoonsnaam
from boomlink.store import Groep
from boomlink.store.import_models import Categorie, ImportRegel, RegelSoort

__all__ = ["Waarde", "blokkades", "nieuwe_waarden", "nieuwe_leraren_zonder_email", "wijzigingen"]

Waarde = str | int | dt.date | None

_VELDEN = {
    RegelSoort.GROEP: ("naam", "jaargroep", "extern_nummer"),
    RegelSoort.LEERKRACHT: (
        "achternaam",
        "voorvoegsel",
        "voorletters",
        "roepnaam",
        "emailadres",
        "extern_nummer",
        "eckid",
    ),
    RegelSoort.LEERLING: (
        "achternaam",
        "voorvoegsel",
        "voorletters",
        "roepnaam",
        "geboortedatum",
        "geslacht",
        "jaargroep",
        "extern_nummer",
        "eckid",
    ),
}
#: Boom keeps its own value when ESIS sends none for these.
_ALLEEN_ALS_GEVULD = {"emailadres", "eckid"}


def nieuwe_waarden(regel: ImportRegel) -> dict[str, Waarde]:
    """The Boom fields this record sets (H-P-05 / H-P-06; ``extern_nummer`` = the LAS key)."""
    waarden: dict[str, Waarde] = {}
    for veld in _VELDEN[regel.soort]:
        waarde: Waarde = getattr(regel, veld)
        if waarde is None and veld in _ALLEEN_ALS_GEVULD:
            continue
        waarden[veld] = waarde
    return waarden


def wijzigingen(regel: ImportRegel, bestaand: object) -> dict[str, tuple[Waarde, Waarde]]:
    """``{field: (old, new)}`` for a linked record."""
    return {
        veld: (getattr(bestaand, veld), nieuw)
        for veld, nieuw in nieuwe_waarden(regel).items()
        if getattr(bestaand, veld) != nieuw
    }


def nieuwe_leraren_zonder_email(regels: Sequence[ImportRegel]) -> list[str]:
    return [
        persoonsnaam(r.roepnaam, r.voorvoegsel, r.achternaam, r.voorletters)
        for r in regels
        if r.soort is RegelSoort.LEERKRACHT and r.categorie is Categorie.NIEUW and not r.emailadres
    ]


def blokkades(
    session: Session, school_id: int, schooljaar: str, regels: Sequence[ImportRegel]
) -> list[str]:
    """Why the commit would be refused (empty: it can go ahead)."""
    redenen = []
    zonder = nieuwe_leraren_zonder_email(regels)
    if zonder:
        redenen.append(
            f"{len(zonder)} nieuwe leerkracht(en) zonder e-mailadres: " + ", ".join(zonder)
        )
    gekoppeld = {
        r.bestaand_id
        for r in regels
        if r.soort is RegelSoort.GROEP and r.categorie is Categorie.BESTAAND
    }
    vrij = {
        naam
        for gid, naam in session.execute(
            select(Groep.id, Groep.naam).where(
                Groep.school_id == school_id, Groep.schooljaar == schooljaar
            )
        )
        if gid not in gekoppeld
    }
    for regel in regels:
        if regel.soort is RegelSoort.GROEP and regel.categorie is Categorie.NIEUW:
            if regel.naam in vrij:
                redenen.append(
                    f"de nieuwe groep ‘{regel.naam}’ bestaat al in {schooljaar}: kies ‘Koppel "
                    "met bestaande groep’ of zet een van beide onder ‘Niet importeren’"
                )
    return redenen
