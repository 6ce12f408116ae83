"""Logging in and out, the start page per role, and the invitation link of H-S4-04."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from boomlink.accounts import (
    InloggenMislukt,
    account_met_uitnodiging,
    uitnodiging_controleren,
)
from boomlink.accounts import (
    inloggen as service_inloggen,
)
from boomlink.errors import BoomlinkError
from boomlink.web.beveiliging import huidig_account, inloggen_vereist
from boomlink.web.context import db
from boomlink.web.formulier import Fouten

__all__ = ["bp"]

bp = Blueprint("auth", __name__)


def _veilig_vervolg(doel: str | None) -> str | None:
    """Only a local path (``/…``, not ``//host``) may be the page after logging in."""
    if doel and doel.startswith("/") and not doel.startswith("//") and "\\" not in doel:
        return doel
    return None


def _begin(sleutel: str) -> None:
    session.clear()  # a new session (and CSRF token) at every login: no session fixation
    session["account"] = sleutel


@bp.get("/")
def start() -> Response:
    account = huidig_account()
    if account is None:
        return redirect(url_for("auth.inloggen"))
    if account.is_support:
        return redirect(url_for("support.overzicht"))
    if account.rol == "beheerder" and account.school_id is not None:
        return redirect(url_for("koppelen.formulier", school_id=account.school_id))
    return redirect(url_for("auth.welkom"))


@bp.route("/inloggen", methods=["GET", "POST"])
def inloggen() -> Response | tuple[str, int] | str:
    fouten = Fouten()
    emailadres = ""
    vervolg = _veilig_vervolg(request.values.get("volgende"))
    if request.method == "POST":
        emailadres = request.form.get("emailadres", "").strip()
        try:
            account = service_inloggen(db(), emailadres, request.form.get("wachtwoord", ""))
        except InloggenMislukt as exc:
            fouten.algemeen.append(exc.bericht)
        else:
            _begin(account.sleutel)
            return redirect(vervolg or url_for("auth.start"))
    status = 401 if fouten else 200
    return render_template(
        "auth/inloggen.html", fouten=fouten, emailadres=emailadres, volgende=vervolg or ""
    ), status


@bp.post("/uitloggen")
def uitloggen() -> Response:
    session.clear()
    flash("Je bent uitgelogd.")
    return redirect(url_for("auth.inloggen"))


@bp.get("/welkom")
@inloggen_vereist
def welkom() -> str:
    return render_template("auth/welkom.html")


@bp.route("/account-aanmaken", methods=["GET", "POST"])
def account_aanmaken() -> Response | tuple[str, int] | str:
    token = request.values.get("token", "")
    fouten = Fouten()
    emailadres: str | None = None
    try:
        emailadres = uitnodiging_controleren(db(), token)
    except BoomlinkError as exc:
        return render_template("auth/account_aanmaken.html", ongeldig=exc.bericht), 410
    if request.method == "POST":
        try:
            account = account_met_uitnodiging(
                db(), token, request.form.get("wachtwoord", ""), request.form.get("herhaling", "")
            )
        except BoomlinkError as exc:
            fouten = Fouten.uit(exc)
        else:
            _begin(account.sleutel)
            flash("Je account is aangemaakt en je bent ingelogd.")
            return redirect(url_for("auth.start"))
    return render_template(
        "auth/account_aanmaken.html",
        token=token,
        emailadres=emailadres,
        fouten=fouten,
        ongeldig=None,
    ), (422 if fouten else 200)
