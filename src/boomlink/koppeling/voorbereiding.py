"""Voorbereiding: Boom support enables "UWLR-koppeling" for a school (H-P-01, H-P-03).

Enabling sets ``scholen.uwlr_enabled_at`` and queues one bevestigingsmail per beheerder of the
school in the outbox, in the same transaction. Decision for H-P-03 ("the following steps are
allowed only after it"): a school may take the next steps once **at least one** of its
bevestigingsmails has been **sent**, i.e. accepted by the SMTP server (``sent_at`` set by
:func:`boomlink.mail.flush_outbox`). Queued is not enough: the handbook's promise is that the
beheerder *received* the mail, and SMTP acceptance is the closest fact the Boom side can know.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from boomlink.audit import BOOM_SUPPORT, stap
from boomlink.beheer import school_met_brin
from boomlink.errors import GeenBeheerderBijSchool, OngeldigVeld
from boomlink.koppeling.toegang import BEVESTIGINGSMAIL, bevestigingsmail_verstuurd
from boomlink.mail import zet_in_wachtrij
from boomlink.mailteksten import bevestigingsmail
from boomlink.store import Gebruiker, Rol, School

__all__ = ["bevestigingsmail_verstuurd", "uwlr_inschakelen"]


def _zelfde_naam(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def uwlr_inschakelen(
    session: Session, *, school_naam: str, brin: str, now: dt.datetime | None = None
) -> School:
    """Boom support: enable the link for the school named by ``school_naam`` and ``brin``.

    Enabling an enabled school again changes nothing and queues no new mail.
    """
    moment = now or dt.datetime.now(dt.UTC)
    school = school_met_brin(session, brin)
    with stap(session, actie="uwlr inschakelen", actor=BOOM_SUPPORT, school_id=school.id) as uit:
        if not _zelfde_naam(school.naam, school_naam):
            raise OngeldigVeld(
                "naam",
                f"bij BRIN {school.brincode}{school.dependancecode} hoort ‘{school.naam}’, "
                f"niet ‘{school_naam.strip()}’.",
            )
        if school.uwlr_enabled_at is not None:
            uit.detail = "was al ingeschakeld; geen nieuwe bevestigingsmail"
            return school
        beheerders = list(
            session.scalars(
                select(Gebruiker)
                .where(Gebruiker.school_id == school.id, Gebruiker.rol == Rol.BEHEERDER)
                .order_by(Gebruiker.id)
            )
        )
        if not beheerders:
            raise GeenBeheerderBijSchool(school.naam)
        school.uwlr_enabled_at = moment
        for beheerder in beheerders:
            subject, body = bevestigingsmail(school, beheerder)
            zet_in_wachtrij(
                session,
                recipient=beheerder.emailadres,
                subject=subject,
                body=body,
                soort=BEVESTIGINGSMAIL,
                school_id=school.id,
            )
        uit.detail = "bevestigingsmail in de wachtrij voor " + ", ".join(
            b.emailadres for b in beheerders
        )
    return school
