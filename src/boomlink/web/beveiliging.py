"""Who is logged in, what they may open, and the CSRF token on every POST.

* :func:`huidig_account`: the logged-in :class:`~boomlink.accounts.Account` (or None).
* :func:`inloggen_vereist`: a view decorator that sends anonymous visitors to the login page.
* :func:`school_van_beheerder`: the school of a school page, only for that school's beheerder:
  anybody else gets a 404, so a beheerder cannot even learn that another school's id exists.
* :func:`alleen_support`: Boom support pages; everybody else gets a 403.
* :func:`controleer_csrf`: refuses (400) a POST without the session's token.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

from flask import abort, g, redirect, request, session, url_for
from werkzeug.exceptions import BadRequest, Forbidden
from werkzeug.wrappers import Response as WerkzeugResponse

from boomlink.accounts import Account, account_laden
from boomlink.store import Gebruiker, Rol, School
from boomlink.web.context import db

__all__ = [
    "Geweigerd",
    "alleen_support",
    "controleer_csrf",
    "csrf_token",
    "huidig_account",
    "inloggen_vereist",
    "school_van_beheerder",
]

P = ParamSpec("P")
R = TypeVar("R")
CSRF_VELD = "csrf_token"


class Geweigerd(BadRequest):
    """A 400 whose description is a Dutch text for the user."""


class GeenSupport(Forbidden):
    description = "Deze pagina is alleen voor Boom support."


def csrf_token() -> str:
    token = session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        session["csrf"] = token
    return token


def controleer_csrf() -> None:
    if request.method != "POST":
        return
    verwacht = session.get("csrf")
    gekregen = request.form.get(CSRF_VELD, "")
    if not isinstance(verwacht, str) or not hmac.compare_digest(verwacht, gekregen):
        raise Geweigerd(
            "Dit formulier is verlopen of kwam niet van deze site; er is niets opgeslagen. "
            "Ga terug, laad de pagina opnieuw en probeer het nog eens."
        )


def huidig_account() -> Account | None:
    if "account" not in g:
        sleutel = session.get("account")
        g.account = account_laden(db(), sleutel) if isinstance(sleutel, str) else None
    account: Account | None = g.account
    return account


def inloggen_vereist(view: Callable[P, R]) -> Callable[P, R | WerkzeugResponse]:
    @wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R | WerkzeugResponse:
        if huidig_account() is None:
            return redirect(url_for("auth.inloggen", volgende=request.full_path.rstrip("?")))
        return view(*args, **kwargs)

    return wrapper


def school_van_beheerder(school_id: int) -> tuple[School, Gebruiker]:
    """The school and its beheerder for a school page; 404 for anybody else."""
    account = huidig_account()
    if account is None or account.rol != Rol.BEHEERDER.value or account.school_id != school_id:
        abort(404)
    sessie = db()
    gebruiker = sessie.get(Gebruiker, int(account.sleutel[2:]))
    school = sessie.get(School, school_id)
    if gebruiker is None or school is None:
        abort(404)
    return school, gebruiker


def alleen_support() -> Account:
    account = huidig_account()
    if account is None or not account.is_support:
        raise GeenSupport()
    return account
