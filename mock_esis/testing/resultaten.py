"""Normed results as Boom sends them to the mock (``BrengLeerresultaten``), for tests, features
and the demo: one OSO result with its DLE, and a ``leerresultaten_verzoek`` for a mock school."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal

from mock_esis.testing.handle import SchoolInfo
from uwlr.models import (
    LeerresultatenVerzoek,
    OsoResultaat,
    Referentiescore,
    Resultaat,
    ResultatenSchool,
    Toets,
    Toetsafname,
    Toetsscore,
)

__all__ = ["AUTEUR", "leerresultaten_verzoek", "oso_resultaat"]

#: The auteur Boom's messages carry.
AUTEUR = "Boom testcentrum"


def oso_resultaat(
    key: str,
    *,
    toetscode: str,
    afnamedatum: dt.date,
    vaardigheidsscore: Decimal | str | int,
    niveau: str,
    dle: str,
) -> Resultaat:
    """A normed result: OSO vaardigheidsscore, DLE against Landelijk with ``niveau`` as
    kwalificatie."""
    return Resultaat(
        key=key,
        afnamedatum=afnamedatum,
        toetscode=toetscode,
        osoresultaat=OsoResultaat(
            toetsscore=Toetsscore(vaardigheidsscore=Decimal(vaardigheidsscore)),
            referentiescores=[
                Referentiescore(
                    codereferentiescore="DLE",
                    codevergelijkingsgroep="Landelijk",
                    waarde=dle,
                    kwalificatie=niveau,
                )
            ],
        ),
    )


def leerresultaten_verzoek(
    school: SchoolInfo,
    afnames: Mapping[str, Sequence[Resultaat]],
    toetsen: Sequence[Toets],
    *,
    aanmaakdatum: dt.datetime,
    auteur: str | None = AUTEUR,
    xsdversie: str | None = None,
) -> LeerresultatenVerzoek:
    """A ``leerresultaten_verzoek`` for ``school``: per leerlingid its resultaten
    (``xsdversie`` None: the model's default)."""
    header = ResultatenSchool(
        schooljaar=school.schooljaar,
        aanmaakdatum=aanmaakdatum,
        brincode=school.brincode,
        dependancecode=school.dependancecode,
        auteur=auteur,
    )
    return LeerresultatenVerzoek(
        school=header if xsdversie is None else dataclasses.replace(header, xsdversie=xsdversie),
        toetsafnames=[
            Toetsafname(leerlingid=leerlingid, resultaten=list(items))
            for leerlingid, items in afnames.items()
        ],
        toetsen=list(toetsen),
    )
