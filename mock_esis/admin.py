"""The admin API for testers under ``/__admin/`` (being built)."""

from __future__ import annotations

from typing import Any

from mock_esis.http import HttpError, StartResponse

__all__ = ["AdminApi"]


class AdminApi:
    """WSGI sub-application for ``/__admin/...``."""

    def __init__(self, app: Any) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> list[bytes]:
        raise HttpError(404, "Nog niet beschikbaar")
