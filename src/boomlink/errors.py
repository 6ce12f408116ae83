"""Typed errors of the Boom side, each with a Dutch text for the school admin in ``.bericht``.

Two families:

* :class:`LinkError`: a handbook rule refuses the action (the CLI exits 1).
* :class:`OmgevingsFout`: the action cannot be done right now because of the environment:
  configuration, the secret key, SMTP, or a part that is not wired in yet (the CLI exits 3).

No message ever contains the autorisatiesleutel.
"""

from __future__ import annotations

__all__ = [
    "AanvraagAfgewezen",
    "BevestigingsmailNietVerstuurd",
    "BoomlinkError",
    "ConfiguratieFout",
    "EsisNietBereikbaar",
    "GebruikerBestaatAl",
    "GebruikerOnbekend",
    "GeenBeheerder",
    "GeenBeheerderBijSchool",
    "GeenGoedgekeurdeAanvraag",
    "GeenKoppeling",
    "GeheimeSleutelOntbreekt",
    "KoppelingBestaatAl",
    "KoppelingIsActief",
    "KoppelingNietActief",
    "LinkError",
    "NietIngeschakeld",
    "NummersNietLeeg",
    "OmgevingsFout",
    "OngeldigVeld",
    "SchoolBestaatAl",
    "SchoolOnbekend",
    "SleutelGeweigerd",
    "SleutelOnleesbaar",
    "SleutelbestandOnveilig",
]


class BoomlinkError(Exception):
    """Base of every expected failure; ``bericht`` is the Dutch text shown to the user."""

    def __init__(self, bericht: str) -> None:
        super().__init__(bericht)
        self.bericht = bericht


class LinkError(BoomlinkError):
    """A rule of the handbook refuses the action."""


class NietIngeschakeld(LinkError):
    """H-P-01: Boom has not enabled "UWLR-koppeling" for this school."""

    def __init__(self, school_naam: str) -> None:
        super().__init__(
            f"De UWLR-koppeling is voor {school_naam} nog niet ingeschakeld door Boom. "
            "Vraag de ‘UWLR-koppeling’ eerst aan bij Boom: mail naar testonderwijs@boom.nl "
            "o.v.v. ‘UWLR-koppeling aanvragen’ en vermeld de naam en het BRIN van de school."
        )


class BevestigingsmailNietVerstuurd(LinkError):
    """H-P-03: enabled, but the bevestigingsmail has not gone out yet."""

    def __init__(self, school_naam: str) -> None:
        super().__init__(
            f"De UWLR-koppeling is voor {school_naam} ingeschakeld, maar de bevestigingsmail "
            "is nog niet verstuurd. Je kunt de vervolgstappen pas volgen nadat de "
            "bevestigingsmail is verstuurd. Probeer het later opnieuw."
        )


class GeenBeheerder(LinkError):
    """H-P-02: only a beheerder of this school may act."""

    def __init__(self, school_naam: str, emailadres: str) -> None:
        super().__init__(
            f"Alleen een beheerder van {school_naam} kan de koppeling met het LAS instellen. "
            f"{emailadres} heeft geen beheerrechten voor deze school."
        )


class GeenBeheerderBijSchool(LinkError):
    """Boom cannot enable the link: nobody would receive the bevestigingsmail."""

    def __init__(self, school_naam: str) -> None:
        super().__init__(
            f"{school_naam} heeft nog geen beheerder in het Boom testcentrum, dus niemand kan de "
            "bevestigingsmail ontvangen. Maak eerst een beheerder aan."
        )


class SchoolOnbekend(LinkError):
    def __init__(self, brin: str) -> None:
        super().__init__(f"Er is geen school met BRIN {brin} in het Boom testcentrum.")


class SchoolBestaatAl(LinkError):
    def __init__(self, brin: str) -> None:
        super().__init__(f"Er bestaat al een school met BRIN {brin}.")


class GebruikerOnbekend(LinkError):
    def __init__(self, emailadres: str) -> None:
        super().__init__(f"Er is geen gebruiker met e-mailadres {emailadres}.")


class GebruikerBestaatAl(LinkError):
    def __init__(self, emailadres: str) -> None:
        super().__init__(f"Er bestaat al een gebruiker met e-mailadres {emailadres}.")


