"""Fills a fake school from one seeded random stream, consumed in a fixed order.

Pupils get birth dates that fit their jaargroep, the hard names of
:data:`~uwlr.fake.names.HARD_CASES` and places in samengestelde groepen; teachers get groups,
roles, logins and (mostly) e-mail addresses; the school gets its ESIS users.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Final, Literal

from faker import Faker

from uwlr.fake.layout import GroepPlan
from uwlr.fake.names import HARD_CASES, NameMaker, PersonName, email_local_part, login_name
from uwlr.fake.records import FakeSchool, Gebruiker
from uwlr.models import (
    Groep,
    Leerkracht,
    LeerkrachtGroep,
    Leerling,
    Leerlinggegevens,
    SamengesteldeGroep,
    School,
)
from uwlr.namespaces import DEFAULT_XSDVERSIE

__all__ = ["SchoolBuilder"]


@dataclass(slots=True, frozen=True)
class _Samengesteld:
    naam: str
    omschrijving: str
    jaargroepen: range
    kans: float


_SAMENGESTELDE_GROEPEN: Final = (
    _Samengesteld("Plusgroep", "Verrijking voor meerbegaafde leerlingen", range(4, 9), 0.06),
    _Samengesteld("Leesclub", "Extra leesbegeleiding", range(3, 6), 0.08),
    _Samengesteld("RT-groep", "Remedial teaching", range(3, 9), 0.06),
    _Samengesteld("Taalklas", "NT2-ondersteuning", range(1, 9), 0.03),
)
_TAALKLAS_FROM: Final = 12  # only big schools run a Taalklas

_ECKID_BASE: Final = "https://ketenid.nl/201703/"


class SchoolBuilder:
    """One school's worth of seeded values; :meth:`build` assembles the school."""

    def __init__(self, fake: Faker, jaar: int) -> None:
        self.rng: random.Random = fake.random
        self.names = NameMaker(fake)
        self.jaar = jaar
        self.email_domein = ""
        self._keys: set[str] = set()
        self._eckids: set[str] = set()
        self._emails: set[str] = set()
        self._logins: set[str] = set()
        self._mutatie_start = dt.datetime(jaar - 1, 8, 1, tzinfo=dt.UTC)
        self._mutatie_span = int(
            (dt.datetime(jaar, 8, 1, tzinfo=dt.UTC) - self._mutatie_start).total_seconds()
        )

    # -- small deterministic values

    def key(self) -> str:
        if len(self._keys) > 50_000:
            raise ValueError("Te veel personen voor één nepschool.")
        while True:
            key = f"{self.rng.randrange(1, 100_000):06d}"
            if key not in self._keys:
                self._keys.add(key)
                return key

    def eckid(self) -> str:
        while True:
            eckid = f"{_ECKID_BASE}{self.rng.getrandbits(512):0128x}"
            if eckid not in self._eckids:
                self._eckids.add(eckid)
                return eckid

    def mutatiedatum(self) -> dt.datetime:
        """A moment in the school year before this one: every record was last changed then."""
        return self._mutatie_start + dt.timedelta(seconds=self.rng.randrange(self._mutatie_span))

    def geboortedatum(self, jaargroep: int) -> dt.date:
        """Born so that on 1 October of the school year the child is jaargroep + 3 (sometimes + 4)."""
        blijver = 1 if self.rng.random() < 0.04 else 0
        first = dt.date(self.jaar - jaargroep - 4 - blijver, 10, 2)
        last = dt.date(self.jaar - jaargroep - 3 - blijver, 10, 1)
        return first + dt.timedelta(days=self.rng.randrange((last - first).days + 1))

    def _unique(self, wanted: str, taken: set[str]) -> str:
        candidate, n = wanted, 1
        while candidate in taken:
            n += 1
            candidate = f"{wanted}{n}"
        taken.add(candidate)
        return candidate

    def email(self, name: PersonName) -> str:
        return self._unique(email_local_part(name), self._emails) + "@" + self.email_domein

    def login(self, name: PersonName) -> str:
        return self._unique(login_name(name)[:60], self._logins)

    # -- the school

    def build(
        self,
        *,
        naam: str,
        brincode: str,
        schooljaar: str,
        peildatum: dt.date,
        plans: list[GroepPlan],
        sizes: list[int],
    ) -> FakeSchool:
        head = School(
            schooljaar=schooljaar,
            brincode=brincode,
            dependancecode="00",
            peildatum=peildatum,
            aanmaakdatum=dt.datetime.combine(peildatum, dt.time(6, 0), tzinfo=dt.UTC)
            + dt.timedelta(seconds=self.rng.randrange(4 * 3600)),
            auteur="ESIS",
            xsdversie=DEFAULT_XSDVERSIE,
        )
        groepen = [self.groep(i, plan) for i, plan in enumerate(plans, start=1)]
        extra_groups = [
            s
            for s in _SAMENGESTELDE_GROEPEN
            if s.naam != "Taalklas" or len(plans) >= _TAALKLAS_FROM
        ]
        samengesteld = [
            SamengesteldeGroep(
                key=f"S{i:04d}",
                naam=s.naam,
                omschrijving=s.omschrijving,
                mutatiedatum=self.mutatiedatum(),
            )
            for i, s in enumerate(extra_groups, start=1)
        ]
        per_group = [
            self.pupils(groep, plan, size)
            for groep, plan, size in zip(groepen, plans, sizes, strict=True)
        ]
        leerlingen = [p for group in per_group for p in group]
        if len(plans) >= 2:
            self.place_hard_cases(per_group)
        if all(p.eckid for p in leerlingen):
            leerlingen[-1].eckid = None  # a pupil the LAS has no ECK-iD for yet
        self.fill_samengestelde_groepen(leerlingen, extra_groups, samengesteld)
        instromer = self.pupil(jaargroep=1, groep=None)  # new pupil, not yet placed in a group
        leerkrachten, zonder_groep, gebruikers = self.staff(groepen, plans, samengesteld)
        return FakeSchool(
            naam=naam,
            brincode=brincode,
            dependancecode="00",
            schooljaar=schooljaar,
            email_domein=self.email_domein,
            leerlinggegevens=Leerlinggegevens(
                school=head,
                groepen=groepen,
                samengestelde_groepen=samengesteld,
                leerlingen=leerlingen,
                leerkrachten=leerkrachten,
            ),
            ongegroepeerde_leerlingen=[instromer],
            ongegroepeerde_leerkrachten=zonder_groep,
            gebruikers=gebruikers,
        )

    def groep(self, number: int, plan: GroepPlan) -> Groep:
        years = plan.jaargroepen
        if len(years) == 1:
            omschrijving = None
        elif len(years) == 2:
            omschrijving = f"Combinatiegroep {years[0]} en {years[1]}"
        else:
            omschrijving = f"Combinatiegroep {years[0]} tot en met {years[-1]}"
        return Groep(
            key=f"G{number:04d}",
            naam=plan.naam,
            jaargroep=plan.jaargroep,
            omschrijving=omschrijving,
            mutatiedatum=self.mutatiedatum(),
        )

    # -- pupils

    def geslacht(self) -> int:
        roll = self.rng.random()
        if roll < 0.005:
            return 0
        if roll < 0.01:
            return 9
        return 1 if roll < 0.505 else 2

    def pupil(self, *, jaargroep: int, groep: str | None) -> Leerling:
        geslacht = self.geslacht()
        name = self.names.person(geslacht)
        return Leerling(
            key=self.key(),
            eckid=self.eckid() if self.rng.random() < 0.95 else None,
            achternaam=name.achternaam,
            voorvoegsel=name.voorvoegsel,
            voornamen=name.voornamen,
            voorletters=name.voorletters,
            roepnaam=name.roepnaam,
            geboortedatum=self.geboortedatum(jaargroep),
            geslacht=geslacht,
            jaargroep=str(jaargroep),
            groep=groep,
            mutatiedatum=self.mutatiedatum(),
        )

    def pupils(self, groep: Groep, plan: GroepPlan, size: int) -> list[Leerling]:
        years = [plan.jaargroepen[i % len(plan.jaargroepen)] for i in range(size)]
        self.rng.shuffle(years)
        return [self.pupil(jaargroep=year, groep=groep.key) for year in years]

    def place_hard_cases(self, per_group: list[list[Leerling]]) -> None:
        """Give the hard names to the first pupils, taking the groups in turn."""
        in_turn = [g[i] for i in range(max(map(len, per_group))) for g in per_group if i < len(g)]
        for pupil, case in zip(in_turn, HARD_CASES, strict=False):
            name = case.name
            pupil.achternaam, pupil.voorvoegsel = name.achternaam, name.voorvoegsel
            pupil.voornamen, pupil.voorletters = name.voornamen, name.voorletters
            pupil.roepnaam, pupil.geslacht = name.roepnaam, case.geslacht

    def fill_samengestelde_groepen(
        self,
        leerlingen: list[Leerling],
        soorten: list[_Samengesteld],
        groepen: list[SamengesteldeGroep],
    ) -> None:
        for soort, groep in zip(soorten, groepen, strict=True):
            eligible = [p for p in leerlingen if int(p.jaargroep or 0) in soort.jaargroepen]
            members = [p for p in eligible if self.rng.random() < soort.kans]
            if not members:
                members = [self.rng.choice(eligible or leerlingen)]
            for pupil in members:
                pupil.samengestelde_groepen.append(groep.key)

    # -- staff

    def teacher(
        self, rollen: list[str], groepen: list[LeerkrachtGroep], *, eckid: bool | None = None
    ) -> tuple[Leerkracht, PersonName]:
        name = self.names.person(2 if self.rng.random() < 0.8 else 1)
        with_eckid = self.rng.random() < 0.5 if eckid is None else eckid
        leerkracht = Leerkracht(
            key=self.key(),
            eckid=self.eckid() if with_eckid else None,
            achternaam=name.achternaam,
            voorvoegsel=name.voorvoegsel,
            voornamen=name.voornamen,
            voorletters=name.voorletters,
            roepnaam=name.roepnaam,
            gebruikersnaam=self.login(name),
            emailadres=self.email(name),
            rollen=rollen,
            groepen=groepen,
            mutatiedatum=self.mutatiedatum(),
        )
        return leerkracht, name

    def staff(
        self,
        groepen: list[Groep],
        plans: list[GroepPlan],
        samengesteld: list[SamengesteldeGroep],
    ) -> tuple[list[Leerkracht], list[Leerkracht], list[Gebruiker]]:
        def ref(
            key: str, soort: Literal["groep", "samengestelde_groep"] = "groep"
        ) -> LeerkrachtGroep:
            return LeerkrachtGroep(soort=soort, key=key)

        people: list[tuple[Leerkracht, PersonName]] = []
        leraren: list[Leerkracht] = []
        for groep in groepen:
            people.append(self.teacher(["LRK"], [ref(groep.key)]))
            leraren.append(people[-1][0])
            if self.rng.random() < 0.3:  # a duo partner, sometimes also in another group
                duo = [ref(groep.key)]
                if self.rng.random() < 0.3:
                    other = self.rng.choice(groepen)
                    if other is not groep:
                        duo.append(ref(other.key))
                people.append(self.teacher(["LRK"], duo))
        leraren[-1].emailadres = None  # on purpose: H-S4-03, a teacher without e-mail
        for leerkracht, _ in people:
            if leerkracht is not leraren[-1] and self.rng.random() < 0.1:
                leerkracht.emailadres = None
        gym = [ref(g.key) for g, p in zip(groepen, plans, strict=True) if max(p.jaargroepen) >= 3]
        people.append(self.teacher(["VAK"], gym))
        by_name = {g.naam: g for g in samengesteld}
        people.append(
            self.teacher(["IB"], [ref(by_name["RT-groep"].key, "samengestelde_groep")], eckid=True)
        )
        for naam in ("Plusgroep", "Leesclub", "Taalklas"):
            if naam in by_name:
                self.rng.choice(leraren).groepen.append(
                    ref(by_name[naam].key, "samengestelde_groep")
                )
        directeur, directeur_naam = self.teacher(["DIR"], [])
        invaller, _ = self.teacher(["LRK"], [], eckid=False)  # on the invalpool, teaches no group
        gebruikers = [
            Gebruiker(
                naam=_display(directeur_naam), rol="Directie", gebruikersnaam=_login_of(directeur)
            )
        ]
        for rol in ("Applicatiebeheerder", "Administratie"):
            name = self.names.person(2 if self.rng.random() < 0.7 else 1)
            gebruikers.append(
                Gebruiker(naam=_display(name), rol=rol, gebruikersnaam=self.login(name))
            )
        gebruikers += [
            Gebruiker(naam=_display(name), rol="Leerkracht", gebruikersnaam=_login_of(leerkracht))
            for leerkracht, name in people
        ]
        return [p for p, _ in people], [directeur, invaller], gebruikers


def _display(name: PersonName) -> str:
    parts = [name.roepnaam, name.voorvoegsel, name.achternaam]
    return " ".join(p for p in parts if p)


def _login_of(leerkracht: Leerkracht) -> str:
    assert leerkracht.gebruikersnaam is not None
    return leerkracht.gebruikersnaam
