"""The admin API for testers under ``/__admin/``: seed, inspect and change the mock, read the journal.

Only from loopback (127.0.0.0/8, ::1), unless the app has an ``admin_token``: then every call
must carry ``Authorization: Bearer <token>``, from wherever it comes. A refusal is a 403. One
exception: the health route ``GET /__admin/gezond`` answers anyone, without token, with no data
(200 and the start id when serving, 503 while stopping).
Every route is listed in docs/mock-esis-admin.md; fault injection (``/__admin/faults``) is handed
to the app's injector.
"""

from __future__ import annotations

import io
import ipaddress
import json
import secrets
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from mock_esis.admin.changes_groepen import rename_groep, split_groep
from mock_esis.admin.changes_leerkrachten import (
    add_leerkracht,
    leerkracht_eckid_als_sleutel,
    remove_leerkracht,
    update_leerkracht,
)
from mock_esis.admin.changes_leerlingen import (
    add_leerling,
    leerling_eckid_als_sleutel,
    move_leerling,
    remove_leerling,
    update_leerling,
)
from mock_esis.admin.journal_query import journal_entries, journal_entry
from mock_esis.admin.klok import klok_json, klok_zetten
from mock_esis.admin.koppeling_beheer import koppeling_activeren, koppeling_deactiveren
from mock_esis.admin.old_names import NOTES_FIELD
from mock_esis.admin.rollover import next_schooljaar
from mock_esis.admin.seeding import seed_from_json
from mock_esis.admin.views import record_json, school_detail, school_summary, state_view
from mock_esis.state.model import SchoolState
from mock_esis.web.http import HttpError, StartResponse, json_response
from mock_esis.web.routing import Request, Router, route_path
from uwlr.esis_state_file import health_answer
from uwlr.fake import GEBRUIKERSROLLEN, Gebruiker

__all__ = ["AdminApi", "is_loopback", "is_loopback_host", "public_without_token"]

_S = "/scholen/{school}"


def _koppeling(state: Any, school: SchoolState) -> dict[str, Any]:
    return {"koppeling": school_summary(state, school)["koppeling"]}


def is_loopback(address: str | None) -> bool:
    """True for 127.0.0.0/8, ::1 and IPv4-mapped loopback."""
    if not address:
        return False
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_loopback


def is_loopback_host(host: str) -> bool:
    """True when listening on ``host`` reaches loopback only (``localhost`` or a loopback IP)."""
    return host.strip("[]").lower() == "localhost" or is_loopback(host.strip("[]"))


def public_without_token(host: str, admin_token: str | None) -> str | None:
    """The Dutch refusal for serving on a non-loopback ``host`` without an admin token, or None.

    Without a token the admin API relies on "loopback only"; a server reachable from elsewhere
    must not rest on that alone.
    """
    if admin_token or is_loopback_host(host):
        return None
    return (
        f"--host {host} is bereikbaar buiten loopback: geef dan ook --admin-token op,"
        " anders is de admin-API (/__admin) onbeschermd"
    )


