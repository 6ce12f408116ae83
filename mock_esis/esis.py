"""The ESIS screens of the handbook as a JSON API under ``/esis/`` (being built)."""

from __future__ import annotations

from typing import Any

from mock_esis.http import HttpError, StartResponse

__all__ = ["EsisScreens"]


class EsisScreens:
    """WSGI sub-application for ``/esis/...``."""

    def __init__(self, app: Any) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> list[bytes]:
        raise HttpError(404, "Nog niet beschikbaar")
