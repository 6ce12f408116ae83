"""``BrengLeerresultaten`` on the LAS side: check a whole message, then store it all or nothing.

An unknown ``leerlingid`` gives ``Client.LeerlingOngeldig``, an integer score outside its norm
``Client.ScoreOngeldig``; a toetscode that names no toets is already refused by the contract.
A ``resultaat`` whose key arrived before replaces the earlier one: no duplicates.
Mapping (docs/uwlr-mapping.md): the DLE is the OSO referentiescore ``DLE``; the niveau is the
``kwalificatie`` of a referentiescore.
"""

from __future__ import annotations

import datetime as dt

from mock_esis.state.model import OntvangenResultaat, SchoolState
from uwlr.faults import FaultCode, UwlrFault
from uwlr.models import LeerresultatenVerzoek, Normering, Resultaat, Toets

__all__ = ["store_leerresultaten"]


def store_leerresultaten(
    school: SchoolState, verzoek: LeerresultatenVerzoek, now: dt.datetime
) -> list[OntvangenResultaat]:
    """Check ``verzoek`` completely, then store every resultaat (replacing by key)."""
    keys = {p.key for p in school.all_leerlingen() if p.key}
    eckids = {p.eckid: p.key for p in school.all_leerlingen() if p.eckid}
    toetsen = {t.toetscode: t for t in verzoek.toetsen}
    received: list[OntvangenResultaat] = []
    for afname in verzoek.toetsafnames:
        leerlingid = afname.leerlingid
        if leerlingid not in keys:
            by_eckid = eckids.get(afname.eckid or "")
            if by_eckid is None:
                raise UwlrFault(
                    FaultCode.LEERLING_ONGELDIG,
                    f"Leerling ongeldig: leerlingid '{leerlingid}' is op deze school onbekend",
                )
            leerlingid = by_eckid
        for resultaat in afname.resultaten:
            toets = toetsen.get(resultaat.toetscode)
            _check_score(resultaat, toets)
            received.append(_stored(resultaat, leerlingid, afname.eckid, toets, now))
    for item in received:
        school.resultaten[item.key] = item
    return received


def _check_score(resultaat: Resultaat, toets: Toets | None) -> None:
    if resultaat.score is None or toets is None:
        return
    normering: Normering | None = toets.toetsnormering
    if resultaat.toetsonderdeelcode:
        onderdeel = next(
            (o for o in toets.toetsonderdelen if o.code == resultaat.toetsonderdeelcode), None
        )
        normering = onderdeel.normering if onderdeel else None
    if normering is None or not normering.normen:
        return
    low = min(n.beginnormwaarde for n in normering.normen)
    high = max(n.eindnormwaarde for n in normering.normen)
    if not low <= resultaat.score <= high:
        raise UwlrFault(
            FaultCode.SCORE_ONGELDIG,
            f"Score ongeldig: resultaat '{resultaat.key}' heeft score {resultaat.score}, "
            f"de normering van toets '{toets.toetscode}' loopt van {low} tot en met {high}",
        )


def _stored(
    resultaat: Resultaat,
    leerlingid: str,
    eckid: str | None,
    toets: Toets | None,
    now: dt.datetime,
) -> OntvangenResultaat:
    oso = resultaat.osoresultaat
    dle = niveau = None
    vaardigheidsscore = None
    if oso is not None:
        if oso.toetsscore is not None:
            vaardigheidsscore = oso.toetsscore.vaardigheidsscore
        for ref in oso.referentiescores:
            if ref.codereferentiescore.upper() == "DLE":
                dle = ref.waarde
            if ref.kwalificatie and niveau is None:
                niveau = ref.kwalificatie
    return OntvangenResultaat(
        key=resultaat.key,
        leerlingid=leerlingid,
        eckid=eckid,
        toetscode=resultaat.toetscode,
        toetsnaam=toets.toetsnaam if toets else None,
        toetsonderdeelcode=resultaat.toetsonderdeelcode,
        afnamedatum=resultaat.afnamedatum,
        score=resultaat.score,
        vaardigheidsscore=vaardigheidsscore,
        dle=dle,
        niveau=niveau,
        ontvangen_op=now,
    )
