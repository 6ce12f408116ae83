"""The ESIS screens of the handbook as a JSON API under ``/esis/scholen/`` (the school admin's side).

The same screens as HTML pages for a browser are :mod:`mock_esis.screens.pages`; both call the
rule code of :mod:`~mock_esis.screens.koppeling_scherm`, :mod:`~mock_esis.screens.mijn_groep`
and :mod:`~mock_esis.screens.toetsresultaten`.

Routes (``{school}`` is BRIN + vestigingsnummer, e.g. ``99QQ00``; every call names the acting
ESIS user as ``gebruiker`` in the JSON body, or as a query parameter on a GET):

- ``GET  /esis/scholen/{school}/koppelingen/boom-testcentrum``: state of the link, key masked;
- ``POST /esis/scholen/{school}/koppelingen/boom-testcentrum/activeren``: ``verificatiecode`` and
  ``akkoord_voorwaarden`` → the new ``autorisatiesleutel``, shown this once;
- ``POST /esis/scholen/{school}/koppelingen/boom-testcentrum/deactiveren``: revokes the key;
- ``GET  /esis/scholen/{school}/mijn-groep``: the groups this user may open;
- ``GET  /esis/scholen/{school}/mijn-groep/{groep}``: group results per toets (key or name);
- ``POST /esis/scholen/{school}/toetsresultaten``: enter a DLE by hand;
- ``GET  /esis/scholen/{school}/toetsresultaten``: hand-entered results per pupil, with history.

A refusal is a 4xx with ``{"fout": "<Nederlandse melding>"}``.
"""

from __future__ import annotations

from typing import Any

from mock_esis.screens.gebruikers import acting_user
from mock_esis.screens.koppeling_scherm import activeren, deactiveren, koppeling_view
from mock_esis.screens.mijn_groep import groepen_voor, mijn_groep_voor
from mock_esis.screens.toetsresultaten import handmatig_json, invoeren, overzicht
from mock_esis.state.model import SchoolState
from mock_esis.web.http import HttpError, StartResponse, json_response
from mock_esis.web.routing import Request, Router, route_path
from uwlr.fake import Gebruiker

__all__ = ["EsisScreens"]

_KOPPELING = "/scholen/{school}/koppelingen/boom-testcentrum"


class EsisScreens:
    """WSGI sub-application for ``/esis/...``."""

    prefix = "/esis"

    def __init__(self, app: Any) -> None:
        self.app = app
        self.router = Router()
        self.router.add("GET", _KOPPELING, self._koppeling)
        self.router.add("POST", _KOPPELING + "/activeren", self._activeren)
        self.router.add("POST", _KOPPELING + "/deactiveren", self._deactiveren)
        self.router.add("GET", "/scholen/{school}/mijn-groep", self._groepen)
        self.router.add("GET", "/scholen/{school}/mijn-groep/{groep}", self._mijn_groep)
        self.router.add("POST", "/scholen/{school}/toetsresultaten", self._invoeren)
        self.router.add("GET", "/scholen/{school}/toetsresultaten", self._overzicht)

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> list[bytes]:
        path = route_path(environ, self.prefix)
        status, payload = self.router.dispatch(environ, path)
        return json_response(start_response, status, payload)

    # -- helpers -------------------------------------------------------------------------------
    def _school(self, request: Request) -> SchoolState:
        school: SchoolState | None = self.app.state.school(request.params["school"])
        if school is None:
            raise HttpError(404, f"Onbekende school '{request.params['school']}'.")
        return school

    def _who(self, request: Request) -> tuple[SchoolState, Gebruiker]:
        school = self._school(request)
        return school, acting_user(school, request.value("gebruiker"))

    # -- the link ------------------------------------------------------------------------------
    def _koppeling(self, request: Request) -> tuple[int, Any]:
        school, _ = self._who(request)
        with self.app.state.lock:
            return 200, koppeling_view(school)

    def _activeren(self, request: Request) -> tuple[int, Any]:
        school, user = self._who(request)
        with self.app.state.lock:
            return 200, activeren(self.app.state, school, user, request.body)

    def _deactiveren(self, request: Request) -> tuple[int, Any]:
        school, user = self._who(request)
        with self.app.state.lock:
            return 200, deactiveren(self.app.state, school, user)

    # -- Mijn Groep ----------------------------------------------------------------------------
    def _groepen(self, request: Request) -> tuple[int, Any]:
        school, user = self._who(request)
        with self.app.state.lock:
            groups = groepen_voor(school, user)
            return 200, {
                "school": school.code,
                "groepen": [{"key": g.key, "naam": g.naam} for g in groups],
            }

    def _mijn_groep(self, request: Request) -> tuple[int, Any]:
        school, user = self._who(request)
        with self.app.state.lock:
            return 200, mijn_groep_voor(school, user, request.params["groep"])

    # -- Toetsresultaten invoeren --------------------------------------------------------------
    def _invoeren(self, request: Request) -> tuple[int, Any]:
        school, user = self._who(request)
        with self.app.state.lock:
            entry = invoeren(self.app.state, school, user, request.body)
            return 201, handmatig_json(entry)

    def _overzicht(self, request: Request) -> tuple[int, Any]:
        school, user = self._who(request)
        with self.app.state.lock:
            return 200, overzicht(school, user, request.query.get("leerling"))
