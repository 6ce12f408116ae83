"""The errors of the UWLR client, each with a Dutch ``bericht`` a school admin understands.

Hierarchy::

    UwlrClientError                    .bericht .detail .attempts .exchanges .retryable
    ├── OngeldigVerzoek                the request would be invalid; nothing was sent
    ├── UwlrFaultError                 the LAS answered with a SOAP fault (.fault, .code)
    │   ├── AutorisatieGeweigerd       Client.AutorisatieOngeldig
    │   ├── KlantOnbekend              Client.OngeldigeKlantIdentificatie
    │   ├── BerichtGeweigerd           Client.OngeldigBericht / XsdVersieOngeldig /
    │   │                              VocabulaireTermOngeldig
    │   ├── LeerlingGeweigerd          Client.LeerlingOngeldig
    │   ├── ResultaatGeweigerd         Client.ScoreOngeldig / ToetsNormeringOngeldig /
    │   │                              EldResultaatOngeldig
    │   ├── LasTijdelijkNietBeschikbaar  Server.TijdelijkNietBeschikbaar   (retried)
    │   └── LasInterneFout             Server.InterneFout                  (retried)
    ├── VerbindingsFout                no usable HTTP exchange             (retried)
    │   ├── LasOnbereikbaar            connection refused, reset, broken off
    │   │   └── BeveiligdeVerbindingMislukt  TLS handshake or certificate (not retried)
    │   └── LasTimeout                 connect or read timeout
    └── OngeldigAntwoord               empty, malformed, non-SOAP, or an HTTP error without
                                       a SOAP fault (retried when it may be passing)

A fault code that is not in the standard gives a plain :class:`UwlrFaultError` (retried when it
starts with ``Server``). ``bericht`` never contains the autorisatiesleutel, nor a traceback;
``detail`` holds the technical reason for support (the key masked). After the last attempt the
client fills in ``attempts`` and ``exchanges`` (every attempt, the key masked).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from boomlink.uwlr_client.exchange import Exchange
from uwlr.faults import FaultCode, UwlrFault

__all__ = [
    "AutorisatieGeweigerd",
    "BerichtGeweigerd",
    "BeveiligdeVerbindingMislukt",
    "KlantOnbekend",
    "LasInterneFout",
    "LasOnbereikbaar",
    "LasTijdelijkNietBeschikbaar",
    "LasTimeout",
    "LeerlingGeweigerd",
    "OngeldigAntwoord",
    "OngeldigVerzoek",
    "ResultaatGeweigerd",
    "UwlrClientError",
    "UwlrFaultError",
    "VerbindingsFout",
    "fault_error",
]

_HELPDESK = "neem dan contact op met de helpdesk van Boom testcentrum"
_LATER = f"Probeer het later opnieuw; blijft dit gebeuren, {_HELPDESK}."
_NIET_UW_SCHOOL = (
    "Dit ligt niet aan uw school. Neem contact op met de helpdesk van Boom testcentrum."
)


class UwlrClientError(Exception):
    """Base class: a UWLR call that did not give a usable answer."""

    #: Whether another attempt may help (an instance can override it, see OngeldigAntwoord).
    retryable_by_default: ClassVar[bool] = False

    def __init__(self, detail: str | None = None, *, retryable: bool | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.retryable = self.retryable_by_default if retryable is None else retryable
        self.attempts = 0
        self.exchanges: tuple[Exchange, ...] = ()

    @property
    def bericht(self) -> str:
        """The Dutch message for the school admin."""
        return self._bericht()

    def _bericht(self) -> str:
        return f"De koppeling met ESIS gaf een onverwachte fout. {_LATER}"

    def _na_pogingen(self) -> str:
        """`` (na 4 pogingen)`` for an error that was retried; empty when it was not."""
        if not self.retryable or self.attempts < 1:
            return ""
        return f" (na {self.attempts} {'poging' if self.attempts == 1 else 'pogingen'})"

    def __str__(self) -> str:
        return self.bericht

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(attempts={self.attempts}, exchanges={len(self.exchanges)}, "
            f"detail={self.detail!r})"
        )


class OngeldigVerzoek(UwlrClientError):
    """The request would not be valid UWLR; it was not sent."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))

    def _bericht(self) -> str:
        shown = "; ".join(self.problems[:3])
        more = len(self.problems) - 3
        suffix = f" (en nog {more})" if more > 0 else ""
        return (
            "Het verzoek aan ESIS is niet verstuurd, want het zou ongeldig zijn: "
            f"{shown}{suffix}. Controleer de gegevens van de school (BRIN, vestiging, "
            f"schooljaar); klopt dat, {_HELPDESK}."
        )


