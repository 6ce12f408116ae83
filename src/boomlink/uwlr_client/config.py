"""The client's configuration: where the LAS is, who we are, timeouts, retries, TLS, getrapt."""

from __future__ import annotations

from dataclasses import dataclass, field

from boomlink.uwlr_client.retry import RetryPolicy
from uwlr.namespaces import DEFAULT_XSDVERSIE
from uwlr.safexml import DEFAULT_MAX_BYTES

__all__ = ["ClientConfig"]


@dataclass(frozen=True, slots=True)
class ClientConfig:
    """Everything a :class:`~boomlink.uwlr_client.client.UwlrClient` needs except the key.

    ``verify`` is True (the system's trusted CAs), False (tests only) or the path of a CA bundle
    file or directory. ESIS asks for a TLS client certificate: ``client_cert`` (PEM, may hold the
    key too, or a ``.p12``/``.pfx`` file as ESIS hands it out) and optionally ``client_key`` (PEM
    only) and ``client_key_password`` (of the key, or of the ``.p12``). With ``getrapt`` the
    client fetches structuur, then leerlingen and leerkrachten per ``getrapt_batch`` groups.
    """

    leerlinggegevens_url: str
    leerresultaten_url: str
    klantnaam: str
    klantcode: str
    xsdversie: str = DEFAULT_XSDVERSIE
    connect_timeout: float = 5.0
    read_timeout: float = 30.0
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    verify: bool | str = True
    client_cert: str | None = None
    client_key: str | None = None
    client_key_password: str | None = field(default=None, repr=False)
    getrapt: bool = False
    getrapt_batch: int = 10
    max_answer_bytes: int = DEFAULT_MAX_BYTES
    user_agent: str = "boomlink-uwlr-client/0.1"

    def __post_init__(self) -> None:
        for name in ("leerlinggegevens_url", "leerresultaten_url"):
            url: str = getattr(self, name)
            if not url.startswith(("http://", "https://")):
                raise ValueError(f"{name} moet met http:// of https:// beginnen, niet {url!r}")
        for name in ("klantnaam", "klantcode", "xsdversie"):
            if not str(getattr(self, name)).strip():
                raise ValueError(f"{name} is verplicht")
        for name in ("connect_timeout", "read_timeout"):
            if not getattr(self, name) > 0:
                raise ValueError(f"{name} moet groter dan 0 seconden zijn")
        if self.getrapt_batch < 1:
            raise ValueError("getrapt_batch moet minstens 1 groep zijn")
        if self.max_answer_bytes < 1:
            raise ValueError("max_answer_bytes moet groter dan 0 zijn")
        if self.client_cert is None and (self.client_key or self.client_key_password):
            raise ValueError("client_key en client_key_password horen bij een client_cert")
