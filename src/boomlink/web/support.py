"""Boom support's pages: the overview of schools, Voorbereiding (H-P-01/03) and the audited
back-fill of last year's results (H-S4-11, behind an explicit confirmation).

Only a Boom support account opens these pages; anybody else gets a 403.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from boomlink.beheer import alle_scholen, school_met_brin
from boomlink.errors import BoomlinkError
from boomlink.koppeling.stap3 import huidige_koppeling
from boomlink.koppeling.toegang import bevestigingsmail_verstuurd
from boomlink.koppeling.voorbereiding import uwlr_inschakelen
from boomlink.mail import flush_outbox
from boomlink.resultaten import vorig_schooljaar_terugzetten
from boomlink.resultaten.schooljaren import vorig_schooljaar
from boomlink.schooljaar import huidig_schooljaar
from boomlink.web.beveiliging import alleen_support, inloggen_vereist
from boomlink.web.context import db, diensten
from boomlink.web.formulier import Fouten

__all__ = ["bp"]

bp = Blueprint("support", __name__, url_prefix="/support")

Pagina = Response | str | tuple[str, int]


@bp.get("")
@inloggen_vereist
def overzicht() -> Pagina:
    alleen_support()
    sessie = db()
    scholen = [
        (
            school,
            huidige_koppeling(sessie, school),
            bevestigingsmail_verstuurd(sessie, school),
        )
        for school in alle_scholen(sessie)
    ]
    return render_template("support/overzicht.html", scholen=scholen)


@bp.route("/voorbereiding", methods=["GET", "POST"])
@inloggen_vereist
def voorbereiding() -> Pagina:
    alleen_support()
    invoer = {
        "school_naam": request.values.get("school_naam", ""),
        "brincode": request.values.get("brincode", ""),
    }
    if request.method == "GET":
        return render_template("support/voorbereiding.html", invoer=invoer, fouten=Fouten())
    try:
        school = uwlr_inschakelen(db(), school_naam=invoer["school_naam"], brin=invoer["brincode"])
        naam = school.naam
    except BoomlinkError as exc:
        fouten = Fouten.uit(exc)
        if fouten.algemeen and "BRIN" in exc.bericht:
            fouten = Fouten().veld("brincode", exc.bericht)
        return render_template("support/voorbereiding.html", invoer=invoer, fouten=fouten), 422
    resultaat = flush_outbox(diensten().store.sessions, diensten().settings.mail)
    if resultaat.mislukt:
        flash(
            f"De UWLR-koppeling is ingeschakeld voor {naam}, maar de bevestigingsmail staat "
            "nog in de wachtrij: de mailserver was niet bereikbaar. De school kan pas verder "
            "als de mail verstuurd is."
        )
    else:
        flash(f"De UWLR-koppeling is ingeschakeld voor {naam}. De bevestigingsmail is verstuurd.")
    return redirect(url_for("support.overzicht"))


@bp.route("/terugzetten", methods=["GET", "POST"])
@inloggen_vereist
def terugzetten() -> Pagina:
    alleen_support()
    vorig = vorig_schooljaar(huidig_schooljaar())
    invoer = {
        "brincode": request.values.get("brincode", ""),
        "schooljaar": request.values.get("schooljaar", vorig),
    }
    if request.method == "GET":
        return render_template("support/terugzetten.html", invoer=invoer, fouten=Fouten())
    fouten = Fouten()
    if request.form.get("bevestig") != "ja":
        fouten.veld(
            "bevestig",
            "Vink aan dat je deze resultaten echt naar ESIS wilt sturen; er is niets verstuurd.",
        )
        return render_template("support/terugzetten.html", invoer=invoer, fouten=fouten), 422
    try:
        school = school_met_brin(db(), invoer["brincode"])
        uitkomst = vorig_schooljaar_terugzetten(
            db(), school=school, schooljaar=invoer["schooljaar"]
        )
    except BoomlinkError as exc:
        fouten = Fouten.uit(exc)
        if fouten.algemeen and "BRIN" in exc.bericht:
            fouten = Fouten().veld("brincode", exc.bericht)
        return render_template("support/terugzetten.html", invoer=invoer, fouten=fouten), 422
    flash(
        f"{uitkomst.in_wachtrij} resultaten van {uitkomst.school_naam} uit schooljaar "
        f"{uitkomst.schooljaar} staan in de wachtrij voor ESIS"
        + (f" ({uitkomst.al_in_wachtrij} stonden er al in)" if uitkomst.al_in_wachtrij else "")
        + ". Dit is vastgelegd in het auditlog."
    )
    return redirect(url_for("support.overzicht"))
