"""The ESIS screens of the handbook as HTML under ``/esis/`` (Jinja2, plain forms, no JS needed).

- ``/esis/inloggen``: pick a school, then one of its fake ESIS users (no passwords);
- ``/esis/import-export-koppelingen/koppelingen``: Resultatenkoppelingen → Boom testcentrum,
  refused with the reason for a role that may not manage it (H-S2-01);
- ``…/boom-testcentrum``: the link, [Activeren] (verificatiecode, the terms checkbox, [Opslaan];
  the new key shown once), [Deactiveren];
- ``/esis/mijn-groep``: the group overview (H-S4-12);
- ``/esis/onderwijs/toetsresultaten-invoeren``: DLEs typed in by hand (H-S4-13).

Every rule is the screens' own code (:mod:`~mock_esis.screens.koppeling_scherm`,
:mod:`~mock_esis.screens.mijn_groep`, :mod:`~mock_esis.screens.toetsresultaten`), the same the
JSON routes of :mod:`mock_esis.screens.esis` call; a refusal shows that code's message, next to
its field when it names one. Paths under ``/esis/scholen/`` stay the JSON routes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

from mock_esis.screens.gebruikers import acting_user, beheer_geweigerd
from mock_esis.screens.koppeling_scherm import (
    KOPPELING_NAAM,
    VERIFICATIECODE_MAX,
    VERIFICATIECODE_MIN,
    activeren,
    deactiveren,
    koppeling_view,
)
from mock_esis.screens.mijn_groep import groepen_voor, mijn_groep_geweigerd, mijn_groep_voor
from mock_esis.screens.sessie import CSRF_FIELD, Bezoeker, Sessies
from mock_esis.screens.toetsresultaten import (
    invoeren,
    leerlingen_voor,
    ontvangen_voor,
    overzicht,
    toetsen_bekend,
)
from mock_esis.state.model import SchoolState
from mock_esis.web.html_page import Page, read_form, redirect, respond, static_page
from mock_esis.web.http import HttpError, StartResponse
from mock_esis.web.routing import Request, Router, route_path
from mock_esis.web.templating import render
from uwlr.fake import Gebruiker
from uwlr.models import Leerling

__all__ = ["EsisPages", "KOPPELING_PAD"]

PREFIX = "/esis"
KOPPELINGEN_PAD = "/import-export-koppelingen/koppelingen"
KOPPELING_PAD = KOPPELINGEN_PAD + "/boom-testcentrum"
TOETSRESULTATEN_PAD = "/onderwijs/toetsresultaten-invoeren"
_MAX_FORM_BYTES = 64 * 1024
_CONTEXT = "mock_esis.esis_pages"
_BEHEER = f"de koppeling {KOPPELING_NAAM} beheren"


def _beheer_geweigerd(user: Gebruiker) -> str | None:
    """Why ``user`` may not manage the Boom link (None: allowed)."""
    return beheer_geweigerd(user, _BEHEER)


#: The package's static files the ESIS screens serve.
_STATIC = frozenset({"mock.css", "esis.js"})


@dataclass
class Ctx:
    bezoeker: Bezoeker
    form: dict[str, str]
    school: SchoolState | None = None
    user: Gebruiker | None = None


def _redirect(location: str, melding: str | None = None) -> Page:
    return redirect(PREFIX, location, melding)


def _seg(value: str) -> str:
    return quote(value, safe="")


def leerling_naam(p: Leerling) -> str:
    parts = [p.roepnaam or p.voorletters, p.voorvoegsel, p.achternaam]
    return " ".join(x for x in parts if x) or "(geen naam)"


class EsisPages:
    """WSGI sub-application for ``/esis``: the HTML screens, and the JSON routes below
    ``/esis/scholen/`` handed to ``json``."""

    prefix = PREFIX

    def __init__(self, app: Any, json: Callable[..., list[bytes]]) -> None:
        self.app = app
        self.json = json
        self.sessies = Sessies()
        r = self.router = Router()
        r.add("GET", "/", self._begin)
        r.add("GET", "/inloggen", self._scholen)
        r.add("GET", "/inloggen/{school}", self._gebruikers)
        r.add("POST", "/inloggen/{school}", self._inloggen)
        r.add("POST", "/uitloggen", self._uitloggen)
        r.add("GET", "/start", self._start)
        r.add("GET", KOPPELINGEN_PAD, self._koppelingen)
        r.add("GET", KOPPELING_PAD, self._koppeling)
        r.add("GET", KOPPELING_PAD + "/activeren", self._activeren_form)
        r.add("POST", KOPPELING_PAD + "/activeren", self._activeren)
        r.add("POST", KOPPELING_PAD + "/deactiveren", self._deactiveren)
        r.add("GET", "/mijn-groep", self._mijn_groepen)
        r.add("GET", "/mijn-groep/{groep}", self._mijn_groep)
        r.add("GET", TOETSRESULTATEN_PAD, self._toetsresultaten)
        r.add("POST", TOETSRESULTATEN_PAD, self._invoeren)

    # -- WSGI ------------------------------------------------------------------------------------
    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> list[bytes]:
        path = route_path(environ, self.prefix)
        if path.startswith("/scholen/"):
            return self.json(environ, start_response)
        return respond(self._page(environ, path), start_response)

    def _page(self, environ: dict[str, Any], path: str) -> Page:
        method = environ.get("REQUEST_METHOD", "GET").upper()
        if method == "GET" and path.startswith("/static/"):
            return static_page(path, _STATIC)
        bezoeker = self.sessies.bezoeker(environ)
        ctx = Ctx(bezoeker, {})
        if method == "POST":
            ctx.form = {k: v.strip() for k, v in read_form(environ, _MAX_FORM_BYTES)}
            if not self.sessies.csrf_ok(bezoeker, ctx.form.get(CSRF_FIELD, "")):
                page = self._fout(ctx, 403, _CSRF)
                page.headers.extend(bezoeker.cookies)
                return page
        environ[_CONTEXT] = ctx
        try:
            with self.app.state.lock:
                self._wie(ctx)
                status, page = self.router.dispatch(environ, path)
            page.status = status
        except _NietIngelogd as error:
            if method == "GET":
                page = _redirect("/inloggen", error.fout)
            else:
                page = self._fout(ctx, 403, error.fout)
        except HttpError as error:
            page = self._fout(ctx, error.status, error.fout)
        page.headers.extend(bezoeker.cookies)
        return page

    def _wie(self, ctx: Ctx) -> None:
        """The signed-in school and user of this browser, if they still exist."""
        b = ctx.bezoeker
        if b.school is None or b.gebruiker is None:
            return
        school = self.app.state.school(b.school)
        if school is None:
            return
        try:
            ctx.school, ctx.user = school, acting_user(school, b.gebruiker)
        except HttpError:
            return

    # -- helpers ---------------------------------------------------------------------------------
    @staticmethod
    def _ctx(request: Request) -> Ctx:
        ctx = request.environ[_CONTEXT]
        assert isinstance(ctx, Ctx)
        return ctx

    def _render(
        self, ctx: Ctx, template: str, status: int = 200, **context: Any
    ) -> tuple[int, Page]:
        context.setdefault("fout", None)
        context.setdefault("fouten", {})
        context.setdefault("melding", None)
        context.setdefault("kruimels", [])
        body = render(
            f"esis/{template}",
            prefix=PREFIX,
            csrf=ctx.bezoeker.csrf,
            csrf_field=CSRF_FIELD,
            school=ctx.school,
            gebruiker=ctx.user,
            koppelingen_pad=KOPPELINGEN_PAD,
            koppeling_pad=KOPPELING_PAD,
            toetsresultaten_pad=TOETSRESULTATEN_PAD,
            **context,
        )
        return status, Page(status, body)

    def _fout(self, ctx: Ctx, status: int, fout: str) -> Page:
        titel = {403: "Niet toegestaan", 404: "Niet gevonden"}.get(status, "Niet gelukt")
        return self._render(ctx, "fout.html", status, titel=titel, fout=fout)[1]

    def _ingelogd(
        self, request: Request, geweigerd: Callable[[Gebruiker], str | None] | None = None
    ) -> tuple[Ctx, SchoolState, Gebruiker]:
        """The signed-in visitor's context, school and user; 403 with the reason when
        ``geweigerd`` refuses the user this page."""
        ctx = self._ctx(request)
        if ctx.school is None or ctx.user is None:
            raise _NietIngelogd()
        reden = None if geweigerd is None else geweigerd(ctx.user)
        if reden is not None:
            raise HttpError(403, reden)
        return ctx, ctx.school, ctx.user

    # -- signing in ------------------------------------------------------------------------------
    def _begin(self, request: Request) -> tuple[int, Page]:
        ctx = self._ctx(request)
        return 303, _redirect("/start" if ctx.user else "/inloggen")

    def _scholen(self, request: Request) -> tuple[int, Page]:
        ctx = self._ctx(request)
        scholen = list(self.app.state.schools.values())
        return self._render(
            ctx,
            "inloggen.html",
            titel="Inloggen bij ESIS",
            scholen=scholen,
            melding=request.query.get("melding"),
        )

    def _school(self, code: str) -> SchoolState:
        school: SchoolState | None = self.app.state.school(code)
        if school is None:
            raise HttpError(404, f"Onbekende school '{code}'.")
        return school

    def _gebruikers(self, request: Request) -> tuple[int, Page]:
        ctx = self._ctx(request)
        school = self._school(request.params["school"])
        return self._render(
            ctx,
            "inloggen_school.html",
            titel=f"Inloggen bij {school.naam}",
            kies=school,
            kruimels=[("Inloggen", "/inloggen")],
        )

    def _inloggen(self, request: Request) -> tuple[int, Page]:
        ctx = self._ctx(request)
        school = self._school(request.params["school"])
        user = acting_user(school, ctx.form.get("gebruiker"))
        page = _redirect("/start", f"U bent ingelogd als {user.naam} ({user.rol}).")
        environ = request.environ
        page.headers.append(
            self.sessies.inloggen(environ, ctx.bezoeker, school.code, user.gebruikersnaam)
        )
        return 303, page

    def _uitloggen(self, request: Request) -> tuple[int, Page]:
        page = _redirect("/inloggen", "U bent uitgelogd.")
        page.headers.append(self.sessies.uitloggen(request.environ))
        return 303, page

    def _start(self, request: Request) -> tuple[int, Page]:
        ctx, school, user = self._ingelogd(request)
        return self._render(ctx, "start.html", titel="Start", melding=request.query.get("melding"))

    # -- Import-Export-Koppelingen ----------------------------------------------------------------
    def _koppelingen(self, request: Request) -> tuple[int, Page]:
        ctx, school, user = self._ingelogd(request)
        return self._render(
            ctx,
            "koppelingen.html",
            titel="Koppelingen",
            kruimels=[("Import-Export-Koppelingen", None)],
            koppeling=koppeling_view(school),
            geweigerd=_beheer_geweigerd(user),
        )

    def _koppeling(self, request: Request) -> tuple[int, Page]:
        ctx, school, _ = self._ingelogd(request, _beheer_geweigerd)
        return self._render(
            ctx,
            "koppeling.html",
            titel=f"Resultatenkoppeling {KOPPELING_NAAM}",
            kruimels=_KOPPELING_KRUIMELS,
            koppeling=koppeling_view(school),
            nieuwe_sleutel=self.sessies.neem_sleutel(ctx.bezoeker, school.code),
            melding=request.query.get("melding"),
        )

    def _activeren_form(
        self,
        request: Request,
        status: int = 200,
        fouten: dict[str, str] | None = None,
        fout: str | None = None,
    ) -> tuple[int, Page]:
        ctx, school, _ = self._ingelogd(request, _beheer_geweigerd)
        return self._render(
            ctx,
            "activeren.html",
            status,
            titel=f"{KOPPELING_NAAM} activeren",
            kruimels=[
                *_KOPPELING_KRUIMELS,
                (f"Resultatenkoppeling {KOPPELING_NAAM}", KOPPELING_PAD),
            ],
            minimaal=VERIFICATIECODE_MIN,
            maximaal=VERIFICATIECODE_MAX,
            ingevuld=ctx.form,
            fouten=fouten or {},
            fout=fout,
        )

    def _activeren(self, request: Request) -> tuple[int, Page]:
        ctx, school, user = self._ingelogd(request)
        body = {
            "verificatiecode": ctx.form.get("verificatiecode", ""),
            "akkoord_voorwaarden": ctx.form.get("akkoord_voorwaarden") == "ja",
        }
        try:
            getoond = activeren(self.app.state, school, user, body)
        except HttpError as error:
            if error.veld is None:
                raise
            return self._activeren_form(request, error.status, {error.veld: error.fout})
        self.sessies.bewaar_sleutel(ctx.bezoeker, school.code, str(getoond["autorisatiesleutel"]))
        return 303, _redirect(KOPPELING_PAD, "De koppeling is geactiveerd.")

    def _deactiveren(self, request: Request) -> tuple[int, Page]:
        ctx, school, user = self._ingelogd(request)
        getoond = deactiveren(self.app.state, school, user)
        return 303, _redirect(KOPPELING_PAD, str(getoond["melding"]))

    # -- Mijn Groep --------------------------------------------------------------------------------
    def _mijn_groepen(self, request: Request) -> tuple[int, Page]:
        ctx, school, user = self._ingelogd(request, mijn_groep_geweigerd)
        groepen = groepen_voor(school, user)
        return self._render(
            ctx,
            "mijn_groepen.html",
            titel="Mijn Groep",
            groepen=[(g.key, g.naam, _seg(g.key)) for g in groepen],
        )

    def _mijn_groep(self, request: Request) -> tuple[int, Page]:
        ctx, school, user = self._ingelogd(request)
        overzicht_ = mijn_groep_voor(school, user, request.params["groep"])
        return self._render(
            ctx,
            "mijn_groep.html",
            titel=f"Mijn Groep: {overzicht_['groep']['naam']}",
            kruimels=[("Mijn Groep", "/mijn-groep")],
            groep=overzicht_,
        )

    # -- Onderwijs → Toetsresultaten invoeren --------------------------------------------------
    def _toetsresultaten(
        self,
        request: Request,
        status: int = 200,
        fouten: dict[str, str] | None = None,
    ) -> tuple[int, Page]:
        ctx, school, user = self._ingelogd(request)
        leerlingen = leerlingen_voor(school, user)
        namen = {(p.key or p.eckid): leerling_naam(p) for p in leerlingen}
        gekozen = ctx.form.get("leerlingid") or request.query.get("leerling") or ""
        gekozen = gekozen if gekozen in namen else ""  # only a pupil this user may pick
        handmatig = overzicht(school, user, gekozen or None)["leerlingen"]
        return self._render(
            ctx,
            "toetsresultaten.html",
            status,
            titel="Toetsresultaten invoeren",
            kruimels=[("Onderwijs", None)],
            leerlingen=sorted(namen.items(), key=lambda kv: (kv[1], kv[0] or "")),
            namen=namen,
            gekozen=gekozen,
            handmatig=handmatig,
            ontvangen=ontvangen_voor(school, user, gekozen) if gekozen else None,
            toetsen=toetsen_bekend(school),
            ingevuld=ctx.form,
            fouten=fouten or {},
            melding=request.query.get("melding"),
            vandaag=self.app.state.now().date().isoformat(),
        )

    def _invoeren(self, request: Request) -> tuple[int, Page]:
        ctx, school, user = self._ingelogd(request)
        body = {k: ctx.form.get(k, "") for k in ("leerlingid", "toets", "dle", "datum")}
        try:
            entry = invoeren(self.app.state, school, user, body)
        except HttpError as error:
            if error.veld is None:
                raise
            return self._toetsresultaten(request, error.status, {error.veld: error.fout})
        melding = f"DLE {entry.dle} bij {entry.toets} op {entry.datum.isoformat()} opgeslagen."
        return 303, _redirect(
            f"{TOETSRESULTATEN_PAD}?{urlencode({'leerling': entry.leerlingid})}", melding
        )


class _NietIngelogd(HttpError):
    def __init__(self) -> None:
        super().__init__(401, "Log eerst in als een ESIS-gebruiker van de school.")


_KOPPELING_KRUIMELS: list[tuple[str, str | None]] = [
    ("Import-Export-Koppelingen", None),
    ("Koppelingen", KOPPELINGEN_PAD),
    ("Resultatenkoppelingen", None),
]
_CSRF = (
    "Dit formulier is verlopen of kwam niet van deze pagina; er is niets gewijzigd. "
    "Laad de pagina opnieuw en probeer het nog eens."
)
