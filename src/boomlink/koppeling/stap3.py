"""Stap 3 (storage part) and switching the link off (H-S3-02, H-S3-03, H-X-03).

* :func:`koppeling_opslaan`: "Wijzigingen opslaan": the pasted autorisatiesleutel (and an
  optional SchoolKey) is checked with ``verify`` first and stored, encrypted, only when that
  succeeds; the link is then ``actief``. ``verify`` gets a :class:`Verificatieverzoek` and
  returns on success or raises :class:`~boomlink.errors.SleutelGeweigerd` (ESIS refused the key)
  or :class:`~boomlink.errors.EsisNietBereikbaar`. It is called outside any database
  transaction, so a slow ESIS holds no lock.
* :func:`koppeling_uitzetten`: status ``uit``; the key and SchoolKey are forgotten.
* :func:`autorisatiesleutel_voor`: the one way for the UWLR traffic to get the key; it refuses
  unless the link is ``actief``, so a switched-off link exchanges nothing.

A filled SchoolKey is stored and addresses the school instead of brincode + dependancecode.
``activated_at`` is the first activation of this link; pasting a new key later keeps it (results
normed before it are never sent: H-S4-10).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from boomlink.audit import stap
from boomlink.crypto import Autorisatiesleutel, Kluis
from boomlink.errors import (
    GeenGoedgekeurdeAanvraag,
    GeenKoppeling,
    KoppelingNietActief,
    OngeldigVeld,
)
from boomlink.koppeling.toegang import (
    bevestigingsmail_verstuurd,
    vereis_beheerder,
    vereis_koppeling_toegestaan,
)
from boomlink.schooljaar import huidig_schooljaar
from boomlink.store import Gebruiker, Koppeling, KoppelingStatus, School

__all__ = [
    "AUTORISATIESLEUTEL_MAX",
    "SCHOOLKEY_MAX",
    "KoppelingOverzicht",
    "Verificatieverzoek",
    "Verifier",
    "autorisatiesleutel_voor",
    "huidige_koppeling",
    "koppeling_opslaan",
    "koppeling_status",
    "koppeling_uitzetten",
]

AUTORISATIESLEUTEL_MAX = 64  # tpString64 in the UWLR autorisatie header
SCHOOLKEY_MAX = 256  # tpString256 in the UWLR request


@dataclass(frozen=True, slots=True)
class Verificatieverzoek:
    """What the verifying UWLR call needs. Either ``schoolkey``, or ``brincode`` (+ dependancecode)."""

    autorisatiesleutel: Autorisatiesleutel
    schooljaar: str
    brincode: str | None
    dependancecode: str | None
    schoolkey: str | None


Verifier = Callable[[Verificatieverzoek], None]


@dataclass(frozen=True, slots=True)
class KoppelingOverzicht:
    """The link as the beheerder sees it; the key only masked."""

    school_naam: str
    brincode: str
    dependancecode: str
    schooljaar: str
    ingeschakeld: bool
    bevestigingsmail_verstuurd: bool
    status: str | None
    type: str | None
    autorisatiesleutel: str | None
    schoolkey: str | None
    activated_at: dt.datetime | None
    afwijzing: str | None


def huidige_koppeling(session: Session, school: School) -> Koppeling | None:
    """The school's latest link request (whatever its status), or ``None``."""
    return session.scalar(
        select(Koppeling).where(Koppeling.school_id == school.id).order_by(Koppeling.id.desc())
    )


def _sleutel_uit_invoer(autorisatiesleutel: str) -> Autorisatiesleutel:
    waarde = autorisatiesleutel.strip()
    if not waarde:
        raise OngeldigVeld("Autorisatiesleutel", "plak de autorisatiesleutel uit ESIS.")
    if len(waarde) > AUTORISATIESLEUTEL_MAX or any(c.isspace() for c in waarde):
        raise OngeldigVeld(
            "Autorisatiesleutel",
            f"een autorisatiesleutel is hoogstens {AUTORISATIESLEUTEL_MAX} tekens zonder spaties; "
            "kopieer alleen de sleutel uit ESIS.",
        )
    return Autorisatiesleutel(waarde)


def _schoolkey_uit_invoer(schoolkey: str | None) -> str | None:
    waarde = (schoolkey or "").strip()
    if len(waarde) > SCHOOLKEY_MAX:
        raise OngeldigVeld(
            "SchoolKey", f"hoogstens {SCHOOLKEY_MAX} tekens; voor ESIS laat je dit veld leeg."
        )
    return waarde or None


