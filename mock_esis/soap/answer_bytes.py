"""The mock's data answers written straight to envelope bytes, without an lxml tree.

:mod:`uwlr.build` makes one lxml element per field, about 2 µs each: a 1,241-pupil answer took
30 ms and more, 3.5–4× what lxml needs to parse and re-serialize the same bytes (issue 12).
This writer appends text pieces and joins them once, about 4× faster. Its output is byte for
byte ``to_bytes(build_envelope(build(answer)))``, which the tests check on generated schools, on
every answer kind and status, and on awkward strings; it refuses what :mod:`uwlr.build` refuses
(:class:`ValueError` with the same Dutch text), and strings that are not XML (control
characters, U+FFFE/U+FFFF) as lxml does. ``uwlr.build`` stays the reference and builds every
other message (requests, leerresultaten).

See docs/adr/0027-mock-answers-as-bytes.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Final

from uwlr.build import format_date, format_datetime, roepnaam_alone
from uwlr.models import (
    GegevensStatus,
    Groep,
    Leerkracht,
    LeerkrachtenAntwoord,
    Leerling,
    LeerlingenAntwoord,
    LeerlinggegevensAntwoord,
    SamengesteldeGroep,
    School,
    StructuurAntwoord,
)
from uwlr.namespaces import LG, SOAP_ENV

__all__ = ["answer_bytes", "writes"]

_HEAD: Final = (
    f"<?xml version='1.0' encoding='utf-8'?>\n<soap:Envelope xmlns:soap=\"{SOAP_ENV}\"><soap:Body>"
)
_TAIL: Final = "</soap:Body></soap:Envelope>"
_TEXT: Final = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTR: Final = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\n": "&#10;",
        "\r": "&#13;",
        "\t": "&#9;",
    }
)
#: What lxml refuses in text and attributes (NUL, other C0 controls, U+FFFE and U+FFFF).
_NOT_XML: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_NOT_XML_TEXT: Final = (
    "All strings must be XML compatible: Unicode or ASCII, no NULL bytes or control characters"
)

_Out = Callable[[str], None]


def writes(message: object) -> bool:
    """True when :func:`answer_bytes` writes this kind of message."""
    return type(message) in _WRITERS


def answer_bytes(message: Any) -> bytes:
    """The complete SOAP envelope of a data answer, as :mod:`uwlr.build` would serialize it."""
    writer = _WRITERS.get(type(message))
    if writer is None:
        raise TypeError(f"{type(message).__name__} is geen data-antwoord van de mock")
    parts: list[str] = [_HEAD]
    writer(parts.append, message)
    parts.append(_TAIL)
    text = "".join(parts)
    if _NOT_XML.search(text):
        raise ValueError(_NOT_XML_TEXT)
    return text.encode("utf-8")


# --------------------------------------------------------------------------------------------
# Values (the same refusals as uwlr.build)


def _text(out: _Out, parent: str, name: str, value: str | None) -> None:
    if value is None:
        return
    if not value:
        raise ValueError(
            f"{parent}/{name} is een lege string; "
            "laat het veld weg (None) in plaats van een leeg element te sturen"
        )
    out(f"<lg:{name}>{value.translate(_TEXT)}</lg:{name}>")


def _required(out: _Out, parent: str, name: str, value: str | None) -> None:
    if value is None:
        raise ValueError(f"{parent}/{name} is verplicht")
    _text(out, parent, name, value)


def _attr(value: str) -> str:
    return value.translate(_ATTR)


def _key_attributes(what: str, key: str | None, eckid: str | None) -> str:
    if key is None and eckid is None:
        raise ValueError(f"{what} heeft geen key en geen eckid; minstens één is nodig")
    attributes = ""
    if key is not None:
        if not key:
            raise ValueError(f"{what}: key is een lege string")
        attributes = f' key="{_attr(key)}"'
    if eckid is not None:
        if not eckid:
            raise ValueError(f"{what} {key}: eckid is een lege string")
        attributes += f' eckid="{_attr(eckid)}"'
    return attributes


# --------------------------------------------------------------------------------------------
# Parts


def _school(out: _Out, school: School) -> None:
    out("<lg:school>")
    _required(out, "school", "schooljaar", school.schooljaar)
    if school.peildatum is not None:
        out(f"<lg:peildatum>{format_date(school.peildatum)}</lg:peildatum>")
    if school.brincode is None and school.dependancecode is not None:
        raise ValueError("school: dependancecode hoort bij een brincode")
    _text(out, "school", "brincode", school.brincode)
    _text(out, "school", "dependancecode", school.dependancecode)
    _text(out, "school", "schoolkey", school.schoolkey)
    if school.aanmaakdatum is not None:
        out(f"<lg:aanmaakdatum>{format_datetime(school.aanmaakdatum)}</lg:aanmaakdatum>")
    _text(out, "school", "auteur", school.auteur)
    _text(out, "school", "xsdversie", school.xsdversie)
    _text(out, "school", "commentaar", school.commentaar)
    out("</lg:school>")


def _groepen(out: _Out, groepen: list[Groep], samengestelde: list[SamengesteldeGroep]) -> None:
    if not groepen and not samengestelde:
        return
    out("<lg:groepen>")
    for groep in groepen:
        out(f'<lg:groep key="{_attr(groep.key)}">')
        _required(out, "groep", "naam", groep.naam)
        _required(out, "groep", "jaargroep", groep.jaargroep)
        _text(out, "groep", "omschrijving", groep.omschrijving)
        if groep.mutatiedatum is not None:
            out(f"<lg:mutatiedatum>{format_datetime(groep.mutatiedatum)}</lg:mutatiedatum>")
        out("</lg:groep>")
    for sgroep in samengestelde:
        out(f'<lg:samengestelde_groep key="{_attr(sgroep.key)}">')
        _required(out, "samengestelde_groep", "naam", sgroep.naam)
        _text(out, "samengestelde_groep", "omschrijving", sgroep.omschrijving)
        if sgroep.mutatiedatum is not None:
            out(f"<lg:mutatiedatum>{format_datetime(sgroep.mutatiedatum)}</lg:mutatiedatum>")
        out("</lg:samengestelde_groep>")
    out("</lg:groepen>")


def _names(out: _Out, person: Leerling | Leerkracht, what: str, tag: str) -> None:
    """The NEN 1888 name choice (:func:`uwlr.build.roepnaam_alone`)."""
    if roepnaam_alone(person, what):
        _text(out, tag, "roepnaam", person.roepnaam)
        return
    _text(out, tag, "achternaam", person.achternaam)
    _text(out, tag, "voorvoegsel", person.voorvoegsel)
    _text(out, tag, "voornamen", person.voornamen)
    _text(out, tag, "voorletters-1", person.voorletters)
    _text(out, tag, "roepnaam", person.roepnaam)


def _leerlingen(out: _Out, leerlingen: list[Leerling], root_local: str) -> None:
    if not leerlingen:
        raise ValueError(
            f"{root_local}: leerlingen moet minstens één leerling bevatten; "
            "stuur geengegevens als er geen leerlingen zijn"
        )
    out("<lg:leerlingen>")
    for p in leerlingen:
        out(f"<lg:leerling{_key_attributes('leerling', p.key, p.eckid)}>")
        _names(out, p, "leerling", "leerling")
        if p.geboortedatum is not None:
            out(f"<lg:geboortedatum>{format_date(p.geboortedatum)}</lg:geboortedatum>")
        if p.geslacht is not None:
            out(f"<lg:geslacht>{int(p.geslacht)}</lg:geslacht>")
        _text(out, "leerling", "jaargroep", p.jaargroep)
        if p.groep is not None:
            out(f'<lg:groep key="{_attr(p.groep)}"/>')
        if p.samengestelde_groepen:
            out("<lg:samengestelde_groepen>")
            for key in p.samengestelde_groepen:
                out(f'<lg:samengestelde_groep key="{_attr(key)}"/>')
            out("</lg:samengestelde_groepen>")
        _text(out, "leerling", "gebruikersnaam", p.gebruikersnaam)
        _text(out, "leerling", "emailadres", p.emailadres)
        if p.mutatiedatum is not None:
            out(f"<lg:mutatiedatum>{format_datetime(p.mutatiedatum)}</lg:mutatiedatum>")
        out("</lg:leerling>")
    out("</lg:leerlingen>")


def _leerkrachten(out: _Out, leerkrachten: list[Leerkracht]) -> None:
    if not leerkrachten:
        return
    out("<lg:leerkrachten>")
    for t in leerkrachten:
        out(f"<lg:leerkracht{_key_attributes('leerkracht', t.key, t.eckid)}>")
        _names(out, t, "leerkracht", "leerkracht")
        _text(out, "leerkracht", "gebruikersnaam", t.gebruikersnaam)
        _text(out, "leerkracht", "emailadres", t.emailadres)
        for rol in t.rollen:
            _text(out, "leerkracht", "rol", rol)
        if t.groepen:
            out("<lg:groepen>")
            for ref in t.groepen:
                if ref.soort not in ("groep", "samengestelde_groep"):
                    raise ValueError(f"leerkracht {t.key}: onbekende groepsoort {ref.soort!r}")
                out(f'<lg:{ref.soort} key="{_attr(ref.key)}"/>')
            out("</lg:groepen>")
        if t.mutatiedatum is not None:
            out(f"<lg:mutatiedatum>{format_datetime(t.mutatiedatum)}</lg:mutatiedatum>")
        out("</lg:leerkracht>")
    out("</lg:leerkrachten>")


# --------------------------------------------------------------------------------------------
# Answers


def _open(out: _Out, root_local: str, status: GegevensStatus, has_data: bool, need: str) -> bool:
    """Open the answer's root; False (and closed) when it carries a status marker only."""
    if status is GegevensStatus.GEGEVENS:
        if not has_data:
            raise ValueError(
                f"{root_local} met status 'gegevens' zonder {need}; "
                "stuur status geengegevens als er niets te melden is"
            )
        out(f'<lg:{root_local} xmlns:lg="{LG}">')
        return True
    if has_data:
        raise ValueError(f"{root_local} met status {status.value!r} mag geen gegevens bevatten")
    out(f'<lg:{root_local} xmlns:lg="{LG}"><lg:{status.value}/></lg:{root_local}>')
    return False


