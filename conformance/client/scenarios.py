"""The client-mode scenarios: how the mock ESIS behaves while the command under test runs once.

Each scenario gets a fresh mock ESIS with one seeded school whose link is active. Faults are
injected with the mock's own fault injection (first request, or every request); the hang lasts
far beyond the scenario time limit, so only a client timeout can end it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

__all__ = ["SCENARIOS", "Scenario", "scenario_names"]


@dataclass(frozen=True)
class Scenario:
    """One run of the command: the faults to inject and what the environment holds."""

    name: str
    title: str
    inject: tuple[dict[str, Any], ...] = ()
    geenwijzigingen: bool = False
    wrong_key: bool = False
    results: bool = False

    def rules(self, time_limit: float) -> list[dict[str, Any]]:
        """The fault-injection rules for a run with ``time_limit`` seconds."""
        rules = []
        for rule in self.inject:
            spec = dict(rule)
            if spec.get("kind") == "hang":
                spec["ms"] = int((time_limit + 60) * 1000)  # well beyond any client timeout
            rules.append(spec)
        return rules


_TIJDELIJK = "Server.TijdelijkNietBeschikbaar"

SCENARIOS: Final[tuple[Scenario, ...]] = (
    Scenario("normaal", "Normale school, met resultaten", results=True),
    Scenario("geenwijzigingen", "De LAS antwoordt <geenwijzigingen/>", geenwijzigingen=True),
    Scenario(
        "tijdelijk-niet-beschikbaar",
        f"Eerste verzoek: {_TIJDELIJK}",
        inject=({"operation": "*", "kind": "uwlr_fault", "faultcode": _TIJDELIJK, "count": 1},),
    ),
    Scenario(
        "http-503",
        "Eerste verzoek: HTTP 503 zonder inhoud",
        inject=({"operation": "*", "kind": "http_status", "status": 503, "count": 1},),
    ),
    Scenario(
        "verbinding-verbroken",
        "Eerste verzoek: verbinding verbroken (TCP reset)",
        inject=({"operation": "*", "kind": "reset", "count": 1},),
    ),
    Scenario(
        "hang",
        "Eerste verzoek: de LAS antwoordt niet (hangt)",
        inject=({"operation": "*", "kind": "hang", "count": 1},),
    ),
    Scenario(
        "autorisatie-ongeldig",
        "Een sleutel die de LAS weigert (Client.AutorisatieOngeldig)",
        wrong_key=True,
    ),
    Scenario(
        "onleesbaar-antwoord",
        "Elk antwoord is afgebroken XML",
        inject=({"operation": "*", "kind": "malformed", "count": None},),
    ),
    Scenario(
        "aanhoudende-storing",
        f"Elk antwoord is {_TIJDELIJK}",
        inject=({"operation": "*", "kind": "uwlr_fault", "faultcode": _TIJDELIJK, "count": None},),
    ),
)


def scenario_names() -> list[str]:
    """The names, in run order."""
    return [scenario.name for scenario in SCENARIOS]
