"""Golden UWLR messages: the valid examples of seed 1, and invalid ones with the error they give.

:func:`message_files` gives ``{relative path: text}`` for ``fixtures/messages``:
``valid/<kind>-<xsdversie>.xml`` for every example kind and xsdversie, ``invalid/<name>.xml`` for
every :data:`INVALID_CASES` entry, and ``invalid/expected.json``: the manifest that says per file
which element our contract must name, a fragment of its message, and whether the official 2.2
schemas reject the file too. Each invalid message is a valid example with exactly one mistake.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from lxml import etree

from uwlr.examples import KINDS, XSDVERSIES, example_envelope, example_school, render
from uwlr.fake import FakeSchool
from uwlr.namespaces import LG, LR, qname

__all__ = [
    "GOLDEN_SEED",
    "INVALID_CASES",
    "InvalidCase",
    "expected_manifest",
    "invalid_files",
    "message_files",
    "valid_files",
]

GOLDEN_SEED: Final = 1

#: Makes one mistake in an example envelope and returns the element the error must be reported on.
_Mutation = Callable[[etree._Element], etree._Element]


@dataclass(frozen=True, slots=True)
class InvalidCase:
    """One golden invalid message: an example of ``kind`` with one mistake made by ``mutate``.

    Our contract must report an issue of ``issue_kind`` on the element ``mutate`` returns, with
    ``fragment`` in its message; ``official_rejects`` says whether the official 2.2 schemas reject
    the message as well (they cannot see the rules beyond the XSD).
    """

    name: str
    description: str
    kind: str
    xsdversie: str
    mutate: _Mutation
    fragment: str
    issue_kind: str
    official_rejects: bool


# --------------------------------------------------------------------------------------------
# Small tree edits, each returning the element that is now wrong


def _first(root: etree._Element, namespace: str, local: str) -> etree._Element:
    found = next(root.iter(qname(namespace, local)), None)
    if found is None:  # pragma: no cover - the examples always hold these elements
        raise LookupError(f"geen {local} in het voorbeeld")
    return found


def _set_text(namespace: str, local: str, value: str) -> _Mutation:
    def mutate(root: etree._Element) -> etree._Element:
        element = _first(root, namespace, local)
        element.text = value
        return element

    return mutate


def _insert_after(namespace: str, anchor: str, local: str, text: str) -> _Mutation:
    """Put a new ``local`` element (in ``namespace``) right after the first ``anchor``."""

    def mutate(root: etree._Element) -> etree._Element:
        element = etree.Element(qname(namespace, local))
        element.text = text
        _first(root, namespace, anchor).addnext(element)
        return element

    return mutate


def _dependancecode_first(root: etree._Element) -> etree._Element:
    dependancecode = _first(root, LG, "dependancecode")
    _first(root, LG, "brincode").addprevious(dependancecode)
    return dependancecode


def _duplicate_resultaat_key(root: etree._Element) -> etree._Element:
    first, second = list(root.iter(qname(LR, "resultaat")))[:2]
    second.set("key", first.get("key", ""))
    return second


def _unknown_toetscode(root: etree._Element) -> etree._Element:
    toetscode = _first(root, LR, "toetscode")
    toetscode.text = "VB-BESTAAT-NIET"
    parent = toetscode.getparent()
    assert parent is not None
    return parent  # a keyref error names the resultaat


def _drop_leerling_key(*, and_eckid: bool) -> _Mutation:
    def mutate(root: etree._Element) -> etree._Element:
        with_eckid = [el for el in root.iter(qname(LG, "leerling")) if el.get("eckid")]
        if not with_eckid:  # pragma: no cover - most fake pupils have an eckid
            raise LookupError("geen leerling met eckid in het voorbeeld")
        leerling = with_eckid[0]
        del leerling.attrib["key"]
        if and_eckid:
            del leerling.attrib["eckid"]
        return leerling

    return mutate


def _path(element: etree._Element) -> str:
    """``/Envelope/Body/x/y[2]``: local names, 1-based index where siblings share a name."""
    parts: list[str] = []
    node: etree._Element | None = element
    while node is not None:
        name = etree.QName(node).localname
        parent = node.getparent()
        if parent is not None:
            same = [child for child in parent if child.tag == node.tag]
            if len(same) > 1:
                name += f"[{same.index(node) + 1}]"
        parts.append(name)
        node = parent
    return "/" + "/".join(reversed(parts))


# --------------------------------------------------------------------------------------------
# The catalogue

_VERZOEK: Final = "leerlinggegevens-verzoek"


def _case(
    name: str,
    description: str,
    kind: str,
    mutate: _Mutation,
    fragment: str,
    *,
    xsdversie: str = "2.3",
    issue_kind: str = "schema",
    official_rejects: bool = True,
) -> InvalidCase:
    return InvalidCase(
        name=name,
        description=description,
        kind=kind,
        xsdversie=xsdversie,
        mutate=mutate,
        fragment=fragment,
        issue_kind=issue_kind,
        official_rejects=official_rejects,
    )


#: Every golden invalid message. Add a case here and run ``make fixtures``.
INVALID_CASES: Final[tuple[InvalidCase, ...]] = (
    _case(
        "brincode-kleine-letters",
        "brincode 99sy: het patroon vraagt twee cijfers en twee hoofdletters",
        _VERZOEK,
        _set_text(LG, "brincode", "99sy"),
        "'99sy' is not accepted by the pattern",
    ),
    _case(
        "verkeerde-volgorde",
        "dependancecode vóór brincode (zoals sommige LAS'en sturen): de volgorde ligt vast",
        _VERZOEK,
        _dependancecode_first,
        "This element is not expected",
    ),
    _case(
        "leeg-element",
        "een leeg voorvoegsel: UWLR kent geen lege elementen, laat het element weg",
        "leerlingen-antwoord",
        _set_text(LG, "voorvoegsel", ""),
        "minLength",
    ),
    _case(
        "onbekend-element",
        "een leerlingnummer bij de leerling: dat element bestaat niet in UWLR",
        "leerlingen-antwoord",
        _insert_after(LG, "geboortedatum", "leerlingnummer", "12345"),
        "This element is not expected",
    ),
    _case(
        "geslacht-ongeldig",
        "geslacht 3: toegestaan zijn 0, 1, 2 en 9 (NEN-ISO 5218)",
        "leerlingen-antwoord",
        _set_text(LG, "geslacht", "3"),
        "'3' is not an element of the set",
    ),
    _case(
        "jaargroep-ongeldig",
        "jaargroep 9 bij een groep: die waarde bestaat niet (na 8 komt 11)",
        "structuur-antwoord",
        _set_text(LG, "jaargroep", "9"),
        "'9' is not an element of the set",
    ),
    _case(
        "score-decimaal",
        "score 42.5: een score is een geheel getal; decimale scores horen in osoresultaat",
        "leerresultaten-verzoek",
        _set_text(LR, "score", "42.5"),
        "'42.5' is not a valid value",
    ),
    _case(
        "resultaatkey-dubbel",
        "twee resultaten met dezelfde key: een key moet uniek zijn in het bericht",
        "leerresultaten-verzoek",
        _duplicate_resultaat_key,
        "Duplicate key-sequence",
    ),
    _case(
        "toetscode-zonder-toets",
        "een resultaat met toetscode VB-BESTAAT-NIET, die bij geen enkele toets hoort",
        "leerresultaten-verzoek",
        _unknown_toetscode,
        "No match found for key-sequence ['VB-BESTAAT-NIET']",
    ),
    _case(
        "brincode-en-schoolkey",
        "brincode en schoolkey samen in het verzoek: stuur er één van",
        _VERZOEK,
        _insert_after(LG, "dependancecode", "schoolkey", "SCHOOL-1"),
        "This element is not expected",
    ),
    _case(
        "schooljaar-2026-2028",
        "schooljaar 2026-2028: het tweede jaar moet direct op het eerste volgen",
        _VERZOEK,
        _set_text(LG, "schooljaar", "2026-2028"),
        "het tweede jaar moet direct op het eerste volgen",
        issue_kind="semantic",
        official_rejects=False,
    ),
    _case(
        "xsdversie-onbekend",
        "xsdversie 9.9: een LAS antwoordt daarop met Client.XsdVersieOngeldig",
        _VERZOEK,
        _set_text(LG, "xsdversie", "9.9"),
        "xsdversie '9.9' wordt niet ondersteund",
        issue_kind="xsdversie",
        official_rejects=False,
    ),
    _case(
        "leerling-zonder-key-2.2",
        "een leerling met alleen een eckid in een 2.2-bericht: pas vanaf 2.3 mag de key ontbreken",
        "leerlingen-antwoord",
        _drop_leerling_key(and_eckid=False),
        "zonder attribuut 'key' bij xsdversie 2.2",
        xsdversie="2.2",
        issue_kind="semantic",
    ),
    _case(
        "leerling-zonder-key-en-eckid-2.3",
        "een leerling zonder key en zonder eckid: ook in 2.3 is er minstens één nodig",
        "leerlingen-antwoord",
        _drop_leerling_key(and_eckid=True),
        "zonder attribuut 'key' zonder eckid",
        issue_kind="semantic",
    ),
)


# --------------------------------------------------------------------------------------------
# Files


def valid_files(school: FakeSchool | None = None) -> dict[str, bytes]:
    """``valid/<kind>-<xsdversie>.xml`` for every example kind and xsdversie (seed 1)."""
    school = school or example_school(GOLDEN_SEED)
    return {
        f"valid/{kind}-{xsdversie}.xml": render(example_envelope(kind, school, xsdversie=xsdversie))
        for kind in KINDS
        for xsdversie in XSDVERSIES
    }


def _invalid(school: FakeSchool) -> list[tuple[InvalidCase, str, bytes]]:
    """Every case with the path of its wrong element and its bytes."""
    made = []
    for case in INVALID_CASES:
        envelope = example_envelope(case.kind, school, xsdversie=case.xsdversie)
        wrong = case.mutate(envelope)
        made.append((case, _path(wrong), render(envelope)))
    return made


def invalid_files(school: FakeSchool | None = None) -> dict[str, bytes]:
    """``invalid/<name>.xml`` for every :data:`INVALID_CASES` entry."""
    made = _invalid(school or example_school(GOLDEN_SEED))
    return {f"invalid/{case.name}.xml": data for case, _, data in made}


def expected_manifest(school: FakeSchool | None = None) -> str:
    """``invalid/expected.json``: file name → the error our contract must report on it."""
    made = _invalid(school or example_school(GOLDEN_SEED))
    manifest = {
        f"{case.name}.xml": {
            "description": case.description,
            "kind": case.kind,
            "xsdversie": case.xsdversie,
            "path": path,
            "fragment": case.fragment,
            "issue_kind": case.issue_kind,
            "official_rejects": case.official_rejects,
        }
        for case, path, _ in sorted(made, key=lambda item: item[0].name)
    }
    return json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"


def message_files() -> dict[str, str]:
    """Every golden file under ``fixtures/messages``, relative path → text."""
    school = example_school(GOLDEN_SEED)
    files = {path: data.decode("utf-8") for path, data in valid_files(school).items()}
    files.update((path, data.decode("utf-8")) for path, data in invalid_files(school).items())
    files["invalid/expected.json"] = expected_manifest(school)
    return files
