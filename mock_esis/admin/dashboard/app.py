"""The dashboard's WSGI app: routes, access, CSRF, and pages rendered from admin-API answers.

Every read and every change goes through :meth:`AdminApi.perform` (the admin API's own routes
and code) or, for the journal, through :mod:`mock_esis.admin.journal_query`, which the admin API
uses too. Nothing here changes state on its own. A refused change shows the admin API's Dutch
message on the page the form came from, with the API's status code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode

from mock_esis.admin.api import AdminApi
from mock_esis.admin.dashboard import journal_page
from mock_esis.admin.dashboard.access import CSRF_FIELD, Access, Visitor
from mock_esis.admin.dashboard.forms import ACTIONS, Form, change_call, fault_call, seed_call, seg
from mock_esis.admin.dashboard.school_page import people_view
from mock_esis.admin.journal_query import journal_entries, journal_entry
from mock_esis.testing.injection import KINDS, OPERATIONS
from mock_esis.web import html_page
from mock_esis.web.html_page import Page, read_form, respond, static_page
from mock_esis.web.http import HttpError, StartResponse
from mock_esis.web.routing import Request, Router, route_path
from mock_esis.web.templating import render
from uwlr.faults import FaultCode
from uwlr.masking import mask_secret

__all__ = ["Dashboard"]

PREFIX = "/__admin/ui"
_CONTEXT = "mock_esis.dashboard"
_MAX_FORM_BYTES = 256 * 1024


#: The package's static files the dashboard serves (the shared ``mock.css`` and its own).
_STATIC = frozenset({"mock.css", "dashboard.css", "dashboard.js"})


@dataclass
class Ctx:
    """What a page handler gets besides the route parameters."""

    environ: dict[str, Any]
    visitor: Visitor
    form: Form


def redirect(location: str, melding: str | None = None) -> Page:
    return html_page.redirect(PREFIX, location, melding)


class Dashboard:
    """WSGI sub-application for ``/__admin/ui``."""

    prefix = PREFIX

    def __init__(self, app: Any, admin: AdminApi) -> None:
        self.app = app
        self.admin = admin
        self.access = Access(app.admin_token)
        r = self.router = Router()
        r.add("GET", "/", self._scholen)
        r.add("GET", "/scholen", self._scholen)
        r.add("POST", "/scholen", self._seed)
        r.add("GET", "/scholen/{school}", self._school)
        r.add("POST", "/scholen/{school}/sleutel", self._sleutel_tonen)
        r.add("POST", "/scholen/{school}/activeren", self._activeren)
        r.add("POST", "/scholen/{school}/deactiveren", self._deactiveren)
        r.add("GET", "/scholen/{school}/wijzigen", self._wijzigen)
        r.add("POST", "/scholen/{school}/wijzigen/{actie}", self._wijziging)
        r.add("GET", "/scholen/{school}/resultaten", self._resultaten)
        r.add("GET", "/klok", self._klok)
        r.add("POST", "/klok", self._klok_zetten)
        r.add("POST", "/klok/volgend-schooljaar", self._volgend_schooljaar)
        r.add("GET", "/fouten", self._fouten)
        r.add("POST", "/fouten", self._fout_toevoegen)
        r.add("POST", "/fouten/wissen", self._fouten_wissen)
        r.add("GET", "/journaal", self._journaal)
        r.add("GET", "/journaal/download", self._journaal_download)
        r.add("POST", "/journaal/wissen", self._journaal_wissen)
        r.add("GET", "/journaal/{id}", self._uitwisseling)
        r.add("GET", "/journaal/{id}/download", self._uitwisseling_download)

    # -- WSGI ------------------------------------------------------------------------------------
    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> list[bytes]:
        return respond(self._page(environ), start_response)

    def _page(self, environ: dict[str, Any]) -> Page:
        path = route_path(environ, self.prefix)
        method = environ.get("REQUEST_METHOD", "GET").upper()
        if method == "GET" and path.startswith("/static/"):
            return static_page(path, _STATIC)
        visitor = self.access.visitor(environ)
        page = self._guarded(environ, path, method, visitor)
        page.headers.extend(visitor.cookies)
        return page

    def _guarded(self, environ: dict[str, Any], path: str, method: str, visitor: Visitor) -> Page:
        form = Form([])
        if method == "POST":
            form = Form(read_form(environ, _MAX_FORM_BYTES))
        if path.rstrip("/") == "/inloggen":
            return self._inloggen(environ, method, visitor, form)
        if not visitor.allowed:
            if visitor.token_required and method == "GET":
                return redirect("/inloggen")
            return self._error(visitor, 403, _REFUSED_TOKEN if visitor.token_required else _REFUSED)
        if method == "POST" and not self.access.csrf_ok(environ, form.get(CSRF_FIELD)):
            return self._error(visitor, 403, _CSRF)
        if path.rstrip("/") == "/uitloggen" and method == "POST":
            page = redirect("/inloggen", "U bent uitgelogd.")
            page.headers.append(self.access.logout_cookie(environ))
            return page
        environ[_CONTEXT] = Ctx(environ, visitor, form)
        try:
            status, page = self.router.dispatch(environ, path)
        except HttpError as error:
            return self._error(visitor, error.status, error.fout)
        assert isinstance(page, Page)
        page.status = status
        return page

    # -- helpers ---------------------------------------------------------------------------------
    @staticmethod
    def _ctx(request: Request) -> Ctx:
        ctx = request.environ[_CONTEXT]
        assert isinstance(ctx, Ctx)
        return ctx

    def _render(
        self,
        request_or_visitor: Request | Visitor,
        template: str,
        status: int = 200,
        **context: Any,
    ) -> tuple[int, Page]:
        visitor = (
            request_or_visitor
            if isinstance(request_or_visitor, Visitor)
            else self._ctx(request_or_visitor).visitor
        )
        query = {} if isinstance(request_or_visitor, Visitor) else request_or_visitor.query
        context.setdefault("fout", None)
        context.setdefault("melding", query.get("melding"))
        body = render(
            f"admin/{template}",
            prefix=PREFIX,
            csrf=visitor.csrf,
            csrf_field=CSRF_FIELD,
            uitloggen=visitor.token_required,
            **context,
        )
        return status, Page(status, body)

    def _error(self, visitor: Visitor, status: int, fout: str) -> Page:
        return self._render(visitor, "fout.html", status, titel="Niet gelukt", fout=fout)[1]

    def _act(
        self,
        request: Request,
        call: Callable[[], tuple[int, Any]],
        done: Callable[[Any], tuple[str, str]],
        back: Callable[..., tuple[int, Page]],
    ) -> tuple[int, Page]:
        """Perform an admin-API call; on success 303 to the page ``done`` names, with its message;
        on a refusal the page ``back`` renders, with the admin API's message and status."""
        try:
            _status, payload = call()
        except HttpError as error:
            status, page = back(request, fout=error.fout)
            return error.status, page
        location, melding = done(payload)
        page = redirect(location, melding)
        return page.status, page

    def _state(self) -> dict[str, Any]:
        return dict(self.admin.perform("GET", "/state")[1])

    def _summary(self, code: str) -> dict[str, Any]:
        wanted = code.strip().upper()
        wanted = wanted + "00" if len(wanted) == 4 else wanted
        for school in self._state()["scholen"]:
            if school["code"] == wanted:
                return dict(school)
        raise HttpError(404, f"Onbekende school '{code}'.")

    # -- login -----------------------------------------------------------------------------------
    def _inloggen(self, environ: dict[str, Any], method: str, visitor: Visitor, form: Form) -> Page:
        if not visitor.token_required:
            return redirect("/scholen")
        if method == "POST":
            if not self.access.csrf_ok(environ, form.get(CSRF_FIELD)):
                return self._error(visitor, 403, _CSRF)
            if self.access.token_matches(form.get("token")):
                page = redirect("/scholen", "U bent ingelogd.")
                page.headers.append(self.access.login_cookie(environ))
                return page
            return self._render(
                visitor, "inloggen.html", 403, titel="Inloggen", fout="Dit token klopt niet."
            )[1]
        query = dict(parse_qsl(environ.get("QUERY_STRING", "")))
        return self._render(
            visitor, "inloggen.html", titel="Inloggen", melding=query.get("melding")
        )[1]

    # -- schools ---------------------------------------------------------------------------------
    def _scholen(self, request: Request, fout: str | None = None) -> tuple[int, Page]:
        state = self._state()
        for school in state["scholen"]:
            key = school["koppeling"]["autorisatiesleutel"]
            school["sleutel"] = mask_secret(key) if key else None
        return self._render(request, "scholen.html", titel="Scholen", state=state, fout=fout)

    def _seed(self, request: Request) -> tuple[int, Page]:
        def done(payload: Any) -> tuple[str, str]:
            codes = ", ".join(s["code"] for s in payload["scholen"])
            return "/scholen", f"Toegevoegd: {codes}."

        call = seed_call(self._ctx(request).form)
        return self._act(
            request,
            lambda: self.admin.perform(call.method, call.path, call.body),
            done,
            self._scholen,
        )

    def _school(
        self, request: Request, fout: str | None = None, toon_sleutel: bool = False
    ) -> tuple[int, Page]:
        code = request.params["school"]
        summary = self._summary(code)
        detail = self.admin.perform(
            "GET", f"/scholen/{seg(summary['code'])}", query=_only(request.query, "schooljaar")
        )[1]
        key = summary["koppeling"]["autorisatiesleutel"]
        return self._render(
            request,
            "school.html",
            titel=f"{summary['naam']} ({summary['code']})",
            school=summary,
            data=people_view(detail),
            sleutel=(key if toon_sleutel else mask_secret(key)) if key else None,
            getoond=toon_sleutel,
            fout=fout,
        )

    def _sleutel_tonen(self, request: Request) -> tuple[int, Page]:
        return self._school(request, toon_sleutel=True)

    def _link_call(
        self, request: Request, what: str, body: dict[str, Any] | None
    ) -> tuple[int, Page]:
        code = request.params["school"]
        texts = {
            "activeren": "De koppeling is geactiveerd met een nieuwe sleutel.",
            "deactiveren": "De koppeling is gedeactiveerd; de sleutel werkt niet meer.",
        }
        return self._act(
            request,
            lambda: self.admin.perform("POST", f"/scholen/{seg(code)}/koppeling/{what}", body),
            lambda payload: (f"/scholen/{seg(payload['school'])}", texts[what]),
            self._school,
        )

    def _activeren(self, request: Request) -> tuple[int, Page]:
        return self._link_call(
            request, "activeren", self._ctx(request).form.texts("verificatiecode")
        )

    def _deactiveren(self, request: Request) -> tuple[int, Page]:
        return self._link_call(request, "deactiveren", None)

    def _wijzigen(self, request: Request, fout: str | None = None) -> tuple[int, Page]:
        summary = self._summary(request.params["school"])
        detail = self.admin.perform("GET", f"/scholen/{seg(summary['code'])}")[1]
        return self._render(
            request,
            "wijzigen.html",
            titel=f"Gegevens wijzigen: {summary['naam']} ({summary['code']})",
            school=summary,
            data=people_view(detail),
            fout=fout,
            actie=request.params.get("actie"),
        )

    def _wijziging(self, request: Request) -> tuple[int, Page]:
        code = request.params["school"]
        actie = request.params["actie"]
        if actie not in ACTIONS:
            raise HttpError(404, f"Onbekende wijziging '{actie}'.")

        def call() -> tuple[int, Any]:
            api = change_call(code, actie, self._ctx(request).form)
            return self.admin.perform(api.method, api.path, api.body)

        def done(payload: Any) -> tuple[str, str]:
            return f"/scholen/{seg(code)}/wijzigen", _change_message(actie, payload)

        return self._act(request, call, done, self._wijzigen)

    def _resultaten(self, request: Request) -> tuple[int, Page]:
        summary = self._summary(request.params["school"])
        return self._render(
            request,
            "resultaten.html",
            titel=f"Ontvangen resultaten: {summary['naam']} ({summary['code']})",
            school=summary,
        )

    # -- clock -----------------------------------------------------------------------------------
    def _klok(self, request: Request, fout: str | None = None) -> tuple[int, Page]:
        klok = self.admin.perform("GET", "/klok")[1]
        state = self._state()
        return self._render(request, "klok.html", titel="Klok", klok=klok, state=state, fout=fout)

    def _klok_zetten(self, request: Request) -> tuple[int, Page]:
        return self._act(
            request,
            lambda: self.admin.perform("POST", "/klok", self._ctx(request).form.texts("klok")),
            lambda payload: ("/klok", f"De klok staat op {payload['klok']}."),
            self._klok,
        )

    def _volgend_schooljaar(self, request: Request) -> tuple[int, Page]:
        def done(payload: Any) -> tuple[str, str]:
            jaren = ", ".join(f"{c}: {s['naar']}" for c, s in payload["scholen"].items())
            return "/klok", f"Volgend schooljaar: de klok staat op {payload['klok']}. {jaren}"

        return self._act(
            request,
            lambda: self.admin.perform("POST", "/klok/volgend-schooljaar"),
            done,
            self._klok,
        )

    # -- faults ----------------------------------------------------------------------------------
    def _fouten(self, request: Request, fout: str | None = None) -> tuple[int, Page]:
        rules = self.admin.perform("GET", "/faults")[1]
        return self._render(
            request,
            "fouten.html",
            titel="Foutinjectie",
            regels=rules,
            soorten=KINDS,
            operaties=("*", *OPERATIONS.values()),
            foutcodes=[c.value for c in FaultCode],
            fout=fout,
        )

    def _fout_toevoegen(self, request: Request) -> tuple[int, Page]:
        call = fault_call(self._ctx(request).form)
        return self._act(
            request,
            lambda: self.admin.perform(call.method, call.path, call.body),
            lambda rule: ("/fouten", f"Foutregel {rule['id']} toegevoegd ({rule['kind']})."),
            self._fouten,
        )

    def _fouten_wissen(self, request: Request) -> tuple[int, Page]:
        return self._act(
            request,
            lambda: self.admin.perform("DELETE", "/faults"),
            lambda payload: ("/fouten", str(payload["melding"])),
            self._fouten,
        )

    # -- journal ---------------------------------------------------------------------------------
    def _journaal(self, request: Request) -> tuple[int, Page]:
        filters = _only(request.query, *journal_page.FILTERS)
        try:
            found = journal_entries(self.app.journal, filters)
            fout = None
        except HttpError as error:
            found, fout = [], error.fout
        rows = [e.to_json(bodies=False) for e in reversed(found[-journal_page.PAGE_SIZE :])]
        status = 422 if fout else 200
        return self._render(
            request,
            "journaal.html",
            status,
            titel="Journaal",
            rijen=rows,
            totaal=len(found),
            filters=filters,
            filter_query=urlencode(filters),
            operaties=journal_page.OPERATION_CHOICES,
            oordelen=journal_page.VERDICTS,
            scholen=[s["code"] for s in self._state()["scholen"]],
            fout=fout,
        )

    def _journaal_download(self, request: Request) -> tuple[int, Page]:
        filters = _only(request.query, *journal_page.FILTERS)
        entries = [e.to_json() for e in journal_entries(self.app.journal, filters)]
        return 200, _attachment(
            journal_page.journal_file(entries), journal_page.download_name("selectie")
        )

    def _journaal_wissen(self, request: Request) -> tuple[int, Page]:
        return self._act(
            request,
            lambda: self.admin.perform("DELETE", "/journal"),
            lambda payload: ("/journaal", str(payload["melding"])),
            self._journaal,
        )

    def _uitwisseling(self, request: Request) -> tuple[int, Page]:
        entry = self.admin.perform("GET", f"/journal/{seg(request.params['id'])}")[1]
        return self._render(
            request,
            "uitwisseling.html",
            titel=f"Uitwisseling {entry['id']}",
            e=entry,
            verzoek=journal_page.pretty_xml(entry["request_body"]),
            antwoord=journal_page.pretty_xml(entry["answer_body"]),
        )

    def _uitwisseling_download(self, request: Request) -> tuple[int, Page]:
        entry = journal_entry(self.app.journal, request.params["id"]).to_json()
        name = journal_page.download_name(str(entry["id"]))
        return 200, _attachment(journal_page.journal_file([entry]), name)


def _attachment(body: bytes, name: str) -> Page:
    return Page(
        200,
        body,
        "application/json; charset=utf-8",
        [("Content-Disposition", f'attachment; filename="{name}"')],
    )


def _only(query: dict[str, str], *names: str) -> dict[str, str]:
    return {n: query[n].strip() for n in names if query.get(n, "").strip()}


def _change_message(actie: str, payload: Any) -> str:
    what = actie.replace("-", " ")
    for name in ("leerling", "leerkracht", "groep"):
        record = payload.get(name)
        if isinstance(record, dict):
            label = record.get("key") or record.get("eckid") or record.get("naam")
            return f"Gelukt: {what} ({label})."
    return f"Gelukt: {what}."


_REFUSED = "Het dashboard is alleen bereikbaar vanaf loopback (127.0.0.1, ::1)."
_REFUSED_TOKEN = "Log eerst in met het admin-token."
_CSRF = (
    "Dit formulier is verlopen of kwam niet van deze pagina; er is niets gewijzigd. "
    "Laad de pagina opnieuw en probeer het nog eens."
)
