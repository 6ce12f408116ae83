"""The Dutch refusals and failures of the import review (Stap 4)."""

from __future__ import annotations

from boomlink.errors import LinkError, OmgevingsFout

__all__ = [
    "EsisOphalenMislukt",
    "GeenImportInReview",
    "ImportGeblokkeerd",
    "ImportGelijktijdig",
    "ImportMislukt",
    "KoppelenNietMogelijk",
    "LeerkrachtZonderEmail",
    "RegelOnbekend",
    "UitnodigingOngeldig",
]


class GeenImportInReview(LinkError):
    def __init__(self, reden: str | None = None) -> None:
        super().__init__(
            (reden or "Er is geen import om te controleren.")
            + " Klik op ‘Gegevens importeren’ (boomlink gegevens importeren) om de gegevens "
            "opnieuw uit ESIS op te halen."
        )


class ImportGelijktijdig(LinkError):
    """Two commits for one school: the second one is refused."""

    def __init__(self) -> None:
        super().__init__(
            "Deze import is al verwerkt, of er werd tegelijk een andere import voor deze school "
            "verwerkt. Er is niets dubbel geïmporteerd. Klik op ‘Gegevens importeren’ om de "
            "nieuwste gegevens uit ESIS te bekijken."
        )


class LeerkrachtZonderEmail(LinkError):
    """H-S4-03: a new teacher without e-mail address cannot be imported."""

    def __init__(self, namen: list[str]) -> None:
        lijst = ", ".join(namen[:5]) + (f" en {len(namen) - 5} anderen" if len(namen) > 5 else "")
        super().__init__(
            f"{len(namen)} nieuwe leerkracht(en) zonder e-mailadres: {lijst}. Vul een "
            "e-mailadres in op het tabblad ‘Leerkrachten’ of zet ze onder ‘Niet importeren’; "
            "zonder e-mailadres kan een leerkracht geen account aanmaken. Er is niets "
            "geïmporteerd."
        )
        self.namen = namen


class RegelOnbekend(LinkError):
    def __init__(self, regel_id: int | str) -> None:
        super().__init__(f"Regel {regel_id} staat niet in de import die je nu controleert.")


class KoppelenNietMogelijk(LinkError):
    def __init__(self, reden: str) -> None:
        super().__init__(f"Koppelen is niet mogelijk: {reden}")


class UitnodigingOngeldig(LinkError):
    def __init__(self, reden: str) -> None:
        super().__init__(f"Deze uitnodigingslink werkt niet: {reden}")


class EsisOphalenMislukt(OmgevingsFout):
    """The UWLR fetch failed; ``oorzaak`` is the client's Dutch message."""

    def __init__(self, oorzaak: str) -> None:
        super().__init__(
            f"De gegevens konden niet uit ESIS worden opgehaald: {oorzaak} Er is niets "
            "geïmporteerd en niets veranderd; probeer ‘Gegevens importeren’ later opnieuw."
        )
        self.oorzaak = oorzaak


class ImportMislukt(OmgevingsFout):
    """The commit failed on the database; everything was rolled back."""

    def __init__(self, oorzaak: str) -> None:
        super().__init__(
            f"Het verwerken van de import is mislukt ({oorzaak}). Er is niets veranderd; de "
            "import staat nog klaar. Probeer ‘Gegevens importeren’ later opnieuw."
        )


class ImportGeblokkeerd(LinkError):
    """The review holds something that cannot be processed; ``redenen`` name it."""

    def __init__(self, redenen: list[str]) -> None:
        super().__init__(
            "De import kan nog niet worden verwerkt: "
            + "; ".join(redenen)
            + ". Er is niets geïmporteerd."
        )
        self.redenen = redenen
