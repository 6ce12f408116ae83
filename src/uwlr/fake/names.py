"""Dutch person names for fake schools: roepnaam, voornamen, voorletters, voorvoegsel + achternaam.

First names come from Faker's ``nl_NL`` lists through a seeded :class:`faker.Faker`. Surnames come
from our own :class:`AchternaamProvider`: Faker's ``last_name()`` keeps tussenvoegsels inside the
name and has odd entries, so we split its list once into clean (voorvoegsel, achternaam) pairs.
``HARD_CASES`` are the names that break naive code; every school of two or more groups has them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Final

from faker import Faker
from faker.providers import BaseProvider
from faker.providers.person.nl_NL import Provider as DutchPersonProvider

__all__ = [
    "HARD_CASES",
    "PARTICLES",
    "AchternaamProvider",
    "HardCase",
    "NameMaker",
    "PersonName",
    "ascii_fold",
    "email_local_part",
    "login_name",
    "voorletters_van",
]

#: Voorvoegsels we recognise when splitting Faker's surnames (a subset of BRP table 36).
PARTICLES: Final = (
    "van der",
    "van den",
    "van de",
    "van het",
    "van 't",
    "in 't",
    "uit den",
    "uit de",
    "de la",
    "van",
    "de",
    "der",
    "den",
    "ter",
    "ten",
    "te",
    "'t",
    "'s",
    "d'",
    "le",
    "la",
)

_ONE_TOKEN: Final = re.compile(r"^[A-Z][^\s,'-]+$")

#: Traditional middle names; Dutch children often carry a grandparent's name.
_MIDDLE_MALE: Final = ("Johannes", "Petrus", "Hendrik", "Cornelis", "Willem", "Jacobus", "Adrianus")
_MIDDLE_FEMALE: Final = (
    "Maria",
    "Johanna",
    "Elisabeth",
    "Catharina",
    "Anna",
    "Wilhelmina",
    "Sophia",
)

#: (official first name, roepnaam): a roepnaam that is not one of the voornamen.
_NICKNAMES: Final = (
    ("Johannes", "Jan", 1),
    ("Cornelis", "Kees", 1),
    ("Wilhelmus", "Wim", 1),
    ("Jacobus", "Jaap", 1),
    ("Alexander", "Sander", 1),
    ("Hendrikus", "Henk", 1),
    ("Elisabeth", "Lisa", 2),
    ("Johanna", "Hanneke", 2),
    ("Catharina", "Karin", 2),
    ("Wilhelmina", "Mina", 2),
)


@dataclass(slots=True, frozen=True)
class PersonName:
    """The name parts of a leerling or leerkracht; ``achternaam`` None means roepnaam only."""

    roepnaam: str
    achternaam: str | None = None
    voorvoegsel: str | None = None
    voornamen: str | None = None
    voorletters: str | None = None


@dataclass(slots=True, frozen=True)
class HardCase:
    """A pupil name that breaks naive code, with the geslacht that goes with it."""

    name: PersonName
    geslacht: int


def voorletters_van(voornamen: str) -> str:
    """``voorletters-1`` for the voornamen: at most three initials, "Jan-Willem Piet" → "J.W.P."."""
    words = [w for w in re.split(r"[ -]+", voornamen) if w]
    return "".join(f"{w[0].upper()}." for w in words[:3])


def ascii_fold(text: str) -> str:
    """Lowercase ASCII letters and digits only: "Zoë D'Agostino" → "zoedagostino"."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]", "", plain.lower())


def _surname_slug(voorvoegsel: str | None, achternaam: str) -> str:
    parts = [ascii_fold(p) for p in re.split(r"-", f"{voorvoegsel or ''}{achternaam}")]
    return "-".join(p for p in parts if p) or "x"


def email_local_part(name: PersonName) -> str:
    """``voornaam.achternaam`` in plain ASCII, e.g. "jan.vandenberg", "fleur.jansen-devries"."""
    first = ascii_fold(name.roepnaam) or "x"
    if name.achternaam is None:
        return first
    return f"{first}.{_surname_slug(name.voorvoegsel, name.achternaam)}"


def login_name(name: PersonName) -> str:
    """An ESIS login in the common ``j.vandenberg`` style."""
    initial = (ascii_fold(name.roepnaam) or "x")[0]
    if name.achternaam is None:
        return ascii_fold(name.roepnaam) or "x"
    return f"{initial}.{_surname_slug(name.voorvoegsel, name.achternaam)}"[:64]


