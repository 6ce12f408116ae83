"""HTTP clients for a running mock ESIS: the tester's admin API and the ESIS screens.

Used by the test handle (:class:`~mock_esis.testing.handle.MockEsisHandle`) and by ``mock-esis admin`` /
``mock-esis esis``. A refusal (4xx/5xx) raises :class:`MockEsisError` with the Dutch ``fout``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import httpx

__all__ = ["AdminClient", "EsisClient", "MockEsisError"]


class MockEsisError(Exception):
    """The mock refused: ``status`` and its Dutch message ``fout``."""

    def __init__(self, status: int, fout: str) -> None:
        super().__init__(f"{status}: {fout}")
        self.status = status
        self.fout = fout


def _seg(value: str) -> str:
    return quote(value, safe="")


class _JsonClient:
    #: The path of this client's routes: a URL ending in it (as the state file's ``admin`` and
    #: ``esis`` entries do) is taken as the base URL.
    suffix = ""

    def __init__(self, base_url: str, *, token: str | None = None, timeout: float = 10.0) -> None:
        base = base_url.rstrip("/")
        self.base_url = base.removesuffix(self.suffix) if self.suffix else base
        self.token = token
        self.timeout = timeout

    def request(
        self,
        method: str,
        path: str,
        *,
        json: dict[str, Any] | None = None,
        params: dict[str, str] | None = None,
    ) -> Any:
        """Send one call; the decoded JSON answer, or :class:`MockEsisError`."""
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        response = httpx.request(
            method,
            f"{self.base_url}{path}",
            json=json,
            params={k: v for k, v in (params or {}).items() if v is not None},
            headers=headers,
            timeout=self.timeout,
        )
        try:
            payload = response.json()
        except ValueError:
            payload = {"fout": response.text}
        if response.status_code >= 400:
            fout = payload.get("fout") if isinstance(payload, dict) else None
            raise MockEsisError(response.status_code, str(fout or response.text))
        return payload


class AdminClient(_JsonClient):
    """``/__admin/...`` over HTTP."""

    suffix = "/__admin"

    def _school(self, school: str, rest: str = "") -> str:
        return f"/__admin/scholen/{_seg(school)}{rest}"

    def reset(self) -> Any:
        return self.request("POST", "/__admin/reset")

    def reset_naar_start(self) -> Any:
        """Back to the state the server started with: same schools, same keys."""
        return self.request("POST", "/__admin/reset/naar-start")

    def gezond(self) -> Any:
        """The health route (no token needed)."""
        return self.request("GET", "/__admin/gezond")

    def state(self) -> Any:
        return self.request("GET", "/__admin/state")

    def klok(self) -> Any:
        return self.request("GET", "/__admin/klok")

    def klok_zetten(self, klok: str) -> Any:
        return self.request("POST", "/__admin/klok", json={"klok": klok})

    def koppeling_activeren(self, school: str, verificatiecode: str | None = None) -> Any:
        body = {"verificatiecode": verificatiecode} if verificatiecode else {}
        return self.request("POST", self._school(school, "/koppeling/activeren"), json=body)

    def koppeling_deactiveren(self, school: str) -> Any:
        return self.request("POST", self._school(school, "/koppeling/deactiveren"))

    def seed(self, **fields: Any) -> Any:
        """``POST /__admin/scholen``: seed, aantal, brincode, naam, school, activeren, ..."""
        return self.request("POST", "/__admin/scholen", json=fields)

    def school(self, school: str, schooljaar: str | None = None) -> Any:
        return self.request("GET", self._school(school), params={"schooljaar": schooljaar or ""})

    def add_gebruiker(self, school: str, *, naam: str, rol: str, gebruikersnaam: str) -> Any:
        body = {"naam": naam, "rol": rol, "gebruikersnaam": gebruikersnaam}
        return self.request("POST", self._school(school, "/gebruikers"), json=body)

    # pupils
    def add_leerling(self, school: str, **fields: Any) -> Any:
        return self.request("POST", self._school(school, "/leerlingen"), json=fields)

    def update_leerling(self, school: str, key: str, **fields: Any) -> Any:
        return self.request("PATCH", self._school(school, f"/leerlingen/{_seg(key)}"), json=fields)

    def remove_leerling(self, school: str, key: str) -> Any:
        return self.request("DELETE", self._school(school, f"/leerlingen/{_seg(key)}"))

    def move_leerling(self, school: str, key: str, groep: str | None, **fields: Any) -> Any:
        path = self._school(school, f"/leerlingen/{_seg(key)}/verplaatsen")
        return self.request("POST", path, json={"groep": groep, **fields})

    def leerling_eckid_als_sleutel(self, school: str, key: str) -> Any:
        path = self._school(school, f"/leerlingen/{_seg(key)}/eckid-als-sleutel")
        return self.request("POST", path)

    # teachers
    def add_leerkracht(self, school: str, **fields: Any) -> Any:
        return self.request("POST", self._school(school, "/leerkrachten"), json=fields)

    def update_leerkracht(self, school: str, key: str, **fields: Any) -> Any:
        path = self._school(school, f"/leerkrachten/{_seg(key)}")
        return self.request("PATCH", path, json=fields)

    def remove_leerkracht(self, school: str, key: str) -> Any:
        return self.request("DELETE", self._school(school, f"/leerkrachten/{_seg(key)}"))

    def leerkracht_eckid_als_sleutel(self, school: str, key: str) -> Any:
        path = self._school(school, f"/leerkrachten/{_seg(key)}/eckid-als-sleutel")
        return self.request("POST", path)

    # groups, clock
    def rename_groep(self, school: str, key: str, naam: str, **fields: Any) -> Any:
        path = self._school(school, f"/groepen/{_seg(key)}/hernoemen")
        return self.request("POST", path, json={"naam": naam, **fields})

    def split_groep(self, school: str, key: str, **fields: Any) -> Any:
        path = self._school(school, f"/groepen/{_seg(key)}/splitsen")
        return self.request("POST", path, json=fields)

    def volgend_schooljaar(self) -> Any:
        return self.request("POST", "/__admin/klok/volgend-schooljaar")

    # journal, faults
    def journal(self, **filters: str | None) -> Any:
        """``GET /__admin/journal``: filters operation, verdict, school, since, until, limit,
        bodies (``"0"`` leaves the request and answer bodies out)."""
        return self.request(
            "GET", "/__admin/journal", params={k: v for k, v in filters.items() if v}
        )

    def clear_journal(self) -> Any:
        return self.request("DELETE", "/__admin/journal")

    def add_fault(self, **spec: Any) -> Any:
        return self.request("POST", "/__admin/faults", json=spec)

    def faults(self) -> Any:
        return self.request("GET", "/__admin/faults")

    def clear_faults(self) -> Any:
        return self.request("DELETE", "/__admin/faults")


class EsisClient(_JsonClient):
    """``/esis/...`` over HTTP, acting as one ESIS user per call."""

    suffix = "/esis"

    def _path(self, school: str, rest: str) -> str:
        return f"/esis/scholen/{_seg(school)}{rest}"

    def koppeling(self, school: str, gebruiker: str) -> Any:
        path = self._path(school, "/koppelingen/boom-testcentrum")
        return self.request("GET", path, params={"gebruiker": gebruiker})

    def activeren(
        self, school: str, gebruiker: str, verificatiecode: str, *, akkoord: bool = True
    ) -> Any:
        body = {
            "gebruiker": gebruiker,
            "verificatiecode": verificatiecode,
            "akkoord_voorwaarden": akkoord,
        }
        path = self._path(school, "/koppelingen/boom-testcentrum/activeren")
        return self.request("POST", path, json=body)

    def deactiveren(self, school: str, gebruiker: str) -> Any:
        path = self._path(school, "/koppelingen/boom-testcentrum/deactiveren")
        return self.request("POST", path, json={"gebruiker": gebruiker})

    def groepen(self, school: str, gebruiker: str) -> Any:
        return self.request(
            "GET", self._path(school, "/mijn-groep"), params={"gebruiker": gebruiker}
        )

    def mijn_groep(self, school: str, groep: str, gebruiker: str) -> Any:
        path = self._path(school, f"/mijn-groep/{_seg(groep)}")
        return self.request("GET", path, params={"gebruiker": gebruiker})

    def toetsresultaat_invoeren(
        self,
        school: str,
        gebruiker: str,
        *,
        leerlingid: str,
        toets: str,
        dle: str | int,
        datum: str | None = None,
    ) -> Any:
        body: dict[str, Any] = {
            "gebruiker": gebruiker,
            "leerlingid": leerlingid,
            "toets": toets,
            "dle": dle,
        }
        if datum is not None:
            body["datum"] = datum
        return self.request("POST", self._path(school, "/toetsresultaten"), json=body)

    def toetsresultaten(self, school: str, gebruiker: str, leerling: str | None = None) -> Any:
        params = {"gebruiker": gebruiker, **({"leerling": leerling} if leerling else {})}
        return self.request("GET", self._path(school, "/toetsresultaten"), params=params)