# --------------------------------------------------------------------------------------------
# SOAP faults


class UwlrFaultError(UwlrClientError):
    """The LAS answered with a SOAP fault. ``fault`` holds it (its texts with the key masked)."""

    def __init__(self, fault: UwlrFault) -> None:
        self.fault = fault
        self.code: FaultCode | None = fault.code
        super().__init__(
            f"{fault.faultcode}: {fault.faultstring}",
            retryable=self.retryable_by_default or _is_server_fault(fault),
        )

    def _esis_meldt(self) -> str:
        text = self.fault.faultstring.strip()
        return f" ESIS meldt: “{text}”." if text else ""

    def _bericht(self) -> str:
        return (
            f"ESIS meldt een fout ({self.fault.faultcode}){self._na_pogingen()}."
            f"{self._esis_meldt()} {_LATER}"
        )


class AutorisatieGeweigerd(UwlrFaultError):
    """``Client.AutorisatieOngeldig``: the key is wrong, revoked, or not for this school."""

    def _bericht(self) -> str:
        return (
            "ESIS weigert de autorisatiesleutel. Controleer of u de sleutel uit ESIS volledig "
            "heeft geplakt, of de koppeling in ESIS actief is en of de sleutel bij deze school "
            "(BRIN en vestiging) hoort."
        )


class KlantOnbekend(UwlrFaultError):
    """``Client.OngeldigeKlantIdentificatie``: ESIS does not know our klantnaam + klantcode."""

    def _bericht(self) -> str:
        return (
            "ESIS herkent Boom testcentrum niet als afnemer (klantnaam of klantcode klopt niet). "
            "Dit ligt niet aan uw school of aan de sleutel. Neem contact op met de helpdesk van "
            "Boom testcentrum."
        )


class BerichtGeweigerd(UwlrFaultError):
    """``Client.OngeldigBericht``, ``XsdVersieOngeldig`` or ``VocabulaireTermOngeldig``."""

    def _bericht(self) -> str:
        if self.code is FaultCode.XSD_VERSIE_ONGELDIG:
            what = "ESIS ondersteunt de gevraagde versie van de UWLR-standaard (xsdversie) niet."
        else:
            what = "ESIS weigert het bericht van Boom testcentrum als ongeldig."
        return f"{what}{self._esis_meldt()} {_NIET_UW_SCHOOL}"


class LeerlingGeweigerd(UwlrFaultError):
    """``Client.LeerlingOngeldig``: a leerling in the results is unknown to the LAS."""

    def _bericht(self) -> str:
        return (
            f"ESIS kent een of meer leerlingen uit de resultaten niet.{self._esis_meldt()} Controleer of deze "
            "leerlingen in Boom testcentrum aan de juiste leerling in ESIS gekoppeld zijn "
            "(extern nummer) en of ze nog op school staan."
        )


class ResultaatGeweigerd(UwlrFaultError):
    """``Client.ScoreOngeldig``, ``ToetsNormeringOngeldig`` or ``EldResultaatOngeldig``."""

    def _bericht(self) -> str:
        return (
            f"ESIS weigert een of meer toetsresultaten.{self._esis_meldt()} "
            "Het bericht met resultaten is niet verwerkt. Neem contact op met de helpdesk van "
            "Boom testcentrum."
        )


class LasTijdelijkNietBeschikbaar(UwlrFaultError):
    """``Server.TijdelijkNietBeschikbaar``: ESIS is busy or in maintenance."""

    retryable_by_default = True

    def _bericht(self) -> str:
        return f"ESIS is tijdelijk niet beschikbaar{self._na_pogingen()}. {_LATER}"


