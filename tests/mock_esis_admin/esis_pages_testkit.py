"""A browser-less visitor of the ESIS screens (``/esis/``): the dashboard's visitor (cookies, the
CSRF token) under another prefix, signing in as a fake ESIS user the way the sign-in page does."""

from __future__ import annotations

import httpx
from dashboard_testkit import DashboardVisitor

__all__ = ["EsisBezoeker"]

KOPPELING = "/import-export-koppelingen/koppelingen/boom-testcentrum"
TOETSRESULTATEN = "/onderwijs/toetsresultaten-invoeren"


class EsisBezoeker(DashboardVisitor):
    """httpx with cookies against ``/esis``."""

    prefix = "/esis"
    start = "/inloggen"

    def inloggen(self, school: str, gebruiker: str) -> httpx.Response:
        self.get(f"/inloggen/{school}")
        return self.follow(self.post(f"/inloggen/{school}", {"gebruiker": gebruiker}))
