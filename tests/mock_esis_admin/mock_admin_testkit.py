"""Helpers for the admin-API and ESIS-screen tests: UWLR calls over HTTP, results with a niveau.

Everything goes through the running server: data with ``HaalLeerlinggegevens``, results with
``BrengLeerresultaten``, the rest through the handle's admin and ESIS clients.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import httpx

from mock_esis.testing import resultaten
from mock_esis.testing.client import MockEsisError
from mock_esis.testing.handle import MockEsisHandle, SchoolInfo
from uwlr.envelope import parse_envelope
from uwlr.models import (
    Autorisatie,
    LeerlinggegevensAntwoord,
    LeerlinggegevensVerzoek,
    Message,
    Resultaat,
    Toets,
)
from uwlr.parse import parse

__all__ = [
    "TOETS",
    "brengen",
    "fault_code",
    "haal",
    "oso_resultaat",
    "refused",
    "school_info",
]

TOETS = Toets(toetscode="BOOM-SPEL-M5", toetsnaam="Boom Spelling M5", leerjaar="5")


def school_info(handle: MockEsisHandle, code: str) -> SchoolInfo:
    return handle.school_by_code(code)


def haal(
    handle: MockEsisHandle,
    code: str,
    *,
    key: str | None = None,
    **fields: Any,
) -> LeerlinggegevensAntwoord | str:
    """``HaalLeerlinggegevens`` over HTTP: the parsed answer, or the faultcode of a fault."""
    school = school_info(handle, code)
    values: dict[str, Any] = {
        "schooljaar": school.schooljaar,
        "brincode": school.brincode,
        "dependancecode": school.dependancecode,
        **fields,
    }
    autorisatie = (
        handle.autorisatie(school)
        if key is None
        else Autorisatie(
            autorisatiesleutel=key, klantcode=handle.klantcode, klantnaam=handle.klantnaam
        )
    )
    response = handle.call("HaalLeerlinggegevens", LeerlinggegevensVerzoek(**values), autorisatie)
    answer = _answer(response)
    assert isinstance(answer, LeerlinggegevensAntwoord | str), answer
    return answer


def _answer(response: httpx.Response) -> Message | str:
    envelope = parse_envelope(response.content)
    fault = envelope.fault
    if fault is not None:
        return str(fault.faultcode)
    assert response.status_code == 200, response.text[:1000]
    assert envelope.body is not None
    return parse(envelope.body)


def fault_code(result: object) -> str:
    assert isinstance(result, str), f"expected a fault, got {type(result).__name__}"
    return result


def oso_resultaat(
    key: str,
    *,
    vaardigheidsscore: str,
    niveau: str,
    dle: str = "30",
    afnamedatum: dt.date = dt.date(2026, 11, 2),
    toetscode: str = TOETS.toetscode,
) -> Resultaat:
    """A normed result: OSO vaardigheidsscore, DLE against Landelijk with ``niveau`` as kwalificatie."""
    return resultaten.oso_resultaat(
        key,
        toetscode=toetscode,
        afnamedatum=afnamedatum,
        vaardigheidsscore=vaardigheidsscore,
        niveau=niveau,
        dle=dle,
    )


def brengen(
    handle: MockEsisHandle,
    code: str,
    afnames: dict[str, list[Resultaat]],
    *,
    key: str | None = None,
) -> Message | str:
    """``BrengLeerresultaten`` over HTTP: the parsed bevestiging, or the faultcode."""
    verzoek = resultaten.leerresultaten_verzoek(
        school_info(handle, code),
        afnames,
        [TOETS],
        aanmaakdatum=dt.datetime(2026, 11, 2, 14, 30, tzinfo=dt.UTC),
    )
    autorisatie = None
    if key is not None:
        autorisatie = Autorisatie(
            autorisatiesleutel=key, klantcode=handle.klantcode, klantnaam=handle.klantnaam
        )
    return _answer(handle.call("BrengLeerresultaten", verzoek, autorisatie))


def refused(call: Callable[..., object], *args: Any, **kwargs: Any) -> MockEsisError:
    """The :class:`MockEsisError` a client call raises (fails the test when it succeeds)."""
    try:
        call(*args, **kwargs)
    except MockEsisError as error:
        return error
    raise AssertionError("the mock accepted what it should have refused")
