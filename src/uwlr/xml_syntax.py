"""Dutch lines for XML syntax errors: what is wrong, on which regel and kolom, never libxml2's English.

lxml reports a document that is not well-formed with libxml2's English text ("Namespace prefix
soap on Envelope is not defined, line 1, column 15"). :func:`dutch_syntax_error` turns it into one
Dutch line, chosen by libxml2's error code; names the English text mentions (an element, an
attribute, a prefix, an encoding) are kept. A code without its own line gets the general "de XML
is niet goed gevormd", so no English ever reaches a user or a SOAP fault.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Final

from lxml import etree

__all__ = ["dutch_syntax_error", "syntax_position"]

_Render = Callable[[str], str]


def _named(pattern: str, template: str, fallback: str) -> _Render:
    """A line that fills ``template`` with the groups of ``pattern`` found in the English text."""
    compiled = re.compile(pattern)

    def render(english: str) -> str:
        found = compiled.search(english)
        return template.format(*found.groups()) if found else fallback

    return render


def _fixed(text: str) -> _Render:
    return lambda english: text


def _undefined_prefix(english: str) -> str:
    on_attribute = re.search(
        r"Namespace prefix ([^\s,]+) for ([^\s,]+) on ([^\s,]+) is not defined", english
    )
    if on_attribute:
        prefix, attribute, element = on_attribute.groups()
        return (
            f"het namespace-voorvoegsel '{prefix}' van attribuut '{attribute}' op element "
            f"'{element}' is niet gedeclareerd (xmlns:{prefix}=\"...\" ontbreekt)"
        )
    on_element = re.search(r"Namespace prefix ([^\s,]+) on ([^\s,]+) is not defined", english)
    if on_element:
        prefix, element = on_element.groups()
        return (
            f"het namespace-voorvoegsel '{prefix}' van element '{element}' is niet gedeclareerd "
            f'(xmlns:{prefix}="..." ontbreekt)'
        )
    return "een namespace-voorvoegsel is niet gedeclareerd"


def _name_required(english: str) -> str:
    if "EntityRef" in english:
        return "een '&' zonder naam erachter (schrijf &amp; voor een los en-teken)"
    return "een ongeldige of ontbrekende elementnaam na '<' (schrijf &lt; voor een los '<')"


def _gt_required(english: str) -> str:
    found = re.search(r"end of Start Tag ([^\s,]+)", english)
    if found:
        return f"de begintag van element '{found.group(1)}' is niet afgesloten ('>' ontbreekt)"
    return "'>' verwacht"


def _invalid_char(english: str) -> str:
    found = re.search(r"0x([0-9A-Fa-f]+)|value (\d+)", english)
    if found is None:
        return "een teken dat in XML niet is toegestaan"
    number = int(found.group(1), 16) if found.group(1) else int(found.group(2))
    return f"een teken dat in XML niet is toegestaan (teken {number:#04x})"


_LINES: Final[dict[str, _Render]] = {
    "NS_ERR_UNDEFINED_NAMESPACE": _undefined_prefix,
    "NS_ERR_XML_NAMESPACE": _fixed("een ongeldige namespace-declaratie (lege namespace)"),
    "NS_ERR_QNAME": _fixed("een ongeldige naam met voorvoegsel"),
    "NS_ERR_ATTRIBUTE_REDEFINED": _named(
        r"Namespaced Attribute ([^\s,]+) in '([^\s,]+)' redefined",
        "attribuut '{0}' staat twee keer in hetzelfde element",
        "een attribuut staat twee keer in hetzelfde element",
    ),
    "ERR_TAG_NAME_MISMATCH": _named(
        r"mismatch: ([^\s,]+) line (\d+) and ([^\s,]+)",
        "eindtag '</{2}>' past niet bij de begintag van element '{0}' (regel {1})",
        "een eindtag past niet bij de begintag",
    ),
    "ERR_TAG_NOT_FINISHED": _named(
        r"in tag ([^\s,]+) line (\d+)",
        "het document houdt op voordat element '{0}' (regel {1}) is gesloten",
        "het document houdt op voordat alle elementen zijn gesloten",
    ),
    "ERR_DOCUMENT_EMPTY": _fixed("geen XML: het begint niet met een element ('<' verwacht)"),
    "ERR_DOCUMENT_END": _fixed("er staat nog iets na het einde van het hoofdelement"),
    "ERR_EXTRA_CONTENT": _fixed("er staat nog iets na het einde van het hoofdelement"),
    "ERR_NOT_WELL_BALANCED": _fixed("de elementen zijn niet goed genest"),
    "ERR_INVALID_ENCODING": _fixed(
        "bytes die niet passen bij de tekenset van het bericht (standaard UTF-8)"
    ),
    "ERR_UNSUPPORTED_ENCODING": _named(
        r"encoding: ([^\s,]+)",
        "onbekende tekenset '{0}' in de XML-declaratie",
        "onbekende tekenset in de XML-declaratie",
    ),
    "ERR_INVALID_CHAR": _invalid_char,
    "ERR_INVALID_CHARREF": _fixed("een tekenreferentie naar een teken dat niet is toegestaan"),
    "ERR_ATTRIBUTE_NOT_STARTED": _fixed("een attribuutwaarde zonder aanhalingstekens"),
    "ERR_ATTRIBUTE_NOT_FINISHED": _fixed("een attribuutwaarde is niet afgesloten"),
    "ERR_ATTRIBUTE_WITHOUT_VALUE": _named(
        r"for attribute ([^\s,]+)",
        "attribuut '{0}' heeft geen waarde",
        "een attribuut heeft geen waarde",
    ),
    "ERR_ATTRIBUTE_REDEFINED": _named(
        r"Attribute ([^\s,]+) redefined",
        "attribuut '{0}' staat twee keer in hetzelfde element",
        "een attribuut staat twee keer in hetzelfde element",
    ),
    "ERR_LT_IN_ATTRIBUTE": _fixed("een '<' in een attribuutwaarde (schrijf &lt;)"),
    "ERR_EQUAL_REQUIRED": _fixed("'=' verwacht na de naam van een attribuut"),
    "ERR_SPACE_REQUIRED": _fixed("een spatie ontbreekt (bijvoorbeeld tussen twee attributen)"),
    "ERR_GT_REQUIRED": _gt_required,
    "ERR_LTSLASH_REQUIRED": _fixed("'</' verwacht"),
    "ERR_NAME_REQUIRED": _name_required,
    "ERR_UNDECLARED_ENTITY": _named(
        r"Entity '([^']+)' not defined",
        "onbekende entiteit '&{0};' (alleen &lt; &gt; &amp; &quot; en &apos; zijn bekend)",
        "een onbekende entiteit",
    ),
    "WAR_UNDECLARED_ENTITY": _fixed("een onbekende entiteit"),
    "ERR_ENTITYREF_SEMICOL_MISSING": _fixed("';' ontbreekt na een entiteit (zoals &amp;)"),
    "ERR_HYPHEN_IN_COMMENT": _fixed("'--' binnen commentaar is niet toegestaan"),
    "ERR_COMMENT_NOT_FINISHED": _fixed("commentaar is niet afgesloten ('-->' ontbreekt)"),
    "ERR_CDATA_NOT_FINISHED": _fixed("een CDATA-sectie is niet afgesloten (']]>' ontbreekt)"),
    "ERR_MISPLACED_CDATA_END": _fixed("']]>' mag niet in tekst staan (schrijf ]]&gt;)"),
    "ERR_PI_NOT_FINISHED": _fixed("een verwerkingsinstructie is niet afgesloten ('?>' ontbreekt)"),
    "ERR_RESERVED_XML_NAME": _fixed(
        "de XML-declaratie (<?xml ...?>) mag alleen helemaal aan het begin staan"
    ),
    "ERR_XMLDECL_NOT_FINISHED": _fixed("de XML-declaratie is niet afgesloten ('?>' ontbreekt)"),
    "ERR_VERSION_MISSING": _fixed('de XML-declaratie mist version="1.0"'),
    "ERR_UNKNOWN_VERSION": _fixed("onbekende XML-versie (alleen 1.0 wordt gelezen)"),
    "ERR_STRING_NOT_STARTED": _fixed("aanhalingstekens verwacht"),
    "ERR_STRING_NOT_CLOSED": _fixed("een waarde tussen aanhalingstekens is niet afgesloten"),
    "ERR_LITERAL_NOT_FINISHED": _fixed("een waarde tussen aanhalingstekens is niet afgesloten"),
    "ERR_ELEMCONTENT_NOT_FINISHED": _fixed("de inhoud van een element is niet afgesloten"),
}

_GENERAL: Final = "de XML is niet goed gevormd"


@functools.cache
def _code_names() -> dict[int, str]:
    names: dict[int, str] = {}
    for name in dir(etree.ErrorTypes):
        value = getattr(etree.ErrorTypes, name)
        if not name.startswith("_") and isinstance(value, int):
            names.setdefault(value, name)
    return names


def syntax_position(error: etree.XMLSyntaxError) -> tuple[int, int]:
    """``(regel, kolom)`` of ``error``, each at least 1."""
    line, column = error.position if error.position else (0, 0)
    return max(int(line or 0), 1), max(int(column or 0), 1)


def dutch_syntax_error(error: etree.XMLSyntaxError) -> str:
    """One Dutch line for ``error``: ``Ongeldige XML op regel 3, kolom 15: <what is wrong>``."""
    line, column = syntax_position(error)
    render = _LINES.get(_code_names().get(int(getattr(error, "code", 0) or 0), ""))
    english = str(error.msg or "")
    what = render(english) if render is not None else _GENERAL
    return f"Ongeldige XML op regel {line}, kolom {column}: {what}"
