"""Resultaten (the results on their way to ESIS) and Toetsafnames with [Normeren].

[Normeren] is for testers and demos: it calls the same service as ``boomlink toets normeren``
(:func:`boomlink.resultaten.afname_normeren`), which queues the result when the rules allow it
and otherwise says why not. Both pages are open to the school's beheerder and to Boom support.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from boomlink.errors import BoomlinkError
from boomlink.resultaten import Normscores, afname_normeren, resultaten_overzicht
from boomlink.store import School
from boomlink.toetsafnames import aantal_toetsafnames, afname_van_school, toetsafnames
from boomlink.web.beveiliging import huidig_account, inloggen_vereist
from boomlink.web.context import db
from boomlink.web.formulier import Fouten
from boomlink.web.lijsten import PER_PAGINA

__all__ = ["bp"]

bp = Blueprint("resultaten", __name__, url_prefix="/scholen/<int:school_id>")

Pagina = Response | str | tuple[str, int]


def _school(school_id: int) -> School:
    """The school of the page: for its beheerder and for Boom support; 404 for anybody else."""
    account = huidig_account()
    if account is None or not (
        account.is_support or (account.rol == "beheerder" and account.school_id == school_id)
    ):
        abort(404)
    school = db().get(School, school_id)
    if school is None:
        abort(404)
    return school


@bp.get("/resultaten")
@inloggen_vereist
def overzicht(school_id: int) -> Pagina:
    school = _school(school_id)
    return render_template(
        "resultaten/overzicht.html",
        school=school,
        overzicht=resultaten_overzicht(db(), school_id=school.id),
    )


def _toon_afnames(
    school: School, fouten: Fouten | None = None, afname_id: int | None = None, status: int = 200
) -> tuple[str, int]:
    try:
        pagina = max(1, int(request.values.get("pagina", "1")))
    except ValueError:
        pagina = 1
    totaal = aantal_toetsafnames(db(), school.id)
    paginas = max(1, -(-totaal // PER_PAGINA))
    pagina = min(pagina, paginas)
    return render_template(
        "resultaten/toetsafnames.html",
        school=school,
        afnames=toetsafnames(db(), school.id, begin=(pagina - 1) * PER_PAGINA, aantal=PER_PAGINA),
        pagina=pagina,
        paginas=paginas,
        totaal=totaal,
        fouten=fouten or Fouten(),
        fout_afname=afname_id,
        invoer=request.form,
    ), status


@bp.get("/toetsafnames")
@inloggen_vereist
def afnames(school_id: int) -> Pagina:
    return _toon_afnames(_school(school_id))


def _getal(fouten: Fouten, veld: str, verplicht: bool = True) -> Decimal | None:
    waarde = request.form.get(veld, "").strip()
    if not waarde:
        if verplicht:
            fouten.veld(veld, "Vul een getal in.")
        return None
    try:
        getal = Decimal(waarde.replace(",", "."))
    except InvalidOperation:
        getal = Decimal("NaN")
    if not getal.is_finite():
        fouten.veld(veld, f"‘{waarde}’ is geen getal.")
        return None
    return getal


@bp.post("/toetsafnames/<int:afname_id>/normeren")
@inloggen_vereist
def normeren(school_id: int, afname_id: int) -> Pagina:
    school = _school(school_id)
    fouten = Fouten()
    vaardigheid = _getal(fouten, "vaardigheidsscore")
    dle = _getal(fouten, "dle")
    score = _getal(fouten, "score", verplicht=False)
    if score is not None and score != score.to_integral_value():
        fouten.veld("score", "De score is een geheel getal.")
    if fouten or vaardigheid is None or dle is None:
        return _toon_afnames(school, fouten, afname_id, status=422)
    try:
        afname_van_school(db(), school.id, afname_id)
        uitkomst = afname_normeren(
            db(),
            afname_id,
            Normscores(
                vaardigheidsscore=vaardigheid,
                dle=dle,
                niveau=request.form.get("niveau", "").strip() or None,
                score=None if score is None else int(score),
            ),
        )
    except BoomlinkError as exc:
        return _toon_afnames(school, Fouten.uit(exc), afname_id, status=422)
    if uitkomst.in_wachtrij:
        flash(f"Toetsafname {afname_id} is genormeerd; het resultaat gaat naar ESIS.")
    else:
        flash(
            f"Toetsafname {afname_id} is genormeerd, maar gaat niet automatisch naar ESIS: "
            f"{uitkomst.reden}."
        )
    return redirect(url_for("resultaten.afnames", school_id=school_id))
