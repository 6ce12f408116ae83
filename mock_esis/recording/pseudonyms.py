"""Pseudonyms for the anonymiser: every value derived from the original by HMAC with a secret.

Same secret and same original → same pseudonym, in every exchange and in every run; without the
secret the original cannot be found back. Names come from Faker ``nl_NL`` through the fake
schools' own :class:`~uwlr.fake.names.NameMaker` (tussenvoegsels split off, as in the fake
schools), seeded from the HMAC, and are drawn again until no name part equals the original.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from dataclasses import dataclass
from typing import Final

from faker import Faker

from uwlr.fake.names import NameMaker, PersonName, email_local_part, login_name

__all__ = ["Pseudonyms", "PersonPseudonym"]

_ECKID_BASE: Final = "https://ketenid.nl/201703/"
_LETTERS: Final = "ABCDEFGHJKLMNPRSTVWXZ"


@dataclass(frozen=True)
class PersonPseudonym:
    """The fake identity of one leerling or leerkracht."""

    name: PersonName
    email: str
    login: str
    geboortedatum: dt.date | None
    #: Days every other date of this person moves (instroomdatum, ...).
    shift: dt.timedelta


class Pseudonyms:
    """Keyed pseudonyms; one instance per anonymisation run (it keeps names unique)."""

    def __init__(self, secret: str) -> None:
        self._secret = secret.encode("utf-8")
        self._faker = Faker("nl_NL")
        # an own Random before NameMaker keeps a reference to it (Faker swaps in a private one at
        # the first seed_instance; later seeds reseed that same object)
        self._faker.seed_instance(0)
        self._names = NameMaker(self._faker)
        self._people: dict[str, PersonPseudonym] = {}
        self._keys: dict[str, str] = {}
        self._taken_keys: set[str] = set()
        self._emails: set[str] = set()
        self._logins: set[str] = set()

    def digest(self, purpose: str, value: str) -> bytes:
        """HMAC-SHA256 of ``value`` for one ``purpose`` (so a key and an eckid never collide)."""
        return hmac.new(self._secret, f"{purpose}\0{value}".encode(), hashlib.sha256).digest()

    def number(self, purpose: str, value: str) -> int:
        return int.from_bytes(self.digest(purpose, value), "big")

    # -- identifiers -------------------------------------------------------------------------------
    def key(self, original: str) -> str:
        """A LAS key (leerling or leerkracht): nine digits, unique within the run."""
        found = self._keys.get(original)
        if found is not None:
            return found
        attempt = 0
        while True:
            candidate = f"{self.number('key', f'{original}#{attempt}') % 10**9:09d}"
            if candidate != original and candidate not in self._taken_keys:
                break
            attempt += 1
        self._keys[original] = candidate
        self._taken_keys.add(candidate)
        return candidate

    def eckid(self, original: str) -> str:
        return _ECKID_BASE + hmac.new(self._secret, original.encode(), hashlib.sha512).hexdigest()

    def resultaat_key(self, original: str) -> str:
        return "R" + self.digest("resultaat", original).hex()[:24]

    def bsn(self, original: str) -> str:
        """Nine digits that pass the BSN eleven test, never the original."""
        attempt = 0
        while True:
            seed = self.number("bsn", f"{original}#{attempt}")
            digits = [int(c) for c in f"{seed % 10**8:08d}"]
            digits[0] = digits[0] or 1
            check = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
            candidate = "".join(map(str, digits)) + str(check)
            if check < 10 and candidate != original:
                return candidate
            attempt += 1

    def digits(self, purpose: str, original: str, length: int) -> str:
        attempt = 0
        while True:
            value = self.number(purpose, f"{original}#{attempt}") % 10**length
            candidate = f"{value:0{length}d}"
            if candidate != original and (length != 4 or candidate[0] != "0"):
                return candidate
            attempt += 1

    def postcode(self, original: str) -> str:
        attempt = 0
        while True:
            n = self.number("postcode", f"{original}#{attempt}")
            candidate = f"{1000 + n % 9000}{_LETTERS[n // 9000 % 21]}{_LETTERS[n // 189000 % 21]}"
            if candidate != original:
                return candidate
            attempt += 1

    def domain(self, original: str) -> str:
        return f"school-{self.digest('domein', original.lower()).hex()[:8]}.example"

    # -- people ------------------------------------------------------------------------------------
    def person(
        self,
        identity: str,
        *,
        geslacht: int | None,
        original: PersonName | None,
        geboortedatum: dt.date | None,
        email_domain: str | None,
    ) -> PersonPseudonym:
        """The pseudonym of the person known as ``identity`` (made at the first sight)."""
        found = self._people.get(identity)
        if found is not None:
            return found
        name = self._name(identity, geslacht, original)
        born = self._birth_date(identity, geboortedatum) if geboortedatum else None
        if born is not None and geboortedatum is not None:
            shift = born - geboortedatum
        else:
            days = self.number("verschuiving", identity) % 120 + 1
            shift = dt.timedelta(days=days if days % 2 else -days)
        domain = email_domain or self.domain(identity)
        person = PersonPseudonym(
            name=name,
            email=_unique(email_local_part(name), self._emails) + "@" + domain,
            login=_unique(login_name(name)[:60], self._logins),
            geboortedatum=born,
            shift=shift,
        )
        self._people[identity] = person
        return person

    def known(self, identity: str) -> PersonPseudonym | None:
        """The pseudonym already made for ``identity``, if any."""
        return self._people.get(identity)

    def _name(self, identity: str, geslacht: int | None, original: PersonName | None) -> PersonName:
        for attempt in range(200):
            self._faker.seed_instance(self.number("naam", f"{identity}#{attempt}"))
            name = self._names.person(geslacht if geslacht is not None else 9)
            if original is None or _all_differ(name, original):
                return name
        raise ValueError("geen afwijkende naam te vinden")  # pragma: no cover - 200 draws

    def _birth_date(self, identity: str, original: dt.date) -> dt.date:
        """Another day of the same cohort (born 2 October .. 1 October): the same age on the
        1 October peildatum, so the same jaargroep stays plausible."""
        cohort_year = (
            original.year if (original.month, original.day) <= (10, 1) else original.year + 1
        )
        first = dt.date(cohort_year - 1, 10, 2)
        length = (dt.date(cohort_year, 10, 1) - first).days + 1
        offset = self.number("geboortedatum", identity) % length
        candidate = first + dt.timedelta(days=offset)
        if candidate == original:
            candidate = first + dt.timedelta(days=(offset + 1) % length)
        return candidate


def _all_differ(new: PersonName, old: PersonName) -> bool:
    pairs = (
        (new.roepnaam, old.roepnaam),
        (new.achternaam, old.achternaam),
        (new.voornamen, old.voornamen),
        (new.voorletters, old.voorletters),
    )
    return all(b is None or a != b for a, b in pairs)


def _unique(wanted: str, taken: set[str]) -> str:
    candidate, n = wanted, 1
    while candidate in taken:
        n += 1
        candidate = f"{wanted}{n}"
    taken.add(candidate)
    return candidate
