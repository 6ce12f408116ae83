"""Stap 4, import controleren en afronden (H-S4-01..08), for the school's beheerder.

The review page has the tabs Groepen / Leerkrachten / Leerlingen, each with Nieuw / Bestaand /
Niet importeren and their counts; a list is filtered by name and paged. Every row action is a
small POST form that goes back to the same tab, category, filter and page. [Gegevens importeren]
leads to the summary; the confirming [Gegevens importeren] there processes the import and sends
the invitations (the outbox).
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from boomlink.errors import BoomlinkError
from boomlink.importeren.fouten import GeenImportInReview
from boomlink.importeren.review import (
    CATEGORIE_TITEL,
    Regelweergave,
    Tab,
    emailadres_invullen,
    koppel_met_bestaande,
    koppelbare_bestaande,
    niet_importeren,
    review_tonen,
    wel_importeren,
)
from boomlink.importeren.samenvatting import samenvatting
from boomlink.importeren.verwerken import import_verwerken
from boomlink.mail import flush_outbox
from boomlink.store import Gebruiker, School
from boomlink.store.import_models import Categorie
from boomlink.web.beveiliging import inloggen_vereist, school_van_beheerder
from boomlink.web.context import db, diensten
from boomlink.web.formulier import Fouten
from boomlink.web.lijsten import pagineer

__all__ = ["bp"]

bp = Blueprint("importeren", __name__, url_prefix="/scholen/<int:school_id>/import")

Pagina = Response | str | tuple[str, int]
CATEGORIE_SLUG = {
    Categorie.NIEUW: "nieuw",
    Categorie.BESTAAND: "bestaand",
    Categorie.NIET_IMPORTEREN: "niet-importeren",
}
_SLUG_CATEGORIE = {v: k for k, v in CATEGORIE_SLUG.items()}


def _keuze() -> tuple[Tab, Categorie, str, str]:
    try:
        tab = Tab(request.values.get("tab", Tab.GROEPEN.value))
    except ValueError:
        tab = Tab.GROEPEN
    categorie = _SLUG_CATEGORIE.get(request.values.get("categorie", ""), Categorie.NIEUW)
    return tab, categorie, request.values.get("zoek", ""), request.values.get("pagina", "1")


def _terug(school_id: int) -> Response:
    tab, categorie, zoek, pagina = _keuze()
    return redirect(
        url_for(
            "importeren.review",
            school_id=school_id,
            tab=tab.value,
            categorie=CATEGORIE_SLUG[categorie],
            zoek=zoek or None,
            pagina=pagina if pagina != "1" else None,
        )
    )


def _toon(
    school: School, gebruiker: Gebruiker, fouten: Fouten | None = None, status: int = 200
) -> tuple[str, int]:
    tab, categorie, zoek, pagina = _keuze()
    try:
        review = review_tonen(db(), school, gebruiker)
    except GeenImportInReview as exc:
        return render_template("importeren/geen_review.html", school=school, bericht=exc.bericht), (
            404 if status == 200 else status
        )
    lijst = pagineer(review.regels(tab, categorie), lambda r: r.naam, zoek=zoek, pagina=pagina)
    return render_template(
        "importeren/review.html",
        school=school,
        review=review,
        tab=tab,
        categorie=categorie,
        lijst=lijst,
        tabs=list(Tab),
        categorieen=list(Categorie),
        titels=CATEGORIE_TITEL,
        slugs=CATEGORIE_SLUG,
        fouten=fouten or Fouten(),
    ), status


@bp.get("")
@inloggen_vereist
def review(school_id: int) -> Pagina:
    school, gebruiker = school_van_beheerder(school_id)
    return _toon(school, gebruiker)


def _regel_actie(school_id: int, regel_id: int, soort: str) -> Pagina:
    school, gebruiker = school_van_beheerder(school_id)
    try:
        weergave: Regelweergave
        if soort == "niet":
            weergave = niet_importeren(db(), school, gebruiker, regel_id)
            flash(f"{weergave.naam} staat nu onder ‘Niet importeren’.")
        elif soort == "wel":
            weergave = wel_importeren(db(), school, gebruiker, regel_id)
            flash(f"{weergave.naam} staat weer onder ‘{CATEGORIE_TITEL[weergave.categorie]}’.")
        elif soort == "email":
            weergave = emailadres_invullen(
                db(), school, gebruiker, regel_id, request.form.get("emailadres", "")
            )
            flash(f"Het e-mailadres van {weergave.naam} is opgeslagen.")
        else:
            bestaand = request.form.get("bestaand_id", "")
            if not bestaand.isdigit():
                fouten = Fouten().veld("bestaand_id", "Kies met wie je deze regel koppelt.")
                return _koppel_keuze(school, gebruiker, regel_id, fouten)
            weergave = koppel_met_bestaande(db(), school, gebruiker, regel_id, int(bestaand))
            flash(f"{weergave.naam} is gekoppeld aan {weergave.gekoppeld_aan}.")
    except BoomlinkError as exc:
        fouten = Fouten.uit(exc)
        if fouten.velden:
            fouten.velden = {f"{k}-{regel_id}": v for k, v in fouten.velden.items()}
        return _toon(school, gebruiker, fouten, status=422)
    return _terug(school_id)


@bp.post("/regels/<int:regel_id>/niet-importeren")
@inloggen_vereist
def regel_niet(school_id: int, regel_id: int) -> Pagina:
    return _regel_actie(school_id, regel_id, "niet")


@bp.post("/regels/<int:regel_id>/wel-importeren")
@inloggen_vereist
def regel_wel(school_id: int, regel_id: int) -> Pagina:
    return _regel_actie(school_id, regel_id, "wel")


@bp.post("/regels/<int:regel_id>/emailadres")
@inloggen_vereist
def regel_email(school_id: int, regel_id: int) -> Pagina:
    return _regel_actie(school_id, regel_id, "email")


def _koppel_keuze(
    school: School, gebruiker: Gebruiker, regel_id: int, fouten: Fouten | None = None
) -> tuple[str, int]:
    try:
        weergave = review_tonen(db(), school, gebruiker).regel(regel_id)
        keuzes = koppelbare_bestaande(
            db(), school, gebruiker, regel_id, zoek=request.values.get("zoek_bestaand", "")
        )
    except BoomlinkError:
        return render_template("fouten/404.html"), 404
    tab, categorie, zoek, pagina = _keuze()
    return render_template(
        "importeren/koppelen.html",
        school=school,
        regel=weergave,
        keuzes=keuzes,
        tab=tab,
        categorie=categorie,
        slugs=CATEGORIE_SLUG,
        zoek=zoek,
        pagina=pagina,
        zoek_bestaand=request.values.get("zoek_bestaand", ""),
        fouten=fouten or Fouten(),
    ), (422 if fouten else 200)


@bp.route("/regels/<int:regel_id>/koppelen", methods=["GET", "POST"])
@inloggen_vereist
def regel_koppelen(school_id: int, regel_id: int) -> Pagina:
    if request.method == "POST":
        return _regel_actie(school_id, regel_id, "koppel")
    school, gebruiker = school_van_beheerder(school_id)
    return _koppel_keuze(school, gebruiker, regel_id)


@bp.get("/samenvatting")
@inloggen_vereist
def samenvatting_tonen(school_id: int) -> Pagina:
    school, gebruiker = school_van_beheerder(school_id)
    try:
        overzicht = samenvatting(db(), school, gebruiker)
    except GeenImportInReview as exc:
        return render_template(
            "importeren/geen_review.html", school=school, bericht=exc.bericht
        ), 404
    return render_template(
        "importeren/samenvatting.html",
        school=school,
        samenvatting=overzicht,
        tabs=list(Tab),
        categorieen=list(Categorie),
        titels=CATEGORIE_TITEL,
        fouten=Fouten(),
    )


@bp.post("/verwerken")
@inloggen_vereist
def verwerken(school_id: int) -> Pagina:
    school, gebruiker = school_van_beheerder(school_id)
    try:
        verwerkt = import_verwerken(db(), school, gebruiker)
    except BoomlinkError as exc:
        try:
            overzicht = samenvatting(db(), school, gebruiker)
        except GeenImportInReview:
            return render_template(
                "importeren/geen_review.html", school=school, bericht=exc.bericht
            ), 422
        return render_template(
            "importeren/samenvatting.html",
            school=school,
            samenvatting=overzicht,
            tabs=list(Tab),
            categorieen=list(Categorie),
            titels=CATEGORIE_TITEL,
            fouten=Fouten.uit(exc),
        ), 422
    mail = flush_outbox(diensten().store.sessions, diensten().settings.mail)
    return render_template(
        "importeren/verwerkt.html",
        school=school,
        verwerkt=verwerkt,
        tabs=list(Tab),
        mail=mail,
    )