def _clean_surnames() -> tuple[tuple[str | None, str], ...]:
    """Faker's nl_NL surnames as clean (voorvoegsel, achternaam) pairs, duplicates kept as weight."""
    by_length = sorted(PARTICLES, key=len, reverse=True)
    pairs: list[tuple[str | None, str]] = []
    for entry in DutchPersonProvider.last_names:
        if _ONE_TOKEN.match(entry):
            pairs.append((None, entry))
            continue
        for particle in by_length:
            rest = entry[len(particle) + 1 :]
            if entry.startswith(particle + " ") and _ONE_TOKEN.match(rest):
                pairs.append((particle, rest))
                break
    return tuple(pairs)


_SURNAMES: Final = _clean_surnames()


class AchternaamProvider(BaseProvider):
    """Faker provider: a surname already split into voorvoegsel and achternaam."""

    def achternaam_met_voorvoegsel(self) -> tuple[str | None, str]:
        return self.generator.random.choice(_SURNAMES)  # type: ignore[no-any-return]


class NameMaker:
    """Seeded names: one :class:`faker.Faker` ``nl_NL`` instance per school, never shared."""

    def __init__(self, fake: Faker) -> None:
        fake.add_provider(AchternaamProvider)
        self._fake = fake
        self._random = fake.random

    def _first(self, male: bool) -> str:
        name: str = self._fake.first_name_male() if male else self._fake.first_name_female()
        return name

    def _surname(self) -> tuple[str | None, str]:
        pair: tuple[str | None, str] = self._fake.achternaam_met_voorvoegsel()
        voorvoegsel, achternaam = pair
        if self._random.random() < 0.03:  # a double name: "Jansen-de Vries"
            second_prefix, second = self._fake.achternaam_met_voorvoegsel()
            joined = f"{second_prefix} {second}" if second_prefix else second
            achternaam = f"{achternaam}-{joined}"
        return voorvoegsel, achternaam

    def person(self, geslacht: int) -> PersonName:
        """A full name for a person of this geslacht (0 and 9 get either kind of first name)."""
        male = geslacht == 1 or (geslacht not in (1, 2) and self._random.random() < 0.5)
        roll = self._random.random()
        if roll < 0.08:
            choices = [n for n in _NICKNAMES if n[2] == (1 if male else 2)]
            official, roepnaam, _ = self._random.choice(choices)
            given = [official]
        else:
            roepnaam = self._first(male)
            given = [roepnaam]
        extra = self._random.choices((0, 1, 2), weights=(3, 5, 2))[0]
        middle = _MIDDLE_MALE if male else _MIDDLE_FEMALE
        for _ in range(extra):
            name = self._random.choice(middle) if self._random.random() < 0.5 else self._first(male)
            if name not in given:
                given.append(name)
        voorvoegsel, achternaam = self._surname()
        voornamen = " ".join(given)
        return PersonName(
            roepnaam=roepnaam,
            achternaam=achternaam,
            voorvoegsel=voorvoegsel,
            voornamen=voornamen,
            voorletters=voorletters_van(voornamen),
        )


def _exactly(parts: tuple[str, ...], length: int) -> str:
    """Join ``parts`` with hyphens and cut at ``length``, never ending in a hyphen."""
    text = "-".join(parts * (length // 4 + 1))[:length]
    return text[:-1] + "e" if text.endswith("-") else text


_LONG_SURNAME: Final = _exactly(
    ("Oosterhout", "Wolfswinkel", "Kortenhoeven", "Bakker", "Visser", "Mulder", "Dijkstra"), 200
)
_LONG_ROEPNAAM: Final = _exactly(("Maximiliaan", "Alexander", "Christiaan", "Frederik"), 64)


def _hard(
    roepnaam: str,
    achternaam: str | None,
    geslacht: int,
    *,
    voorvoegsel: str | None = None,
    voornamen: str | None = None,
) -> HardCase:
    given = voornamen if voornamen is not None else (roepnaam if achternaam else None)
    return HardCase(
        PersonName(
            roepnaam=roepnaam,
            achternaam=achternaam,
            voorvoegsel=voorvoegsel,
            voornamen=given,
            voorletters=voorletters_van(given) if given else None,
        ),
        geslacht,
    )


#: Pupil names that break naive code; each school of two or more groups has all of them.
HARD_CASES: Final = (
    _hard("Bo", None, 9),  # roepnaam only, no achternaam
    _hard("Zoë", "Brontë", 2, voornamen="Zoë Isabel"),
    _hard("Ömer", "Çelik", 1, voornamen="Ömer Faruk"),
    _hard("Anaïs", "D'Agostino", 2),
    _hard("Daan", "Hart", 1, voorvoegsel="'t", voornamen="Daniël Johannes"),
    _hard("Sem", "Hof", 1, voorvoegsel="van 't"),
    _hard("Fleur", "Jansen-de Vries", 2, voornamen="Fleur Maria"),
    _hard("Lisa", _LONG_SURNAME, 2, voornamen="Lisa Johanna Maria"),
    _hard(_LONG_ROEPNAAM, "Smit", 0),
)
