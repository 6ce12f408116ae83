"""What a view reaches for: the app's services (:func:`diensten`) and the request's session (:func:`db`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from flask import current_app, g
from sqlalchemy.orm import Session

from boomlink.config import Settings
from boomlink.errors import ConfiguratieFout
from boomlink.koppeling.stap3 import Verifier
from boomlink.store import Store
from boomlink.uwlr_client import ClientConfig

__all__ = ["DIENSTEN", "WebDiensten", "db", "diensten"]

DIENSTEN = "boomlink.diensten"


@dataclass
class WebDiensten:
    """What the views need besides the request: the store, the key check, the ESIS client and
    the clock.

    ``klok`` is the app's "now" for the services (schooljaar, expiry, audit times); it returns
    ``None`` for the real clock, which is what ``boomlink web`` uses. Tests inject a fixed or
    scenario-driven clock through :func:`~boomlink.web.create_app` (app configuration, never an
    environment variable a user could set by accident). ``client_config`` overrides the UWLR
    client settings of ``settings.las`` (tests with their own retry policy).
    """

    store: Store
    settings: Settings
    verifier: Verifier
    klok: Callable[[], dt.datetime | None] = field(default=lambda: None)
    eigen_client_config: ClientConfig | None = None

    def nu(self) -> dt.datetime | None:
        """The moment the services should take as now (``None``: the real clock)."""
        return self.klok()

    def client_config(self) -> ClientConfig:
        """The UWLR client settings, or a Dutch configuration error (nothing fetched)."""
        if self.eigen_client_config is not None:
            return self.eigen_client_config
        if self.settings.las is None:
            raise ConfiguratieFout(
                "Boom is nog niet aangesloten op ESIS (de adressen van ESIS zijn niet "
                "ingesteld). Er is niets geïmporteerd; neem contact op met Boom."
            )
        return self.settings.las.client_config()


def diensten() -> WebDiensten:
    gevonden: WebDiensten = current_app.extensions[DIENSTEN]
    return gevonden


def db() -> Session:
    """The request's database session (opened on first use, closed after the request)."""
    if "db" not in g:
        g.db = diensten().store.session()
    sessie: Session = g.db
    return sessie
