"""The XML namespaces, SOAP actions and version numbers of UWLR 2.x, in one place."""

from __future__ import annotations

from typing import Final

__all__ = [
    "AUT",
    "LG",
    "LR",
    "OSO",
    "SOAP_ENV",
    "XSI",
    "SOAP_ACTIONS",
    "SUPPORTED_XSDVERSIES",
    "DEFAULT_XSDVERSIE",
    "NSMAP",
    "qname",
]

SOAP_ENV: Final = "http://schemas.xmlsoap.org/soap/envelope/"
XSI: Final = "http://www.w3.org/2001/XMLSchema-instance"
AUT: Final = "http://www.edustandaard.nl/leerresultaten/2/autorisatie"
LG: Final = "http://www.edustandaard.nl/leerresultaten/2/leerlinggegevens"
LR: Final = "http://www.edustandaard.nl/leerresultaten/2/leerresultaten"
OSO: Final = "http://www.edustandaard.nl/oso_gegevensset/1.2/dossier"

#: Conventional prefixes used when we build messages (parsing accepts any prefix).
NSMAP: Final[dict[str, str]] = {
    "soap": SOAP_ENV,
    "aut": AUT,
    "lg": LG,
    "lr": LR,
    "oso": OSO,
}

#: The xsdversie values we accept; 2.1 answers leave out eckids.
SUPPORTED_XSDVERSIES: Final = ("2.1", "2.2", "2.3")
DEFAULT_XSDVERSIE: Final = "2.3"

#: SOAPAction per operation, as the official WSDLs declare them.
SOAP_ACTIONS: Final[dict[str, str]] = {
    "HaalLeerlinggegevens": "HaalLeerlinggegevens",
    "HaalStructuur": f"{LG}/structuur_verzoek",
    "HaalLeerlingen": f"{LG}/leerlingen_verzoek",
    "HaalLeerkrachten": f"{LG}/leerkrachten_verzoek",
    "BrengLeerresultaten": "BrengLeerresultaten",
}


def qname(ns: str, local: str) -> str:
    """Clark notation ``{ns}local`` as lxml uses it."""
    return f"{{{ns}}}{local}"