def koppeling_opslaan(
    session: Session,
    school: School,
    gebruiker: Gebruiker,
    *,
    autorisatiesleutel: str,
    schoolkey: str | None,
    verify: Verifier,
    kluis: Kluis,
    now: dt.datetime | None = None,
) -> Koppeling:
    """ "Wijzigingen opslaan": verify the key, then store it encrypted and activate the link."""
    moment = now or dt.datetime.now(dt.UTC)
    with stap(
        session, actie="koppeling opslaan", actor=gebruiker.emailadres, school_id=school.id
    ) as uit:
        vereis_beheerder(school, gebruiker)
        vereis_koppeling_toegestaan(session, school)
        koppeling = huidige_koppeling(session, school)
        if koppeling is None or koppeling.status not in (
            KoppelingStatus.GOEDGEKEURD,
            KoppelingStatus.ACTIEF,
        ):
            raise GeenGoedgekeurdeAanvraag()
        sleutel = _sleutel_uit_invoer(autorisatiesleutel)
        key = _schoolkey_uit_invoer(schoolkey)
        koppeling_id, status_voor = koppeling.id, koppeling.status
        verzoek = Verificatieverzoek(
            autorisatiesleutel=sleutel,
            schooljaar=huidig_schooljaar(moment),
            brincode=None if key else school.brincode,
            dependancecode=None if key else school.dependancecode,
            schoolkey=key,
        )
        session.rollback()  # end the read transaction: no lock is held while ESIS answers
        verify(verzoek)
        koppeling = session.get_one(Koppeling, koppeling_id)
        if koppeling.status is not status_voor:
            raise GeenGoedgekeurdeAanvraag()
        koppeling.autorisatiesleutel_versleuteld = kluis.versleutel(sleutel)
        koppeling.schoolkey = key
        koppeling.status = KoppelingStatus.ACTIEF
        koppeling.key_saved_at = moment
        if koppeling.activated_at is None:
            koppeling.activated_at = moment
        uit.detail = f"koppeling {koppeling.id} actief, autorisatiesleutel {sleutel.masked}" + (
            f", SchoolKey {key}" if key else ""
        )
    return koppeling


def koppeling_uitzetten(
    session: Session, school: School, gebruiker: Gebruiker, *, now: dt.datetime | None = None
) -> Koppeling:
    """H-X-03: switch the link off; the key is forgotten and no data flows any more."""
    moment = now or dt.datetime.now(dt.UTC)
    with stap(
        session, actie="koppeling uitzetten", actor=gebruiker.emailadres, school_id=school.id
    ) as uit:
        vereis_beheerder(school, gebruiker)
        vereis_koppeling_toegestaan(session, school)
        koppeling = huidige_koppeling(session, school)
        if koppeling is None or koppeling.status not in (
            KoppelingStatus.AANGEVRAAGD,
            KoppelingStatus.GOEDGEKEURD,
            KoppelingStatus.ACTIEF,
        ):
            raise GeenKoppeling()
        koppeling.status = KoppelingStatus.UIT
        koppeling.autorisatiesleutel_versleuteld = None
        koppeling.schoolkey = None
        koppeling.switched_off_at = moment
        uit.detail = f"koppeling {koppeling.id} uitgezet; autorisatiesleutel vergeten"
    return koppeling


def autorisatiesleutel_voor(session: Session, school: School, kluis: Kluis) -> Autorisatiesleutel:
    """The decrypted key of the school's active link; refuses when the link is not active."""
    koppeling = huidige_koppeling(session, school)
    if (
        koppeling is None
        or koppeling.status is not KoppelingStatus.ACTIEF
        or koppeling.autorisatiesleutel_versleuteld is None
    ):
        raise KoppelingNietActief(school.naam)
    return kluis.ontsleutel(koppeling.autorisatiesleutel_versleuteld)


def koppeling_status(
    session: Session,
    school: School,
    gebruiker: Gebruiker,
    kluis: Kluis | None,
    *,
    now: dt.datetime | None = None,
) -> KoppelingOverzicht:
    """The link's state for the beheerder; with ``kluis`` the stored key is shown masked."""
    vereis_beheerder(school, gebruiker)
    koppeling = huidige_koppeling(session, school)
    masked: str | None = None
    if koppeling is not None and koppeling.autorisatiesleutel_versleuteld is not None:
        masked = (
            kluis.ontsleutel(koppeling.autorisatiesleutel_versleuteld).masked
            if kluis is not None
            else "(versleuteld opgeslagen)"
        )
    afwijzing = None
    if koppeling is not None and koppeling.status is KoppelingStatus.AFGEWEZEN:
        afwijzing = f"{koppeling.afwijzing_veld}: {koppeling.afwijzing_reden}"
    return KoppelingOverzicht(
        school_naam=school.naam,
        brincode=school.brincode,
        dependancecode=school.dependancecode,
        schooljaar=huidig_schooljaar(now),
        ingeschakeld=school.uwlr_enabled_at is not None,
        bevestigingsmail_verstuurd=bevestigingsmail_verstuurd(session, school),
        status=None if koppeling is None else koppeling.status.value,
        type=None if koppeling is None else koppeling.type,
        autorisatiesleutel=masked,
        schoolkey=None if koppeling is None else koppeling.schoolkey,
        activated_at=None if koppeling is None else koppeling.activated_at,
        afwijzing=afwijzing,
    )
