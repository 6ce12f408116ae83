"""The drivers of the steps: one per side of the link and per way of driving it.

A run picks the way with ``pytest --driver=service|browser`` (default ``service``). A side
without a driver of that kind makes the scenario skip with :func:`geen_driver_reden`'s reason,
which the handbook gate counts as "not yet covered with that driver", not as a failure. Adding
the browser driver of a side is one class and one line here::

    BOOM["browser"] = lambda omgeving, request: BoomBrowserDriver(omgeving, request)
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from drivers.base import BoomDriver, BoomOmgeving, EsisDriver, Geweigerd
from drivers.boom_browser import BoomBrowserDriver
from drivers.boom_service import BoomServiceDriver
from drivers.esis_browser import EsisBrowserDriver
from drivers.esis_service import EsisServiceDriver
from mock_esis.testing.handle import MockEsisHandle

__all__ = [
    "BOOM",
    "ESIS",
    "SOORTEN",
    "TERUGVAL",
    "BoomDriver",
    "BoomOmgeving",
    "EsisDriver",
    "Geweigerd",
    "boom_driver",
    "esis_driver",
    "geen_driver_reden",
]

#: The ways a run can drive the product.
SOORTEN = ("service", "browser")

BoomFabriek = Callable[[BoomOmgeving, pytest.FixtureRequest], BoomDriver]
EsisFabriek = Callable[[MockEsisHandle, pytest.FixtureRequest], EsisDriver]

#: Boom testcentrum drivers by kind.
BOOM: dict[str, BoomFabriek] = {
    "service": lambda omgeving, _request: BoomServiceDriver(omgeving),
    "browser": lambda omgeving, request: BoomBrowserDriver(omgeving, request),
}
#: The kind a side falls back to when it has no driver of the run's kind yet, within a
#: scenario the run does drive that way (both sides have a browser driver now; a new kind
#: can lean on this while one side lacks it).
TERUGVAL = {"browser": "service"}
#: ESIS drivers by kind.
ESIS: dict[str, EsisFabriek] = {
    "service": lambda esis, _request: EsisServiceDriver(esis),
    "browser": lambda esis, request: EsisBrowserDriver(esis, request),
}


def geen_driver_reden(soort: str, kant: str) -> str:
    """The skip reason of a scenario whose side has no driver of ``soort`` yet."""
    return f"nog geen {soort}-driver voor {kant}"


def boom_driver(soort: str, omgeving: BoomOmgeving, request: pytest.FixtureRequest) -> BoomDriver:
    """The Boom driver of ``soort``; skips the scenario when that kind does not exist yet."""
    if soort not in BOOM:
        pytest.skip(geen_driver_reden(soort, "de Boom-kant"))
    return BOOM[soort](omgeving, request)


def esis_driver(soort: str, esis: MockEsisHandle, request: pytest.FixtureRequest) -> EsisDriver:
    """The ESIS driver of ``soort``, else of its fallback kind (:data:`TERUGVAL`)."""
    if soort not in ESIS and TERUGVAL.get(soort) in ESIS:
        soort = TERUGVAL[soort]
    if soort not in ESIS:
        pytest.skip(geen_driver_reden(soort, "de ESIS-kant"))
    return ESIS[soort](esis, request)
