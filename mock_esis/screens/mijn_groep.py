"""ESIS' dashboard "Mijn Groep": the latest normed result per toets, as group results only (H-S4-12).

For each toets (and toetsonderdeel) it takes, per pupil of the group, the latest normed result that
arrived through the link (latest afnamedatum, then latest arrival), and shows only the group
figures: how many pupils have one, their mean vaardigheidsscore and how they spread over the
niveaus. No per-pupil normed results, and no history: older results are not shown at all.
"""

from __future__ import annotations

from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from mock_esis.admin.changes import all_groups
from mock_esis.screens.gebruikers import groups_taught, is_beheerder
from mock_esis.state.model import OntvangenResultaat, SchoolState
from mock_esis.web.http import HttpError
from uwlr.fake import Gebruiker
from uwlr.models import Groep, SamengesteldeGroep

__all__ = ["find_groep", "groepen_voor", "mijn_groep", "mijn_groep_geweigerd", "mijn_groep_voor"]


def mijn_groep_geweigerd(user: Gebruiker) -> str | None:
    """Why ``user``'s role has no Mijn Groep at all (None for Directie, Applicatiebeheerder and
    Leerkracht)."""
    if is_beheerder(user) or user.rol == "Leerkracht":
        return None
    return f"De rol {user.rol} heeft geen toegang tot Mijn Groep."


def groepen_voor(school: SchoolState, user: Gebruiker) -> list[Groep | SamengesteldeGroep]:
    """The groups Mijn Groep offers ``user``: every group for Directie and Applicatiebeheerder,
    the groups they teach for a Leerkracht, none for another role."""
    groups = all_groups(school.jaren[school.schooljaar])
    if is_beheerder(user):
        return groups
    taught = groups_taught(school, user) if user.rol == "Leerkracht" else set()
    return [g for g in groups if g.key in taught]


def mijn_groep_voor(school: SchoolState, user: Gebruiker, wanted: str) -> dict[str, Any]:
    """Mijn Groep of the group ``wanted`` (key or name) as ``user`` may see it; 403 otherwise."""
    groep = find_groep(school, wanted)
    if not is_beheerder(user):
        reden = mijn_groep_geweigerd(user)
        if reden is not None:
            raise HttpError(403, reden)
        if groep.key not in groups_taught(school, user):
            raise HttpError(
                403, f"{user.naam} is geen leerkracht van {groep.naam} en ziet die niet."
            )
    return mijn_groep(school, groep)


def find_groep(school: SchoolState, wanted: str) -> Groep | SamengesteldeGroep:
    """A group of the current year by key, or else by name (case-insensitive); 404 if none."""
    gegevens = school.jaren[school.schooljaar]
    groups = all_groups(gegevens)
    for groep in groups:
        if groep.key == wanted:
            return groep
    for groep in groups:
        if groep.naam.lower() == wanted.strip().lower():
            return groep
    raise HttpError(404, f"Onbekende groep '{wanted}' op school {school.code}.")


def _is_normed(r: OntvangenResultaat) -> bool:
    return r.vaardigheidsscore is not None or r.niveau is not None or r.dle is not None


def mijn_groep(school: SchoolState, groep: Groep | SamengesteldeGroep) -> dict[str, Any]:
    """The dashboard of ``groep``: per toets, group figures over each pupil's latest result."""
    gegevens = school.jaren[school.schooljaar]
    stam = isinstance(groep, Groep)
    members = [
        p
        for p in gegevens.leerlingen
        if (p.groep == groep.key if stam else groep.key in p.samengestelde_groepen)
    ]
    ids = {p.key for p in members if p.key} | {p.eckid for p in members if p.eckid}
    latest: dict[tuple[str, str | None], dict[str, OntvangenResultaat]] = {}
    for r in school.resultaten.values():
        pupil = r.leerlingid if r.leerlingid in ids else r.eckid
        if pupil not in ids or not _is_normed(r):
            continue
        assert pupil is not None
        per_pupil = latest.setdefault((r.toetscode, r.toetsonderdeelcode), {})
        known = per_pupil.get(pupil)
        if known is None or (r.afnamedatum, r.ontvangen_op) > (
            known.afnamedatum,
            known.ontvangen_op,
        ):
            per_pupil[pupil] = r
    toetsen = [
        _summary(code, onderdeel, list(rs.values())) for (code, onderdeel), rs in latest.items()
    ]
    toetsen.sort(key=lambda t: (t["toetscode"], t["toetsonderdeelcode"] or ""))
    return {
        "school": school.code,
        "schooljaar": school.schooljaar,
        "groep": {"key": groep.key, "naam": groep.naam},
        "aantal_leerlingen_in_groep": len(members),
        "toetsen": toetsen,
    }


def _summary(
    toetscode: str, onderdeel: str | None, results: list[OntvangenResultaat]
) -> dict[str, Any]:
    scores = [r.vaardigheidsscore for r in results if r.vaardigheidsscore is not None]
    mean = None
    if scores:
        mean = str((sum(scores, Decimal(0)) / len(scores)).quantize(Decimal("0.1"), ROUND_HALF_UP))
    niveaus = Counter(r.niveau for r in results if r.niveau is not None)
    names = [r.toetsnaam for r in results if r.toetsnaam]
    return {
        "toetscode": toetscode,
        "toetsnaam": names[0] if names else None,
        "toetsonderdeelcode": onderdeel,
        "aantal_leerlingen": len(results),
        "gemiddelde_vaardigheidsscore": mean,
        "verdeling_niveaus": dict(sorted(niveaus.items())),
        "laatste_afnamedatum": max(r.afnamedatum for r in results).isoformat(),
    }
