"""The UWLR client of the Boom side: one method per operation, retries, errors per fault kind.

Layers (as in zeep): :mod:`~boomlink.uwlr_client.transport` moves bytes over HTTP,
:mod:`~boomlink.uwlr_client.codec` turns typed messages into envelopes and back, and this module
runs the attempts: build once, send up to ``retry.max_attempts`` times with backoff while the
error says another attempt may help, keep every exchange (key masked), log without personal data.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import time
from collections.abc import Sequence
from types import TracebackType
from typing import Any, TypeVar

import httpx

from boomlink.uwlr_client.codec import encode_request, read_answer
from boomlink.uwlr_client.config import ClientConfig
from boomlink.uwlr_client.errors import UwlrClientError
from boomlink.uwlr_client.exchange import Exchange
from boomlink.uwlr_client.getrapt import assemble, group_batches
from boomlink.uwlr_client.result import Result
from boomlink.uwlr_client.retry import parse_retry_after
from boomlink.uwlr_client.transport import RawResponse, SoapTransport
from uwlr.masking import Masker
from uwlr.models import (
    Autorisatie,
    GroepRef,
    LeerkrachtenAntwoord,
    LeerkrachtenVerzoek,
    LeerlingenAntwoord,
    LeerlingenVerzoek,
    LeerlinggegevensAntwoord,
    LeerlinggegevensVerzoek,
    LeerresultatenBevestiging,
    LeerresultatenVerzoek,
    Message,
    StructuurAntwoord,
    StructuurVerzoek,
    Verzoek,
)
from uwlr.namespaces import SOAP_ACTIONS
from uwlr.parse import ParseWarning

__all__ = ["UwlrClient"]

log = logging.getLogger("boomlink.uwlr_client")

M = TypeVar("M", bound=Message)


class UwlrClient:
    """A UWLR afnemer client. Use as a context manager (it owns an ``httpx.Client``).

    The school is addressed by ``brincode`` + ``dependancecode``, unless a ``schoolkey`` is
    given: then by the schoolkey alone. ``sleutel`` is the school's autorisatiesleutel; it is
    sent in the ``autorisatie`` header and masked in everything the client keeps or logs.
    """

    def __init__(
        self, config: ClientConfig, *, transport: httpx.BaseTransport | None = None
    ) -> None:
        self.config = config
        self._transport = SoapTransport(config, transport)

    def __enter__(self) -> UwlrClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the HTTP connections."""
        self._transport.close()

    # -- leerlinggegevens ------------------------------------------------------------------------
    def haal_leerlinggegevens(
        self,
        sleutel: str,
        *,
        schooljaar: str,
        brincode: str | None = None,
        dependancecode: str | None = None,
        schoolkey: str | None = None,
        laatstontvangengegevens: dt.datetime | None = None,
    ) -> Result[LeerlinggegevensAntwoord]:
        """All data of the school: ``HaalLeerlinggegevens``, or with ``config.getrapt`` the
        structuur and then leerlingen and leerkrachten per batch of groups, put together."""
        fields = self._fields(
            schooljaar, brincode, dependancecode, schoolkey, laatstontvangengegevens
        )
        if self.config.getrapt:
            return self._getrapt(sleutel, fields)
        return self._call(
            "HaalLeerlinggegevens",
            LeerlinggegevensVerzoek(**fields),
            sleutel,
            LeerlinggegevensAntwoord,
        )

    def haal_structuur(
        self,
        sleutel: str,
        *,
        schooljaar: str,
        brincode: str | None = None,
        dependancecode: str | None = None,
        schoolkey: str | None = None,
        laatstontvangengegevens: dt.datetime | None = None,
    ) -> Result[StructuurAntwoord]:
        """``HaalStructuur``: the school and its groups."""
        fields = self._fields(
            schooljaar, brincode, dependancecode, schoolkey, laatstontvangengegevens
        )
        return self._call("HaalStructuur", StructuurVerzoek(**fields), sleutel, StructuurAntwoord)

    def haal_leerlingen(
        self,
        sleutel: str,
        *,
        groepen: Sequence[GroepRef],
        schooljaar: str,
        brincode: str | None = None,
        dependancecode: str | None = None,
        schoolkey: str | None = None,
        laatstontvangengegevens: dt.datetime | None = None,
    ) -> Result[LeerlingenAntwoord]:
        """``HaalLeerlingen``: the pupils of ``groepen`` (at least one)."""
        fields = self._fields(
            schooljaar, brincode, dependancecode, schoolkey, laatstontvangengegevens
        )
        verzoek = LeerlingenVerzoek(groepen=list(groepen), **fields)
        return self._call("HaalLeerlingen", verzoek, sleutel, LeerlingenAntwoord)

    def haal_leerkrachten(
        self,
        sleutel: str,
        *,
        groepen: Sequence[GroepRef],
        schooljaar: str,
        brincode: str | None = None,
        dependancecode: str | None = None,
        schoolkey: str | None = None,
        laatstontvangengegevens: dt.datetime | None = None,
    ) -> Result[LeerkrachtenAntwoord]:
        """``HaalLeerkrachten``: the teachers of ``groepen`` (at least one)."""
        fields = self._fields(
            schooljaar, brincode, dependancecode, schoolkey, laatstontvangengegevens
        )
        verzoek = LeerkrachtenVerzoek(groepen=list(groepen), **fields)
        return self._call("HaalLeerkrachten", verzoek, sleutel, LeerkrachtenAntwoord)

    # -- leerresultaten --------------------------------------------------------------------------
    def breng_leerresultaten(
        self, sleutel: str, verzoek: LeerresultatenVerzoek
    ) -> Result[LeerresultatenBevestiging]:
        """``BrengLeerresultaten``. Safe to resend: a resultaat with a known key replaces the
        earlier one. With a schoolkey in ``verzoek.school``, brincode and dependancecode are left
        out (the caller's object is not changed)."""
        if verzoek.school.schoolkey:
            school = dataclasses.replace(verzoek.school, brincode=None, dependancecode=None)
            verzoek = dataclasses.replace(verzoek, school=school)
        return self._call("BrengLeerresultaten", verzoek, sleutel, LeerresultatenBevestiging)

    # -- internals -------------------------------------------------------------------------------
    def _fields(
        self,
        schooljaar: str,
        brincode: str | None,
        dependancecode: str | None,
        schoolkey: str | None,
        laatstontvangengegevens: dt.datetime | None,
    ) -> dict[str, Any]:
        address: dict[str, Any] = (
            {"schoolkey": schoolkey}
            if schoolkey
            else {"brincode": brincode, "dependancecode": dependancecode}
        )
        return {
            "schooljaar": schooljaar,
            "xsdversie": self.config.xsdversie,
            "laatstontvangengegevens": laatstontvangengegevens,
            **address,
        }

    def _getrapt(self, sleutel: str, fields: dict[str, Any]) -> Result[LeerlinggegevensAntwoord]:
        started = time.perf_counter()
        structuur = self._call(
            "HaalStructuur", StructuurVerzoek(**fields), sleutel, StructuurAntwoord
        )
        parts: list[Result[Any]] = [structuur]
        leerlingen: list[LeerlingenAntwoord] = []
        leerkrachten: list[LeerkrachtenAntwoord] = []
        for batch in group_batches(structuur.message, self.config.getrapt_batch):
            pupils = self._call(
                "HaalLeerlingen",
                LeerlingenVerzoek(groepen=batch, **fields),
                sleutel,
                LeerlingenAntwoord,
            )
            teachers = self._call(
                "HaalLeerkrachten",
                LeerkrachtenVerzoek(groepen=batch, **fields),
                sleutel,
                LeerkrachtenAntwoord,
            )
            leerlingen.append(pupils.message)
            leerkrachten.append(teachers.message)
            parts += [pupils, teachers]
        return Result(
            message=assemble(structuur.message, leerlingen, leerkrachten),
            warnings=tuple(w for part in parts for w in part.warnings),
            attempts=sum(part.attempts for part in parts),
            latency=time.perf_counter() - started,
            exchanges=tuple(x for part in parts for x in part.exchanges),
        )

    def _call(self, operation: str, verzoek: Verzoek, sleutel: str, kind: type[M]) -> Result[M]:
        """Build once, then attempt until an answer, a final error, or no attempts left."""
        masker = Masker([sleutel])
        autorisatie = Autorisatie(
            autorisatiesleutel=sleutel,
            klantcode=self.config.klantcode,
            klantnaam=self.config.klantnaam,
        )
        try:
            body = encode_request(verzoek, autorisatie, masker)
        except UwlrClientError as error:
            log.warning("UWLR %s: verzoek niet verstuurd (%s)", operation, type(error).__name__)
            raise
        stored = masker.request(body)
        url = (
            self.config.leerresultaten_url
            if operation == "BrengLeerresultaten"
            else self.config.leerlinggegevens_url
        )
        policy = self.config.retry
        exchanges: list[Exchange] = []
        started = time.perf_counter()
        attempt = 0
        while True:
            attempt += 1
            log.debug(
                "UWLR %s: poging %d van %d naar %s", operation, attempt, policy.max_attempts, url
            )
            sent = time.perf_counter()
            response: RawResponse | None = None
            try:
                response = self._transport.post(url, SOAP_ACTIONS[operation], body)
                parsed = read_answer(response, kind, masker, max_bytes=self.config.max_answer_bytes)
            except UwlrClientError as error:
                exchanges.append(
                    _exchange(operation, url, attempt, stored, response, sent, masker, error)
                )
                if not error.retryable or attempt >= policy.max_attempts:
                    error.attempts = attempt
                    error.exchanges = tuple(exchanges)
                    _log_failure(operation, error, response)
                    raise
                retry_after = parse_retry_after(
                    response.headers.get("Retry-After") if response is not None else None
                )
                delay = policy.delay(attempt, retry_after=retry_after)
                log.warning(
                    "UWLR %s: poging %d van %d mislukt (%s%s); nieuwe poging over %.2f s",
                    operation,
                    attempt,
                    policy.max_attempts,
                    type(error).__name__,
                    f", HTTP {response.status}" if response is not None else "",
                    delay,
                )
                policy.sleep(delay)
                continue
            assert response is not None
            exchanges.append(_exchange(operation, url, attempt, stored, response, sent, masker))
            log.info(
                "UWLR %s: HTTP %d, %d bytes in %.0f ms (poging %d)",
                operation,
                response.status,
                len(response.content),
                (time.perf_counter() - sent) * 1000,
                attempt,
            )
            _log_warnings(operation, parsed.warnings)
            return Result(
                message=parsed.message,
                warnings=tuple(parsed.warnings),
                attempts=attempt,
                latency=time.perf_counter() - started,
                exchanges=tuple(exchanges),
            )


