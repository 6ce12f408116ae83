"""Which existing Boom record is each record from ESIS? (H-S4-05, H-S4-06)

Pure functions over :class:`Kenmerken` (the comparable features of a record); no database.

1. **Extern nummer**: the LAS key equals a Boom record's ``extern_nummer``; else the ECK iD equals
   its ``eckid`` (or the extern nummer it was stored under): a key changed to an eckid still
   matches.
2. **The record's data**, normalised (:mod:`~boomlink.importeren.normalisatie`): pupils by
   achternaam with voorvoegsel + geboortedatum, roepnaam breaking a tie; teachers by e-mail
   address, then by name (roepnaam breaking a tie); groups by naam + jaargroep.

A Boom record claimed in step 1 is no candidate in step 2, and no Boom record is given to two
records: when step 2 would, neither gets it. Without exactly one candidate a record stays
unmatched (Nieuw), with the candidates listed.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

from boomlink.importeren.normalisatie import achternaam_sleutel, email_sleutel, tekst_sleutel

__all__ = [
    "Kenmerken",
    "Uitkomst",
    "match_groepen",
    "match_leerkrachten",
    "match_leerlingen",
]

EXTERN_NUMMER = "extern nummer"
ECKID = "eckid"
PERSOONSGEGEVENS = "persoonsgegevens"
EMAILADRES = "e-mailadres"
NAAM_EN_JAARGROEP = "naam en jaargroep"


@dataclass(frozen=True, slots=True)
class Kenmerken:
    """What matching compares of one record; ``id`` is set for existing Boom records."""

    id: int | None
    extern_nummer: str | None
    eckid: str | None
    naam: str = ""
    roepnaam: str = ""
    geboortedatum: dt.date | None = None
    email: str = ""
    jaargroep: str = ""

    @classmethod
    def leerling(
        cls,
        *,
        id: int | None = None,
        extern_nummer: str | None = None,
        eckid: str | None = None,
        achternaam: str | None = None,
        voorvoegsel: str | None = None,
        roepnaam: str | None = None,
        geboortedatum: dt.date | None = None,
    ) -> Kenmerken:
        return cls(
            id=id,
            extern_nummer=extern_nummer or None,
            eckid=eckid or None,
            naam=achternaam_sleutel(achternaam, voorvoegsel),
            roepnaam=tekst_sleutel(roepnaam),
            geboortedatum=geboortedatum,
        )

    @classmethod
    def leerkracht(
        cls,
        *,
        id: int | None = None,
        extern_nummer: str | None = None,
        eckid: str | None = None,
        achternaam: str | None = None,
        voorvoegsel: str | None = None,
        roepnaam: str | None = None,
        emailadres: str | None = None,
    ) -> Kenmerken:
        return cls(
            id=id,
            extern_nummer=extern_nummer or None,
            eckid=eckid or None,
            naam=achternaam_sleutel(achternaam, voorvoegsel),
            roepnaam=tekst_sleutel(roepnaam),
            email=email_sleutel(emailadres),
        )

    @classmethod
    def groep(
        cls,
        *,
        id: int | None = None,
        extern_nummer: str | None = None,
        naam: str | None = None,
        jaargroep: str | None = None,
    ) -> Kenmerken:
        return cls(
            id=id,
            extern_nummer=extern_nummer or None,
            eckid=None,
            naam=tekst_sleutel(naam),
            jaargroep=tekst_sleutel(jaargroep),
        )


@dataclass(frozen=True, slots=True)
class Uitkomst:
    """The matched Boom record (or ``None``: Nieuw), why, and every candidate considered."""

    bestaand_id: int | None
    reden: str
    kandidaten: tuple[int, ...]


Sleutel = Callable[[Kenmerken], Hashable | None]


@dataclass(frozen=True, slots=True)
class _Regel:
    sleutel: Sleutel
    reden: str
    tie_break: bool


def _match(
    inkomend: Sequence[Kenmerken], bestaand: Sequence[Kenmerken], regels: Sequence[_Regel]
) -> list[Uitkomst]:
    per_nummer: dict[str, int] = {}
    per_eckid: dict[str, int] = {}
    for b in sorted(bestaand, key=lambda k: k.id or 0):
        assert b.id is not None
        if b.extern_nummer:
            per_nummer.setdefault(b.extern_nummer, b.id)
        if b.eckid:
            per_eckid.setdefault(b.eckid, b.id)
    uitkomsten: list[Uitkomst | None] = [None] * len(inkomend)
    geclaimd: set[int] = set()
    for i, record in enumerate(inkomend):
        gevonden = _op_nummer(record, per_nummer, per_eckid, geclaimd)
        if gevonden is not None:
            geclaimd.add(gevonden[0])
            uitkomsten[i] = Uitkomst(gevonden[0], gevonden[1], (gevonden[0],))

    indexen: list[dict[Hashable, list[Kenmerken]]] = []
    for regel in regels:
        index: dict[Hashable, list[Kenmerken]] = defaultdict(list)
        for b in bestaand:
            sleutel = regel.sleutel(b)
            if sleutel is not None and b.id not in geclaimd:
                index[sleutel].append(b)
        indexen.append(index)

    keuzes: dict[int, list[int]] = defaultdict(list)
    for i, record in enumerate(inkomend):
        if uitkomsten[i] is not None:
            continue
        uitkomst = Uitkomst(None, "", ())
        for regel, index in zip(regels, indexen, strict=True):
            sleutel = regel.sleutel(record)
            kandidaten = index.get(sleutel, []) if sleutel is not None else []
            if not kandidaten:
                continue
            ids = tuple(sorted(k.id for k in kandidaten if k.id is not None))
            gekozen = kandidaten
            if len(gekozen) > 1 and regel.tie_break and record.roepnaam:
                gekozen = [k for k in kandidaten if k.roepnaam == record.roepnaam]
            if len(gekozen) == 1 and gekozen[0].id is not None:
                uitkomst = Uitkomst(gekozen[0].id, regel.reden, ids)
                keuzes[gekozen[0].id].append(i)
            else:
                uitkomst = Uitkomst(None, "", ids)
            break
        uitkomsten[i] = uitkomst

    for wie in keuzes.values():
        if len(wie) > 1:  # one Boom record for several ESIS records: none of them gets it
            for i in wie:
                vorige = uitkomsten[i]
                assert vorige is not None
                uitkomsten[i] = Uitkomst(None, "", vorige.kandidaten)
    return [u for u in uitkomsten if u is not None]


def _op_nummer(
    record: Kenmerken,
    per_nummer: dict[str, int],
    per_eckid: dict[str, int],
    geclaimd: set[int],
) -> tuple[int, str] | None:
    opties: list[tuple[int | None, str]] = []
    if record.extern_nummer:
        opties.append((per_nummer.get(record.extern_nummer), EXTERN_NUMMER))
    if record.eckid:
        opties.append((per_eckid.get(record.eckid), ECKID))
        opties.append((per_nummer.get(record.eckid), ECKID))
    for bestaand_id, reden in opties:
        if bestaand_id is not None and bestaand_id not in geclaimd:
            return bestaand_id, reden
    return None


def _leerling_sleutel(k: Kenmerken) -> Hashable | None:
    if k.geboortedatum is None or not (k.naam or k.roepnaam):
        return None
    return (k.naam, k.geboortedatum)


def _email(k: Kenmerken) -> Hashable | None:
    return k.email or None


def _naam(k: Kenmerken) -> Hashable | None:
    return k.naam or None


def _groep_sleutel(k: Kenmerken) -> Hashable | None:
    return (k.naam, k.jaargroep) if k.naam else None


def match_leerlingen(
    inkomend: Sequence[Kenmerken], bestaand: Sequence[Kenmerken]
) -> list[Uitkomst]:
    """Pupils: extern nummer / eckid, then achternaam + voorvoegsel + geboortedatum (roepnaam)."""
    return _match(inkomend, bestaand, [_Regel(_leerling_sleutel, PERSOONSGEGEVENS, True)])


def match_leerkrachten(
    inkomend: Sequence[Kenmerken], bestaand: Sequence[Kenmerken]
) -> list[Uitkomst]:
    """Teachers: extern nummer / eckid, then e-mail address, then name (roepnaam)."""
    return _match(
        inkomend,
        bestaand,
        [_Regel(_email, EMAILADRES, False), _Regel(_naam, PERSOONSGEGEVENS, True)],
    )


def match_groepen(inkomend: Sequence[Kenmerken], bestaand: Sequence[Kenmerken]) -> list[Uitkomst]:
    """Groups (of one school year): extern nummer, then naam + jaargroep."""
    return _match(inkomend, bestaand, [_Regel(_groep_sleutel, NAAM_EN_JAARGROEP, False)])
