"""The scenario context ("wereld"): what one scenario runs and what it has seen so far.

One :class:`Wereld` per scenario (fixture ``wereld``) holds the two sides every step may use,
the scenario's fake ESIS (:attr:`Wereld.esis`) and Boom testcentrum (:attr:`Wereld.boom`), their
drivers (:attr:`Wereld.esis_driver`, :attr:`Wereld.boom_driver`, of the run's ``--driver``), and
typed parts per handbook subject, each made on first use by its fixture:

- :attr:`Wereld.soap`: UWLR calls to the fake ESIS (keys, last answer);
- :attr:`Wereld.scherm`: the ESIS screens (keys shown, refusals, the chosen group);
- :attr:`Wereld.koppelen`: Voorbereiding, Stap 1, Stap 3 and switching off on the Boom side;
- :attr:`Wereld.importeren`: Stap 4's import review;
- :attr:`Wereld.resultaten`: Stap 4's results on their way to ESIS.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

import pytest
from drivers import BoomDriver, BoomOmgeving, EsisDriver, boom_driver, esis_driver

from mock_esis.testing.handle import MockEsisHandle

if TYPE_CHECKING:
    from wereld.importeren import ImportDeel
    from wereld.koppelen import KoppelDeel
    from wereld.resultaten import ResultatenDeel
    from wereld.scherm import SchermDeel
    from wereld.soap import SoapDeel

__all__ = ["Wereld"]


@dataclass
class Wereld:
    """One scenario's world (see the module docstring)."""

    request: pytest.FixtureRequest
    soort: str
    _esis: MockEsisHandle | None = None
    _boom: BoomOmgeving | None = None
    _drivers: dict[str, Any] = field(default_factory=dict)

    # --- the two sides ------------------------------------------------------------------------
    @property
    def esis(self) -> MockEsisHandle:
        assert self._esis is not None, "deze scenario-wereld heeft (nog) geen nep-ESIS"
        return self._esis

    @esis.setter
    def esis(self, handle: MockEsisHandle) -> None:
        self._esis = handle
        self._drivers.pop("esis", None)

    @property
    def boom(self) -> BoomOmgeving:
        assert self._boom is not None, "deze scenario-wereld heeft (nog) geen Boom testcentrum"
        return self._boom

    @boom.setter
    def boom(self, omgeving: BoomOmgeving) -> None:
        self._boom = omgeving
        self._drivers.pop("boom", None)

    @property
    def esis_driver(self) -> EsisDriver:
        if "esis" not in self._drivers:
            self._drivers["esis"] = esis_driver(self.soort, self.esis, self.request)
        return cast(EsisDriver, self._drivers["esis"])

    @property
    def boom_driver(self) -> BoomDriver:
        if "boom" not in self._drivers:
            self._drivers["boom"] = boom_driver(self.soort, self.boom, self.request)
        return cast(BoomDriver, self._drivers["boom"])

    # --- the parts, each made by its fixture on first use ---------------------------------------
    @property
    def soap(self) -> SoapDeel:
        return cast("SoapDeel", self.request.getfixturevalue("soap_deel"))

    @property
    def scherm(self) -> SchermDeel:
        return cast("SchermDeel", self.request.getfixturevalue("scherm_deel"))

    @property
    def koppelen(self) -> KoppelDeel:
        return cast("KoppelDeel", self.request.getfixturevalue("koppel_deel"))

    @property
    def importeren(self) -> ImportDeel:
        return cast("ImportDeel", self.request.getfixturevalue("import_deel"))

    @property
    def resultaten(self) -> ResultatenDeel:
        return cast("ResultatenDeel", self.request.getfixturevalue("resultaten_deel"))
