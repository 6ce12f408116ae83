"""Who is acting in the ESIS screens: the seeded ESIS users of a school and what their role allows.

Every ESIS call names its user (``gebruiker``: the login name, or the display name). Directie and
Applicatiebeheerder may manage links and see every group (H-S2-01, H-P-02); a Leerkracht sees the
groups they teach, matched to the school's leerkrachten by ``gebruikersnaam``.
"""

from __future__ import annotations

from typing import Any, Final

from mock_esis.state.model import SchoolState
from mock_esis.web.http import HttpError
from uwlr.fake import Gebruiker

__all__ = [
    "BEHEERROLLEN",
    "acting_user",
    "beheer_geweigerd",
    "groups_taught",
    "is_beheerder",
    "require_beheerder",
]

#: The ESIS roles that may activate or revoke a link and see every group.
BEHEERROLLEN: Final = ("Directie", "Applicatiebeheerder")


def acting_user(school: SchoolState, gebruiker: Any) -> Gebruiker:
    """The ESIS user named ``gebruiker`` (login name or display name); 403 when unknown."""
    if not isinstance(gebruiker, str) or not gebruiker.strip():
        raise HttpError(403, "Geef de ingelogde ESIS-gebruiker op (veld 'gebruiker').")
    wanted = gebruiker.strip()
    for user in school.fake.gebruikers:
        if user.gebruikersnaam.lower() == wanted.lower():
            return user
    for user in school.fake.gebruikers:
        if user.naam == wanted:
            return user
    raise HttpError(403, f"Onbekende ESIS-gebruiker '{wanted}' voor school {school.code}.")


def is_beheerder(user: Gebruiker) -> bool:
    return user.rol in BEHEERROLLEN


def beheer_geweigerd(user: Gebruiker, what: str) -> str | None:
    """Why ``user`` may not do ``what`` (a Directie/Applicatiebeheerder task), or None."""
    if is_beheerder(user):
        return None
    return (
        f"Alleen een gebruiker met de rol Directie of Applicatiebeheerder mag {what}; "
        f"{user.naam} heeft de rol {user.rol}."
    )


def require_beheerder(user: Gebruiker, what: str) -> None:
    """403 unless ``user`` is Directie or Applicatiebeheerder."""
    reden = beheer_geweigerd(user, what)
    if reden is not None:
        raise HttpError(403, reden)


def groups_taught(school: SchoolState, user: Gebruiker) -> set[str]:
    """Keys of the groups (stam and samengesteld) the Leerkracht ``user`` teaches this year."""
    login = user.gebruikersnaam.lower()
    return {
        ref.key
        for leerkracht in school.all_leerkrachten()
        if (leerkracht.gebruikersnaam or "").lower() == login
        for ref in leerkracht.groepen
    }
