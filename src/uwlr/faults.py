"""The UWLR fault codes, their Dutch fault strings, and the exception that carries one."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["FaultCode", "UwlrFault", "local_faultcode"]


class FaultCode(StrEnum):
    """Every fault code the UWLR standard defines (SOAP 1.1 dotted ``Client.*`` / ``Server.*``)."""

    ONGELDIG_BERICHT = "Client.OngeldigBericht"
    ONGELDIGE_KLANT_IDENTIFICATIE = "Client.OngeldigeKlantIdentificatie"
    AUTORISATIE_ONGELDIG = "Client.AutorisatieOngeldig"
    VOCABULAIRE_TERM_ONGELDIG = "Client.VocabulaireTermOngeldig"
    XSD_VERSIE_ONGELDIG = "Client.XsdVersieOngeldig"
    LEERLING_ONGELDIG = "Client.LeerlingOngeldig"
    TOETS_NORMERING_ONGELDIG = "Client.ToetsNormeringOngeldig"
    SCORE_ONGELDIG = "Client.ScoreOngeldig"
    ELD_RESULTAAT_ONGELDIG = "Client.EldResultaatOngeldig"
    INTERNE_FOUT = "Server.InterneFout"
    TIJDELIJK_NIET_BESCHIKBAAR = "Server.TijdelijkNietBeschikbaar"

    @property
    def is_client(self) -> bool:
        """A ``Client.*`` fault: the request is wrong and sending it again will not help."""
        return self.value.startswith("Client.")

    @property
    def default_faultstring(self) -> str:
        """The Dutch fault string used when no more specific text is given."""
        return _DEFAULT_STRINGS[self]

    @classmethod
    def from_faultcode(cls, faultcode: str) -> FaultCode | None:
        """Map a wire faultcode (any prefix, e.g. ``soap:Client.X`` or ``s:Client.X``) to the enum."""
        local = local_faultcode(faultcode)
        for code in cls:
            if code.value == local:
                return code
        return None


_DEFAULT_STRINGS: dict[FaultCode, str] = {
    FaultCode.ONGELDIG_BERICHT: "Het bericht is ongeldig",
    FaultCode.ONGELDIGE_KLANT_IDENTIFICATIE: "De klantnaam en/of klantcode is ongeldig",
    FaultCode.AUTORISATIE_ONGELDIG: (
        "Autorisatiesleutel is ongeldig of geeft geen toegang tot de gevraagde school"
    ),
    FaultCode.VOCABULAIRE_TERM_ONGELDIG: "Een term komt niet voor in de vocabulaire",
    FaultCode.XSD_VERSIE_ONGELDIG: "De xsdversie wordt niet ondersteund",
    FaultCode.LEERLING_ONGELDIG: "Leerling ongeldig",
    FaultCode.TOETS_NORMERING_ONGELDIG: "Toetsnormering ongeldig",
    FaultCode.SCORE_ONGELDIG: "Score ongeldig",
    FaultCode.ELD_RESULTAAT_ONGELDIG: "Eigen leerlijn-resultaat ongeldig",
    FaultCode.INTERNE_FOUT: "Er is een interne fout opgetreden",
    FaultCode.TIJDELIJK_NIET_BESCHIKBAAR: "Server is tijdelijk niet beschikbaar",
}


def local_faultcode(faultcode: str) -> str:
    """The faultcode without its namespace prefix: ``soap:Client.X`` → ``Client.X``."""
    text = faultcode.strip()
    if text.startswith("{"):
        text = text.split("}", 1)[1]
    return text.rsplit(":", 1)[-1]


class UwlrFault(Exception):
    """A UWLR SOAP fault, raised by servers to answer with it and by clients that received it.

    ``faultcode`` is the raw wire value when it is not one of the standard codes.
    """

    def __init__(
        self,
        code: FaultCode | str,
        faultstring: str | None = None,
        *,
        detail: str | None = None,
    ) -> None:
        known = code if isinstance(code, FaultCode) else FaultCode.from_faultcode(code)
        self.code: FaultCode | None = known
        self.faultcode: str = known.value if known else local_faultcode(str(code))
        self.faultstring: str = faultstring or (known.default_faultstring if known else "")
        self.detail = detail
        super().__init__(f"{self.faultcode}: {self.faultstring}")

    @property
    def is_client(self) -> bool:
        """True for ``Client.*`` faults (never worth retrying)."""
        return self.faultcode.startswith("Client.")
