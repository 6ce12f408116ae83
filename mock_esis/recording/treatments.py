"""The anonymiser's allow-list: how every element and attribute of a UWLR message is treated.

Nothing passes through unlisted: an element or attribute that is not here (or sits where it is
not expected, such as a name part outside a leerling or leerkracht) stops the anonymisation
with its file and path. ``HOUDEN`` is for what the UWLR schemas define as structure or as
non-personal data (school, groups, codes, dates of changes, test results).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from uwlr.namespaces import AUT, LG, LR, OSO, SOAP_ENV

__all__ = ["ATTRIBUTES", "ELEMENTS", "PERSON_ONLY", "Treatment"]


class Treatment(StrEnum):
    """What happens to a value (the names appear in the anonymisation report)."""

    HOUDEN = "houden"
    ACHTERNAAM = "achternaam"
    VOORVOEGSEL = "voorvoegsel"
    VOORNAMEN = "voornamen"
    VOORLETTERS = "voorletters"
    ROEPNAAM = "roepnaam"
    GEBOORTEDATUM = "geboortedatum (zelfde leeftijdsjaar)"
    PERSOONSDATUM = "datum (verschoven als de geboortedatum)"
    EMAILADRES = "e-mailadres"
    GEBRUIKERSNAAM = "gebruikersnaam"
    BSN = "BSN-achtig nummer (elfproef)"
    CIJFERS = "cijfers (HMAC)"
    POSTCODE = "postcode"
    ONBEKEND = "vervangen door 'onbekend'"
    FOTOURL = "foto-URL"
    PERSOONSSLEUTEL = "LAS-sleutel (HMAC)"
    ECKID = "ECK-iD (HMAC)"
    RESULTAATSLEUTEL = "resultaatsleutel (HMAC)"
    AUTORISATIESLEUTEL = "autorisatiesleutel (gemaskeerd)"
    VRIJE_TEKST = "vrije tekst (sleutels en ECK-iD's vervangen)"
    COMMENTAAR = "commentaar (vervangen)"


T = Treatment


def _all(namespace: str, names: str, treatment: Treatment) -> dict[tuple[str, str], Treatment]:
    return {(namespace, name): treatment for name in names.split()}


#: (namespace, local name) → treatment. Unqualified SOAP 1.1 fault children have namespace "".
ELEMENTS: Final[dict[tuple[str, str], Treatment]] = {
    **_all(SOAP_ENV, "Envelope Header Body Fault", T.HOUDEN),
    **_all("", "faultcode faultactor", T.HOUDEN),
    **_all("", "faultstring detail", T.VRIJE_TEKST),
    **_all(AUT, "autorisatie klantcode klantnaam", T.HOUDEN),
    (AUT, "autorisatiesleutel"): T.AUTORISATIESLEUTEL,
    **_all(
        LG,
        "leerlinggegevens_verzoek structuur_verzoek leerlingen_verzoek leerkrachten_verzoek "
        "leerlinggegevens_antwoord structuur_antwoord leerlingen_antwoord leerkrachten_antwoord "
        "leerlinggegevens leerlinggegevens-structuur leerlinggegevens-leerlingen "
        "leerlinggegevens-leerkrachten geengegevens geenwijzigingen "
        "school schooljaar brincode dependancecode schoolkey xsdversie gegevenssetid "
        "laatstontvangengegevens peildatum aanmaakdatum auteur instellingsnummer "
        "groepen groep samengestelde_groepen samengestelde_groep vestigingen vestiging "
        "naam omschrijving jaargroep mutatiedatum leerlingen leerling leerkrachten leerkracht "
        "geslacht rol rolomschrijving",
        T.HOUDEN,
    ),
    (LG, "commentaar"): T.COMMENTAAR,
    (LG, "achternaam"): T.ACHTERNAAM,
    (LG, "voorvoegsel"): T.VOORVOEGSEL,
    (LG, "voornamen"): T.VOORNAMEN,
    (LG, "voorletters-1"): T.VOORLETTERS,
    (LG, "roepnaam"): T.ROEPNAAM,
    (LG, "geboortedatum"): T.GEBOORTEDATUM,
    **_all(LG, "start_ondw_jgr3 instroomdatum uitstroomdatum", T.PERSOONSDATUM),
    (LG, "emailadres"): T.EMAILADRES,
    (LG, "gebruikersnaam"): T.GEBRUIKERSNAAM,
    **_all(LG, "bsn sofinummer onderwijsnummer", T.BSN),
    **_all(LG, "bsn_ondwnr-4 rijksregisternummer postnummerbe", T.CIJFERS),
    **_all(LG, "postcodenl postcodeoverig", T.POSTCODE),
    **_all(LG, "etniciteit land land_vader land_moeder gewicht gewicht_nieuw", T.ONBEKEND),
    (LG, "fotourl"): T.FOTOURL,
    **_all(
        LR,
        "leerresultaten_verzoek leerresultaten_bevestiging school schooljaar brincode "
        "dependancecode schoolkey aanmaakdatum auteur xsdversie toetsafnames toetsafname "
        "resultaatverwerkerid resultaten resultaat afnamedatum toetscode versie "
        "toetsonderdeelcode score andere_score anderresultaat osoresultaat toetsen toets "
        "toetsnaam leerjaar vakgebied toetsnormering toetsonderdelen toetsonderdeel "
        "toetsonderdeelvolgnummer toetsonderdeelnaam toetsonderdeelnormering toetscategorie "
        "toetsniveau wegingsfactor toetshierarchie norm term beginnormwaarde eindnormwaarde "
        "omschrijving normkleur rood_code groen_code blauw_code ingang transparantie "
        "schoolcijfer_vanaf schoolcijfer_totenmet",
        T.HOUDEN,
    ),
    (LR, "commentaar"): T.COMMENTAAR,
    (LR, "leerlingid"): T.PERSOONSSLEUTEL,
    (LR, "eckid"): T.ECKID,
    (LR, "infourl"): T.VRIJE_TEKST,
    **_all(
        OSO,
        "toetsscore aantalopgaven aantalgoed aantalfout aantalgelezen tijd vaardigheidsscore "
        "codevaardigheidsschaal betrouwbaarheidsinterval bivlaag bivhoog referentiescore "
        "codereferentiescore codevergelijkingsgroep waarde kwalificatie",
        T.HOUDEN,
    ),
}

#: Treatments that only make sense inside a leerling or leerkracht.
PERSON_ONLY: Final = frozenset(
    {
        T.ACHTERNAAM,
        T.VOORVOEGSEL,
        T.VOORNAMEN,
        T.VOORLETTERS,
        T.ROEPNAAM,
        T.GEBOORTEDATUM,
        T.PERSOONSDATUM,
        T.EMAILADRES,
        T.GEBRUIKERSNAAM,
        T.BSN,
        T.CIJFERS,
        T.POSTCODE,
        T.ONBEKEND,
        T.FOTOURL,
    }
)

#: (element local name, attribute) → treatment; attributes of other elements are refused.
ATTRIBUTES: Final[dict[tuple[str, str], Treatment]] = {
    ("leerling", "key"): T.PERSOONSSLEUTEL,
    ("leerling", "eckid"): T.ECKID,
    ("leerkracht", "key"): T.PERSOONSSLEUTEL,
    ("leerkracht", "eckid"): T.ECKID,
    ("resultaat", "key"): T.RESULTAATSLEUTEL,
    **{
        (element, "key"): T.HOUDEN
        for element in ("groep", "samengestelde_groep", "vestiging", "toets", "toetsonderdeel")
    },
    **{
        (element, attribute): T.HOUDEN
        for element in (
            "jaargroep",
            "geslacht",
            "rol",
            "land",
            "land_vader",
            "land_moeder",
            "etniciteit",
            "score",
            "toetsniveau",
            "toetscategorie",
            "vakgebied",
            "leerjaar",
            "codevaardigheidsschaal",
            "codereferentiescore",
            "codevergelijkingsgroep",
            "kwalificatie",
        )
        for attribute in ("vocabulaire", "vocabulairelocatie", "niveau")
    },
    **{
        (element, attribute): T.HOUDEN
        for element in ("Envelope", "Header", "Body", "autorisatie")
        for attribute in ("mustUnderstand", "actor", "encodingStyle")
    },
}
