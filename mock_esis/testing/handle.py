"""The test handle of a running mock ESIS: its URLs, schools and keys, and ways to call it.

Everything goes over HTTP to the real server, like a client would, except :attr:`app`, which
gives direct access for assertions on the mock's own state. :attr:`MockEsisHandle.admin` is the
tester's admin API (:class:`~mock_esis.testing.client.AdminClient`), :attr:`MockEsisHandle.esis` the ESIS
screens (:class:`~mock_esis.testing.client.EsisClient`), both over HTTP.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from mock_esis.testing.client import AdminClient, EsisClient
from mock_esis.web.app import MockEsisApp
from mock_esis.web.server import MockEsisServer
from uwlr.build import build, build_autorisatie
from uwlr.envelope import CONTENT_TYPE, build_envelope, to_bytes
from uwlr.models import Autorisatie, LeerresultatenVerzoek, Message
from uwlr.namespaces import SOAP_ACTIONS

__all__ = ["MockEsisHandle", "SchoolInfo"]

_ENDPOINT_OF = {
    "HaalLeerlinggegevens": "leerlinggegevens",
    "HaalStructuur": "leerlinggegevens",
    "HaalLeerlingen": "leerlinggegevens",
    "HaalLeerkrachten": "leerlinggegevens",
    "BrengLeerresultaten": "leerresultaten",
}


@dataclass(frozen=True)
class SchoolInfo:
    """A seeded school as the state file lists it."""

    naam: str
    brincode: str
    dependancecode: str
    schoolkey: str
    schooljaar: str
    autorisatiesleutel: str | None
    gebruikers: list[dict[str, str]]

    @property
    def code(self) -> str:
        return f"{self.brincode}{self.dependancecode}"

    def gebruiker(self, rol: str) -> str:
        """The login name of the first ESIS user with ``rol``."""
        return next(g["gebruikersnaam"] for g in self.gebruikers if g["rol"] == rol)


class MockEsisHandle:
    """What a test gets from the ``mock_esis`` fixture."""

    def __init__(self, server: MockEsisServer) -> None:
        self.server = server
        self.app: MockEsisApp = server.app
        self.base_url = server.base_url
        self.endpoints = server.endpoints
        state = server.state_json()
        self.klantnaam: str = state["klantnaam"]
        self.klantcode: str = state["klantcode"]
        self.admin = AdminClient(self.base_url, token=self.app.admin_token)
        self.esis = EsisClient(self.base_url)

    @property
    def schools(self) -> list[SchoolInfo]:
        """The schools now in the mock, with their current keys."""
        return [
            SchoolInfo(
                naam=s["naam"],
                brincode=s["brincode"],
                dependancecode=s["dependancecode"],
                schoolkey=s["schoolkey"],
                schooljaar=s["schooljaar"],
                autorisatiesleutel=s["autorisatiesleutel"],
                gebruikers=s["gebruikers"],
            )
            for s in self.server.state_json()["scholen"]
        ]

    @property
    def school(self) -> SchoolInfo:
        """The first school."""
        return self.schools[0]

    def autorisatie(self, school: SchoolInfo | None = None, **override: str) -> Autorisatie:
        """The header a correct client sends for ``school`` (fields overridable)."""
        school = school or self.school
        fields = {
            "autorisatiesleutel": school.autorisatiesleutel or "",
            "klantcode": self.klantcode,
            "klantnaam": self.klantnaam,
            **override,
        }
        return Autorisatie(**fields)

    def envelope(self, message: Message, autorisatie: Autorisatie | None) -> bytes:
        """A request envelope for ``message`` with ``autorisatie`` as header (None: no header)."""
        header = build_autorisatie(autorisatie) if autorisatie is not None else None
        return to_bytes(build_envelope(build(message), header))

    def post(
        self,
        operation: str,
        content: bytes,
        *,
        soapaction: str | None = "default",
        timeout: float = 10.0,
        **headers: str,
    ) -> httpx.Response:
        """POST raw bytes to the endpoint of ``operation``."""
        all_headers = {"Content-Type": CONTENT_TYPE, **headers}
        if soapaction == "default":
            all_headers["SOAPAction"] = f'"{SOAP_ACTIONS[operation]}"'
        elif soapaction is not None:
            all_headers["SOAPAction"] = soapaction
        return httpx.post(
            self.endpoints[_ENDPOINT_OF[operation]],
            content=content,
            headers=all_headers,
            timeout=timeout,
        )

    def call(
        self,
        operation: str,
        message: Message,
        autorisatie: Autorisatie | None = None,
        **kwargs: Any,
    ) -> httpx.Response:
        """Build, wrap and POST ``message`` with a correct header (unless one is given)."""
        if autorisatie is None:
            school = self.school
            if isinstance(message, LeerresultatenVerzoek) and message.school.brincode:
                school = next(s for s in self.schools if s.brincode == message.school.brincode)
            elif getattr(message, "brincode", None):
                brin = getattr(message, "brincode", None)
                school = next((s for s in self.schools if s.brincode == brin), school)
            autorisatie = self.autorisatie(school)
        return self.post(operation, self.envelope(message, autorisatie), **kwargs)

    def journal(self, **filters: str) -> list[dict[str, Any]]:
        """The journal over HTTP (``GET /__admin/journal``), filtered by operation, verdict, since."""
        entries: list[dict[str, Any]] = self.admin.journal(**filters)
        return entries

    def school_by_code(self, code: str) -> SchoolInfo:
        """A school now in the mock by BRIN + vestiging (``99QQ00``)."""
        return next(s for s in self.schools if s.code == code.upper())

    # -- fault injection -------------------------------------------------------------------------
    def inject(self, **spec: Any) -> dict[str, Any]:
        """Add a fault-injection rule (see :mod:`mock_esis.testing.injection`), e.g.
        ``inject(operation="HaalLeerlinggegevens", kind="http_status", status=503, count=2)``."""
        return self.app.injector.add(spec)

    def faults(self) -> list[dict[str, Any]]:
        """The fault-injection rules and how often each fired."""
        return self.app.injector.list()

    def clear_faults(self) -> None:
        """Remove every fault-injection rule."""
        self.app.injector.clear()
