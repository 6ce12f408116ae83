"""Web accounts: passwords (argon2id), logging in, and the invitation link that sets a password.

Who can log in to ``boomlink web``:

* a :class:`~boomlink.store.Gebruiker` of a school with a password: role ``beheerder`` (of that
  one school) or ``leerkracht`` (an invited teacher, H-S4-04);
* a :class:`~boomlink.store.web_models.SupportMedewerker`: role ``support`` (Boom support).

An :class:`Account` is what a web session refers to (``sleutel``: ``g:<id>`` or ``s:<id>``).
Passwords are hashed with argon2id (:mod:`boomlink.wachtwoorden`) and never logged; a wrong address and
a wrong password give the same message, and an unknown address still costs one hash check.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from boomlink.audit import BOOM_SUPPORT, stap
from boomlink.errors import GebruikerBestaatAl, LinkError, OngeldigVeld
from boomlink.importeren.fouten import UitnodigingOngeldig
from boomlink.importeren.uitnodigingen import account_aanmaken, token_hash
from boomlink.store import Gebruiker
from boomlink.store.import_models import Uitnodiging
from boomlink.store.web_models import SupportMedewerker
from boomlink.wachtwoorden import dummy_hash, hasher

__all__ = [
    "MIN_LENGTE",
    "Account",
    "InloggenMislukt",
    "account_laden",
    "account_met_uitnodiging",
    "controleer_wachtwoord",
    "inloggen",
    "support_toevoegen",
    "uitnodiging_controleren",
    "wachtwoord_instellen",
]

MIN_LENGTE = 12
MAX_LENGTE = 256
ROL_SUPPORT = "support"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class InloggenMislukt(LinkError):
    def __init__(self) -> None:
        super().__init__("Het e-mailadres of het wachtwoord klopt niet.")


@dataclass(frozen=True, slots=True)
class Account:
    """Who is logged in: ``rol`` is ``beheerder``, ``leerkracht`` or ``support``."""

    sleutel: str
    emailadres: str
    naam: str
    rol: str
    school_id: int | None

    @property
    def is_support(self) -> bool:
        return self.rol == ROL_SUPPORT


def controleer_wachtwoord(wachtwoord: str, herhaling: str) -> None:
    """Refuse a password that is too short or too long, or not typed the same twice."""
    if len(wachtwoord) < MIN_LENGTE:
        raise OngeldigVeld("Wachtwoord", f"kies een wachtwoord van minstens {MIN_LENGTE} tekens.")
    if len(wachtwoord) > MAX_LENGTE:
        raise OngeldigVeld("Wachtwoord", f"een wachtwoord is hoogstens {MAX_LENGTE} tekens.")
    if wachtwoord != herhaling:
        raise OngeldigVeld("Herhaal wachtwoord", "de twee wachtwoorden zijn niet gelijk.")


def _van_gebruiker(gebruiker: Gebruiker) -> Account:
    return Account(
        sleutel=f"g:{gebruiker.id}",
        emailadres=gebruiker.emailadres,
        naam=gebruiker.naam,
        rol=gebruiker.rol.value,
        school_id=gebruiker.school_id,
    )


def _van_support(medewerker: SupportMedewerker) -> Account:
    return Account(
        sleutel=f"s:{medewerker.id}",
        emailadres=medewerker.emailadres,
        naam=medewerker.naam,
        rol=ROL_SUPPORT,
        school_id=None,
    )


def _klopt(hash_: str | None, wachtwoord: str) -> bool:
    try:
        return hasher().verify(hash_ or dummy_hash(), wachtwoord) and hash_ is not None
    except (VerificationError, InvalidHashError):
        return False


def inloggen(session: Session, emailadres: str, wachtwoord: str) -> Account:
    """The account with this address and password, or :class:`InloggenMislukt`."""
    adres = emailadres.strip().lower()
    gebruiker = session.scalar(select(Gebruiker).where(Gebruiker.emailadres == adres))
    if gebruiker is not None:
        if not _klopt(gebruiker.wachtwoord_hash, wachtwoord):
            raise InloggenMislukt()
        if gebruiker.wachtwoord_hash and hasher().check_needs_rehash(gebruiker.wachtwoord_hash):
            gebruiker.wachtwoord_hash = hasher().hash(wachtwoord)
            session.commit()
        return _van_gebruiker(gebruiker)
    medewerker = session.scalar(
        select(SupportMedewerker).where(SupportMedewerker.emailadres == adres)
    )
    if medewerker is None or not _klopt(medewerker.wachtwoord_hash, wachtwoord):
        raise InloggenMislukt()
    return _van_support(medewerker)


def account_laden(session: Session, sleutel: str) -> Account | None:
    """The account a session refers to, or None when it no longer exists."""
    soort, _, nummer = sleutel.partition(":")
    if not nummer.isdigit():
        return None
    if soort == "g":
        gebruiker = session.get(Gebruiker, int(nummer))
        return None if gebruiker is None else _van_gebruiker(gebruiker)
    if soort == "s":
        medewerker = session.get(SupportMedewerker, int(nummer))
        return None if medewerker is None else _van_support(medewerker)
    return None


def wachtwoord_instellen(
    session: Session, gebruiker: Gebruiker, wachtwoord: str, herhaling: str | None = None
) -> None:
    """Give an existing user (a beheerder made with ``boomlink gebruiker aanmaken``) a password."""
    with stap(
        session, actie="wachtwoord instellen", actor=BOOM_SUPPORT, school_id=gebruiker.school_id
    ):
        controleer_wachtwoord(wachtwoord, wachtwoord if herhaling is None else herhaling)
        session.get_one(Gebruiker, gebruiker.id).wachtwoord_hash = hasher().hash(wachtwoord)


def support_toevoegen(
    session: Session, *, emailadres: str, naam: str, wachtwoord: str
) -> SupportMedewerker:
    """A Boom support account (for ``boomlink gebruiker toevoegen --rol support``)."""
    adres = emailadres.strip().lower()
    with stap(session, actie="support-account aanmaken", actor=BOOM_SUPPORT, school_id=None):
        if not _EMAIL.match(adres):
            raise OngeldigVeld("E-mailadres", f"‘{adres}’ is geen geldig e-mailadres.")
        controleer_wachtwoord(wachtwoord, wachtwoord)
        bestaand = session.scalar(
            select(SupportMedewerker.id).where(SupportMedewerker.emailadres == adres)
        ) or session.scalar(select(Gebruiker.id).where(Gebruiker.emailadres == adres))
        if bestaand is not None:
            raise GebruikerBestaatAl(adres)
        medewerker = SupportMedewerker(
            emailadres=adres, naam=naam.strip() or adres, wachtwoord_hash=hasher().hash(wachtwoord)
        )
        session.add(medewerker)
        session.flush()
    return medewerker


def account_met_uitnodiging(
    session: Session,
    token: str,
    wachtwoord: str,
    herhaling: str,
    *,
    now: dt.datetime | None = None,
) -> Account:
    """H-S4-04 in the browser: the invitation link's page sets the teacher's password.

    The password is checked before the link is used, so a typo does not burn the link; the link
    is then used once (:func:`~boomlink.importeren.uitnodigingen.account_aanmaken`: single use,
    expiry) and the account is created with its hash in the same transaction."""
    controleer_wachtwoord(wachtwoord, herhaling)
    gebruiker = account_aanmaken(session, token, now=now, wachtwoord_hash=hasher().hash(wachtwoord))
    return _van_gebruiker(gebruiker)


def uitnodiging_controleren(session: Session, token: str, *, now: dt.datetime | None = None) -> str:
    """The invited address when the link can still be used; else :class:`UitnodigingOngeldig`
    with the same reasons as :func:`account_aanmaken` (the link is not used by this)."""
    moment = now or dt.datetime.now(dt.UTC)
    uitnodiging = session.scalar(
        select(Uitnodiging).where(Uitnodiging.token_hash == token_hash(token.strip()))
    )
    if uitnodiging is None:
        raise UitnodigingOngeldig("deze link is onbekend. Controleer of je de hele link gebruikt.")
    if uitnodiging.used_at is not None:
        raise UitnodigingOngeldig("deze link is al gebruikt. Log in met je account.")
    if uitnodiging.expires_at <= moment:
        raise UitnodigingOngeldig(
            "deze link is verlopen. Vraag de beheerder van je school om een nieuwe uitnodiging."
        )
    return uitnodiging.emailadres
