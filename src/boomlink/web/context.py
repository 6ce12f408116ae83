"""What a view reaches for: the app's services (:func:`diensten`) and the request's session (:func:`db`)."""

from __future__ import annotations

from dataclasses import dataclass

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
    """What the views need besides the request: the store, the key check and the ESIS client."""

    store: Store
    settings: Settings
    verifier: Verifier

    def client_config(self) -> ClientConfig:
        """The UWLR client settings, or a Dutch configuration error (nothing fetched)."""
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
