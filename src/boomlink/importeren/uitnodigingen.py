"""H-S4-04: the invitation mail with a one-time link to create an account.

:func:`uitnodigen` runs inside the commit of the import: it stores an :class:`Uitnodiging` with
the SHA-256 of a fresh token (``secrets.token_urlsafe(32)``, 256 bits) and queues the mail in the
outbox (:mod:`boomlink.mail`), so the mail exists exactly when the import is committed; an SMTP
outage delays it, the outbox never sends it twice. :func:`account_aanmaken` redeems a token once:
the first statement marks it used (``used_at IS NULL`` in the ``WHERE``), so two tabs with the
same link cannot both create an account.

The link is ``{basis_url}/account-aanmaken?token=...``; ``basis_url`` comes from
``BOOMLINK_BASIS_URL`` (default ``https://www.boomtestcentrum.nl``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import secrets
from collections.abc import Mapping
from typing import Any, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from boomlink.audit import stap
from boomlink.errors import GebruikerBestaatAl
from boomlink.importeren.fouten import UitnodigingOngeldig
from boomlink.importeren.weergave import persoonsnaam
from boomlink.mail import zet_in_wachtrij
from boomlink.store import AccountStatus, Gebruiker, Leerkracht, Rol, School
from boomlink.store.import_models import Uitnodiging

__all__ = [
    "DEFAULT_BASIS_URL",
    "GELDIGHEID",
    "UITNODIGING",
    "account_aanmaken",
    "basis_url",
    "token_hash",
    "uitnodigen",
    "uitnodigingsmail",
]

UITNODIGING = "uitnodiging"
GELDIGHEID = dt.timedelta(days=30)
DEFAULT_BASIS_URL = "https://www.boomtestcentrum.nl"


def basis_url(environ: Mapping[str, str] | None = None) -> str:
    env = os.environ if environ is None else environ
    return (env.get("BOOMLINK_BASIS_URL") or DEFAULT_BASIS_URL).rstrip("/")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def uitnodigingsmail(
    school: School, naam: str, link: str, geldig_tot: dt.datetime
) -> tuple[str, str]:
    """Subject and body of the invitation."""
    subject = f"Uitnodiging: maak je account aan in het Boom testcentrum ({school.naam})"
    body = f"""Beste {naam},

De beheerder van {school.naam} heeft de leerlinggegevens uit ESIS geïmporteerd in het Boom
testcentrum. Jij bent daarbij als leerkracht toegevoegd.

Maak je account aan met deze persoonlijke link (je kunt hem één keer gebruiken, tot
{geldig_tot.strftime("%d-%m-%Y")}):

{link}

Heb je vragen? Mail naar testonderwijs@boom.nl of bel 088-0301000.

Met vriendelijke groet,
Boom test onderwijs
"""
    return subject, body


def uitnodigen(
    session: Session,
    school: School,
    leerkracht: Leerkracht,
    *,
    basis: str,
    now: dt.datetime,
) -> Uitnodiging:
    """Store a hashed one-time token and queue the mail, in the caller's transaction."""
    assert leerkracht.emailadres, "a teacher is invited only with an e-mail address"
    token = secrets.token_urlsafe(32)
    uitnodiging = Uitnodiging(
        school_id=school.id,
        leerkracht_id=leerkracht.id,
        emailadres=leerkracht.emailadres,
        token_hash=token_hash(token),
        created_at=now,
        expires_at=now + GELDIGHEID,
    )
    session.add(uitnodiging)
    naam = persoonsnaam(
        leerkracht.roepnaam, leerkracht.voorvoegsel, leerkracht.achternaam, leerkracht.voorletters
    )
    subject, body = uitnodigingsmail(
        school, naam, f"{basis}/account-aanmaken?token={token}", uitnodiging.expires_at
    )
    zet_in_wachtrij(
        session,
        recipient=leerkracht.emailadres,
        subject=subject,
        body=body,
        soort=UITNODIGING,
        school_id=school.id,
    )
    leerkracht.account_status = AccountStatus.UITGENODIGD
    return uitnodiging


def account_aanmaken(
    session: Session,
    token: str,
    *,
    now: dt.datetime | None = None,
    wachtwoord_hash: str | None = None,
) -> Gebruiker:
    """Redeem an invitation link once: a leerkracht account for the invited teacher.

    ``wachtwoord_hash`` (see :mod:`boomlink.accounts`) is stored with the account in the same
    transaction, so a used link always leaves an account that can log in."""
    moment = now or dt.datetime.now(dt.UTC)
    gezocht = token_hash(token.strip())
    uitnodiging = session.scalar(select(Uitnodiging).where(Uitnodiging.token_hash == gezocht))
    if uitnodiging is None:
        raise UitnodigingOngeldig("deze link is onbekend. Controleer of je de hele link gebruikt.")
    uitnodiging_id, school_id, emailadres = (
        uitnodiging.id,
        uitnodiging.school_id,
        uitnodiging.emailadres,
    )
    with stap(session, actie="account aanmaken", actor=emailadres, school_id=school_id):
        claim = cast(
            CursorResult[Any],
            session.execute(
                update(Uitnodiging)
                .where(Uitnodiging.id == uitnodiging_id, Uitnodiging.used_at.is_(None))
                .values(used_at=moment)
                .execution_options(synchronize_session=False)
            ),
        )
        uitnodiging = session.get_one(Uitnodiging, uitnodiging_id, populate_existing=True)
        if claim.rowcount != 1:
            raise UitnodigingOngeldig("deze link is al gebruikt. Log in met je account.")
        if uitnodiging.expires_at <= moment:
            raise UitnodigingOngeldig(
                "deze link is verlopen. Vraag de beheerder van je school om een nieuwe uitnodiging."
            )
        if session.scalar(select(Gebruiker.id).where(Gebruiker.emailadres == emailadres)):
            raise GebruikerBestaatAl(emailadres)
        leerkracht = session.get_one(Leerkracht, uitnodiging.leerkracht_id)
        gebruiker = Gebruiker(
            emailadres=emailadres,
            naam=persoonsnaam(
                leerkracht.roepnaam,
                leerkracht.voorvoegsel,
                leerkracht.achternaam,
                leerkracht.voorletters,
            ),
            rol=Rol.LEERKRACHT,
            school_id=school_id,
            leerkracht_id=leerkracht.id,
            wachtwoord_hash=wachtwoord_hash,
        )
        session.add(gebruiker)
        session.flush()
        uitnodiging.gebruiker_id = gebruiker.id
        leerkracht.account_status = AccountStatus.ACTIEF
    return gebruiker
