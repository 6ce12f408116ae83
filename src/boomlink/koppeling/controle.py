"""Checking an active link again: "does ESIS still accept our stored key?" (H-X-03, H-S3-03).

:func:`koppeling_controleren` is the first step that talks to ESIS with the *stored* key. It goes
through :func:`~boomlink.koppeling.stap3.autorisatiesleutel_voor`, so a link that is switched off (or
never activated) is refused before anything is sent: no UWLR traffic for that school. When ESIS
has deactivated the link on its side, the check fails with
:class:`~boomlink.errors.SleutelGeweigerd`. The result is audited; the key never is.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from boomlink.audit import stap
from boomlink.crypto import Kluis
from boomlink.koppeling.stap3 import (
    Verificatieverzoek,
    Verifier,
    autorisatiesleutel_voor,
    huidige_koppeling,
)
from boomlink.koppeling.toegang import vereis_beheerder, vereis_koppeling_toegestaan
from boomlink.schooljaar import huidig_schooljaar
from boomlink.store import Gebruiker, School

__all__ = ["koppeling_controleren"]


def koppeling_controleren(
    session: Session,
    school: School,
    gebruiker: Gebruiker,
    *,
    verify: Verifier,
    kluis: Kluis,
    now: dt.datetime | None = None,
) -> str:
    """Check the active link's stored key with ESIS; returns the masked key on success."""
    moment = now or dt.datetime.now(dt.UTC)
    with stap(
        session, actie="koppeling controleren", actor=gebruiker.emailadres, school_id=school.id
    ) as uit:
        vereis_beheerder(school, gebruiker)
        vereis_koppeling_toegestaan(session, school)
        sleutel = autorisatiesleutel_voor(session, school, kluis)
        koppeling = huidige_koppeling(session, school)
        schoolkey = koppeling.schoolkey if koppeling is not None else None
        verzoek = Verificatieverzoek(
            autorisatiesleutel=sleutel,
            schooljaar=huidig_schooljaar(moment),
            brincode=None if schoolkey else school.brincode,
            dependancecode=None if schoolkey else school.dependancecode,
            schoolkey=schoolkey,
        )
        session.rollback()  # no read transaction (and no SQLite snapshot) while ESIS answers
        verify(verzoek)
        uit.detail = f"autorisatiesleutel {sleutel.masked} aanvaard door ESIS"
    return sleutel.masked