class AdminApi:
    """WSGI sub-application for ``/__admin/...``."""

    prefix = "/__admin"

    def __init__(self, app: Any) -> None:
        self.app = app
        r = self.router = Router()
        r.add("POST", "/reset", self._reset)
        r.add("POST", "/reset/naar-start", self._reset_naar_start)
        r.add("GET", "/state", self._state)
        r.add("GET", "/klok", self._klok)
        r.add("POST", "/klok", self._klok_zetten)
        r.add("POST", "/klok/volgend-schooljaar", self._volgend_schooljaar)
        r.add("POST", "/scholen", self._seed)
        r.add("POST", "/recording", self._recording)
        r.add("POST", "/opname", self._opname)  # deprecated (ADR 0025)
        r.add("GET", _S, self._school_detail)
        r.add("POST", _S + "/gebruikers", self._add_gebruiker)
        r.add("POST", _S + "/koppeling/activeren", self._koppeling_activeren)
        r.add("POST", _S + "/koppeling/deactiveren", self._koppeling_deactiveren)
        r.add(
            "POST",
            _S + "/leerlingen",
            self._person(add_leerling, "leerling", keyed=False, body=True),
        )
        r.add(
            "PATCH", _S + "/leerlingen/{key}", self._person(update_leerling, "leerling", body=True)
        )
        r.add("DELETE", _S + "/leerlingen/{key}", self._person(remove_leerling, "leerling"))
        r.add(
            "POST",
            _S + "/leerlingen/{key}/verplaatsen",
            self._person(move_leerling, "leerling", body=True),
        )
        r.add(
            "POST",
            _S + "/leerlingen/{key}/eckid-als-sleutel",
            self._person(leerling_eckid_als_sleutel, "leerling"),
        )
        r.add(
            "POST",
            _S + "/leerkrachten",
            self._person(add_leerkracht, "leerkracht", keyed=False, body=True),
        )
        r.add(
            "PATCH",
            _S + "/leerkrachten/{key}",
            self._person(update_leerkracht, "leerkracht", body=True),
        )
        r.add("DELETE", _S + "/leerkrachten/{key}", self._person(remove_leerkracht, "leerkracht"))
        r.add(
            "POST",
            _S + "/leerkrachten/{key}/eckid-als-sleutel",
            self._person(leerkracht_eckid_als_sleutel, "leerkracht"),
        )
        r.add("POST", _S + "/groepen/{key}/hernoemen", self._hernoemen)
        r.add("POST", _S + "/groepen/{key}/splitsen", self._splitsen)
        r.add("GET", "/journal", self._journal)
        r.add("DELETE", "/journal", self._journal_clear)
        r.add("GET", "/journal/{id}", self._journal_entry)
        r.add("GET", "/faults", self._faults_list)
        r.add("POST", "/faults", self._faults_add)
        r.add("DELETE", "/faults", self._faults_clear)

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> list[bytes]:
        path = route_path(environ, self.prefix)
        if path == "/gezond":  # no token, from anywhere: it tells nothing but "ready"
            return self._gezond(environ, start_response)
        self._guard(environ)
        status, payload = self.router.dispatch(environ, path)
        return json_response(start_response, status, payload)

    def perform(
        self,
        method: str,
        path: str,
        body: dict[str, Any] | None = None,
        query: dict[str, str] | None = None,
    ) -> tuple[int, Any]:
        """One admin-API call in-process, through the same routes and code as over HTTP (the
        dashboard's only way to read or change the mock). ``path`` is below ``/__admin`` with its
        segments URL-encoded; refusals are raised as :class:`HttpError`."""
        raw = json.dumps(body).encode() if body is not None else b""
        environ = {
            "REQUEST_METHOD": method.upper(),
            "QUERY_STRING": urlencode(query or {}),
            "CONTENT_LENGTH": str(len(raw)),
            "wsgi.input": io.BytesIO(raw),
        }
        return self.router.dispatch(environ, path)

    def _guard(self, environ: dict[str, Any]) -> None:
        token: str | None = self.app.admin_token
        if token:
            sent = environ.get("HTTP_AUTHORIZATION", "")
            scheme, _, value = sent.partition(" ")
            if scheme.lower() != "bearer" or not secrets.compare_digest(
                value.strip().encode(), token.encode()
            ):
                raise HttpError(403, "De admin-API vraagt 'Authorization: Bearer <token>'.")
            return
        if not is_loopback(environ.get("REMOTE_ADDR")):
            raise HttpError(
                403, "De admin-API is alleen bereikbaar vanaf loopback (127.0.0.1, ::1)."
            )

    # -- helpers -------------------------------------------------------------------------------
    def _school(self, request: Request) -> SchoolState:
        school: SchoolState | None = self.app.state.school(request.params["school"])
        if school is None:
            raise HttpError(404, f"Onbekende school '{request.params['school']}'.")
        return school

    def _person(
        self, change: Callable[..., Any], what: str, *, keyed: bool = True, body: bool = False
    ) -> Callable[[Request], tuple[int, Any]]:
        """A route for a change to one pupil or teacher: ``change(state, school[, key][, body])``."""
        status = 200 if keyed else 201

        def handle(request: Request) -> tuple[int, Any]:
            school = self._school(request)
            args: list[Any] = [self.app.state, school]
            if keyed:
                args.append(request.params["key"])
            if body:
                args.append(request.body)
            record = change(*args)
            return status, {"school": school.code, what: record_json(record)}

        return handle

    # -- state ---------------------------------------------------------------------------------
    def _reset(self, request: Request) -> tuple[int, Any]:
        self.app.state.reset()
        return 200, {"melding": "De nep-ESIS is leeg: geen scholen, sleutels of resultaten."}

    def _reset_naar_start(self, request: Request) -> tuple[int, Any]:
        self.app.start_point.restore()
        codes = self.app.start_point.codes
        aantal = "1 school" if len(codes) == 1 else f"{len(codes)} scholen"
        return 200, {
            "melding": f"De nep-ESIS is terug bij de start: {aantal}, dezelfde sleutels.",
            "scholen": codes,
        }

    def _gezond(self, environ: dict[str, Any], start_response: StartResponse) -> list[bytes]:
        if environ.get("REQUEST_METHOD", "GET") not in ("GET", "HEAD"):
            return json_response(start_response, 405, {"fout": "Gebruik GET."})
        if self.app.injector.stopping.is_set():
            return json_response(start_response, 503, {"status": "stopt"})
        return json_response(start_response, 200, health_answer(self.app.start_id))

    def _state(self, request: Request) -> tuple[int, Any]:
        return 200, state_view(self.app.state)

    def _klok(self, request: Request) -> tuple[int, Any]:
        return 200, klok_json(self.app.state)

    def _klok_zetten(self, request: Request) -> tuple[int, Any]:
        return 200, klok_zetten(self.app.state, request.body)

    def _volgend_schooljaar(self, request: Request) -> tuple[int, Any]:
        return 200, next_schooljaar(self.app.state)

    def _seed(self, request: Request) -> tuple[int, Any]:
        added = seed_from_json(self.app.state, request.body)
        with self.app.state.lock:
            return 201, {"scholen": [school_summary(self.app.state, s) for s in added]}

    def _recording(self, request: Request, notes: tuple[str, ...] = ()) -> tuple[int, Any]:
        from mock_esis.recording.admin_route import load_from_admin

        added, field_notes = load_from_admin(self.app.state, request.body)
        with self.app.state.lock:
            answer: dict[str, Any] = {"scholen": [school_summary(self.app.state, s) for s in added]}
        if notes or field_notes:
            answer[NOTES_FIELD] = [*notes, *field_notes]
        return 201, answer

    def _opname(self, request: Request) -> tuple[int, Any]:
        note = "POST /__admin/opname is verouderd; gebruik POST /__admin/recording"
        return self._recording(request, (note,))

    def _school_detail(self, request: Request) -> tuple[int, Any]:
        school = self._school(request)
        with self.app.state.lock:
            detail = school_detail(school, request.query.get("schooljaar"))
        if detail is None:
            raise HttpError(404, f"School {school.code} heeft geen gegevens voor dat schooljaar.")
        return 200, detail

    def _add_gebruiker(self, request: Request) -> tuple[int, Any]:
        school = self._school(request)
        body = request.body
        fields = {k: body.get(k) for k in ("naam", "rol", "gebruikersnaam")}
        if not all(isinstance(v, str) and v.strip() for v in fields.values()):
            raise HttpError(422, "Geef naam, rol en gebruikersnaam op.")
        if fields["rol"] not in GEBRUIKERSROLLEN:
            raise HttpError(422, f"Onbekende rol; kies uit {', '.join(GEBRUIKERSROLLEN)}.")
        with self.app.state.change(school):
            if any(u.gebruikersnaam == fields["gebruikersnaam"] for u in school.fake.gebruikers):
                raise HttpError(409, f"De gebruikersnaam '{fields['gebruikersnaam']}' bestaat al.")
            user = Gebruiker(**fields)  # type: ignore[arg-type]
            school.fake.gebruikers.append(user)
        return 201, {"school": school.code, "gebruiker": record_json(user)}

    def _koppeling_activeren(self, request: Request) -> tuple[int, Any]:
        school = self._school(request)
        koppeling_activeren(self.app.state, school, request.body)
        with self.app.state.lock:
            return 200, {"school": school.code, **_koppeling(self.app.state, school)}

    def _koppeling_deactiveren(self, request: Request) -> tuple[int, Any]:
        school = self._school(request)
        koppeling_deactiveren(self.app.state, school)
        with self.app.state.lock:
            return 200, {"school": school.code, **_koppeling(self.app.state, school)}

    # -- groups --------------------------------------------------------------------------------
    def _hernoemen(self, request: Request) -> tuple[int, Any]:
        school = self._school(request)
        groep = rename_groep(self.app.state, school, request.params["key"], request.body)
        return 200, {"school": school.code, "groep": record_json(groep)}

    def _splitsen(self, request: Request) -> tuple[int, Any]:
        school = self._school(request)
        oud, nieuw, pupils, teachers = split_groep(
            self.app.state, school, request.params["key"], request.body
        )
        return 201, {
            "school": school.code,
            "groep": record_json(oud),
            "nieuwe_groep": record_json(nieuw),
            "verplaatste_leerlingen": [p.key or p.eckid for p in pupils],
            "verplaatste_leerkrachten": [t.key or t.eckid for t in teachers],
        }

    # -- journal -------------------------------------------------------------------------------
    def _journal(self, request: Request) -> tuple[int, Any]:
        q = request.query
        entries = journal_entries(self.app.journal, q)
        bodies = q.get("bodies", "1") not in ("0", "false", "nee")
        return 200, [e.to_json(bodies=bodies) for e in entries]

    def _journal_entry(self, request: Request) -> tuple[int, Any]:
        entry = journal_entry(self.app.journal, request.params["id"])
        return 200, entry.to_json()

    def _journal_clear(self, request: Request) -> tuple[int, Any]:
        self.app.journal.clear()
        return 200, {"melding": "Het journaal is leeg."}

    # -- fault injection -----------------------------------------------------------------------
    def _faults_list(self, request: Request) -> tuple[int, Any]:
        return 200, self.app.injector.list()

    def _faults_add(self, request: Request) -> tuple[int, Any]:
        # A bad rule is an HttpError 400 naming the kind's allowed fields (injection_rules.py).
        return 201, self.app.injector.add(request.body)

    def _faults_clear(self, request: Request) -> tuple[int, Any]:
        self.app.injector.clear()
        return 200, {"melding": "Geen foutinjecties meer."}
