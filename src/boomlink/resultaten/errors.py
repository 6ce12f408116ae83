"""The refusals of the result push, each with a Dutch ``bericht`` (the CLI exits 1 on them)."""

from __future__ import annotations

from boomlink.errors import LinkError

__all__ = [
    "AfnameOnbekend",
    "AlleenBoomSupport",
    "GeenVorigSchooljaar",
    "NietBevestigd",
    "OngeldigeNormering",
]


class AfnameOnbekend(LinkError):
    def __init__(self, afname_id: int) -> None:
        super().__init__(f"Er is geen toetsafname met nummer {afname_id}.")


class OngeldigeNormering(LinkError):
    def __init__(self, reden: str) -> None:
        super().__init__(f"De normering is ongeldig: {reden}")


class AlleenBoomSupport(LinkError):
    """H-S4-11: sending a previous school year is a Boom support action only."""

    def __init__(self, wie: str) -> None:
        super().__init__(
            f"{wie} mag geen resultaten van een vorig schooljaar naar ESIS sturen: dat kan "
            "alleen Boom support. Mail naar testonderwijs@boom.nl o.v.v. "
            "‘resultaten vorig schooljaar’ met de naam en het BRIN van de school."
        )


class GeenVorigSchooljaar(LinkError):
    def __init__(self, gevraagd: str, vorig: str) -> None:
        super().__init__(
            f"Terugzetten kan alleen voor het vorige schooljaar ({vorig}), niet voor {gevraagd}. "
            "Resultaten van het huidige schooljaar gaan vanzelf naar ESIS."
        )


class NietBevestigd(LinkError):
    def __init__(self) -> None:
        super().__init__("Niet bevestigd: er is niets in de wachtrij gezet.")
