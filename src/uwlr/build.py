"""Build UWLR 2.x messages as lxml elements, in exactly the element order of the contract.

:func:`build` turns any message of :mod:`uwlr.models` into the body's root element;
:func:`build_autorisatie` builds the ``aut:autorisatie`` SOAP header. Optional fields that are None
are left out (UWLR never wants empty elements); messages that cannot be valid UWLR (an answer with
no leerling, a request without groepen, ...) raise :class:`ValueError` with a Dutch explanation.
Element names are precomputed Clark qnames and elements are made with ``etree.SubElement``, so a
1,000-pupil answer builds in a few milliseconds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Final

from lxml import etree

from uwlr.models import (
    Autorisatie,
    GegevensStatus,
    Groep,
    GroepRef,
    Leerkracht,
    LeerkrachtenAntwoord,
    LeerkrachtenVerzoek,
    Leerling,
    LeerlingenAntwoord,
    LeerlingenVerzoek,
    Leerlinggegevens,
    LeerlinggegevensAntwoord,
    LeerlinggegevensVerzoek,
    LeerresultatenBevestiging,
    LeerresultatenVerzoek,
    Message,
    Normering,
    OsoResultaat,
    Resultaat,
    ResultatenSchool,
    SamengesteldeGroep,
    School,
    StructuurAntwoord,
    StructuurVerzoek,
    Toets,
    Toetsafname,
)
from uwlr.namespaces import AUT, LG, LR, NSMAP, OSO

__all__ = [
    "build",
    "build_autorisatie",
    "format_date",
    "format_datetime",
    "format_decimal",
    "roepnaam_alone",
]

_LG_NSMAP: Final = {"lg": NSMAP["lg"]}
_LR_NSMAP: Final = {"lr": NSMAP["lr"], "oso": NSMAP["oso"]}
_AUT_NSMAP: Final = {"aut": NSMAP["aut"]}

_sub = etree.SubElement


def _qnames(namespace: str, locals_: str) -> dict[str, str]:
    return {local: f"{{{namespace}}}{local}" for local in locals_.split()}


_G: Final = _qnames(
    LG,
    """leerlinggegevens_verzoek structuur_verzoek leerlingen_verzoek leerkrachten_verzoek
    leerlinggegevens_antwoord structuur_antwoord leerlingen_antwoord leerkrachten_antwoord
    leerlinggegevens leerlinggegevens-structuur leerlinggegevens-leerlingen
    leerlinggegevens-leerkrachten geengegevens geenwijzigingen
    schooljaar brincode dependancecode schoolkey xsdversie gegevenssetid laatstontvangengegevens
    school peildatum aanmaakdatum auteur commentaar groepen groep samengestelde_groep
    naam jaargroep omschrijving mutatiedatum leerlingen leerling leerkrachten leerkracht
    achternaam voorvoegsel voornamen voorletters-1 roepnaam geboortedatum geslacht
    samengestelde_groepen gebruikersnaam emailadres rol""",
)
_R: Final = _qnames(
    LR,
    """leerresultaten_verzoek leerresultaten_bevestiging school schooljaar brincode dependancecode
    schoolkey aanmaakdatum auteur xsdversie commentaar toetsafnames toetsafname leerlingid eckid
    resultaatverwerkerid resultaten resultaat afnamedatum toetscode versie toetsonderdeelcode
    score osoresultaat infourl toetsen toets toetsnaam leerjaar vakgebied toetsnormering
    toetsonderdelen toetsonderdeel toetsonderdeelvolgnummer toetsonderdeelnaam
    toetsonderdeelnormering toetscategorie toetsniveau wegingsfactor norm term
    beginnormwaarde eindnormwaarde omschrijving""",
)
_O: Final = _qnames(
    OSO,
    """toetsscore aantalopgaven aantalgoed aantalfout vaardigheidsscore codevaardigheidsschaal
    referentiescore codereferentiescore codevergelijkingsgroep waarde kwalificatie""",
)
_A: Final = _qnames(AUT, "autorisatie autorisatiesleutel klantcode klantnaam")

# --------------------------------------------------------------------------------------------
# Values


def format_date(value: dt.date) -> str:
    """``YYYY-MM-DD`` (also for a datetime, whose time is dropped)."""
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"


def format_datetime(value: dt.datetime) -> str:
    """ISO 8601 without microseconds; an aware value keeps its offset (``+02:00``)."""
    return value.replace(microsecond=0).isoformat()


def format_decimal(value: Decimal) -> str:
    """Plain xs:decimal text: never an exponent (``1.25E+2`` → ``125``)."""
    if not value.is_finite():
        raise ValueError(f"{value} is geen eindig decimaal getal")
    return format(value, "f")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _text(parent: etree._Element, tag: str, value: str | None) -> None:
    """Append ``<tag>value</tag>``; None leaves it out, an empty string is refused."""
    if value is None:
        return
    if not value:
        raise ValueError(
            f"{_local(parent.tag)}/{_local(tag)} is een lege string; "
            "laat het veld weg (None) in plaats van een leeg element te sturen"
        )
    _sub(parent, tag).text = value


def _required(parent: etree._Element, tag: str, value: str | None) -> None:
    if value is None:
        raise ValueError(f"{_local(parent.tag)}/{_local(tag)} is verplicht")
    _text(parent, tag, value)


def _date(parent: etree._Element, tag: str, value: dt.date | None) -> None:
    if value is not None:
        _sub(parent, tag).text = format_date(value)


def _datetime(parent: etree._Element, tag: str, value: dt.datetime | None) -> None:
    if value is not None:
        _sub(parent, tag).text = format_datetime(value)


def _int(parent: etree._Element, tag: str, value: int | None) -> None:
    if value is not None:
        _sub(parent, tag).text = str(int(value))


def _decimal(parent: etree._Element, tag: str, value: Decimal | None) -> None:
    if value is not None:
        _sub(parent, tag).text = format_decimal(value)


def _key_attributes(element: etree._Element, what: str, key: str | None, eckid: str | None) -> None:
    if key is None and eckid is None:
        raise ValueError(f"{what} heeft geen key en geen eckid; minstens één is nodig")
    if key is not None:
        if not key:
            raise ValueError(f"{what}: key is een lege string")
        element.set("key", key)
    if eckid is not None:
        if not eckid:
            raise ValueError(f"{what} {key}: eckid is een lege string")
        element.set("eckid", eckid)


# --------------------------------------------------------------------------------------------
# Leerlinggegevens: requests


def _verzoek(message: LeerlinggegevensVerzoek, root_local: str) -> etree._Element:
    g = _G
    root = etree.Element(g[root_local], nsmap=_LG_NSMAP)
    _required(root, g["schooljaar"], message.schooljaar)
    if message.brincode is not None and message.schoolkey is not None:
        raise ValueError(
            f"{root_local}: brincode en schoolkey sluiten elkaar uit; stuur er één van"
        )
    if message.brincode is None and message.schoolkey is None:
        raise ValueError(f"{root_local}: brincode of schoolkey is verplicht")
    if message.brincode is None and message.dependancecode is not None:
        raise ValueError(f"{root_local}: dependancecode hoort bij een brincode")
    _text(root, g["brincode"], message.brincode)
    _text(root, g["dependancecode"], message.dependancecode)
    _text(root, g["schoolkey"], message.schoolkey)
    _required(root, g["xsdversie"], message.xsdversie)
    _text(root, g["gegevenssetid"], message.gegevenssetid)
    _datetime(root, g["laatstontvangengegevens"], message.laatstontvangengegevens)
    return root


def _verzoek_met_groepen(
    message: LeerlingenVerzoek | LeerkrachtenVerzoek, root_local: str
) -> etree._Element:
    root = _verzoek(message, root_local)
    if not message.groepen:
        raise ValueError(
            f"{root_local}: groepen is verplicht (minstens één groep of samengestelde_groep)"
        )
    groepen = _sub(root, _G["groepen"])
    for ref in message.groepen:
        _groep_ref(groepen, ref)
    return root


def _groep_ref(parent: etree._Element, ref: GroepRef) -> None:
    if ref.soort not in ("groep", "samengestelde_groep"):
        raise ValueError(f"onbekende groepsoort {ref.soort!r}")
    element = _sub(parent, _G[ref.soort])
    if ref.key is not None:
        if not ref.key:
            raise ValueError(f"{ref.soort}: key is een lege string; gebruik None voor 'geen groep'")
        element.set("key", ref.key)


def _build_leerlinggegevens_verzoek(message: LeerlinggegevensVerzoek) -> etree._Element:
    return _verzoek(message, "leerlinggegevens_verzoek")


def _build_structuur_verzoek(message: StructuurVerzoek) -> etree._Element:
    return _verzoek(message, "structuur_verzoek")


def _build_leerlingen_verzoek(message: LeerlingenVerzoek) -> etree._Element:
    return _verzoek_met_groepen(message, "leerlingen_verzoek")


def _build_leerkrachten_verzoek(message: LeerkrachtenVerzoek) -> etree._Element:
    return _verzoek_met_groepen(message, "leerkrachten_verzoek")


# --------------------------------------------------------------------------------------------
# Leerlinggegevens: answers


def _antwoord(
    root_local: str, status: GegevensStatus, has_data: bool, *, need_school: bool = False
) -> tuple[etree._Element, bool]:
    """The root of an answer; True when the caller must add the data element."""
    root = etree.Element(_G[root_local], nsmap=_LG_NSMAP)
    if status is GegevensStatus.GEGEVENS:
        if not has_data:
            what = "school" if need_school else "gegevens"
            raise ValueError(
                f"{root_local} met status 'gegevens' zonder {what}; "
                "stuur status geengegevens als er niets te melden is"
            )
        return root, True
    if has_data:
        raise ValueError(f"{root_local} met status {status.value!r} mag geen gegevens bevatten")
    _sub(root, _G[status.value])
    return root, False


def _school(parent: etree._Element, school: School) -> None:
    g = _G
    element = _sub(parent, g["school"])
    _required(element, g["schooljaar"], school.schooljaar)
    _date(element, g["peildatum"], school.peildatum)
    if school.brincode is None and school.dependancecode is not None:
        raise ValueError("school: dependancecode hoort bij een brincode")
    _text(element, g["brincode"], school.brincode)
    _text(element, g["dependancecode"], school.dependancecode)
    _text(element, g["schoolkey"], school.schoolkey)
    _datetime(element, g["aanmaakdatum"], school.aanmaakdatum)
    _text(element, g["auteur"], school.auteur)
    _text(element, g["xsdversie"], school.xsdversie)
    _text(element, g["commentaar"], school.commentaar)


def _groepen(
    parent: etree._Element, groepen: list[Groep], samengestelde: list[SamengesteldeGroep]
) -> None:
    if not groepen and not samengestelde:
        return
    g = _G
    container = _sub(parent, g["groepen"])
    for groep in groepen:
        element = _sub(container, g["groep"], key=groep.key)
        _required(element, g["naam"], groep.naam)
        _required(element, g["jaargroep"], groep.jaargroep)
        _text(element, g["omschrijving"], groep.omschrijving)
        _datetime(element, g["mutatiedatum"], groep.mutatiedatum)
    for sgroep in samengestelde:
        element = _sub(container, g["samengestelde_groep"], key=sgroep.key)
        _required(element, g["naam"], sgroep.naam)
        _text(element, g["omschrijving"], sgroep.omschrijving)
        _datetime(element, g["mutatiedatum"], sgroep.mutatiedatum)


def roepnaam_alone(person: Leerling | Leerkracht, what: str) -> bool:
    """The NEN 1888 name choice of ``person`` (a ``what``: leerling or leerkracht): True for a
    roepnaam alone, False for an achternaam with its parts; ValueError when neither holds."""
    if person.achternaam is not None:
        return False
    if person.roepnaam is None:
        raise ValueError(f"{what} {person.key}: achternaam of roepnaam is verplicht")
    if person.voorvoegsel or person.voornamen or person.voorletters:
        raise ValueError(
            f"{what} {person.key}: voorvoegsel, voornamen en voorletters mogen alleen "
            "samen met een achternaam"
        )
    return True


def _names(element: etree._Element, person: Leerling | Leerkracht, what: str) -> None:
    """The NEN 1888 name choice: achternaam with its parts, or roepnaam alone."""
    g = _G
    if roepnaam_alone(person, what):
        _text(element, g["roepnaam"], person.roepnaam)
        return
    _text(element, g["achternaam"], person.achternaam)
    _text(element, g["voorvoegsel"], person.voorvoegsel)
    _text(element, g["voornamen"], person.voornamen)
    _text(element, g["voorletters-1"], person.voorletters)
    _text(element, g["roepnaam"], person.roepnaam)


def _leerlingen(parent: etree._Element, leerlingen: list[Leerling], root_local: str) -> None:
    if not leerlingen:
        raise ValueError(
            f"{root_local}: leerlingen moet minstens één leerling bevatten; "
            "stuur geengegevens als er geen leerlingen zijn"
        )
    g = _G
    container = _sub(parent, g["leerlingen"])
    for leerling in leerlingen:
        element = _sub(container, g["leerling"])
        _key_attributes(element, "leerling", leerling.key, leerling.eckid)
        _names(element, leerling, "leerling")
        _date(element, g["geboortedatum"], leerling.geboortedatum)
        _int(element, g["geslacht"], leerling.geslacht)
        _text(element, g["jaargroep"], leerling.jaargroep)
        if leerling.groep is not None:
            _sub(element, g["groep"], key=leerling.groep)
        if leerling.samengestelde_groepen:
            groepen = _sub(element, g["samengestelde_groepen"])
            for key in leerling.samengestelde_groepen:
                _sub(groepen, g["samengestelde_groep"], key=key)
        _text(element, g["gebruikersnaam"], leerling.gebruikersnaam)
        _text(element, g["emailadres"], leerling.emailadres)
        _datetime(element, g["mutatiedatum"], leerling.mutatiedatum)


def _leerkrachten(parent: etree._Element, leerkrachten: list[Leerkracht]) -> None:
    if not leerkrachten:
        return
    g = _G
    container = _sub(parent, g["leerkrachten"])
    for leerkracht in leerkrachten:
        element = _sub(container, g["leerkracht"])
        _key_attributes(element, "leerkracht", leerkracht.key, leerkracht.eckid)
        _names(element, leerkracht, "leerkracht")
        _text(element, g["gebruikersnaam"], leerkracht.gebruikersnaam)
        _text(element, g["emailadres"], leerkracht.emailadres)
        for rol in leerkracht.rollen:
            _text(element, g["rol"], rol)
        if leerkracht.groepen:
            groepen = _sub(element, g["groepen"])
            for ref in leerkracht.groepen:
                if ref.soort not in ("groep", "samengestelde_groep"):
                    raise ValueError(
                        f"leerkracht {leerkracht.key}: onbekende groepsoort {ref.soort!r}"
                    )
                _sub(groepen, g[ref.soort], key=ref.key)
        _datetime(element, g["mutatiedatum"], leerkracht.mutatiedatum)


def _gegevens(parent: etree._Element, gegevens: Leerlinggegevens) -> None:
    element = _sub(parent, _G["leerlinggegevens"])
    _school(element, gegevens.school)
    _groepen(element, gegevens.groepen, gegevens.samengestelde_groepen)
    _leerlingen(element, gegevens.leerlingen, "leerlinggegevens")
    _leerkrachten(element, gegevens.leerkrachten)


def _build_leerlinggegevens_antwoord(message: LeerlinggegevensAntwoord) -> etree._Element:
    root, with_data = _antwoord(
        "leerlinggegevens_antwoord", message.status, message.gegevens is not None
    )
    if with_data and message.gegevens is not None:
        _gegevens(root, message.gegevens)
    return root


def _getrapt_antwoord(
    root_local: str, data_local: str, status: GegevensStatus, school: School | None, more: bool
) -> tuple[etree._Element, etree._Element | None]:
    """The root of a getrapt answer and, with status gegevens, its data element with the school."""
    root, with_data = _antwoord(root_local, status, school is not None or more, need_school=True)
    if not with_data:
        return root, None
    if school is None:
        raise ValueError(
            f"{root_local} met status 'gegevens' heeft een school nodig; "
            "stuur status geengegevens als er niets te melden is"
        )
    element = _sub(root, _G[data_local])
    _school(element, school)
    return root, element


def _build_structuur_antwoord(message: StructuurAntwoord) -> etree._Element:
    more = bool(message.groepen) or bool(message.samengestelde_groepen)
    root, element = _getrapt_antwoord(
        "structuur_antwoord", "leerlinggegevens-structuur", message.status, message.school, more
    )
    if element is not None:
        _groepen(element, message.groepen, message.samengestelde_groepen)
    return root


def _build_leerlingen_antwoord(message: LeerlingenAntwoord) -> etree._Element:
    root, element = _getrapt_antwoord(
        "leerlingen_antwoord",
        "leerlinggegevens-leerlingen",
        message.status,
        message.school,
        bool(message.leerlingen),
    )
    if element is not None:
        _leerlingen(element, message.leerlingen, "leerlingen_antwoord")
    return root


def _build_leerkrachten_antwoord(message: LeerkrachtenAntwoord) -> etree._Element:
    root, element = _getrapt_antwoord(
        "leerkrachten_antwoord",
        "leerlinggegevens-leerkrachten",
        message.status,
        message.school,
        bool(message.leerkrachten),
    )
    if element is not None:
        _leerkrachten(element, message.leerkrachten)
    return root


# --------------------------------------------------------------------------------------------
# Leerresultaten


def _resultaten_school(parent: etree._Element, school: ResultatenSchool) -> None:
    r = _R
    element = _sub(parent, r["school"])
    _required(element, r["schooljaar"], school.schooljaar)
    if school.brincode is not None and school.schoolkey is not None:
        raise ValueError("school: brincode en schoolkey sluiten elkaar uit; stuur er één van")
    if school.brincode is None and school.schoolkey is None:
        raise ValueError("school: brincode of schoolkey is verplicht")
    if school.brincode is None and school.dependancecode is not None:
        raise ValueError("school: dependancecode hoort bij een brincode")
    _text(element, r["brincode"], school.brincode)
    _text(element, r["dependancecode"], school.dependancecode)
    _text(element, r["schoolkey"], school.schoolkey)
    _sub(element, r["aanmaakdatum"]).text = format_datetime(school.aanmaakdatum)
    _text(element, r["auteur"], school.auteur)
    _required(element, r["xsdversie"], school.xsdversie)
    _text(element, r["commentaar"], school.commentaar)


def _osoresultaat(parent: etree._Element, oso: OsoResultaat) -> None:
    o = _O
    element = _sub(parent, _R["osoresultaat"])
    score = oso.toetsscore
    if score is not None:
        toetsscore = _sub(element, o["toetsscore"])
        _int(toetsscore, o["aantalopgaven"], score.aantalopgaven)
        _int(toetsscore, o["aantalgoed"], score.aantalgoed)
        _int(toetsscore, o["aantalfout"], score.aantalfout)
        _decimal(toetsscore, o["vaardigheidsscore"], score.vaardigheidsscore)
        _text(toetsscore, o["codevaardigheidsschaal"], score.codevaardigheidsschaal)
    for ref in oso.referentiescores:
        referentie = _sub(element, o["referentiescore"])
        _required(referentie, o["codereferentiescore"], ref.codereferentiescore)
        _required(referentie, o["codevergelijkingsgroep"], ref.codevergelijkingsgroep)
        _required(referentie, o["waarde"], ref.waarde)
        _text(referentie, o["kwalificatie"], ref.kwalificatie)


def _resultaat(parent: etree._Element, resultaat: Resultaat) -> None:
    r = _R
    if (resultaat.score is None) == (resultaat.osoresultaat is None):
        raise ValueError(
            f"resultaat {resultaat.key}: precies één van score en osoresultaat moet gevuld zijn"
        )
    if not resultaat.key:
        raise ValueError("resultaat zonder key")
    element = _sub(parent, r["resultaat"], key=resultaat.key)
    _sub(element, r["afnamedatum"]).text = format_date(resultaat.afnamedatum)
    _required(element, r["toetscode"], resultaat.toetscode)
    _text(element, r["versie"], resultaat.versie)
    _text(element, r["toetsonderdeelcode"], resultaat.toetsonderdeelcode)
    if resultaat.osoresultaat is not None:
        _osoresultaat(element, resultaat.osoresultaat)
    else:
        _int(element, r["score"], resultaat.score)
    _text(element, r["infourl"], resultaat.infourl)


def _toetsafname(parent: etree._Element, afname: Toetsafname) -> None:
    r = _R
    element = _sub(parent, r["toetsafname"])
    _required(element, r["leerlingid"], afname.leerlingid)
    _text(element, r["eckid"], afname.eckid)
    _text(element, r["resultaatverwerkerid"], afname.resultaatverwerkerid)
    if not afname.resultaten:
        raise ValueError(f"toetsafname van {afname.leerlingid} heeft geen resultaat")
    resultaten = _sub(element, r["resultaten"])
    for resultaat in afname.resultaten:
        _resultaat(resultaten, resultaat)


def _normering(parent: etree._Element, tag: str, normering: Normering) -> None:
    r = _R
    if not normering.normen:
        raise ValueError(f"{_local(tag)} heeft minstens één norm nodig")
    element = _sub(parent, tag)
    _text(element, r["toetscategorie"], normering.toetscategorie)
    _text(element, r["toetsniveau"], normering.toetsniveau)
    _decimal(element, r["wegingsfactor"], normering.wegingsfactor)
    for norm in normering.normen:
        norm_el = _sub(element, r["norm"])
        _required(norm_el, r["term"], norm.term)
        _text(norm_el, r["omschrijving"], norm.omschrijving)
        _sub(norm_el, r["beginnormwaarde"]).text = str(int(norm.beginnormwaarde))
        _sub(norm_el, r["eindnormwaarde"]).text = str(int(norm.eindnormwaarde))


def _toets(parent: etree._Element, toets: Toets) -> None:
    r = _R
    element = _sub(parent, r["toets"])
    _required(element, r["toetscode"], toets.toetscode)
    _text(element, r["versie"], toets.versie)
    _text(element, r["toetsnaam"], toets.toetsnaam)
    _text(element, r["leerjaar"], toets.leerjaar)
    _text(element, r["vakgebied"], toets.vakgebied)
    if toets.toetsnormering is not None:
        _normering(element, r["toetsnormering"], toets.toetsnormering)
    if toets.toetsonderdelen:
        onderdelen = _sub(element, r["toetsonderdelen"])
        for onderdeel in toets.toetsonderdelen:
            onderdeel_el = _sub(onderdelen, r["toetsonderdeel"])
            _sub(onderdeel_el, r["toetsonderdeelvolgnummer"]).text = str(int(onderdeel.volgnummer))
            _required(onderdeel_el, r["toetsonderdeelcode"], onderdeel.code)
            _text(onderdeel_el, r["toetsonderdeelnaam"], onderdeel.naam)
            if onderdeel.normering is not None:
                _normering(onderdeel_el, r["toetsonderdeelnormering"], onderdeel.normering)


def _build_leerresultaten_verzoek(message: LeerresultatenVerzoek) -> etree._Element:
    r = _R
    root = etree.Element(r["leerresultaten_verzoek"], nsmap=_LR_NSMAP)
    _resultaten_school(root, message.school)
    if not message.toetsafnames:
        raise ValueError("leerresultaten_verzoek heeft minstens één toetsafname nodig")
    if not message.toetsen:
        raise ValueError("leerresultaten_verzoek heeft minstens één toets nodig")
    afnames = _sub(root, r["toetsafnames"])
    for afname in message.toetsafnames:
        _toetsafname(afnames, afname)
    toetsen = _sub(root, r["toetsen"])
    for toets in message.toetsen:
        _toets(toetsen, toets)
    return root


def _build_leerresultaten_bevestiging(message: LeerresultatenBevestiging) -> etree._Element:
    return etree.Element(_R["leerresultaten_bevestiging"], nsmap=_LR_NSMAP)


# --------------------------------------------------------------------------------------------
# Public entry points

_BUILDERS: Final[dict[type[Any], Callable[[Any], etree._Element]]] = {
    LeerlinggegevensVerzoek: _build_leerlinggegevens_verzoek,
    StructuurVerzoek: _build_structuur_verzoek,
    LeerlingenVerzoek: _build_leerlingen_verzoek,
    LeerkrachtenVerzoek: _build_leerkrachten_verzoek,
    LeerlinggegevensAntwoord: _build_leerlinggegevens_antwoord,
    StructuurAntwoord: _build_structuur_antwoord,
    LeerlingenAntwoord: _build_leerlingen_antwoord,
    LeerkrachtenAntwoord: _build_leerkrachten_antwoord,
    LeerresultatenVerzoek: _build_leerresultaten_verzoek,
    LeerresultatenBevestiging: _build_leerresultaten_bevestiging,
}


def build(message: Message) -> etree._Element:
    """The body root element for ``message`` (dispatched on its exact type).

    Raises :class:`ValueError` when the message cannot be valid UWLR and :class:`TypeError`
    for an object that is not a UWLR message.
    """
    builder = _BUILDERS.get(type(message))
    if builder is None:
        raise TypeError(f"{type(message).__name__} is geen UWLR-bericht dat gebouwd kan worden")
    return builder(message)


def build_autorisatie(autorisatie: Autorisatie) -> etree._Element:
    """The ``aut:autorisatie`` SOAP header element."""
    a = _A
    root = etree.Element(a["autorisatie"], nsmap=_AUT_NSMAP)
    _required(root, a["autorisatiesleutel"], autorisatie.autorisatiesleutel)
    _required(root, a["klantcode"], autorisatie.klantcode)
    _required(root, a["klantnaam"], autorisatie.klantnaam)
    return root
