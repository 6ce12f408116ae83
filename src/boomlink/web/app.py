"""The Flask application of ``boomlink web``: configuration, security headers and error pages.

:func:`create_app` wires one :class:`~boomlink.store.Store`, the ESIS verifier and the UWLR
client settings into a Flask app with one blueprint per screen group (auth, koppelen,
importeren, resultaten, support). Views call the service layer only.

* Sessions: Flask's signed cookie (``boomlink_sessie``: HttpOnly, SameSite=Lax, Secure when
  ``BOOMLINK_WEB_SECURE_COOKIES=1``); it holds the account key and the CSRF token, nothing else.
* Every POST carries the session's CSRF token (:mod:`boomlink.web.beveiliging`).
* Errors: a Dutch 403/404 page; an unexpected error is logged with a reference number and shown
  as a plain Dutch 500 page with that number (never a traceback).
"""

from __future__ import annotations

import hashlib
import logging
import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask, Response, g, render_template, request
from werkzeug.exceptions import HTTPException

from boomlink.koppeling.stap3 import Verifier
from boomlink.koppeling.verificatie import esis_verifier
from boomlink.store import Store
from boomlink.web import auth, beveiliging, importeren, koppelen, resultaten, support
from boomlink.web.context import DIENSTEN, WebDiensten

__all__ = ["SESSIE_COOKIE", "create_app"]

log = logging.getLogger("boomlink.web")

SESSIE_COOKIE = "boomlink_sessie"
_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)


def _sessie_geheim(store: Store, environ: Mapping[str, str]) -> bytes:
    """The key that signs session cookies: ``BOOMLINK_WEB_SECRET``, else derived from the store's
    own secret (``BOOMLINK_SECRET_KEY`` or its key file), so restarts keep people logged in."""
    eigen = environ.get("BOOMLINK_WEB_SECRET")
    if eigen:
        return eigen.encode()
    store.kluis()  # creates the key file when needed
    bron: bytes
    if store.settings.secret_key:
        bron = store.settings.secret_key.encode()
    else:
        key_file = store.settings.key_file()
        bron = Path(key_file).read_bytes() if key_file else secrets.token_bytes(32)
    return hashlib.sha256(b"boomlink web sessies\x00" + bron).digest()


def create_app(
    store: Store,
    *,
    verifier: Verifier | None = None,
    environ: Mapping[str, str] | None = None,
) -> Flask:
    """The web app over ``store`` (the caller owns and closes it)."""
    env = os.environ if environ is None else environ
    app = Flask("boomlink.web", root_path=str(Path(__file__).parent))
    app.config.update(
        SECRET_KEY=_sessie_geheim(store, env),
        SESSION_COOKIE_NAME=SESSIE_COOKIE,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=env.get("BOOMLINK_WEB_SECURE_COOKIES") == "1",
        MAX_CONTENT_LENGTH=256 * 1024,
        TEMPLATES_AUTO_RELOAD=False,
    )
    app.extensions[DIENSTEN] = WebDiensten(
        store=store,
        settings=store.settings,
        verifier=verifier or esis_verifier(store.settings),
    )
    app.jinja_env.globals["csrf_token"] = beveiliging.csrf_token
    app.jinja_env.globals["ingelogd"] = beveiliging.huidig_account
    app.before_request(beveiliging.controleer_csrf)
    for module in (auth, koppelen, importeren, resultaten, support):
        app.register_blueprint(module.bp)

    @app.teardown_appcontext
    def _sluit_db(_exc: BaseException | None) -> None:
        session = g.pop("db", None)
        if session is not None:
            session.close()

    @app.after_request
    def _kopregels(response: Response) -> Response:
        response.headers["Content-Security-Policy"] = _CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        if not request.path.startswith("/static/"):
            response.headers["Cache-Control"] = "no-store"
        return response

    @app.errorhandler(HTTPException)
    def _http_fout(exc: HTTPException) -> tuple[str, int]:
        code = exc.code or 500
        sjabloon = {
            400: "fouten/400.html",
            403: "fouten/403.html",
            404: "fouten/404.html",
            405: "fouten/404.html",
            413: "fouten/400.html",
        }.get(code)
        if sjabloon is None:
            return _onverwacht(exc)
        reden = exc.description if isinstance(exc, beveiliging.Geweigerd) else None
        return render_template(sjabloon, reden=reden), code

    @app.errorhandler(Exception)
    def _onverwacht(exc: Exception) -> tuple[str, int]:
        referentie = secrets.token_hex(4).upper()
        log.error(
            "Onverwachte fout %s bij %s %s",
            referentie,
            request.method,
            request.path,
            exc_info=(type(exc), exc, exc.__traceback__),
        )
        session = g.pop("db", None)
        if session is not None:
            session.rollback()
            session.close()
        return render_template("fouten/500.html", referentie=referentie), 500

    @app.context_processor
    def _menu() -> dict[str, Any]:
        return {"huidig_pad": request.path}

    return app