def _leerlinggegevens_antwoord(out: _Out, message: LeerlinggegevensAntwoord) -> None:
    root = "leerlinggegevens_antwoord"
    if not _open(out, root, message.status, message.gegevens is not None, "gegevens"):
        return
    gegevens = message.gegevens
    assert gegevens is not None
    out("<lg:leerlinggegevens>")
    _school(out, gegevens.school)
    _groepen(out, gegevens.groepen, gegevens.samengestelde_groepen)
    _leerlingen(out, gegevens.leerlingen, "leerlinggegevens")
    _leerkrachten(out, gegevens.leerkrachten)
    out(f"</lg:leerlinggegevens></lg:{root}>")


def _getrapt(
    out: _Out, root: str, data: str, status: GegevensStatus, school: School | None, more: bool
) -> bool:
    if not _open(out, root, status, school is not None or more, "school"):
        return False
    if school is None:
        raise ValueError(
            f"{root} met status 'gegevens' heeft een school nodig; "
            "stuur status geengegevens als er niets te melden is"
        )
    out(f"<lg:{data}>")
    _school(out, school)
    return True


def _structuur_antwoord(out: _Out, message: StructuurAntwoord) -> None:
    root, data = "structuur_antwoord", "leerlinggegevens-structuur"
    more = bool(message.groepen) or bool(message.samengestelde_groepen)
    if _getrapt(out, root, data, message.status, message.school, more):
        _groepen(out, message.groepen, message.samengestelde_groepen)
        out(f"</lg:{data}></lg:{root}>")


def _leerlingen_antwoord(out: _Out, message: LeerlingenAntwoord) -> None:
    root, data = "leerlingen_antwoord", "leerlinggegevens-leerlingen"
    if _getrapt(out, root, data, message.status, message.school, bool(message.leerlingen)):
        _leerlingen(out, message.leerlingen, root)
        out(f"</lg:{data}></lg:{root}>")


def _leerkrachten_antwoord(out: _Out, message: LeerkrachtenAntwoord) -> None:
    root, data = "leerkrachten_antwoord", "leerlinggegevens-leerkrachten"
    if _getrapt(out, root, data, message.status, message.school, bool(message.leerkrachten)):
        _leerkrachten(out, message.leerkrachten)
        out(f"</lg:{data}></lg:{root}>")


_WRITERS: Final[dict[type[Any], Callable[[_Out, Any], None]]] = {
    LeerlinggegevensAntwoord: _leerlinggegevens_antwoord,
    StructuurAntwoord: _structuur_antwoord,
    LeerlingenAntwoord: _leerlingen_antwoord,
    LeerkrachtenAntwoord: _leerkrachten_antwoord,
}
