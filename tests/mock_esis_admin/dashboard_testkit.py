"""A browser-less visitor of the tester's dashboard: keeps cookies, fills in the CSRF token."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

import httpx

__all__ = ["DashboardVisitor", "csrf_of"]

_CSRF = re.compile(r'name="csrf" value="([0-9a-f]+)"')


def csrf_of(html: str) -> str:
    found = _CSRF.search(html)
    assert found, "geen CSRF-veld op de pagina"
    return found[1]


class DashboardVisitor:
    """httpx with cookies against ``/__admin/ui`` (:attr:`prefix`); a POST first opens
    :attr:`start` when no CSRF token was seen yet."""

    prefix = "/__admin/ui"
    start = "/scholen"

    def __init__(self, base_url: str) -> None:
        self.base = f"{base_url}{self.prefix}"
        self.client = httpx.Client(follow_redirects=False, timeout=20)
        self.csrf = ""

    def get(self, path: str, **params: Any) -> httpx.Response:
        response = self.client.get(self.base + path, params=params)
        if 'name="csrf"' in response.text:
            self.csrf = csrf_of(response.text)
        return response

    def post(
        self,
        path: str,
        data: dict[str, Any] | list[tuple[str, str]] | None = None,
        csrf: bool = True,
    ) -> httpx.Response:
        if not self.csrf:
            self.get(self.start)
        pairs = list(data.items()) if isinstance(data, dict) else list(data or [])
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
        assert location.startswith(self.prefix)
        page = self.client.get(response.url.join(location))
        if 'name="csrf"' in page.text:
            self.csrf = csrf_of(page.text)
        return page

    def close(self) -> None:
        self.client.close()
