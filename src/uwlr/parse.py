"""Parse UWLR 2.x message elements into the typed messages of :mod:`uwlr.models`.

Elements are matched on namespace + local name, so any prefix or a default namespace works.
Parsing reports, it never drops silently: unknown elements, elements in the wrong namespace,
out-of-order, duplicate and empty elements become :class:`ParseWarning` s (lenient mode, the
default) or raise :class:`ParseError` (``strict=True``). Out-of-order known elements are still read,
because real LASes send them (``dependancecode`` before ``brincode``, ``roepnaam`` before
``achternaam``). Schema-valid elements that the models do not carry (``vestigingen``, ``bsn``,
``toetshierarchie``, ...) are always reported as :attr:`IssueKind.UNSUPPORTED` warnings, also in
strict mode. Values that cannot be read (a date that is not a date) and missing required elements
raise :class:`ParseError` in both modes. Input must already be parsed (see :mod:`uwlr.safexml`).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Final, Generic, NoReturn, TypeVar

from lxml import etree

from uwlr.models import (
    Autorisatie,
    GegevensStatus,
    Groep,
    GroepRef,
    Leerkracht,
    LeerkrachtenAntwoord,
    LeerkrachtenVerzoek,
    LeerkrachtGroep,
    Leerling,
    LeerlingenAntwoord,
    LeerlingenVerzoek,
    Leerlinggegevens,
    LeerlinggegevensAntwoord,
    LeerlinggegevensVerzoek,
    LeerresultatenBevestiging,
    LeerresultatenVerzoek,
    Message,
    Norm,
    Normering,
    OsoResultaat,
    Referentiescore,
    Resultaat,
    ResultatenSchool,
    SamengesteldeGroep,
    School,
    StructuurAntwoord,
    StructuurVerzoek,
    Toets,
    Toetsafname,
    Toetsonderdeel,
    Toetsscore,
)
from uwlr.namespaces import AUT, DEFAULT_XSDVERSIE, LG, LR, OSO, SOAP_ENV, XSI

__all__ = [
    "IssueKind",
    "ParseError",
    "ParseWarning",
    "Parsed",
    "parse",
    "parse_as",
    "parse_autorisatie",
    "parse_autorisatie_with_warnings",
    "parse_with_warnings",
]

log = logging.getLogger(__name__)

T = TypeVar("T")
M = TypeVar("M", bound=Message)
V = TypeVar("V", bound=LeerlinggegevensVerzoek)


class IssueKind(StrEnum):
    """What is wrong: the ``kind`` of a warning or error."""

    UNKNOWN_ELEMENT = "onbekend-element"
    WRONG_NAMESPACE = "verkeerde-namespace"
    MISPLACED = "verkeerde-volgorde"
    DUPLICATE = "dubbel"
    EMPTY = "leeg"
    MISSING = "ontbreekt"
    CONFLICT = "tegenstrijdig"
    UNKNOWN_ATTRIBUTE = "onbekend-attribuut"
    STRAY_TEXT = "losse-tekst"
    UNSUPPORTED = "niet-ondersteund"
    BAD_VALUE = "ongeldige-waarde"
    UNKNOWN_ROOT = "onbekend-bericht"


@dataclass(frozen=True, slots=True)
class ParseWarning:
    """Something odd in the input that was read anyway (or skipped, as the message says)."""

    path: str
    line: int | None
    message: str
    kind: IssueKind

    def __str__(self) -> str:
        where = f" (regel {self.line})" if self.line is not None else ""
        return f"{self.path}{where}: {self.message}"


class ParseError(ValueError):
    """The input cannot be read as the UWLR message it claims to be."""

    def __init__(self, message: str, *, path: str, line: int | None, kind: IssueKind) -> None:
        self.path = path
        self.line = line
        self.kind = kind
        self.reason = message
        where = f", regel {line}" if line is not None else ""
        super().__init__(f"{message} ({path}{where})")


@dataclass(frozen=True, slots=True)
class Parsed(Generic[T]):
    """A parsed message with the warnings met on the way."""

    message: T
    warnings: list[ParseWarning] = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# Value conversion (raise ValueError with a Dutch reason)

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:Z|[+-]\d{2}:\d{2})?", re.ASCII)
_DATETIME = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?", re.ASCII
)
_INTEGER = re.compile(r"[+-]?\d+", re.ASCII)
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)", re.ASCII)


def _as_date(text: str) -> dt.date:
    value = text.strip()
    if _DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            pass
    raise ValueError(f"{_show(text)} is geen geldige datum (verwacht JJJJ-MM-DD)")


def _as_datetime(text: str) -> dt.datetime:
    value = text.strip()
    if _DATETIME.fullmatch(value):
        try:
            return dt.datetime.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(
        f"{_show(text)} is geen geldige datum-tijd (verwacht JJJJ-MM-DDTuu:mm:ss, eventueel met zone)"
    )


def _as_int(text: str) -> int:
    value = text.strip()
    if not _INTEGER.fullmatch(value):
        raise ValueError(f"{_show(text)} is geen geheel getal")
    return int(value)


def _as_non_negative(text: str) -> int:
    value = _as_int(text)
    if value < 0:
        raise ValueError(f"{_show(text)} is negatief; verwacht een geheel getal vanaf 0")
    return value


def _as_positive(text: str) -> int:
    value = _as_int(text)
    if value < 1:
        raise ValueError(f"{_show(text)} is geen positief geheel getal")
    return value


def _as_decimal(text: str) -> Decimal:
    value = text.strip()
    if _DECIMAL.fullmatch(value):
        try:
            return Decimal(value)
        except InvalidOperation:  # pragma: no cover - the pattern already excludes this
            pass
    raise ValueError(f"{_show(text)} is geen decimaal getal (verwacht bijvoorbeeld 12.5)")


def _as_str(text: str) -> str:
    return text


def _show(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:37] + "...")


# --------------------------------------------------------------------------------------------
# Layouts: which children a type has, in which order


@dataclass(frozen=True, slots=True)
class _Slot:
    position: int
    namespace: str
    repeat: bool


@dataclass(frozen=True, slots=True)
class _Layout:
    namespace: str
    slots: dict[str, _Slot]
    unsupported: frozenset[str]
    attributes: frozenset[str]


def _layout(namespace: str, order: str, *, unsupported: str = "", attributes: str = "") -> _Layout:
    """``order``: child names in contract order; ``a|b`` share a place, ``x*`` may repeat."""
    slots: dict[str, _Slot] = {}
    for position, entry in enumerate(order.split()):
        repeat = entry.endswith("*")
        for local in entry.rstrip("*").split("|"):
            slots[local] = _Slot(position, namespace, repeat)
    return _Layout(namespace, slots, frozenset(unsupported.split()), frozenset(attributes.split()))


_NAMES = "achternaam voorvoegsel voornamen voorletters-1 roepnaam"
_VERZOEK_BASIS = (
    "schooljaar brincode dependancecode schoolkey xsdversie gegevenssetid laatstontvangengegevens"
)

_L_VERZOEK: Final = _layout(LG, _VERZOEK_BASIS)
_L_VERZOEK_GROEPEN: Final = _layout(LG, _VERZOEK_BASIS + " groepen")
_L_GROEP_REFS: Final = _layout(LG, "groep|samengestelde_groep*")
_L_REF: Final = _layout(LG, "", attributes="key")
_L_LEERKRACHT_REF: Final = _layout(LG, "", unsupported="rol rolomschrijving", attributes="key")
_L_EMPTY: Final = _layout(LG, "")
_L_SCHOOL: Final = _layout(
    LG,
    "schooljaar peildatum brincode dependancecode schoolkey aanmaakdatum auteur xsdversie "
    "commentaar",
    unsupported="instellingsnummer toevoegingen",
)
_L_GEGEVENS: Final = _layout(
    LG, "school groepen leerlingen leerkrachten", unsupported="vestigingen"
)
_L_STRUCTUUR: Final = _layout(LG, "school groepen", unsupported="vestigingen")
_L_GEGEVENS_LEERLINGEN: Final = _layout(LG, "school leerlingen")
_L_GEGEVENS_LEERKRACHTEN: Final = _layout(LG, "school leerkrachten")
_L_GROEPEN: Final = _layout(LG, "groep|samengestelde_groep*")
_L_GROEP: Final = _layout(
    LG, "naam jaargroep omschrijving mutatiedatum", unsupported="toevoegingen", attributes="key"
)
_L_SAMENGESTELDE_GROEP: Final = _layout(
    LG, "naam omschrijving mutatiedatum", unsupported="toevoegingen", attributes="key"
)
_L_LEERLINGEN: Final = _layout(LG, "leerling*")
_L_LEERLING: Final = _layout(
    LG,
    f"{_NAMES} geboortedatum geslacht jaargroep groep samengestelde_groepen gebruikersnaam "
    "emailadres mutatiedatum",
    unsupported=(
        "start_ondw_jgr3 vestiging fotourl etniciteit land land_vader land_moeder sofinummer bsn "
        "onderwijsnummer bsn_ondwnr-4 rijksregisternummer gewicht_nieuw gewicht postcodenl "
        "postnummerbe postcodeoverig instroomdatum uitstroomdatum toevoegingen"
    ),
    attributes="key eckid",
)
_L_SAMENGESTELDE_REFS: Final = _layout(LG, "samengestelde_groep*")
_L_LEERKRACHTEN: Final = _layout(LG, "leerkracht*")
_L_LEERKRACHT: Final = _layout(
    LG,
    f"{_NAMES} gebruikersnaam emailadres rol* groepen mutatiedatum",
    unsupported="rolomschrijving toevoegingen",
    attributes="key eckid",
)
_L_AUTORISATIE: Final = _layout(AUT, "autorisatiesleutel klantcode klantnaam")

_L_RESULTATEN_VERZOEK: Final = _layout(LR, "school toetsafnames toetsen")
_L_RESULTATEN_SCHOOL: Final = _layout(
    LR, "schooljaar brincode dependancecode schoolkey aanmaakdatum auteur xsdversie commentaar"
)
_L_TOETSAFNAMES: Final = _layout(LR, "toetsafname*")
_L_TOETSAFNAME: Final = _layout(LR, "leerlingid eckid resultaatverwerkerid resultaten")
_L_RESULTATEN: Final = _layout(LR, "resultaat*")
_L_RESULTAAT: Final = _layout(
    LR,
    "afnamedatum toetscode versie toetsonderdeelcode score|osoresultaat infourl",
    unsupported="anderresultaat",
    attributes="key",
)
_L_OSORESULTAAT: Final = _layout(OSO, "toetsscore referentiescore*")
_L_TOETSSCORE: Final = _layout(
    OSO,
    "aantalopgaven aantalgoed aantalfout vaardigheidsscore codevaardigheidsschaal",
    unsupported="aantalgelezen tijd betrouwbaarheidsinterval",
)
_L_REFERENTIESCORE: Final = _layout(
    OSO, "codereferentiescore codevergelijkingsgroep waarde kwalificatie"
)
_L_TOETSEN: Final = _layout(LR, "toets*")
_L_TOETS: Final = _layout(
    LR,
    "toetscode versie toetsnaam leerjaar vakgebied toetsnormering toetsonderdelen",
    unsupported="toetshierarchie",
)
_L_TOETSONDERDELEN: Final = _layout(LR, "toetsonderdeel*")
_L_TOETSONDERDEEL: Final = _layout(
    LR,
    "toetsonderdeelvolgnummer toetsonderdeelcode toetsonderdeelnaam toetsonderdeelnormering",
)
_L_NORMERING: Final = _layout(LR, "toetscategorie toetsniveau wegingsfactor norm*")
_L_NORM: Final = _layout(
    LR,
    "term omschrijving beginnormwaarde eindnormwaarde",
    unsupported="normkleur schoolcijfer_vanaf schoolcijfer_totenmet",
)

#: Attributes the contract allows (vocabulary binding) but the models do not carry.
_UNSUPPORTED_ATTRIBUTES: Final = frozenset({"vocabulaire", "vocabulairelocatie"})
_IGNORED_ATTRIBUTES: Final = frozenset(
    {f"{{{XSI}}}schemaLocation", f"{{{XSI}}}noNamespaceSchemaLocation"}
)


def _split(tag: str) -> tuple[str, str]:
    if tag[:1] == "{":
        namespace, local = tag[1:].split("}", 1)
        return namespace, local
    return "", tag


def _line(node: etree._Element) -> int | None:
    line = node.sourceline
    return line if isinstance(line, int) else None


def _blank(text: str | None) -> bool:
    return text is None or not text or text.isspace()


# --------------------------------------------------------------------------------------------
# The reader


@dataclass(slots=True)
class _Fields:
    """The recognised children (by local name, with their paths) and attributes of one element."""

    node: etree._Element
    path: str
    found: dict[str, list[tuple[etree._Element, str]]]
    attrs: dict[str, str]


class _Reader:
    __slots__ = ("strict", "warnings")

    def __init__(self, *, strict: bool) -> None:
        self.strict = strict
        self.warnings: list[ParseWarning] = []

    # -- reporting

    def issue(self, kind: IssueKind, node: etree._Element | None, path: str, message: str) -> None:
        line = _line(node) if node is not None else None
        if self.strict and kind is not IssueKind.UNSUPPORTED:
            raise ParseError(message, path=path, line=line, kind=kind)
        self.warnings.append(ParseWarning(path, line, message, kind))

    def fail(
        self, kind: IssueKind, node: etree._Element | None, path: str, message: str
    ) -> NoReturn:
        line = _line(node) if node is not None else None
        raise ParseError(message, path=path, line=line, kind=kind)

    # -- structure

    def fields(self, node: etree._Element, path: str, layout: _Layout) -> _Fields:
        attrs = self._attributes(node, path, layout.attributes)
        if not _blank(node.text):
            self.issue(
                IssueKind.STRAY_TEXT, node, path, "tekst tussen de elementen is overgeslagen"
            )
        found: dict[str, list[tuple[etree._Element, str]]] = {}
        counts: dict[str, int] = {}
        previous: tuple[str, _Slot] | None = None
        slots = layout.slots
        for child in node:
            if not _blank(child.tail):
                self.issue(
                    IssueKind.STRAY_TEXT, child, path, "tekst tussen de elementen is overgeslagen"
                )
            tag = child.tag
            if not isinstance(tag, str):  # comment or processing instruction
                continue
            namespace, local = _split(tag)
            slot = slots.get(local)
            if slot is None:
                self._not_in_layout(child, f"{path}/{local}", namespace, local, layout)
                continue
            if slot.repeat:
                count = counts.get(local, 0) + 1
                counts[local] = count
                child_path = f"{path}/{local}[{count}]"
            else:
                child_path = f"{path}/{local}"
            if namespace != slot.namespace:
                self.issue(
                    IssueKind.WRONG_NAMESPACE,
                    child,
                    child_path,
                    f"element {local} staat in namespace {namespace or '(geen)'!s}, "
                    f"verwacht {slot.namespace}; toch gelezen",
                )
            if previous is not None and slot.position < previous[1].position:
                self.issue(
                    IssueKind.MISPLACED,
                    child,
                    child_path,
                    f"element {local} staat na {previous[0]} maar hoort ervoor; toch gelezen",
                )
            entries = found.get(local)
            if entries is None:
                found[local] = [(child, child_path)]
            elif slot.repeat:
                entries.append((child, child_path))
            else:
                self.issue(
                    IssueKind.DUPLICATE,
                    child,
                    child_path,
                    f"element {local} komt vaker voor; alleen het eerste is gelezen",
                )
                continue
            previous = (local, slot)
        return _Fields(node, path, found, attrs)

    def _not_in_layout(
        self, child: etree._Element, path: str, namespace: str, local: str, layout: _Layout
    ) -> None:
        if local in layout.unsupported and namespace == layout.namespace:
            self.issue(
                IssueKind.UNSUPPORTED,
                child,
                path,
                f"element {local} is geldig maar wordt niet ondersteund; overgeslagen",
            )
        else:
            shown = f"{{{namespace}}}{local}" if namespace else local
            self.issue(
                IssueKind.UNKNOWN_ELEMENT,
                child,
                path,
                f"onbekend element {shown} op deze plek; overgeslagen",
            )

    def _attributes(
        self, node: etree._Element, path: str, allowed: frozenset[str]
    ) -> dict[str, str]:
        attrs: dict[str, str] = {}
        for raw_name, raw_value in node.items():
            name, value = str(raw_name), str(raw_value)
            if name in allowed:
                local = name
            elif name in _IGNORED_ATTRIBUTES:
                continue
            else:
                namespace, local = _split(name)
                if local in allowed:
                    self.issue(
                        IssueKind.WRONG_NAMESPACE,
                        node,
                        path,
                        f"attribuut {local} hoort zonder namespace (was {namespace}); toch gelezen",
                    )
                elif local in _UNSUPPORTED_ATTRIBUTES and not namespace:
                    self.issue(
                        IssueKind.UNSUPPORTED,
                        node,
                        path,
                        f"attribuut {local} is geldig maar wordt niet ondersteund; overgeslagen",
                    )
                    continue
                else:
                    self.issue(
                        IssueKind.UNKNOWN_ATTRIBUTE,
                        node,
                        path,
                        f"onbekend attribuut {name} op {_split(node.tag)[1]}; overgeslagen",
                    )
                    continue
            if _blank(value):
                self.issue(IssueKind.EMPTY, node, path, f"attribuut {local} is leeg")
                continue
            attrs[local] = value
        return attrs

    def first(self, fields: _Fields, local: str) -> tuple[etree._Element, str] | None:
        entries = fields.found.get(local)
        return entries[0] if entries else None

    def container(
        self, fields: _Fields, local: str, layout: _Layout, item: str, *, required: bool
    ) -> list[tuple[etree._Element, str]]:
        """The items of a list element such as ``leerlingen/leerling``; [] when it is absent."""
        entry = self.first(fields, local)
        if entry is None:
            if required:
                self.issue(
                    IssueKind.MISSING,
                    fields.node,
                    f"{fields.path}/{local}",
                    f"verplicht element {local} ontbreekt",
                )
            return []
        node, path = entry
        inner = self.fields(node, path, layout)
        items = [pair for name in item.split("|") for pair in inner.found.get(name, [])]
        if "|" in item:
            items.sort(key=lambda pair: node.index(pair[0]))
        if not items:
            self.issue(
                IssueKind.EMPTY,
                node,
                path,
                f"element {local} bevat geen {item.replace('|', ' of ')}",
            )
        return items

    # -- values

    def value(self, fields: _Fields, local: str, convert: Callable[[str], T]) -> T | None:
        entry = self.first(fields, local)
        if entry is None:
            return None
        return self.read(entry[0], entry[1], local, convert)

    def read(
        self, node: etree._Element, path: str, local: str, convert: Callable[[str], T]
    ) -> T | None:
        """The value of the leaf element ``node``; None (with a warning) when it is empty."""
        if len(node) or node.attrib:
            self._leaf_extras(node, path, local)
        text = node.text
        if text is None or _blank(text):
            self.issue(
                IssueKind.EMPTY, node, path, f"element {local} is leeg; gelezen als ontbrekend"
            )
            return None
        try:
            return convert(text)
        except ValueError as bad:
            self.fail(IssueKind.BAD_VALUE, node, path, f"{local}: {bad}")

    def need(self, fields: _Fields, local: str, convert: Callable[[str], T]) -> T:
        value = self.value(fields, local, convert)
        if value is None:
            entry = self.first(fields, local)
            node = entry[0] if entry else fields.node
            self.fail(
                IssueKind.MISSING,
                node,
                f"{fields.path}/{local}",
                f"verplicht element {local} ontbreekt of is leeg",
            )
        return value

    def _leaf_extras(self, node: etree._Element, path: str, local: str) -> None:
        self._attributes(node, path, frozenset())
        for child in node:
            if isinstance(child.tag, str):
                _, child_local = _split(child.tag)
                self.issue(
                    IssueKind.UNKNOWN_ELEMENT,
                    child,
                    f"{path}/{child_local}",
                    f"onbekend element {child_local} binnen {local}; overgeslagen",
                )

    def empty(self, node: etree._Element, path: str) -> None:
        """An element that must be empty (``geengegevens``, ``leerresultaten_bevestiging``)."""
        if len(node) or node.attrib or not _blank(node.text):
            self.fields(node, path, _L_EMPTY)

    def ref_key(self, node: etree._Element, path: str, layout: _Layout = _L_REF) -> str | None:
        key = self.fields(node, path, layout).attrs.get("key")
        if key is None:
            self.issue(IssueKind.MISSING, node, path, "attribuut key ontbreekt")
        return key


# --------------------------------------------------------------------------------------------
# Leerlinggegevens


def _verzoek(r: _Reader, node: etree._Element, path: str, cls: type[V]) -> V:
    with_groepen = cls in (LeerlingenVerzoek, LeerkrachtenVerzoek)
    f = r.fields(node, path, _L_VERZOEK_GROEPEN if with_groepen else _L_VERZOEK)
    brincode = r.value(f, "brincode", _as_str)
    schoolkey = r.value(f, "schoolkey", _as_str)
    if brincode is not None and schoolkey is not None:
        r.issue(IssueKind.CONFLICT, node, path, "brincode en schoolkey sluiten elkaar uit")
    elif brincode is None and schoolkey is None:
        r.issue(IssueKind.MISSING, node, path, "brincode of schoolkey ontbreekt")
    xsdversie = r.value(f, "xsdversie", _as_str)
    if xsdversie is None:
        r.issue(
            IssueKind.MISSING,
            node,
            f"{path}/xsdversie",
            f"verplicht element xsdversie ontbreekt; {DEFAULT_XSDVERSIE} aangenomen",
        )
        xsdversie = DEFAULT_XSDVERSIE
    verzoek = cls(
        schooljaar=r.need(f, "schooljaar", _as_str),
        brincode=brincode,
        dependancecode=r.value(f, "dependancecode", _as_str),
        schoolkey=schoolkey,
        xsdversie=xsdversie,
        gegevenssetid=r.value(f, "gegevenssetid", _as_str),
        laatstontvangengegevens=r.value(f, "laatstontvangengegevens", _as_datetime),
    )
    if isinstance(verzoek, LeerlingenVerzoek | LeerkrachtenVerzoek):
        refs = r.container(f, "groepen", _L_GROEP_REFS, "groep|samengestelde_groep", required=True)
        verzoek.groepen = [
            GroepRef(
                soort="groep" if _split(ref.tag)[1] == "groep" else "samengestelde_groep",
                key=r.fields(ref, ref_path, _L_REF).attrs.get("key"),
            )
            for ref, ref_path in refs
        ]
    return verzoek


def _school(r: _Reader, fields: _Fields) -> School:
    entry = r.first(fields, "school")
    if entry is None:
        r.fail(
            IssueKind.MISSING,
            fields.node,
            f"{fields.path}/school",
            "verplicht element school ontbreekt",
        )
    f = r.fields(*entry, _L_SCHOOL)
    return School(
        schooljaar=r.need(f, "schooljaar", _as_str),
        brincode=r.value(f, "brincode", _as_str),
        dependancecode=r.value(f, "dependancecode", _as_str),
        schoolkey=r.value(f, "schoolkey", _as_str),
        peildatum=r.value(f, "peildatum", _as_date),
        aanmaakdatum=r.value(f, "aanmaakdatum", _as_datetime),
        auteur=r.value(f, "auteur", _as_str),
        xsdversie=r.value(f, "xsdversie", _as_str),
        commentaar=r.value(f, "commentaar", _as_str),
    )


def _groepen(r: _Reader, fields: _Fields) -> tuple[list[Groep], list[SamengesteldeGroep]]:
    groepen: list[Groep] = []
    samengestelde: list[SamengesteldeGroep] = []
    items = r.container(fields, "groepen", _L_GROEPEN, "groep|samengestelde_groep", required=False)
    for node, path in items:
        if _split(node.tag)[1] == "groep":
            f = r.fields(node, path, _L_GROEP)
            groepen.append(
                Groep(
                    key=_required_key(r, f),
                    naam=r.need(f, "naam", _as_str),
                    jaargroep=r.need(f, "jaargroep", _as_str),
                    omschrijving=r.value(f, "omschrijving", _as_str),
                    mutatiedatum=r.value(f, "mutatiedatum", _as_datetime),
                )
            )
        else:
            f = r.fields(node, path, _L_SAMENGESTELDE_GROEP)
            samengestelde.append(
                SamengesteldeGroep(
                    key=_required_key(r, f),
                    naam=r.need(f, "naam", _as_str),
                    omschrijving=r.value(f, "omschrijving", _as_str),
                    mutatiedatum=r.value(f, "mutatiedatum", _as_datetime),
                )
            )
    return groepen, samengestelde


def _required_key(r: _Reader, f: _Fields) -> str:
    key = f.attrs.get("key")
    if key is None:
        r.fail(IssueKind.MISSING, f.node, f.path, "verplicht attribuut key ontbreekt of is leeg")
    return key


def _person_checks(r: _Reader, f: _Fields, what: str) -> None:
    attrs = f.attrs
    if "key" not in attrs and "eckid" not in attrs:
        r.issue(IssueKind.MISSING, f.node, f.path, f"{what} heeft geen key en geen eckid")
    found = f.found
    if "achternaam" not in found:
        if "roepnaam" not in found:
            r.issue(
                IssueKind.MISSING, f.node, f.path, f"{what} heeft geen achternaam en geen roepnaam"
            )
        elif "voorvoegsel" in found or "voornamen" in found or "voorletters-1" in found:
            r.issue(
                IssueKind.CONFLICT,
                f.node,
                f.path,
                f"{what} heeft voorvoegsel, voornamen of voorletters zonder achternaam",
            )


def _leerling(r: _Reader, node: etree._Element, path: str) -> Leerling:
    f = r.fields(node, path, _L_LEERLING)
    _person_checks(r, f, "leerling")
    groep_entry = r.first(f, "groep")
    samengestelde = r.container(
        f, "samengestelde_groepen", _L_SAMENGESTELDE_REFS, "samengestelde_groep", required=False
    )
    return Leerling(
        key=f.attrs.get("key"),
        eckid=f.attrs.get("eckid"),
        achternaam=r.value(f, "achternaam", _as_str),
        voorvoegsel=r.value(f, "voorvoegsel", _as_str),
        voornamen=r.value(f, "voornamen", _as_str),
        voorletters=r.value(f, "voorletters-1", _as_str),
        roepnaam=r.value(f, "roepnaam", _as_str),
        geboortedatum=r.value(f, "geboortedatum", _as_date),
        geslacht=r.value(f, "geslacht", _as_int),
        jaargroep=r.value(f, "jaargroep", _as_str),
        groep=r.ref_key(*groep_entry) if groep_entry else None,
        samengestelde_groepen=[
            key for key in (r.ref_key(n, p) for n, p in samengestelde) if key is not None
        ],
        gebruikersnaam=r.value(f, "gebruikersnaam", _as_str),
        emailadres=r.value(f, "emailadres", _as_str),
        mutatiedatum=r.value(f, "mutatiedatum", _as_datetime),
    )


def _leerkracht(r: _Reader, node: etree._Element, path: str) -> Leerkracht:
    f = r.fields(node, path, _L_LEERKRACHT)
    _person_checks(r, f, "leerkracht")
    rollen: list[str] = []
    for rol_node, rol_path in f.found.get("rol", []):
        rol = r.read(rol_node, rol_path, "rol", _as_str)
        if rol is not None:
            rollen.append(rol)
    groepen: list[LeerkrachtGroep] = []
    refs = r.container(f, "groepen", _L_GROEP_REFS, "groep|samengestelde_groep", required=False)
    for ref, ref_path in refs:
        key = r.ref_key(ref, ref_path, _L_LEERKRACHT_REF)
        if key is not None:
            soort = _split(ref.tag)[1]
            groepen.append(
                LeerkrachtGroep(
                    soort="groep" if soort == "groep" else "samengestelde_groep", key=key
                )
            )
    return Leerkracht(
        key=f.attrs.get("key"),
        eckid=f.attrs.get("eckid"),
        achternaam=r.value(f, "achternaam", _as_str),
        voorvoegsel=r.value(f, "voorvoegsel", _as_str),
        voornamen=r.value(f, "voornamen", _as_str),
        voorletters=r.value(f, "voorletters-1", _as_str),
        roepnaam=r.value(f, "roepnaam", _as_str),
        gebruikersnaam=r.value(f, "gebruikersnaam", _as_str),
        emailadres=r.value(f, "emailadres", _as_str),
        rollen=rollen,
        groepen=groepen,
        mutatiedatum=r.value(f, "mutatiedatum", _as_datetime),
    )


def _leerlingen(r: _Reader, fields: _Fields) -> list[Leerling]:
    items = r.container(fields, "leerlingen", _L_LEERLINGEN, "leerling", required=True)
    return [_leerling(r, node, path) for node, path in items]


def _leerkrachten(r: _Reader, fields: _Fields) -> list[Leerkracht]:
    items = r.container(fields, "leerkrachten", _L_LEERKRACHTEN, "leerkracht", required=False)
    return [_leerkracht(r, node, path) for node, path in items]


def _status(
    r: _Reader, node: etree._Element, path: str, data_local: str
) -> tuple[GegevensStatus, tuple[etree._Element, str] | None]:
    """Which of the three choices an answer holds, and the data element if it is data."""
    layout = _layout(LG, f"{data_local}|geenwijzigingen|geengegevens")
    f = r.fields(node, path, layout)
    present = [
        local for local in (data_local, "geenwijzigingen", "geengegevens") if local in f.found
    ]
    if not present:
        r.fail(
            IssueKind.MISSING,
            node,
            path,
            f"antwoord is leeg: verwacht {data_local}, geenwijzigingen of geengegevens",
        )
    if len(present) > 1:
        r.issue(
            IssueKind.CONFLICT,
            node,
            path,
            f"antwoord bevat zowel {' als '.join(present)}; alleen {present[0]} is gelezen",
        )
    chosen = f.found[present[0]][0]
    if present[0] == data_local:
        return GegevensStatus.GEGEVENS, chosen
    r.empty(*chosen)
    return GegevensStatus(present[0]), None


def _leerlinggegevens_antwoord(
    r: _Reader, node: etree._Element, path: str
) -> LeerlinggegevensAntwoord:
    status, data = _status(r, node, path, "leerlinggegevens")
    if data is None:
        return LeerlinggegevensAntwoord(status=status)
    f = r.fields(*data, _L_GEGEVENS)
    school = _school(r, f)
    groepen, samengestelde = _groepen(r, f)
    gegevens = Leerlinggegevens(
        school=school,
        groepen=groepen,
        samengestelde_groepen=samengestelde,
        leerlingen=_leerlingen(r, f),
        leerkrachten=_leerkrachten(r, f),
    )
    return LeerlinggegevensAntwoord(status=status, gegevens=gegevens)


def _structuur_antwoord(r: _Reader, node: etree._Element, path: str) -> StructuurAntwoord:
    status, data = _status(r, node, path, "leerlinggegevens-structuur")
    if data is None:
        return StructuurAntwoord(status=status)
    f = r.fields(*data, _L_STRUCTUUR)
    school = _school(r, f)
    groepen, samengestelde = _groepen(r, f)
    return StructuurAntwoord(
        status=status, school=school, groepen=groepen, samengestelde_groepen=samengestelde
    )


def _leerlingen_antwoord(r: _Reader, node: etree._Element, path: str) -> LeerlingenAntwoord:
    status, data = _status(r, node, path, "leerlinggegevens-leerlingen")
    if data is None:
        return LeerlingenAntwoord(status=status)
    f = r.fields(*data, _L_GEGEVENS_LEERLINGEN)
    school = _school(r, f)
    return LeerlingenAntwoord(status=status, school=school, leerlingen=_leerlingen(r, f))


def _leerkrachten_antwoord(r: _Reader, node: etree._Element, path: str) -> LeerkrachtenAntwoord:
    status, data = _status(r, node, path, "leerlinggegevens-leerkrachten")
    if data is None:
        return LeerkrachtenAntwoord(status=status)
    f = r.fields(*data, _L_GEGEVENS_LEERKRACHTEN)
    school = _school(r, f)
    return LeerkrachtenAntwoord(status=status, school=school, leerkrachten=_leerkrachten(r, f))


# --------------------------------------------------------------------------------------------
# Leerresultaten


def _resultaten_school(r: _Reader, fields: _Fields) -> ResultatenSchool:
    entry = r.first(fields, "school")
    if entry is None:
        r.fail(
            IssueKind.MISSING,
            fields.node,
            f"{fields.path}/school",
            "verplicht element school ontbreekt",
        )
    f = r.fields(*entry, _L_RESULTATEN_SCHOOL)
    brincode = r.value(f, "brincode", _as_str)
    schoolkey = r.value(f, "schoolkey", _as_str)
    if brincode is not None and schoolkey is not None:
        r.issue(IssueKind.CONFLICT, f.node, f.path, "brincode en schoolkey sluiten elkaar uit")
    elif brincode is None and schoolkey is None:
        r.issue(IssueKind.MISSING, f.node, f.path, "brincode of schoolkey ontbreekt")
    xsdversie = r.value(f, "xsdversie", _as_str)
    if xsdversie is None:
        r.issue(
            IssueKind.MISSING,
            f.node,
            f"{f.path}/xsdversie",
            f"verplicht element xsdversie ontbreekt; {DEFAULT_XSDVERSIE} aangenomen",
        )
        xsdversie = DEFAULT_XSDVERSIE
    return ResultatenSchool(
        schooljaar=r.need(f, "schooljaar", _as_str),
        aanmaakdatum=r.need(f, "aanmaakdatum", _as_datetime),
        brincode=brincode,
        dependancecode=r.value(f, "dependancecode", _as_str),
        schoolkey=schoolkey,
        auteur=r.value(f, "auteur", _as_str),
        xsdversie=xsdversie,
        commentaar=r.value(f, "commentaar", _as_str),
    )


def _osoresultaat(r: _Reader, node: etree._Element, path: str) -> OsoResultaat:
    f = r.fields(node, path, _L_OSORESULTAAT)
    toetsscore: Toetsscore | None = None
    entry = r.first(f, "toetsscore")
    if entry is not None:
        s = r.fields(*entry, _L_TOETSSCORE)
        toetsscore = Toetsscore(
            aantalopgaven=r.value(s, "aantalopgaven", _as_int),
            aantalgoed=r.value(s, "aantalgoed", _as_int),
            aantalfout=r.value(s, "aantalfout", _as_int),
            vaardigheidsscore=r.value(s, "vaardigheidsscore", _as_decimal),
            codevaardigheidsschaal=r.value(s, "codevaardigheidsschaal", _as_str),
        )
    referentiescores = []
    for ref_node, ref_path in f.found.get("referentiescore", []):
        g = r.fields(ref_node, ref_path, _L_REFERENTIESCORE)
        referentiescores.append(
            Referentiescore(
                codereferentiescore=r.need(g, "codereferentiescore", _as_str),
                codevergelijkingsgroep=r.need(g, "codevergelijkingsgroep", _as_str),
                waarde=r.need(g, "waarde", _as_str),
                kwalificatie=r.value(g, "kwalificatie", _as_str),
            )
        )
    return OsoResultaat(toetsscore=toetsscore, referentiescores=referentiescores)


def _resultaat(r: _Reader, node: etree._Element, path: str) -> Resultaat:
    f = r.fields(node, path, _L_RESULTAAT)
    oso_entry = r.first(f, "osoresultaat")
    if "score" in f.found and oso_entry is not None:
        r.issue(IssueKind.CONFLICT, node, path, "resultaat heeft zowel score als osoresultaat")
    elif "score" not in f.found and oso_entry is None:
        anders = any(
            _split(child.tag)[1] == "anderresultaat" for child in node if isinstance(child.tag, str)
        )
        if not anders:
            r.issue(IssueKind.MISSING, node, path, "resultaat zonder score of osoresultaat")
    return Resultaat(
        key=_required_key(r, f),
        afnamedatum=r.need(f, "afnamedatum", _as_date),
        toetscode=r.need(f, "toetscode", _as_str),
        versie=r.value(f, "versie", _as_str),
        toetsonderdeelcode=r.value(f, "toetsonderdeelcode", _as_str),
        score=r.value(f, "score", _as_non_negative),
        osoresultaat=_osoresultaat(r, *oso_entry) if oso_entry else None,
        infourl=r.value(f, "infourl", _as_str),
    )


def _toetsafname(r: _Reader, node: etree._Element, path: str) -> Toetsafname:
    f = r.fields(node, path, _L_TOETSAFNAME)
    leerlingid = r.need(f, "leerlingid", _as_str)
    items = r.container(f, "resultaten", _L_RESULTATEN, "resultaat", required=True)
    return Toetsafname(
        leerlingid=leerlingid,
        eckid=r.value(f, "eckid", _as_str),
        resultaatverwerkerid=r.value(f, "resultaatverwerkerid", _as_str),
        resultaten=[_resultaat(r, n, p) for n, p in items],
    )


def _normering(r: _Reader, fields: _Fields, local: str) -> Normering | None:
    entry = r.first(fields, local)
    if entry is None:
        return None
    f = r.fields(*entry, _L_NORMERING)
    if "norm" not in f.found:
        r.issue(IssueKind.MISSING, f.node, f.path, f"{local} heeft geen norm")
    normen = []
    for norm_node, norm_path in f.found.get("norm", []):
        n = r.fields(norm_node, norm_path, _L_NORM)
        normen.append(
            Norm(
                term=r.need(n, "term", _as_str),
                omschrijving=r.value(n, "omschrijving", _as_str),
                beginnormwaarde=r.need(n, "beginnormwaarde", _as_non_negative),
                eindnormwaarde=r.need(n, "eindnormwaarde", _as_non_negative),
            )
        )
    return Normering(
        normen=normen,
        toetscategorie=r.value(f, "toetscategorie", _as_str),
        toetsniveau=r.value(f, "toetsniveau", _as_str),
        wegingsfactor=r.value(f, "wegingsfactor", _as_decimal),
    )


def _toets(r: _Reader, node: etree._Element, path: str) -> Toets:
    f = r.fields(node, path, _L_TOETS)
    onderdelen = []
    items = r.container(f, "toetsonderdelen", _L_TOETSONDERDELEN, "toetsonderdeel", required=False)
    for onderdeel_node, onderdeel_path in items:
        o = r.fields(onderdeel_node, onderdeel_path, _L_TOETSONDERDEEL)
        onderdelen.append(
            Toetsonderdeel(
                volgnummer=r.need(o, "toetsonderdeelvolgnummer", _as_positive),
                code=r.need(o, "toetsonderdeelcode", _as_str),
                naam=r.value(o, "toetsonderdeelnaam", _as_str),
                normering=_normering(r, o, "toetsonderdeelnormering"),
            )
        )
    return Toets(
        toetscode=r.need(f, "toetscode", _as_str),
        versie=r.value(f, "versie", _as_str),
        toetsnaam=r.value(f, "toetsnaam", _as_str),
        leerjaar=r.value(f, "leerjaar", _as_str),
        vakgebied=r.value(f, "vakgebied", _as_str),
        toetsnormering=_normering(r, f, "toetsnormering"),
        toetsonderdelen=onderdelen,
    )


def _leerresultaten_verzoek(r: _Reader, node: etree._Element, path: str) -> LeerresultatenVerzoek:
    f = r.fields(node, path, _L_RESULTATEN_VERZOEK)
    school = _resultaten_school(r, f)
    afnames = r.container(f, "toetsafnames", _L_TOETSAFNAMES, "toetsafname", required=True)
    toetsen = r.container(f, "toetsen", _L_TOETSEN, "toets", required=True)
    return LeerresultatenVerzoek(
        school=school,
        toetsafnames=[_toetsafname(r, n, p) for n, p in afnames],
        toetsen=[_toets(r, n, p) for n, p in toetsen],
    )


def _leerresultaten_bevestiging(
    r: _Reader, node: etree._Element, path: str
) -> LeerresultatenBevestiging:
    r.empty(node, path)
    return LeerresultatenBevestiging()


# --------------------------------------------------------------------------------------------
# Dispatch and public API

_ROOTS: Final[
    dict[str, tuple[type[Message], Callable[[_Reader, etree._Element, str], Message]]]
] = {
    f"{{{LG}}}leerlinggegevens_verzoek": (
        LeerlinggegevensVerzoek,
        lambda r, n, p: _verzoek(r, n, p, LeerlinggegevensVerzoek),
    ),
    f"{{{LG}}}structuur_verzoek": (
        StructuurVerzoek,
        lambda r, n, p: _verzoek(r, n, p, StructuurVerzoek),
    ),
    f"{{{LG}}}leerlingen_verzoek": (
        LeerlingenVerzoek,
        lambda r, n, p: _verzoek(r, n, p, LeerlingenVerzoek),
    ),
    f"{{{LG}}}leerkrachten_verzoek": (
        LeerkrachtenVerzoek,
        lambda r, n, p: _verzoek(r, n, p, LeerkrachtenVerzoek),
    ),
    f"{{{LG}}}leerlinggegevens_antwoord": (LeerlinggegevensAntwoord, _leerlinggegevens_antwoord),
    f"{{{LG}}}structuur_antwoord": (StructuurAntwoord, _structuur_antwoord),
    f"{{{LG}}}leerlingen_antwoord": (LeerlingenAntwoord, _leerlingen_antwoord),
    f"{{{LG}}}leerkrachten_antwoord": (LeerkrachtenAntwoord, _leerkrachten_antwoord),
    f"{{{LR}}}leerresultaten_verzoek": (LeerresultatenVerzoek, _leerresultaten_verzoek),
    f"{{{LR}}}leerresultaten_bevestiging": (LeerresultatenBevestiging, _leerresultaten_bevestiging),
}
_ROOT_OF: Final[dict[type, str]] = {cls: tag for tag, (cls, _) in _ROOTS.items()}


def _unknown_root(element: etree._Element) -> NoReturn:
    tag = element.tag if isinstance(element.tag, str) else repr(element.tag)
    namespace, local = _split(tag)
    hint = ""
    if tag == f"{{{SOAP_ENV}}}Envelope":
        hint = "; pak eerst de SOAP-body uit (uwlr.envelope)"
    elif tag == f"{{{AUT}}}autorisatie":
        hint = "; gebruik parse_autorisatie voor de SOAP-header"
    else:
        for known in _ROOTS:
            known_namespace, known_local = _split(known)
            if known_local == local:
                hint = f"; verwacht namespace {known_namespace}"
                break
    raise ParseError(
        f"onbekend UWLR-bericht {tag}{hint}",
        path=f"/{local}",
        line=_line(element),
        kind=IssueKind.UNKNOWN_ROOT,
    )


def parse_with_warnings(element: etree._Element, *, strict: bool = False) -> Parsed[Message]:
    """Parse the body root ``element`` (any message of :mod:`uwlr.models`) with its warnings.

    Raises :class:`ParseError` for an unknown root, an unreadable value, a missing required
    element, and (with ``strict``) for anything that would otherwise be a warning.
    """
    entry = _ROOTS.get(element.tag) if isinstance(element.tag, str) else None
    if entry is None:
        _unknown_root(element)
    reader = _Reader(strict=strict)
    message = entry[1](reader, element, f"/{_split(element.tag)[1]}")
    return Parsed(message, reader.warnings)


def parse_as(element: etree._Element, kind: type[M], *, strict: bool = False) -> Parsed[M]:
    """Like :func:`parse_with_warnings`, but the root must be the message ``kind``."""
    expected = _ROOT_OF.get(kind)
    if expected is None:
        raise TypeError(f"{kind.__name__} is geen UWLR-bericht")
    if element.tag != expected:
        tag = element.tag if isinstance(element.tag, str) else repr(element.tag)
        raise ParseError(
            f"verwacht bericht {_split(expected)[1]}, maar kreeg {tag}",
            path=f"/{_split(tag)[1]}",
            line=_line(element),
            kind=IssueKind.UNKNOWN_ROOT,
        )
    parsed = parse_with_warnings(element, strict=strict)
    message = parsed.message
    assert isinstance(message, kind)
    return Parsed(message, parsed.warnings)


def parse(element: etree._Element, *, strict: bool = False) -> Message:
    """The message in ``element``; warnings are logged on the ``uwlr.parse`` logger."""
    parsed = parse_with_warnings(element, strict=strict)
    _log(parsed.warnings)
    return parsed.message


def parse_autorisatie_with_warnings(
    element: etree._Element, *, strict: bool = False
) -> Parsed[Autorisatie]:
    """The ``aut:autorisatie`` header with its warnings; every part is required."""
    if element.tag != f"{{{AUT}}}autorisatie":
        tag = element.tag if isinstance(element.tag, str) else repr(element.tag)
        raise ParseError(
            f"verwacht {{{AUT}}}autorisatie, maar kreeg {tag}",
            path=f"/{_split(tag)[1]}",
            line=_line(element),
            kind=IssueKind.UNKNOWN_ROOT,
        )
    reader = _Reader(strict=strict)
    f = reader.fields(element, "/autorisatie", _L_AUTORISATIE)
    autorisatie = Autorisatie(
        autorisatiesleutel=reader.need(f, "autorisatiesleutel", _as_str),
        klantcode=reader.need(f, "klantcode", _as_str),
        klantnaam=reader.need(f, "klantnaam", _as_str),
    )
    return Parsed(autorisatie, reader.warnings)


def parse_autorisatie(element: etree._Element, *, strict: bool = False) -> Autorisatie:
    """The ``aut:autorisatie`` header; warnings are logged on the ``uwlr.parse`` logger."""
    parsed = parse_autorisatie_with_warnings(element, strict=strict)
    _log(parsed.warnings)
    return parsed.message


def _log(warnings: list[ParseWarning]) -> None:
    for warning in warnings:
        log.warning("UWLR-bericht: %s", warning)
