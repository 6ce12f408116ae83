"""Who may do what: the gates in front of every link step (H-P-01, H-P-02, H-P-03)."""

from __future__ import annotations

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from boomlink.errors import BevestigingsmailNietVerstuurd, GeenBeheerder, NietIngeschakeld
from boomlink.store import Gebruiker, MailBericht, Rol, School

__all__ = [
    "BEVESTIGINGSMAIL",
    "bevestigingsmail_verstuurd",
    "vereis_beheerder",
    "vereis_koppeling_toegestaan",
]

BEVESTIGINGSMAIL = "bevestigingsmail"


def vereis_beheerder(school: School, gebruiker: Gebruiker) -> None:
    """H-P-02: only a beheerder of this very school acts on its link."""
    if gebruiker.school_id != school.id or gebruiker.rol is not Rol.BEHEERDER:
        raise GeenBeheerder(school.naam, gebruiker.emailadres)


def bevestigingsmail_verstuurd(session: Session, school: School) -> bool:
    """True once a bevestigingsmail to the school's beheerder has been accepted by SMTP."""
    return bool(
        session.scalar(
            select(
                exists().where(
                    MailBericht.school_id == school.id,
                    MailBericht.soort == BEVESTIGINGSMAIL,
                    MailBericht.sent_at.is_not(None),
                )
            )
        )
    )


def vereis_koppeling_toegestaan(session: Session, school: School) -> None:
    """H-P-01 and H-P-03: Boom enabled the link and the bevestigingsmail has gone out."""
    if school.uwlr_enabled_at is None:
        raise NietIngeschakeld(school.naam)
    if not bevestigingsmail_verstuurd(session, school):
        raise BevestigingsmailNietVerstuurd(school.naam)