class OngeldigVeld(LinkError):
    """A field of a form is wrong: names the field (as the user sees it) and the reason."""

    def __init__(self, veld: str, reden: str) -> None:
        super().__init__(f"Het veld ‘{veld}’ is niet juist: {reden}")
        self.veld = veld
        self.reden = reden


class AanvraagAfgewezen(OngeldigVeld):
    """H-S1-05: the request was filed and rejected; the rejection is stored."""

    def __init__(self, veld: str, reden: str) -> None:
        super().__init__(veld, reden)
        self.bericht = f"De aanvraag is afgewezen. Het veld ‘{veld}’ is niet juist: {reden}"
        self.args = (self.bericht,)


class NummersNietLeeg(LinkError):
    """H-S1-03: extern nummers of pupils or groups are still filled."""

    def __init__(self, leerlingen: int, groepen: int) -> None:
        self.leerlingen = leerlingen
        self.groepen = groepen
        self.aantal = leerlingen + groepen
        telling = (
            "is nog 1 extern nummer"
            if self.aantal == 1
            else f"zijn nog {self.aantal} externe nummers"
        )
        super().__init__(
            f"Er {telling} gevuld "
            f"({leerlingen} van leerlingen, {groepen} van groepen). Een nieuwe koppeling kan "
            "alleen worden aangevraagd als alle externe nummers leeg zijn. Klik eerst op "
            "‘Verwijder nummers’ (boomlink nummers verwijderen); toetsgegevens worden daarmee "
            "niet verwijderd."
        )


class KoppelingBestaatAl(LinkError):
    def __init__(self, status: str) -> None:
        super().__init__(
            f"Er is al een koppeling voor deze school (status: {status}). Zet die eerst uit "
            "als je een nieuwe koppeling wilt aanvragen."
        )


class KoppelingIsActief(LinkError):
    def __init__(self) -> None:
        super().__init__(
            "De koppeling met ESIS is actief: de externe nummers zijn nodig om leerlingen en "
            "groepen te herkennen. Zet de koppeling eerst uit als je de nummers wilt verwijderen."
        )


class GeenGoedgekeurdeAanvraag(LinkError):
    def __init__(self) -> None:
        super().__init__(
            "Er is nog geen goedgekeurde aanvraag voor een koppeling. Vraag de koppeling eerst "
            "aan (stap 1: boomlink koppeling aanvragen)."
        )


class GeenKoppeling(LinkError):
    def __init__(self) -> None:
        super().__init__("Er is geen koppeling om uit te zetten.")


class KoppelingNietActief(LinkError):
    """H-X-03: no traffic without an active link."""

    def __init__(self, school_naam: str) -> None:
        super().__init__(
            f"De koppeling van {school_naam} is niet actief; er worden geen gegevens uitgewisseld."
        )


class SleutelGeweigerd(LinkError):
    """H-S3-03: ESIS refused the autorisatiesleutel. ``reden`` must not contain the key."""

    def __init__(self, reden: str) -> None:
        super().__init__(
            f"ESIS heeft de autorisatiesleutel geweigerd. {reden} Controleer of je de sleutel "
            "uit ESIS (Import-Export-Koppelingen → Koppelingen → Resultatenkoppelingen → Boom "
            "testcentrum) volledig hebt gekopieerd en of de koppeling daar is opgeslagen. "
            "De sleutel is niet opgeslagen."
        )
        self.reden = reden


class OmgevingsFout(BoomlinkError):
    """The action cannot be done now because of the environment, not because of a rule."""


class ConfiguratieFout(OmgevingsFout):
    pass


class GeheimeSleutelOntbreekt(ConfiguratieFout):
    pass


class SleutelbestandOnveilig(ConfiguratieFout):
    pass


class SleutelOnleesbaar(OmgevingsFout):
    def __init__(self) -> None:
        super().__init__(
            "De opgeslagen autorisatiesleutel kan niet worden ontsleuteld. Is BOOMLINK_SECRET_KEY "
            "(of het sleutelbestand naast de database) veranderd? Plak de autorisatiesleutel "
            "opnieuw (boomlink koppeling opslaan)."
        )


class EsisNietBereikbaar(OmgevingsFout):
    """For the verifier: ESIS could not be asked; nothing was stored."""
