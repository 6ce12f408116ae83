"""Complete example UWLR messages of every kind, built from a deterministic fake school.

``uwlr example KIND`` prints them, the golden messages under ``fixtures/messages/valid`` are them
(seed 1), and the differential test validates them against our contract and the official schemas.
Requests carry an ``aut:autorisatie`` header with obviously fake values; answers carry none. Every
date comes from the school year of the fake school, never from the clock: equal arguments give
equal bytes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections.abc import Callable
from decimal import Decimal
from typing import Final, TypeVar

from lxml import etree

from uwlr.build import build, build_autorisatie
from uwlr.envelope import build_envelope
from uwlr.fake import FakeSchool, generate_school
from uwlr.models import (
    Autorisatie,
    GegevensStatus,
    GroepRef,
    Leerkracht,
    LeerkrachtenAntwoord,
    LeerkrachtenVerzoek,
    Leerling,
    LeerlingenAntwoord,
    LeerlingenVerzoek,
    LeerlinggegevensAntwoord,
    LeerlinggegevensVerzoek,
    LeerresultatenBevestiging,
    LeerresultatenVerzoek,
    Message,
    Norm,
    Normering,
    OsoResultaat,
    Referentiescore,
    Resultaat,
    ResultatenSchool,
    School,
    StructuurAntwoord,
    StructuurVerzoek,
    Toets,
    Toetsafname,
    Toetsscore,
)
from uwlr.namespaces import DEFAULT_XSDVERSIE

__all__ = [
    "DEFAULT_SEED",
    "DEFAULT_STUDENTS",
    "EXAMPLE_AUTORISATIE",
    "KINDS",
    "XSDVERSIES",
    "example_bytes",
    "example_envelope",
    "example_message",
    "example_school",
    "render",
]

#: The xsdversies an example can be made for (the official 2.2 schemas validate both).
XSDVERSIES: Final = ("2.2", "2.3")
DEFAULT_SEED: Final = 1
#: Pupils per group: small, so that a printed example stays readable.
DEFAULT_STUDENTS: Final = 3

#: The header of every example request: plainly fake, never a real key.
EXAMPLE_AUTORISATIE: Final = Autorisatie(
    autorisatiesleutel="NEP-SLEUTEL-ALLEEN-VOOR-VOORBEELDEN",
    klantcode="NEP-KLANT-0000",
    klantnaam="Voorbeeldafnemer (nep)",
)

_MIDDENTOETS_AANTAL_OPGAVEN: Final = 40
_REKENEN_MAX: Final = 60
_REKENEN_NORMEN: Final = (  # term, from, to: five equal-ish bands over 0..60
    ("I", 48, 60),
    ("II", 40, 47),
    ("III", 32, 39),
    ("IV", 24, 31),
    ("V", 0, 23),
)
_RESULTATEN_JAARGROEPEN: Final = frozenset("345678")

V = TypeVar("V", bound=LeerlinggegevensVerzoek)


# --------------------------------------------------------------------------------------------
# The school and its dates


def example_school(seed: int = DEFAULT_SEED, students: int = DEFAULT_STUDENTS) -> FakeSchool:
    """The fake school the examples of ``seed`` are built from (``students`` pupils per group)."""
    return generate_school(seed, students_per_group=students)


def _start_year(school: FakeSchool) -> int:
    return int(school.schooljaar.split("-", 1)[0])


def _head(school: FakeSchool, xsdversie: str) -> School:
    return dataclasses.replace(school.leerlinggegevens.school, xsdversie=xsdversie)


# --------------------------------------------------------------------------------------------
# Leerlinggegevens


def _verzoek(cls: type[V], school: FakeSchool, xsdversie: str) -> V:
    return cls(
        schooljaar=school.schooljaar,
        brincode=school.brincode,
        dependancecode=school.dependancecode,
        xsdversie=xsdversie,
    )


def _asked_groups(school: FakeSchool) -> list[GroepRef]:
    """What the getrapte requests ask for: the first stamgroep and the first samengestelde groep."""
    gg = school.leerlinggegevens
    refs = [GroepRef(soort="groep", key=groep.key) for groep in gg.groepen[:1]]
    refs += [GroepRef(soort="samengestelde_groep", key=g.key) for g in gg.samengestelde_groepen[:1]]
    return refs or [GroepRef(soort="groep")]


def _asked(school: FakeSchool) -> set[tuple[str, str | None]]:
    return {(ref.soort, ref.key) for ref in _asked_groups(school)}


def _leerling_in(leerling: Leerling, asked: set[tuple[str, str | None]]) -> bool:
    if ("groep", leerling.groep) in asked:
        return True
    return any(("samengestelde_groep", key) in asked for key in leerling.samengestelde_groepen)


def _leerkracht_in(leerkracht: Leerkracht, asked: set[tuple[str, str | None]]) -> bool:
    return any((ref.soort, ref.key) in asked for ref in leerkracht.groepen)


def _leerlinggegevens_verzoek(school: FakeSchool, xsdversie: str) -> Message:
    return _verzoek(LeerlinggegevensVerzoek, school, xsdversie)


def _structuur_verzoek(school: FakeSchool, xsdversie: str) -> Message:
    return _verzoek(StructuurVerzoek, school, xsdversie)


def _leerlingen_verzoek(school: FakeSchool, xsdversie: str) -> Message:
    verzoek = _verzoek(LeerlingenVerzoek, school, xsdversie)
    verzoek.groepen = _asked_groups(school)
    return verzoek


def _leerkrachten_verzoek(school: FakeSchool, xsdversie: str) -> Message:
    verzoek = _verzoek(LeerkrachtenVerzoek, school, xsdversie)
    verzoek.groepen = _asked_groups(school)
    return verzoek


def _leerlinggegevens_antwoord(school: FakeSchool, xsdversie: str) -> Message:
    gegevens = dataclasses.replace(school.leerlinggegevens, school=_head(school, xsdversie))
    return LeerlinggegevensAntwoord(gegevens=gegevens)


def _structuur_antwoord(school: FakeSchool, xsdversie: str) -> Message:
    gg = school.leerlinggegevens
    return StructuurAntwoord(
        school=_head(school, xsdversie),
        groepen=list(gg.groepen),
        samengestelde_groepen=list(gg.samengestelde_groepen),
    )


def _leerlingen_antwoord(school: FakeSchool, xsdversie: str) -> Message:
    asked = _asked(school)
    leerlingen = [p for p in school.leerlinggegevens.leerlingen if _leerling_in(p, asked)]
    if not leerlingen:
        return LeerlingenAntwoord(status=GegevensStatus.GEENGEGEVENS)
    return LeerlingenAntwoord(school=_head(school, xsdversie), leerlingen=leerlingen)


def _leerkrachten_antwoord(school: FakeSchool, xsdversie: str) -> Message:
    asked = _asked(school)
    leerkrachten = [t for t in school.leerlinggegevens.leerkrachten if _leerkracht_in(t, asked)]
    return LeerkrachtenAntwoord(school=_head(school, xsdversie), leerkrachten=leerkrachten)


# --------------------------------------------------------------------------------------------
# Leerresultaten: a midden-toets in January, rekenen as a score, begrijpend lezen as OSO


def _rekenen(jaargroep: str) -> Toets:
    normering = Normering(
        normen=[
            Norm(term=t, beginnormwaarde=lo, eindnormwaarde=hi) for t, lo, hi in _REKENEN_NORMEN
        ]
    )
    return Toets(
        toetscode=f"VB-REK-M{jaargroep}",
        toetsnaam=f"Voorbeeldtoets rekenen midden groep {jaargroep}",
        leerjaar=jaargroep,
        vakgebied="Rekenen-wiskunde",
        toetsnormering=normering,
    )


def _lezen(jaargroep: str) -> Toets:
    return Toets(
        toetscode=f"VB-BL-M{jaargroep}",
        toetsnaam=f"Voorbeeldtoets begrijpend lezen midden groep {jaargroep}",
        leerjaar=jaargroep,
        vakgebied="Begrijpend lezen",
    )


def _toetsafname(leerling: Leerling, key: str, jaar: int, rng: random.Random) -> Toetsafname:
    jaargroep = leerling.jaargroep or "3"
    afnamedatum = dt.date(jaar + 1, 1, 18) + dt.timedelta(days=rng.randrange(12))
    goed = rng.randint(8, _MIDDENTOETS_AANTAL_OPGAVEN)
    # Didactische leeftijd in months of education since groep 3; a midden-toets is month 5.
    dle = max(0, (int(jaargroep) - 3) * 10 + 5 + rng.randint(-4, 4))
    lezen = OsoResultaat(
        toetsscore=Toetsscore(
            aantalopgaven=_MIDDENTOETS_AANTAL_OPGAVEN,
            aantalgoed=goed,
            aantalfout=_MIDDENTOETS_AANTAL_OPGAVEN - goed,
            vaardigheidsscore=Decimal(rng.randint(1000, 2400)) / 10,
            codevaardigheidsschaal="VB-BL",
        ),
        referentiescores=[
            Referentiescore(
                codereferentiescore="DLE", codevergelijkingsgroep="Landelijk", waarde=str(dle)
            )
        ],
    )
    return Toetsafname(
        leerlingid=key,
        eckid=leerling.eckid,
        resultaten=[
            Resultaat(
                key=f"VB-{key}-REK-{jaar + 1}",
                afnamedatum=afnamedatum,
                toetscode=_rekenen(jaargroep).toetscode,
                score=rng.randint(0, _REKENEN_MAX),
            ),
            Resultaat(
                key=f"VB-{key}-BL-{jaar + 1}",
                afnamedatum=afnamedatum,
                toetscode=_lezen(jaargroep).toetscode,
                osoresultaat=lezen,
            ),
        ],
    )


def _leerresultaten_verzoek(school: FakeSchool, xsdversie: str) -> Message:
    jaar = _start_year(school)
    rng = random.Random(f"uwlr.examples:{school.brincode}:{school.schooljaar}")
    pupils = [
        leerling
        for leerling in school.leerlinggegevens.leerlingen
        if leerling.key is not None and leerling.jaargroep in _RESULTATEN_JAARGROEPEN
    ]
    afnames = [_toetsafname(p, p.key, jaar, rng) for p in pupils if p.key is not None]
    jaargroepen = sorted({p.jaargroep for p in pupils if p.jaargroep is not None}, key=int)
    return LeerresultatenVerzoek(
        school=ResultatenSchool(
            schooljaar=school.schooljaar,
            brincode=school.brincode,
            dependancecode=school.dependancecode,
            aanmaakdatum=dt.datetime(jaar + 1, 2, 1, 9, 0, tzinfo=dt.UTC),
            auteur="Voorbeeldtoetsaanbieder (nep)",
            xsdversie=xsdversie,
        ),
        toetsafnames=afnames,
        toetsen=[make(j) for make in (_rekenen, _lezen) for j in jaargroepen],
    )


def _leerresultaten_bevestiging(school: FakeSchool, xsdversie: str) -> Message:
    return LeerresultatenBevestiging()


# --------------------------------------------------------------------------------------------
# Public API

_MAKERS: Final[dict[str, Callable[[FakeSchool, str], Message]]] = {
    "leerlinggegevens-verzoek": _leerlinggegevens_verzoek,
    "leerlinggegevens-antwoord": _leerlinggegevens_antwoord,
    "structuur-verzoek": _structuur_verzoek,
    "structuur-antwoord": _structuur_antwoord,
    "leerlingen-verzoek": _leerlingen_verzoek,
    "leerlingen-antwoord": _leerlingen_antwoord,
    "leerkrachten-verzoek": _leerkrachten_verzoek,
    "leerkrachten-antwoord": _leerkrachten_antwoord,
    "leerresultaten-verzoek": _leerresultaten_verzoek,
    "leerresultaten-bevestiging": _leerresultaten_bevestiging,
}

#: Every kind of example, as ``uwlr example`` names them.
KINDS: Final = tuple(_MAKERS)


def _maker(kind: str, xsdversie: str) -> Callable[[FakeSchool, str], Message]:
    maker = _MAKERS.get(kind)
    if maker is None:
        raise ValueError(f"onbekend soort voorbeeld {kind!r}; kies uit {', '.join(KINDS)}")
    if xsdversie not in XSDVERSIES:
        raise ValueError(
            f"xsdversie {xsdversie!r} wordt niet ondersteund; kies uit {', '.join(XSDVERSIES)}"
        )
    return maker


def example_message(
    kind: str, school: FakeSchool, *, xsdversie: str = DEFAULT_XSDVERSIE
) -> Message:
    """The message of ``kind`` for ``school``; ValueError for an unknown kind or xsdversie."""
    return _maker(kind, xsdversie)(school, xsdversie)


def example_envelope(
    kind: str, school: FakeSchool, *, xsdversie: str = DEFAULT_XSDVERSIE
) -> etree._Element:
    """The SOAP envelope of :func:`example_message`; requests get :data:`EXAMPLE_AUTORISATIE`."""
    body = build(example_message(kind, school, xsdversie=xsdversie))
    header = build_autorisatie(EXAMPLE_AUTORISATIE) if kind.endswith("-verzoek") else None
    return build_envelope(body, header)


def render(envelope: etree._Element) -> bytes:
    """UTF-8 with an XML declaration, indented two spaces, ending in a newline.

    The indentation is applied to ``envelope`` itself (in place).
    """
    etree.indent(envelope, space="  ")
    return bytes(etree.tostring(envelope, xml_declaration=True, encoding="utf-8")) + b"\n"


def example_bytes(
    kind: str,
    *,
    seed: int = DEFAULT_SEED,
    students: int = DEFAULT_STUDENTS,
    xsdversie: str = DEFAULT_XSDVERSIE,
) -> bytes:
    """What ``uwlr example KIND --seed S --leerlingen-per-groep N --xsdversie V`` prints."""
    _maker(kind, xsdversie)  # refuse bad arguments before making a school
    return render(example_envelope(kind, example_school(seed, students), xsdversie=xsdversie))
