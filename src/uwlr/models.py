"""Typed UWLR 2.x messages: every request and answer as plain dataclasses.

The names follow the standard (and EDEXML) so that a reader who knows the XSD finds each field:
``voorletters`` is ``voorletters-1`` on the wire, everything else keeps its element name.
Building and parsing live in :mod:`uwlr.build` and :mod:`uwlr.parse`; these classes know nothing
about XML.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Literal

__all__ = [
    "GEGEVENS_STATUS",
    "Autorisatie",
    "GegevensStatus",
    "Groep",
    "GroepRef",
    "Leerkracht",
    "LeerkrachtGroep",
    "LeerkrachtenAntwoord",
    "LeerkrachtenVerzoek",
    "Leerling",
    "LeerlingenAntwoord",
    "LeerlingenVerzoek",
    "Leerlinggegevens",
    "LeerlinggegevensAntwoord",
    "LeerlinggegevensVerzoek",
    "LeerresultatenBevestiging",
    "LeerresultatenVerzoek",
    "Message",
    "Norm",
    "Normering",
    "OsoResultaat",
    "Referentiescore",
    "Resultaat",
    "ResultatenSchool",
    "SamengesteldeGroep",
    "School",
    "StructuurAntwoord",
    "StructuurVerzoek",
    "Toets",
    "Toetsafname",
    "Toetsonderdeel",
    "Toetsscore",
    "Verzoek",
]


class GegevensStatus(StrEnum):
    """What an answer carries: data, or one of the two empty markers."""

    GEGEVENS = "gegevens"
    GEENGEGEVENS = "geengegevens"
    GEENWIJZIGINGEN = "geenwijzigingen"


GEGEVENS_STATUS = GegevensStatus


@dataclass(slots=True, kw_only=True, frozen=True)
class Autorisatie:
    """The ``aut:autorisatie`` SOAP header every request carries."""

    autorisatiesleutel: str
    klantcode: str
    klantnaam: str

    def __repr__(self) -> str:  # never leak the key into logs or tracebacks
        return (
            f"Autorisatie(autorisatiesleutel='***', klantcode={self.klantcode!r}, "
            f"klantnaam={self.klantnaam!r})"
        )


# --------------------------------------------------------------------------------------------
# Leerlinggegevens: requests


@dataclass(slots=True, kw_only=True)
class LeerlinggegevensVerzoek:
    """``leerlinggegevens_verzoek`` (group ``gVerzoekBasis``): the all-in-one request."""

    schooljaar: str
    brincode: str | None = None
    dependancecode: str | None = None
    schoolkey: str | None = None
    xsdversie: str = "2.3"
    gegevenssetid: str | None = None
    laatstontvangengegevens: dt.datetime | None = None


@dataclass(slots=True, kw_only=True)
class StructuurVerzoek(LeerlinggegevensVerzoek):
    """``structuur_verzoek``: the same fields as the all-in-one request."""


@dataclass(slots=True, kw_only=True, frozen=True)
class GroepRef:
    """A ``groep`` or ``samengestelde_groep`` asked for in a getrapt request.

    ``key`` None means: the records bound to no group of this kind.
    """

    soort: Literal["groep", "samengestelde_groep"] = "groep"
    key: str | None = None


@dataclass(slots=True, kw_only=True)
class LeerlingenVerzoek(LeerlinggegevensVerzoek):
    """``leerlingen_verzoek``: ``gVerzoekBasis`` plus the ``groepen`` asked for (at least one)."""

    groepen: list[GroepRef] = field(default_factory=list)


@dataclass(slots=True, kw_only=True)
class LeerkrachtenVerzoek(LeerlinggegevensVerzoek):
    """``leerkrachten_verzoek``: ``gVerzoekBasis`` plus the ``groepen`` asked for (at least one)."""

    groepen: list[GroepRef] = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# Leerlinggegevens: answers


@dataclass(slots=True, kw_only=True)
class School:
    """EDEXML ``school`` (SchoolType) as it heads every answer."""

    schooljaar: str
    brincode: str | None = None
    dependancecode: str | None = None
    schoolkey: str | None = None
    peildatum: dt.date | None = None
    aanmaakdatum: dt.datetime | None = None
    auteur: str | None = None
    xsdversie: str | None = None
    commentaar: str | None = None


@dataclass(slots=True, kw_only=True)
class Groep:
    """A stamgroep (GroepType). ``jaargroep`` ``C`` marks a combination group."""

    key: str
    naam: str
    jaargroep: str
    omschrijving: str | None = None
    mutatiedatum: dt.datetime | None = None


@dataclass(slots=True, kw_only=True)
class SamengesteldeGroep:
    """A samengestelde groep (subgroep, instructiegroep): no jaargroep."""

    key: str
    naam: str
    omschrijving: str | None = None
    mutatiedatum: dt.datetime | None = None


@dataclass(slots=True, kw_only=True)
class Leerling:
    """EDEXML ``leerling`` (LeerlingType), the fields UWLR LASes fill in practice.

    Either ``achternaam`` is set (with the optional name parts) or only ``roepnaam``.
    From ``xsdversie`` 2.3 on, a leerling with an ``eckid`` may come without ``key``.
    """

    key: str | None
    eckid: str | None = None
    achternaam: str | None = None
    voorvoegsel: str | None = None
    voornamen: str | None = None
    voorletters: str | None = None
    roepnaam: str | None = None
    geboortedatum: dt.date | None = None
    geslacht: int | None = None
    jaargroep: str | None = None
    groep: str | None = None
    samengestelde_groepen: list[str] = field(default_factory=list)
    gebruikersnaam: str | None = None
    emailadres: str | None = None
    mutatiedatum: dt.datetime | None = None


@dataclass(slots=True, kw_only=True, frozen=True)
class LeerkrachtGroep:
    """A group a leerkracht is bound to."""

    soort: Literal["groep", "samengestelde_groep"]
    key: str


@dataclass(slots=True, kw_only=True)
class Leerkracht:
    """EDEXML ``leerkracht`` (LeerkrachtType)."""

    key: str | None
    eckid: str | None = None
    achternaam: str | None = None
    voorvoegsel: str | None = None
    voornamen: str | None = None
    voorletters: str | None = None
    roepnaam: str | None = None
    gebruikersnaam: str | None = None
    emailadres: str | None = None
    rollen: list[str] = field(default_factory=list)
    groepen: list[LeerkrachtGroep] = field(default_factory=list)
    mutatiedatum: dt.datetime | None = None


@dataclass(slots=True, kw_only=True)
class Leerlinggegevens:
    """The data of one school: the ``leerlinggegevens`` element."""

    school: School
    groepen: list[Groep] = field(default_factory=list)
    samengestelde_groepen: list[SamengesteldeGroep] = field(default_factory=list)
    leerlingen: list[Leerling] = field(default_factory=list)
    leerkrachten: list[Leerkracht] = field(default_factory=list)


@dataclass(slots=True, kw_only=True)
class LeerlinggegevensAntwoord:
    """``leerlinggegevens_antwoord``: data, or ``geengegevens`` / ``geenwijzigingen``."""

    status: GegevensStatus = GegevensStatus.GEGEVENS
    gegevens: Leerlinggegevens | None = None


@dataclass(slots=True, kw_only=True)
class StructuurAntwoord:
    """``structuur_antwoord``: school and groups (``leerlinggegevens-structuur``)."""

    status: GegevensStatus = GegevensStatus.GEGEVENS
    school: School | None = None
    groepen: list[Groep] = field(default_factory=list)
    samengestelde_groepen: list[SamengesteldeGroep] = field(default_factory=list)


@dataclass(slots=True, kw_only=True)
class LeerlingenAntwoord:
    """``leerlingen_antwoord``: school and pupils (``leerlinggegevens-leerlingen``)."""

    status: GegevensStatus = GegevensStatus.GEGEVENS
    school: School | None = None
    leerlingen: list[Leerling] = field(default_factory=list)


@dataclass(slots=True, kw_only=True)
class LeerkrachtenAntwoord:
    """``leerkrachten_antwoord``: school and teachers (``leerlinggegevens-leerkrachten``)."""

    status: GegevensStatus = GegevensStatus.GEGEVENS
    school: School | None = None
    leerkrachten: list[Leerkracht] = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# Leerresultaten


@dataclass(slots=True, kw_only=True)
class ResultatenSchool:
    """``school`` (ctpSchool) of a ``leerresultaten_verzoek``: aanmaakdatum and xsdversie required."""

    schooljaar: str
    aanmaakdatum: dt.datetime
    brincode: str | None = None
    dependancecode: str | None = None
    schoolkey: str | None = None
    auteur: str | None = None
    xsdversie: str = "2.3"
    commentaar: str | None = None


@dataclass(slots=True, kw_only=True)
class Toetsscore:
    """OSO ``toetsscore``: raw counts and the vaardigheidsscore (ability score)."""

    aantalopgaven: int | None = None
    aantalgoed: int | None = None
    aantalfout: int | None = None
    vaardigheidsscore: Decimal | None = None
    codevaardigheidsschaal: str | None = None


@dataclass(slots=True, kw_only=True)
class Referentiescore:
    """OSO ``referentiescore``, e.g. ``DLE`` against ``Landelijk``, or a niveau."""

    codereferentiescore: str
    codevergelijkingsgroep: str
    waarde: str
    kwalificatie: str | None = None


@dataclass(slots=True, kw_only=True)
class OsoResultaat:
    """``osoresultaat``: an OSO toetsscore and any number of referentiescores."""

    toetsscore: Toetsscore | None = None
    referentiescores: list[Referentiescore] = field(default_factory=list)


@dataclass(slots=True, kw_only=True)
class Resultaat:
    """One ``resultaat``: the ``key`` is stable, so a resend replaces instead of duplicating.

    Exactly one of ``score`` (a non-negative integer) and ``osoresultaat`` is set.
    """

    key: str
    afnamedatum: dt.date
    toetscode: str
    versie: str | None = None
    toetsonderdeelcode: str | None = None
    score: int | None = None
    osoresultaat: OsoResultaat | None = None
    infourl: str | None = None


@dataclass(slots=True, kw_only=True)
class Toetsafname:
    """The results of one pupil, addressed by the LAS key (``leerlingid``) and optional eckid."""

    leerlingid: str
    eckid: str | None = None
    resultaatverwerkerid: str | None = None
    resultaten: list[Resultaat] = field(default_factory=list)


@dataclass(slots=True, kw_only=True)
class Norm:
    """One band of a ``toetsnormering``: ``term`` covers ``beginnormwaarde`` .. ``eindnormwaarde``."""

    term: str
    beginnormwaarde: int
    eindnormwaarde: int
    omschrijving: str | None = None


@dataclass(slots=True, kw_only=True)
class Normering:
    """``ctpNormering``: only relevant for integer ``score`` results."""

    normen: list[Norm] = field(default_factory=list)
    toetscategorie: str | None = None
    toetsniveau: str | None = None
    wegingsfactor: Decimal | None = None


@dataclass(slots=True, kw_only=True)
class Toetsonderdeel:
    """A part of a toets."""

    volgnummer: int
    code: str
    naam: str | None = None
    normering: Normering | None = None


@dataclass(slots=True, kw_only=True)
class Toets:
    """A ``toets`` definition referenced by ``resultaat/toetscode``."""

    toetscode: str
    versie: str | None = None
    toetsnaam: str | None = None
    leerjaar: str | None = None
    vakgebied: str | None = None
    toetsnormering: Normering | None = None
    toetsonderdelen: list[Toetsonderdeel] = field(default_factory=list)


@dataclass(slots=True, kw_only=True)
class LeerresultatenVerzoek:
    """``leerresultaten_verzoek``: results of one school, with the toetsen they refer to."""

    school: ResultatenSchool
    toetsafnames: list[Toetsafname] = field(default_factory=list)
    toetsen: list[Toets] = field(default_factory=list)


@dataclass(slots=True, kw_only=True, frozen=True)
class LeerresultatenBevestiging:
    """``leerresultaten_bevestiging``: the empty acknowledgement."""


Verzoek = (
    LeerlinggegevensVerzoek
    | StructuurVerzoek
    | LeerlingenVerzoek
    | LeerkrachtenVerzoek
    | LeerresultatenVerzoek
)
Message = (
    Verzoek
    | LeerlinggegevensAntwoord
    | StructuurAntwoord
    | LeerlingenAntwoord
    | LeerkrachtenAntwoord
    | LeerresultatenBevestiging
)
