"""Beheer → Koppelen met LAS (H-S1-01..05, H-S3-01..05, H-X-03) for the school's beheerder.

One page shows the step the link is in: the request form of Stap 1 (with the count of extern
nummers and [Verwijder nummers]), the autorisatiesleutel form of Stap 3 after approval, and for
an active link the masked key, [Gegevens importeren] and [Koppeling uitzetten]. Destructive
actions have their own confirmation page, so everything works without JavaScript.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from boomlink.errors import BevestigingsmailNietVerstuurd, BoomlinkError, NietIngeschakeld
from boomlink.importeren.ophalen import gegevens_importeren
from boomlink.koppeling.controle import koppeling_controleren
from boomlink.koppeling.stap1 import (
    ESIS_UWLR,
    koppelformulier,
    koppeling_aanvragen,
    nummers_verwijderen,
)
from boomlink.koppeling.stap3 import koppeling_opslaan, koppeling_status, koppeling_uitzetten
from boomlink.store import Gebruiker, School
from boomlink.web.beveiliging import inloggen_vereist, school_van_beheerder
from boomlink.web.context import db, diensten
from boomlink.web.formulier import Fouten

__all__ = ["bp"]

bp = Blueprint("koppelen", __name__, url_prefix="/scholen/<int:school_id>/koppelen")

Pagina = Response | str | tuple[str, int]


def _toon(
    school: School,
    gebruiker: Gebruiker,
    fouten: Fouten | None = None,
    invoer: dict[str, str] | None = None,
    status: int = 200,
) -> tuple[str, int]:
    sessie = db()
    context: dict[str, Any] = {
        "school": school,
        "fouten": fouten or Fouten(),
        "invoer": invoer or {},
        "esis_uwlr": ESIS_UWLR,
    }
    try:
        context["formulier"] = koppelformulier(sessie, school, gebruiker)
    except (NietIngeschakeld, BevestigingsmailNietVerstuurd) as exc:
        context["niet_toegestaan"] = exc.bericht
        return render_template("koppelen/formulier.html", **context), status
    context["overzicht"] = koppeling_status(sessie, school, gebruiker, diensten().store.kluis())
    return render_template("koppelen/formulier.html", **context), status


@bp.get("")
@inloggen_vereist
def formulier(school_id: int) -> Pagina:
    school, gebruiker = school_van_beheerder(school_id)
    return _toon(school, gebruiker)


@bp.route("/nummers-verwijderen", methods=["GET", "POST"])
@inloggen_vereist
def nummers(school_id: int) -> Pagina:
    school, gebruiker = school_van_beheerder(school_id)
    if request.method == "GET":
        return render_template(
            "koppelen/nummers_verwijderen.html",
            school=school,
            formulier=koppelformulier(db(), school, gebruiker),
        )
    try:
        geleegd = nummers_verwijderen(db(), school, gebruiker)
    except BoomlinkError as exc:
        return _toon(school, gebruiker, Fouten.uit(exc), status=422)
    flash(
        f"De externe nummers zijn verwijderd ({geleegd.leerlingen} leerlingen, "
        f"{geleegd.groepen} groepen). Er zijn geen toetsgegevens verwijderd."
    )
    return redirect(url_for("koppelen.formulier", school_id=school_id))


@bp.post("/aanvragen")
@inloggen_vereist
def aanvragen(school_id: int) -> Pagina:
    school, gebruiker = school_van_beheerder(school_id)
    invoer = {
        "type_koppeling": request.form.get("type_koppeling", ""),
        "brincode": request.form.get("brincode", ""),
        "schooljaar": request.form.get("schooljaar", ""),
    }
    try:
        koppeling_aanvragen(
            db(),
            school,
            gebruiker,
            type_koppeling=invoer["type_koppeling"],
            brincode=invoer["brincode"],
            schooljaar=invoer["schooljaar"],
        )
    except BoomlinkError as exc:
        return _toon(school, gebruiker, Fouten.uit(exc), invoer, status=422)
    flash("De aanvraag is goedgekeurd. Maak nu in ESIS de autorisatiesleutel aan (stap 2).")
    return redirect(url_for("koppelen.formulier", school_id=school_id))


@bp.post("/opslaan")
@inloggen_vereist
def opslaan(school_id: int) -> Pagina:
    school, gebruiker = school_van_beheerder(school_id)
    schoolkey = request.form.get("schoolkey", "")
    try:
        koppeling_opslaan(
            db(),
            school,
            gebruiker,
            autorisatiesleutel=request.form.get("autorisatiesleutel", ""),
            schoolkey=schoolkey,
            verify=diensten().verifier,
            kluis=diensten().store.kluis(),
        )
    except BoomlinkError as exc:
        # the key itself is never put back into the form
        return _toon(school, gebruiker, Fouten.uit(exc), {"schoolkey": schoolkey}, status=422)
    flash("De autorisatiesleutel is opgeslagen en door ESIS geaccepteerd. De koppeling is actief.")
    return redirect(url_for("koppelen.formulier", school_id=school_id))


@bp.post("/controleren")
@inloggen_vereist
def controleren(school_id: int) -> Pagina:
    school, gebruiker = school_van_beheerder(school_id)
    try:
        masked = koppeling_controleren(
            db(),
            school,
            gebruiker,
            verify=diensten().verifier,
            kluis=diensten().store.kluis(),
        )
    except BoomlinkError as exc:
        return _toon(school, gebruiker, Fouten.uit(exc), status=422)
    flash(f"ESIS accepteert de opgeslagen autorisatiesleutel ({masked}).")
    return redirect(url_for("koppelen.formulier", school_id=school_id))


@bp.post("/importeren")
@inloggen_vereist
def importeren(school_id: int) -> Pagina:
    school, gebruiker = school_van_beheerder(school_id)
    try:
        gestart = gegevens_importeren(
            db(),
            school,
            gebruiker,
            client_config=diensten().client_config(),
            kluis=diensten().store.kluis(),
        )
    except BoomlinkError as exc:
        return _toon(school, gebruiker, Fouten.uit(exc), status=422)
    flash(
        f"De gegevens uit ESIS zijn opgehaald (schooljaar {gestart.schooljaar}). Controleer de "
        "import en rond hem af; er is nog niets veranderd."
    )
    return redirect(url_for("importeren.review", school_id=school_id))


@bp.route("/uitzetten", methods=["GET", "POST"])
@inloggen_vereist
def uitzetten(school_id: int) -> Pagina:
    school, gebruiker = school_van_beheerder(school_id)
    if request.method == "GET":
        return render_template("koppelen/uitzetten.html", school=school)
    try:
        koppeling_uitzetten(db(), school, gebruiker)
    except BoomlinkError as exc:
        return _toon(school, gebruiker, Fouten.uit(exc), status=422)
    flash("De koppeling is uitgezet. Er worden geen gegevens meer uitgewisseld met ESIS.")
    return redirect(url_for("koppelen.formulier", school_id=school_id))