def _exchange(
    operation: str,
    url: str,
    attempt: int,
    request: bytes,
    response: RawResponse | None,
    sent: float,
    masker: Masker,
    error: UwlrClientError | None = None,
) -> Exchange:
    failure = None
    if error is not None:
        failure = type(error).__name__ + (f": {masker.text(error.detail)}" if error.detail else "")
    return Exchange(
        operation=operation,
        url=url,
        attempt=attempt,
        request=request,
        response=None if response is None else masker.content(response.content),
        status=None if response is None else response.status,
        elapsed=time.perf_counter() - sent,
        failure=failure,
    )


def _log_failure(operation: str, error: UwlrClientError, response: RawResponse | None) -> None:
    log.warning(
        "UWLR %s: mislukt na %d %s (%s%s)",
        operation,
        error.attempts,
        "poging" if error.attempts == 1 else "pogingen",
        type(error).__name__,
        f", HTTP {response.status}" if response is not None else "",
    )


def _log_warnings(operation: str, warnings: Sequence[ParseWarning]) -> None:
    """Where and what kind, never the values (they may be personal data)."""
    for warning in warnings:
        log.info(
            "UWLR %s: antwoord gelezen met waarschuwing [%s] op %s%s",
            operation,
            warning.kind.value,
            warning.path,
            f" (regel {warning.line})" if warning.line is not None else "",
        )
