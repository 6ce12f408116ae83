"""The check catalogue: every conformance check as data (id, title, rule, source, level, mode).

IDs are stable: ``LAS-<AREA>-NNN`` for checks on a LAS (the server), ``CLI-<AREA>-NNN`` for checks
on an afnemer (the client). A MUST that fails is a FAIL and makes the run fail; a SHOULD that fails
is a WARN. The implementations live in :mod:`conformance.las` and :mod:`conformance.client` and
are matched to these entries by id (a test keeps both sides in step).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

__all__ = ["CATALOGUE", "Check", "Level", "Mode", "by_id", "checks_for"]


class Level(StrEnum):
    """How binding a rule is (RFC 2119 words, as the OpenID and WS-I suites use them)."""

    MUST = "MUST"
    SHOULD = "SHOULD"


class Mode(StrEnum):
    """Which side is under test."""

    LAS = "las"
    CLIENT = "client"
    #: A proxy run judges both sides; each result still belongs to a LAS or a CLI check.
    PROXY = "proxy"


@dataclass(frozen=True, slots=True)
class Check:
    """One conformance check: what it enforces and where the rule comes from."""

    id: str
    title: str
    rule: str
    source: str
    level: Level
    mode: Mode

    @property
    def area(self) -> str:
        """The middle part of the id: ``AUTH`` for ``LAS-AUTH-003``."""
        return self.id.split("-")[1]


_M, _S = Level.MUST, Level.SHOULD

# Sources, abbreviated once.
_WSDL_LG = "UWLR 2.2 WSDL UWLR_Leerlinggegevens_v2p2 (20161214); spec digest §1.1"
_WSDL_LR = "UWLR 2.2 WSDL UWLR_Leerresultaten_v2p2 (20170301); spec digest §1.2"
_HEADER = (
    "UWLR 2.2.1 Autorisatiestructuur (viewer 24e89c6d); UWLR_Autorisatie_v2p2.xsd; digest §2.1"
)
_FAULTS = (
    "UWLR 2.2.1 Structuur voor foutafhandeling SOAP-verkeer (viewer 3dff7f8d); digest §2.3, §6"
)
_AUTH_ORDER = "Topicus UWLR server AbstractAutorisatieHeaderValidator; digest §2.3"
_REQUEST = "UWLR_Leerlinggegevens_v2p2.xsd gVerzoekBasis; digest §3"
_EDEX_LL = "EDEXML 2.1 LeerlingType / LeerkrachtType; digest §4.4"
_EDEX_CODES = "EDEXML 2.1 EDEXGeslachtType, EDEXJaargroepType, EDEXLeerkrachtRolType; digest §4.5"
_IDENTITY = "UWLR_Leerlinggegevens_v2p2.xsd key/keyref (not enforced by validators); digest §4.8"
_DELTA = "UWLR_Leerlinggegevens_v2p2.xsd laatstontvangengegevens, mutatiedatum; digest §4.6"
_GETRAPT = (
    "UWLR 2.2 getrapte overdracht (HaalStructuur/HaalLeerlingen/HaalLeerkrachten); digest §1.1, §3"
)
_RESULTS = "UWLR_Leerresultaten_v2p2.xsd (20170515); digest §5"
_SOAP11 = "SOAP 1.1 §6 (HTTP binding: text/xml, 500 for faults); digest §1, §6"
_HANDBOOK_X02 = "handbook H-X-02 (unreachable, slow or garbage: clear error, retried pushes)"

CATALOGUE: Final[tuple[Check, ...]] = (
    # -- LAS: WSDL --------------------------------------------------------------------------------
    Check(
        "LAS-WSDL-001",
        "WSDL van leerlinggegevens bereikbaar",
        "GET <leerlinggegevens-url>?wsdl geeft HTTP 200 met een WSDL 1.1-document.",
        _WSDL_LG,
        _M,
        Mode.LAS,
    ),
    Check(
        "LAS-WSDL-002",
        "WSDL beschrijft HaalLeerlinggegevens met de autorisatieheader",
        "De WSDL heeft operatie HaalLeerlinggegevens (invoer leerlinggegevens_verzoek) en de "
        "invoer van elke operatie draagt de SOAP-header aut:autorisatie.",
        _WSDL_LG,
        _M,
        Mode.LAS,
    ),
    Check(
        "LAS-WSDL-003",
        "WSDL beschrijft de getrapte operaties en de officiële soapActions",
        "HaalStructuur, HaalLeerlingen en HaalLeerkrachten staan erin, en elke operatie heeft"
        " de officiële soapAction.",
        _WSDL_LG,
        _S,
        Mode.LAS,
    ),
    Check(
        "LAS-WSDL-004",
        "WSDL van leerresultaten beschrijft BrengLeerresultaten",
        "GET <leerresultaten-url>?wsdl geeft een WSDL met operatie BrengLeerresultaten "
        "(invoer leerresultaten_verzoek, header aut:autorisatie).",
        _WSDL_LR,
        _M,
        Mode.LAS,
    ),
    Check(
        "LAS-WSDL-005",
        "De XSD's van de WSDL's zijn op te halen en te compileren",
        "Elke schemaLocation die de WSDL's (en hun XSD's) importeren is over HTTP op te "
        "halen, en de schema's compileren.",
        _WSDL_LG,
        _M,
        Mode.LAS,
    ),
    # -- LAS: envelope and transport ----------------------------------------------------------------
    Check(
        "LAS-ENV-001",
        "Elk antwoord is een SOAP 1.1-envelop",
        "Elk antwoord is goedgevormde XML met een SOAP 1.1-Envelope en één element in de Body.",
        _SOAP11,
        _M,
        Mode.LAS,
    ),
    Check(
        "LAS-ENV-002",
        "Elk antwoord is geldig volgens het contract",
        "Elke antwoordenvelop is geldig volgens het UWLR-contract (envelop, antwoorden, fouten).",
        "UWLR 2.2 XSDs (boomlink contract); digest §4",
        _M,
        Mode.LAS,
    ),
    Check(
        "LAS-ENV-003",
        "Elk antwoord is geldig volgens de officiële UWLR-schema's",
        "Elk antwoord is geldig volgens de officiële UWLR 2.2-schema's (--officieel MAP); "
        "niet uitgevoerd als die niet opgegeven zijn (--streng: gezakt).",
        "UWLR 2.2.1 technical files (versie 20170515)",
        _M,
        Mode.LAS,
    ),
    Check(
        "LAS-ENV-004",
        "Content-Type text/xml",
        "Elk SOAP-antwoord heeft Content-Type text/xml (SOAP 1.1), niet application/soap+xml "
        "of iets anders.",
        _SOAP11,
        _M,
        Mode.LAS,
    ),
    Check(
        "LAS-ENV-005",
        "Een fout komt met HTTP 500",
        "Een antwoord met een SOAP Fault heeft HTTP-status 500.",
        _SOAP11,
        _M,
        Mode.LAS,
    ),
    Check(
        "LAS-ENV-006",
        "Een gewoon antwoord komt met HTTP 200",
        "Een antwoord zonder SOAP Fault heeft HTTP-status 200.",
        _SOAP11,
        _M,
        Mode.LAS,
    ),
    Check(
        "LAS-ENV-007",
        "Foutcodes in de SOAP-envelopnamespace",
        "Elke faultcode is een QName in de SOAP 1.1-envelopnamespace met een UWLR-code, "
        "bijvoorbeeld soap:Client.AutorisatieOngeldig.",
        _FAULTS,
        _S,
        Mode.LAS,
    ),
    Check(
        "LAS-ENV-008",
        "SOAPAction met en zonder aanhalingstekens",
        "De LAS beantwoordt hetzelfde verzoek met de SOAPAction-header tussen "
        "aanhalingstekens en zonder.",
        "digest §1.1, anchors A.3 (SOAPAction dialects)",
        _S,
        Mode.LAS,
    ),
    # -- LAS: authorisation -------------------------------------------------------------------------
    *(
        Check(
            f"LAS-AUTH-{number:03d}",
            title,
            f"{situation} geeft faultcode Client.AutorisatieOngeldig.",
            _AUTH_ORDER if "header" in situation else _FAULTS,
            _M,
            Mode.LAS,
        )
        for number, title, situation in (
            (1, "Geen autorisatieheader", "Een verzoek zonder autorisatieheader"),
            (2, "autorisatiesleutel ontbreekt", "Een header zonder element autorisatiesleutel"),
            (3, "autorisatiesleutel leeg", "Een header met een leeg element autorisatiesleutel"),
            (4, "klantcode ontbreekt", "Een header zonder element klantcode"),
            (5, "klantcode leeg", "Een header met een leeg element klantcode"),
            (6, "klantnaam ontbreekt", "Een header zonder element klantnaam"),
            (7, "klantnaam leeg", "Een header met een leeg element klantnaam"),
            (
                8,
                "Verkeerde autorisatiesleutel",
                "Een goedgevormde maar onbekende autorisatiesleutel",
            ),
        )
    ),
    Check(
        "LAS-AUTH-009",
        "Verkeerde klantcode",
        "Een verkeerde klantcode (klantnaam goed) geeft faultcode "
        "Client.OngeldigeKlantIdentificatie.",
        _FAULTS,
        _M,
        Mode.LAS,
    ),
    Check(
        "LAS-AUTH-010",
        "Verkeerde klantnaam",
        "Een verkeerde klantnaam (klantcode goed) geeft faultcode "
        "Client.OngeldigeKlantIdentificatie.",
        _FAULTS,
        _M,
        Mode.LAS,
    ),
    Check(
        "LAS-AUTH-011",
        "BRIN buiten de sleutel",
        "Een goedgevormde BRIN waar de sleutel niet voor geldt geeft faultcode "
        "Client.AutorisatieOngeldig.",
        f"{_FAULTS}; Topicus LAS test suite 'Foute BRIN code'; handbook H-S2-06",
        _M,
        Mode.LAS,
    ),
    Check(
        "LAS-AUTH-012",
        "dependancecode buiten de sleutel",
        "De goede BRIN met een dependancecode waar de sleutel niet voor geldt geeft faultcode"
        " Client.AutorisatieOngeldig (overgeslagen als de school met een schoolkey wordt "
        "aangesproken).",
        f"{_FAULTS}; Topicus LAS test suite 'Foute dependance code'; handbook H-S2-06",
        _M,
        Mode.LAS,
    ),
    Check(
        "LAS-AUTH-013",
        "schoolkey buiten de sleutel",
        "Een schoolkey waar de sleutel niet voor geldt geeft faultcode Client.AutorisatieOngeldig.",
        f"{_FAULTS}; Topicus LAS test suite 'Foute schoolkey'",
        _M,
        Mode.LAS,
    ),
    Check(
        "LAS-AUTH-014",
        "Een foutmelding herhaalt de sleutel niet",
        "Geen antwoord (fouttekst, detail of gegevens) bevat een verstuurde "
        "autorisatiesleutel, goed of fout.",
        "handbook H-S3-03 (the key is secret, never shown); digest §6",
        _M,
        Mode.LAS,
    ),
    # -- LAS: bad requests --------------------------------------------------------------------------
    Check(
        "LAS-BAD-001",
        "Kapotte XML",
        "Een verzoek dat geen goedgevormde XML is geeft faultcode Client.OngeldigBericht.",
        _FAULTS,
        _M,
        Mode.LAS,
    ),
    Check(
        "LAS-BAD-002",
        "Verkeerd schooljaarformaat",
        "Een schooljaar dat niet de vorm JJJJ-JJJJ heeft (bijvoorbeeld 2026/2027) geeft "
        "Client.OngeldigBericht.",
        f"{_REQUEST}; {_FAULTS}",
        _M,
        Mode.LAS,
    ),
    Check(
        "LAS-BAD-003",
        "BRIN in kleine letters",
        "Een brincode in kleine letters (patroon \\p{Nd}{2}\\p{Lu}{2}) geeft "
        "Client.OngeldigBericht.",
        f"{_REQUEST}; {_FAULTS}",
        _M,
        Mode.LAS,
    ),
    Check(
        "LAS-BAD-004",
        "Onbekende xsdversie",
        "Een xsdversie die de LAS niet ondersteunt (9.9) geeft Client.XsdVersieOngeldig.",
        f"{_REQUEST}; {_FAULTS}",
        _M,
        Mode.LAS,
    ),
    Check(
        "LAS-BAD-005",
        "brincode en schoolkey samen",
        "Een verzoek met brincode én schoolkey (een xs:choice) geeft Client.OngeldigBericht.",
        _REQUEST,
        _S,
        Mode.LAS,
    ),
    Check(
        "LAS-BAD-006",
        "Onbekend bericht in de Body",
        "Een element in de Body dat geen UWLR-verzoek is geeft Client.OngeldigBericht.",
        _FAULTS,
        _S,
        Mode.LAS,
    ),
    # -- LAS: content ---------------------------------------------------------------------------------
    Check(
        "LAS-CONT-001",
        "HaalLeerlinggegevens geeft gegevens van de gevraagde school",
        "Zonder laatstontvangengegevens stuurt de LAS gegevens (leerlinggegevens), van de "
        "gevraagde school en het gevraagde schooljaar.",
        f"{_REQUEST} ('Indien afwezig moet het LAS altijd de leerlinggegevens sturen')",
        _M,
        Mode.LAS,
    ),
    Check(
        "LAS-CONT-002",
        "De groep van elke leerling bestaat",
        "Elke leerling/groep@key noemt een groep in hetzelfde antwoord.",
        _IDENTITY,
        _M,
        Mode.LAS,
    ),
    Check(
        "LAS-CONT-003",
        "De samengestelde groepen van elke leerling bestaan",
        "Elke leerling/samengestelde_groepen/samengestelde_groep@key noemt een "
        "samengestelde_groep in hetzelfde antwoord.",
        _IDENTITY,
        _M,
        Mode.LAS,
    ),
    Check(
        "LAS-CONT-004",
        "De groepen van elke leerkracht bestaan",
        "Elke leerkracht/groepen/(samengestelde_)groep@key noemt een groep in hetzelfde antwoord.",
        _IDENTITY,
        _M,
        Mode.LAS,
    ),
    Check(
        "LAS-CONT-005",
        "Sleutels zijn uniek",
        "Groepkeys, leerlingkeys en leerkrachtkeys zijn uniek binnen een antwoord.",
        _IDENTITY,
        _M,
        Mode.LAS,
    ),
    Check(
        "LAS-CONT-006",
        "ECK-iD's zijn uniek",
        "Elke eckid staat bij hoogstens één leerling en hoogstens één leerkracht.",
        _IDENTITY,
        _M,
        Mode.LAS,
    ),
    Check(
        "LAS-CONT-007",
        "Codelijsten: geslacht, jaargroep, rol",
        "geslacht is 0, 1, 2 of 9; jaargroep is een waarde van EDEXJaargroepType; rol is een "
        "waarde van EDEXLeerkrachtRolType.",
        _EDEX_CODES,
        _M,
        Mode.LAS,
    ),
    Check(
        "LAS-CONT-008",
        "Lengtes van namen",
        "achternaam ≤ 200, voorvoegsel ≤ 10, voornamen ≤ 200, voorletters-1 ≤ 6, roepnaam ≤ "
        "64, naam van een groep ≤ 64 tekens, en geen enkele leeg.",
        _EDEX_LL,
        _M,
        Mode.LAS,
    ),
    Check(
        "LAS-CONT-009",
        "Geboortedatum past bij de jaargroep",
        "Een leerling van jaargroep 1-8 is op 1 oktober van het schooljaar tussen jaargroep+2"
        " en jaargroep+6 jaar oud, en geen geboortedatum ligt in de toekomst.",
        f"{_EDEX_LL} (plausibility, our rule)",
        _S,
        Mode.LAS,
    ),
    Check(
        "LAS-CONT-010",
        "Alleen leerlingen en leerkrachten van de gevonden groepen",
        "Elke leerling en leerkracht in het antwoord hoort bij minstens één groep van het "
        "antwoord.",
        "handbook H-P-07 ('van de gevonden lesgroepen')",
        _M,
        Mode.LAS,
    ),
    # -- LAS: getrapt ---------------------------------------------------------------------------------
    Check(
        "LAS-GETR-001",
        "Getrapte overdracht wordt aangeboden",
        "HaalStructuur antwoordt met de structuur van de school (de getrapte operaties bestaan).",
        _GETRAPT,
        _S,
        Mode.LAS,
    ),
    Check(
        "LAS-GETR-002",
        "HaalStructuur klopt met HaalLeerlinggegevens",
        "De groepen van structuur_antwoord zijn gelijk aan die van het alles-in-één-antwoord.",
        _GETRAPT,
        _M,
        Mode.LAS,
    ),
    Check(
        "LAS-GETR-003",
        "HaalLeerlingen klopt met HaalLeerlinggegevens",
        "HaalLeerlingen voor alle groepen van de structuur geeft precies de leerlingen (met "
        "dezelfde velden) van het alles-in-één-antwoord.",
        _GETRAPT,
        _M,
        Mode.LAS,
    ),
    Check(
        "LAS-GETR-004",
        "HaalLeerkrachten klopt met HaalLeerlinggegevens",
        "HaalLeerkrachten voor alle groepen van de structuur geeft precies de leerkrachten "
        "(met dezelfde velden) van het alles-in-één-antwoord.",
        _GETRAPT,
        _M,
        Mode.LAS,
    ),
    # -- LAS: delta -----------------------------------------------------------------------------------
    Check(
        "LAS-DELTA-001",
        "laatstontvangengegevens in de toekomst geeft geenwijzigingen",
        "Een verzoek met laatstontvangengegevens een dag vooruit krijgt <geenwijzigingen/>: "
        "een gewoon antwoord, geen fout.",
        _DELTA,
        _M,
        Mode.LAS,
    ),
    Check(
        "LAS-DELTA-002",
        "mutatiedatum ligt niet in de toekomst",
        "Geen mutatiedatum in het antwoord ligt na het moment van antwoorden (5 minuten "
        "klokverschil toegestaan).",
        _DELTA,
        _M,
        Mode.LAS,
    ),
    Check(
        "LAS-DELTA-003",
        "laatstontvangengegevens ver in het verleden geeft gegevens",
        "Een verzoek met laatstontvangengegevens in 2000 krijgt gegevens.",
        _DELTA,
        _S,
        Mode.LAS,
    ),
    # -- LAS: writes (only with --allow-writes) --------------------------------------------------------
    Check(
        "LAS-WRITE-001",
        "BrengLeerresultaten voor een echte leerling wordt aanvaard",
        "Een geldig leerresultaten_verzoek voor een leerling van de school krijgt "
        "leerresultaten_bevestiging (HTTP 200). Alleen met --allow-writes.",
        _RESULTS,
        _M,
        Mode.LAS,
    ),
    Check(
        "LAS-WRITE-002",
        "Onbekende leerling wordt geweigerd",
        "Een resultaat voor een onbekende leerlingid geeft faultcode Client.LeerlingOngeldig.",
        f"{_RESULTS}; Topicus FaultType LeerlingOngeldig",
        _M,
        Mode.LAS,
    ),
    Check(
        "LAS-WRITE-003",
        "Opnieuw sturen verdubbelt niet",
        "Dezelfde resultaatsleutel opnieuw sturen wordt aanvaard en vervangt de eerste (in de"
        " toestand van de LAS gecontroleerd als die een nep-ESIS met admin-API is).",
        f"{_RESULTS} (kResultaat); {_HANDBOOK_X02}",
        _M,
        Mode.LAS,
    ),
    Check(
        "LAS-WRITE-004",
        "Dubbele resultaatsleutel in één bericht wordt geweigerd",
        "Een bericht met twee keer dezelfde resultaat@key breekt key kResultaat en geeft "
        "Client.OngeldigBericht.",
        f"{_RESULTS} (xs:key kResultaat)",
        _M,
        Mode.LAS,
    ),
    Check(
        "LAS-WRITE-005",
        "BrengLeerresultaten met een verkeerde sleutel wordt geweigerd",
        "BrengLeerresultaten met een onbekende autorisatiesleutel geeft "
        "Client.AutorisatieOngeldig (voor een onbekende leerling, zodat er niets kan worden "
        "opgeslagen; draait ook zonder --allow-writes).",
        _FAULTS,
        _M,
        Mode.LAS,
    ),
    # -- LAS: latency ---------------------------------------------------------------------------------
    Check(
        "LAS-LAT-001",
        "Antwoordtijden per operatie",
        "De antwoordtijd per operatie wordt vastgelegd (p50 / max); elk antwoord kwam binnen 10 s.",
        "our rule (Microcks/schemathesis max_response_time)",
        _S,
        Mode.LAS,
    ),
    # -- Client: the normal run -----------------------------------------------------------------------
    Check(
        "CLI-RUN-001",
        "Normale school: de opdracht slaagt",
        "Tegen een gezonde LAS met een nepschool eindigt de opdracht met exitcode 0.",
        "issue 8 client contract",
        _M,
        Mode.CLIENT,
    ),
    Check(
        "CLI-RUN-002",
        "Normale school: leerlinggegevens opgehaald",
        "De opdracht haalde de gegevens van de school op: HaalLeerlinggegevens, of "
        "HaalStructuur met HaalLeerlingen, beantwoord met gegevens.",
        "issue 8 client contract; handbook H-S3-04",
        _M,
        Mode.CLIENT,
    ),
    Check(
        "CLI-RUN-003",
        "Normale school: alle resultaten komen precies één keer aan",
        "Elk resultaat uit UWLR_RESULTATEN_FILE kwam met BrengLeerresultaten bij de LAS aan, "
        "één keer opgeslagen onder zijn resultaat_key.",
        f"{_RESULTS}; handbook H-S4-09, H-X-02",
        _M,
        Mode.CLIENT,
    ),
    # -- Client: every request -------------------------------------------------------------------------
    Check(
        "CLI-REQ-001",
        "Autorisatieheader compleet",
        "Elk verzoek draagt aut:autorisatie met autorisatiesleutel, klantcode en klantnaam, "
        "elk niet leeg.",
        _HEADER,
        _M,
        Mode.CLIENT,
    ),
    Check(
        "CLI-REQ-002",
        "Verzoeken geldig volgens het contract",
        "Elke verzoekenvelop is geldig volgens het UWLR-contract.",
        "UWLR 2.2 XSDs (boomlink contract); digest §3, §5",
        _M,
        Mode.CLIENT,
    ),
    Check(
        "CLI-REQ-003",
        "Verzoeken geldig volgens de officiële UWLR-schema's",
        "Elk verzoek is geldig volgens de officiële UWLR 2.2-schema's (--officieel MAP); niet "
        "uitgevoerd als die niet opgegeven zijn (--streng: gezakt).",
        "UWLR 2.2.1 technical files (versie 20170515)",
        _M,
        Mode.CLIENT,
    ),
    Check(
        "CLI-REQ-004",
        "SOAPAction past bij de operatie",
        "Elk verzoek heeft een SOAPAction-header gelijk aan (aanhalingstekens daargelaten) de"
        " soapAction uit de WSDL van de operatie in de Body.",
        _WSDL_LG,
        _M,
        Mode.CLIENT,
    ),
    Check(
        "CLI-REQ-005",
        "Ondersteunde xsdversie",
        "Elk verzoek noemt een xsdversie die de LAS ondersteunt (2.1, 2.2 of 2.3).",
        _REQUEST,
        _M,
        Mode.CLIENT,
    ),
    Check(
        "CLI-REQ-006",
        "Geen dubbele resultaatsleutels",
        "Geen BrengLeerresultaten-bericht bevat dezelfde resultaat@key twee keer.",
        f"{_RESULTS} (xs:key kResultaat)",
        _M,
        Mode.CLIENT,
    ),
    Check(
        "CLI-REQ-007",
        "Content-Type text/xml",
        "Elk verzoek wordt verstuurd met Content-Type text/xml (SOAP 1.1).",
        _SOAP11,
        _M,
        Mode.CLIENT,
    ),
    Check(
        "CLI-REQ-008",
        "Gegevens uit de omgeving gebruikt",
        "Elk verzoek draagt de sleutel, klantcode en klantnaam uit de omgeving en vraagt naar"
        " de school en het schooljaar uit de omgeving.",
        "issue 8 client contract (UWLR_* variables)",
        _M,
        Mode.CLIENT,
    ),
    Check(
        "CLI-REQ-009",
        "Begrensd aantal pogingen",
        "In geen enkel scenario stuurt de client één operatie vaker dan 10 keer.",
        _HANDBOOK_X02,
        _M,
        Mode.CLIENT,
    ),
    # -- Client: geenwijzigingen -----------------------------------------------------------------------
    Check(
        "CLI-GEEN-001",
        "geenwijzigingen is een gewoon antwoord",
        "Als de LAS <geenwijzigingen/> antwoordt, eindigt de opdracht met exitcode 0.",
        f"{_DELTA}; Topicus UwlrLeerlinggegevensService ('geen wijzigingen' is not a fault)",
        _M,
        Mode.CLIENT,
    ),
    Check(
        "CLI-GEEN-002",
        "geenwijzigingen wordt niet opnieuw gevraagd",
        "Na <geenwijzigingen/> stuurt de client hetzelfde verzoek niet nog eens.",
        _DELTA,
        _S,
        Mode.CLIENT,
    ),
    # -- Client: retries -------------------------------------------------------------------------------
    Check(
        "CLI-RETRY-001",
        "Server.TijdelijkNietBeschikbaar: opnieuw proberen en slagen",
        "Na één fout Server.TijdelijkNietBeschikbaar probeert de client het opnieuw en "
        "eindigt met exitcode 0.",
        f"{_FAULTS}; {_HANDBOOK_X02}",
        _M,
        Mode.CLIENT,
    ),
    Check(
        "CLI-RETRY-002",
        "HTTP 503: opnieuw proberen en slagen",
        "Na één HTTP 503 zonder inhoud probeert de client het opnieuw en eindigt met exitcode 0.",
        _HANDBOOK_X02,
        _M,
        Mode.CLIENT,
    ),
    Check(
        "CLI-RETRY-003",
        "Verbroken verbinding: opnieuw proberen en slagen",
        "Na één verbroken verbinding (helemaal geen antwoord) probeert de client het opnieuw "
        "en eindigt met exitcode 0.",
        _HANDBOOK_X02,
        _M,
        Mode.CLIENT,
    ),
    Check(
        "CLI-RETRY-004",
        "Aanhoudende storing: op tijd opgeven",
        "Als elk antwoord Server.TijdelijkNietBeschikbaar is, geeft de client binnen de "
        "tijdslimiet op met een exitcode ongelijk aan 0.",
        _HANDBOOK_X02,
        _M,
        Mode.CLIENT,
    ),
    # -- Client: hang ----------------------------------------------------------------------------------
    Check(
        "CLI-HANG-001",
        "Hangende LAS: de client wacht niet eeuwig",
        "Als de LAS niet antwoordt, stopt de client met wachten (een time-out) en eindigt "
        "binnen de tijdslimiet van het scenario (standaard 60 s).",
        _HANDBOOK_X02,
        _M,
        Mode.CLIENT,
    ),
    Check(
        "CLI-HANG-002",
        "Hangende LAS: netjes afgehandeld",
        "Na de hang heeft de client het opnieuw geprobeerd en eindigde met 0, of eindigde met"
        " een duidelijke melding, zonder stack trace, en een exitcode ongelijk aan 0.",
        _HANDBOOK_X02,
        _M,
        Mode.CLIENT,
    ),
    # -- Client: refused ---------------------------------------------------------------------------------
    Check(
        "CLI-AUTH-001",
        "Client.AutorisatieOngeldig: stoppen met een foutcode",
        "Met een sleutel die de LAS weigert eindigt de opdracht met een exitcode ongelijk aan 0.",
        f"{_FAULTS}; handbook H-S3-03",
        _M,
        Mode.CLIENT,
    ),
    Check(
        "CLI-AUTH-002",
        "Client.AutorisatieOngeldig: niet opnieuw proberen",
        "Een Client.*-fout is definitief: het geweigerde verzoek wordt precies één keer "
        "gestuurd, en daarna niets meer.",
        _FAULTS,
        _M,
        Mode.CLIENT,
    ),
    # -- Client: malformed answer ------------------------------------------------------------------------
    Check(
        "CLI-MALF-001",
        "Onleesbaar antwoord: stoppen met een foutcode",
        "Als elk antwoord afgebroken XML is, eindigt de opdracht met een exitcode ongelijk aan 0.",
        _HANDBOOK_X02,
        _M,
        Mode.CLIENT,
    ),
    Check(
        "CLI-MALF-002",
        "Onleesbaar antwoord: geen crash",
        "Als elk antwoord afgebroken XML is, bevat de uitvoer een duidelijke melding en geen "
        "stack trace.",
        _HANDBOOK_X02,
        _M,
        Mode.CLIENT,
    ),
    # -- Client: output ---------------------------------------------------------------------------------
    Check(
        "CLI-OUT-001",
        "Duidelijke melding bij elke mislukking",
        "Elke exitcode ongelijk aan 0 komt met een melding op stderr of stdout (een run die "
        "bij de tijdslimiet is gestopt, beoordeelt CLI-HANG-001).",
        "handbook H-S3-03, H-X-02 ('a clear error')",
        _M,
        Mode.CLIENT,
    ),
    Check(
        "CLI-OUT-002",
        "Nooit een stack trace",
        "De uitvoer van geen enkel scenario bevat een stack trace (Python, Java of JavaScript).",
        "handbook H-X-02 ('a clear error')",
        _M,
        Mode.CLIENT,
    ),
    Check(
        "CLI-SEC-001",
        "De sleutel komt nooit in de uitvoer",
        "De stdout en stderr van geen enkel scenario bevatten de autorisatiesleutel.",
        "handbook H-S3-03 (never shown in full, never logged)",
        _M,
        Mode.CLIENT,
    ),
)

_BY_ID: Final[dict[str, Check]] = {check.id: check for check in CATALOGUE}


def by_id(check_id: str) -> Check:
    """The check with ``check_id``; KeyError when there is none."""
    return _BY_ID[check_id]


def checks_for(mode: Mode) -> tuple[Check, ...]:
    """The checks of one mode, in catalogue order."""
    return tuple(check for check in CATALOGUE if check.mode is mode)
