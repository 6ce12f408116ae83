"""What a school admin reads when stap 3's check of the autorisatiesleutel at ESIS does not succeed.

Each failure the admin must tell apart gets its own class and words:

| UWLR client error | becomes | who can fix it |
| --- | --- | --- |
| ``AutorisatieGeweigerd`` | :class:`~boomlink.errors.SleutelGeweigerd` (the reason names the school) | the school: copy the key again, activate in ESIS |
| ``KlantOnbekend`` | :class:`AfnemerNietHerkend` | Boom: its klantnaam/klantcode |
| ``VerbindingsFout``, ``OngeldigAntwoord``, ``LasTijdelijkNietBeschikbaar``, ``LasInterneFout`` | :class:`~boomlink.errors.EsisNietBereikbaar` (the cause in words) | nobody now: try again later |
| ``BeveiligdeVerbindingMislukt`` | ``EsisNietBereikbaar`` saying it is a certificate problem | Boom |
| ``OngeldigAntwoord`` with an HTTP 4xx status (wrong address), anything else (message refused, request invalid) | :class:`VerificatieMislukt` | Boom |

No text ever holds the autorisatiesleutel: the client's own texts mask it, and the texts here are
built from the school's name and BRIN only.
"""

from __future__ import annotations

from boomlink.errors import (
    BoomlinkError,
    ConfiguratieFout,
    EsisNietBereikbaar,
    OmgevingsFout,
    SleutelGeweigerd,
)
from boomlink.uwlr_client import (
    AutorisatieGeweigerd,
    BeveiligdeVerbindingMislukt,
    KlantOnbekend,
    LasInterneFout,
    LasTijdelijkNietBeschikbaar,
    LasTimeout,
    OngeldigAntwoord,
    UwlrClientError,
    VerbindingsFout,
)

__all__ = [
    "BOOM_CONTACT",
    "AfnemerNietHerkend",
    "EsisNietIngesteld",
    "VerificatieMislukt",
    "vertaal_fout",
]

BOOM_CONTACT = "neem contact op met Boom (testonderwijs@boom.nl)"
_NIET_OPGESLAGEN = "De autorisatiesleutel is niet opgeslagen."


class EsisNietIngesteld(ConfiguratieFout):
    """No LAS is configured on the Boom side: the key cannot be checked, so it is not stored."""

    def __init__(self) -> None:
        super().__init__(
            "Het controleren van de autorisatiesleutel bij ESIS is nog niet aangesloten: in deze "
            "installatie van het Boom testcentrum is niet ingesteld waar ESIS te bereiken is "
            "(BOOMLINK_ESIS_LEERLINGGEGEVENS_URL, BOOMLINK_ESIS_LEERRESULTATEN_URL, "
            "BOOMLINK_KLANTNAAM, BOOMLINK_KLANTCODE, of --esis-state-file). "
            f"{_NIET_OPGESLAGEN}"
        )


class AfnemerNietHerkend(ConfiguratieFout):
    """ESIS does not know Boom's klantnaam + klantcode: Boom's configuration, not the school."""

    def __init__(self) -> None:
        super().__init__(
            "ESIS herkent het Boom testcentrum niet als afnemer van de koppeling (de klantcode "
            "of klantnaam van Boom klopt niet). Dit ligt niet aan je school en niet aan de "
            f"autorisatiesleutel; je hoeft in ESIS niets te veranderen. Wil je helpen, "
            f"{BOOM_CONTACT}. {_NIET_OPGESLAGEN}"
        )


class VerificatieMislukt(OmgevingsFout):
    """ESIS could not check the key for a reason on Boom's side (message refused, bad request)."""

    def __init__(self, oorzaak: str) -> None:
        super().__init__(
            "De autorisatiesleutel kon niet bij ESIS worden gecontroleerd. "
            f"{oorzaak} Dit ligt niet aan je school; {BOOM_CONTACT}. {_NIET_OPGESLAGEN}"
        )


def _pogingen(error: UwlrClientError) -> str:
    if error.attempts <= 1:
        return ""
    return f" (na {error.attempts} pogingen)"


def _niet_bereikbaar(oorzaak: str) -> EsisNietBereikbaar:
    return EsisNietBereikbaar(
        f"ESIS is nu niet bereikbaar: {oorzaak}. De autorisatiesleutel is dus niet "
        f"gecontroleerd en niet opgeslagen. Probeer het over een paar minuten opnieuw met "
        f"‘Wijzigingen opslaan’; lukt het dan nog niet, {BOOM_CONTACT}."
    )


def vertaal_fout(error: UwlrClientError, *, school: str) -> BoomlinkError:
    """The Boom-side error for ``error`` from the verifying call for ``school`` (name + BRIN)."""
    if isinstance(error, AutorisatieGeweigerd):
        return SleutelGeweigerd(
            f"ESIS weigert deze autorisatiesleutel voor {school}: de sleutel is niet (volledig) "
            "goed geplakt, hoort bij een andere school of vestiging, of de koppeling Boom "
            "testcentrum is in ESIS niet (meer) actief."
        )
    if isinstance(error, KlantOnbekend):
        return AfnemerNietHerkend()
    if isinstance(error, BeveiligdeVerbindingMislukt):
        return EsisNietBereikbaar(
            "De beveiligde verbinding met ESIS kon niet worden opgezet (certificaat). Dit ligt "
            f"niet aan je school of aan de autorisatiesleutel; {BOOM_CONTACT}. {_NIET_OPGESLAGEN}"
        )
    if isinstance(error, LasTimeout):
        return _niet_bereikbaar(f"ESIS antwoordde niet op tijd{_pogingen(error)}")
    if isinstance(error, VerbindingsFout):
        return _niet_bereikbaar(f"er kwam geen verbinding met ESIS tot stand{_pogingen(error)}")
    if isinstance(error, LasTijdelijkNietBeschikbaar):
        return _niet_bereikbaar(
            f"ESIS meldt dat het tijdelijk niet beschikbaar is, bijvoorbeeld door onderhoud"
            f"{_pogingen(error)}"
        )
    if isinstance(error, LasInterneFout):
        return _niet_bereikbaar(f"ESIS meldt een interne fout{_pogingen(error)}")
    if isinstance(error, OngeldigAntwoord) and error.http_status and 400 <= error.http_status < 500:
        return VerificatieMislukt(
            f"ESIS antwoordde met HTTP-status {error.http_status}: het adres of het certificaat "
            "van de koppeling klopt niet."
        )
    if isinstance(error, OngeldigAntwoord):
        return _niet_bereikbaar(f"ESIS gaf een onleesbaar antwoord{_pogingen(error)}")
    return VerificatieMislukt(error.bericht)