class LasInterneFout(UwlrFaultError):
    """``Server.InterneFout``: something broke inside ESIS."""

    retryable_by_default = True

    def _bericht(self) -> str:
        return (
            f"Er ging in ESIS iets mis: een interne fout{self._na_pogingen()}. Probeer het later "
            "opnieuw; blijft dit gebeuren, neem dan contact op met de helpdesk van ESIS of van "
            "Boom testcentrum."
        )


_FAULT_CLASSES: dict[FaultCode, type[UwlrFaultError]] = {
    FaultCode.AUTORISATIE_ONGELDIG: AutorisatieGeweigerd,
    FaultCode.ONGELDIGE_KLANT_IDENTIFICATIE: KlantOnbekend,
    FaultCode.ONGELDIG_BERICHT: BerichtGeweigerd,
    FaultCode.XSD_VERSIE_ONGELDIG: BerichtGeweigerd,
    FaultCode.VOCABULAIRE_TERM_ONGELDIG: BerichtGeweigerd,
    FaultCode.LEERLING_ONGELDIG: LeerlingGeweigerd,
    FaultCode.SCORE_ONGELDIG: ResultaatGeweigerd,
    FaultCode.TOETS_NORMERING_ONGELDIG: ResultaatGeweigerd,
    FaultCode.ELD_RESULTAAT_ONGELDIG: ResultaatGeweigerd,
    FaultCode.TIJDELIJK_NIET_BESCHIKBAAR: LasTijdelijkNietBeschikbaar,
    FaultCode.INTERNE_FOUT: LasInterneFout,
}


def fault_error(fault: UwlrFault) -> UwlrFaultError:
    """The error for ``fault``: one class per standard code, :class:`UwlrFaultError` otherwise."""
    cls = _FAULT_CLASSES.get(fault.code) if fault.code is not None else None
    return (cls or UwlrFaultError)(fault)


def _is_server_fault(fault: UwlrFault) -> bool:
    """A non-standard ``Server`` / ``Server.X`` code: the LAS's side, so worth another try."""
    return fault.code is None and fault.faultcode.split(".", 1)[0] == "Server"


# --------------------------------------------------------------------------------------------
# Transport


class VerbindingsFout(UwlrClientError):
    """No usable HTTP exchange with the LAS."""

    retryable_by_default = True


class LasOnbereikbaar(VerbindingsFout):
    """The connection was refused, reset or broken off."""

    def _bericht(self) -> str:
        return (
            f"ESIS is niet bereikbaar{self._na_pogingen()}. Controleer de internetverbinding "
            f"en probeer het later opnieuw; blijft dit gebeuren, {_HELPDESK}."
        )


class BeveiligdeVerbindingMislukt(LasOnbereikbaar):
    """The TLS handshake failed: a certificate problem on either side. Not retried."""

    retryable_by_default = False

    def _bericht(self) -> str:
        return (
            "De beveiligde verbinding met ESIS kon niet worden opgezet (certificaat). "
            "Dit ligt niet aan uw school of aan de sleutel. Neem contact op met de helpdesk van "
            "Boom testcentrum."
        )


class LasTimeout(VerbindingsFout):
    """ESIS did not connect or answer within the configured time."""

    def _bericht(self) -> str:
        return f"ESIS reageerde niet op tijd{self._na_pogingen()}. {_LATER}"


class OngeldigAntwoord(UwlrClientError):
    """The answer cannot be used: empty, broken XML, not SOAP, an unexpected message, or an
    HTTP error status without a SOAP fault. ``reason`` is a short Dutch phrase."""

    def __init__(
        self,
        reason: str,
        detail: str | None = None,
        *,
        retryable: bool,
        http_status: int | None = None,
    ) -> None:
        self.reason = reason
        self.http_status = http_status
        super().__init__(detail or reason, retryable=retryable)

    def _bericht(self) -> str:
        return (
            "ESIS gaf een antwoord dat Boom testcentrum niet kan lezen: "
            f"{self.reason}{self._na_pogingen()}. {_LATER}"
        )
