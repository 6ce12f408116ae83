"""A browser-less visitor of the ESIS screens (``/esis/``): keeps cookies, fills in the CSRF token,
and signs in as a fake ESIS user the way the sign-in page does."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

import httpx

__all__ = ["EsisBezoeker"]

_CSRF = re.compile(r'name="csrf" value="([0-9a-f]+)"')
KOPPELING = "/import-export-koppelingen/koppelingen/boom-testcentrum"
TOETSRESULTATEN = "/onderwijs/toetsresultaten-invoeren"


class EsisBezoeker:
    """httpx with cookies against ``/esis``."""

    def __init__(self, base_url: str) -> None:
        self.base = f"{base_url}/esis"
        self.client = httpx.Client(follow_redirects=False, timeout=20)
        self.csrf = ""

    def get(self, path: str, **params: Any) -> httpx.Response:
        response = self.client.get(self.base + path, params=params)
        found = _CSRF.search(response.text)
        if found:
            self.csrf = found[1]
        return response

    def post(
        self, path: str, data: dict[str, str] | None = None, csrf: bool = True
    ) -> httpx.Response:
        if not self.csrf:
            self.get("/inloggen")
        pairs = list((data or {}).items())
        if csrf:
            pairs.append(("csrf", self.csrf))
        return self.client.post(
            self.base + path,
            content=urlencode(pairs),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )

    def follow(self, response: httpx.Response) -> httpx.Response:
        assert response.status_code == 303, (response.status_code, response.text[:2000])
        location = response.headers["location"]
        assert location.startswith("/esis")
        page = self.client.get(response.url.join(location))
        found = _CSRF.search(page.text)
        if found:
            self.csrf = found[1]
        return page

    def inloggen(self, school: str, gebruiker: str) -> httpx.Response:
        self.get(f"/inloggen/{school}")
        return self.follow(self.post(f"/inloggen/{school}", {"gebruiker": gebruiker}))

    def close(self) -> None:
        self.client.close()
