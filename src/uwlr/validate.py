"""Validate UWLR 2.x messages against our own contract, plus the rules an XSD cannot express.

:func:`validate` takes a SOAP 1.1 envelope or a bare message (any request or answer, a Fault, or the
``aut:autorisatie`` header) and returns a list of :class:`ValidationIssue`; empty means valid.
Beyond the XSD it checks that ``schooljaar`` spans two consecutive years, that ``xsdversie`` is one
we support (reported with kind ``"xsdversie"`` so a server can answer ``Client.XsdVersieOngeldig``),
and that a leerling or leerkracht has a ``key`` unless it is a 2.3 message and an ``eckid`` is given.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Literal, cast

from lxml import etree

from uwlr.namespaces import AUT, LG, LR, SOAP_ENV, SUPPORTED_XSDVERSIES, qname
from uwlr.safexml import XmlInputError, parse_xml
from uwlr.shared_lxml import compile_schema, once_per_key

__all__ = [
    "CONTRACT_XSDS",
    "MESSAGE_ROOTS",
    "Contract",
    "ContractValidator",
    "IssueKind",
    "SchemaError",
    "ValidationIssue",
    "contract_dir",
    "is_valid",
    "load_contract",
    "validate",
    "validate_bytes",
]

IssueKind = Literal["schema", "xsdversie", "semantic"]

#: The schemas compiled together (``oso.xsd`` comes in through ``leerresultaten.xsd``).
CONTRACT_XSDS: Final = (
    "soap-envelope.xsd",
    "autorisatie.xsd",
    "leerlinggegevens.xsd",
    "leerresultaten.xsd",
)

_LG_MESSAGES: Final = ("leerlinggegevens", "structuur", "leerlingen", "leerkrachten")

#: Every element that may be the one child of a SOAP Body.
MESSAGE_ROOTS: Final = frozenset(
    {qname(LG, f"{name}_{kind}") for name in _LG_MESSAGES for kind in ("verzoek", "antwoord")}
    | {
        qname(LR, "leerresultaten_verzoek"),
        qname(LR, "leerresultaten_bevestiging"),
        qname(SOAP_ENV, "Fault"),
    }
)

_HEADER_ROOT: Final = qname(AUT, "autorisatie")
_ENVELOPE: Final = qname(SOAP_ENV, "Envelope")
_BODY: Final = qname(SOAP_ENV, "Body")
_SCHOOLJAAR: Final = re.compile(r"([12][0-9]{3})-([12][0-9]{3})")
_CLARK: Final = re.compile(r"\{[^{}\s]*:[^{}\s]*\}")  # {uri}name, not a pattern's {2}
_SEGMENT: Final = re.compile(r"^(?P<name>[^\[]+)(?:\[(?P<index>\d+)\])?$")
_ECKID_ONLY_FROM: Final = (2, 3)


@dataclass(frozen=True, slots=True)
class ValidationIssue:
    """One thing wrong with a message.

    ``path`` names the element by local names from the root, with a 1-based index where siblings
    share a name (``/Envelope/Body/leerlinggegevens_verzoek/brincode``); ``line`` is its source line.
    """

    path: str
    line: int | None
    message: str
    kind: IssueKind

    def __str__(self) -> str:
        where = f"regel {self.line}, " if self.line is not None else ""
        return f"{where}{self.path}: {self.message}"


@dataclass(frozen=True, slots=True)
class SchemaError:
    """One libxml2 error as reported: its XPath-like ``path`` (None for keyrefs), line, message."""

    path: str | None
    line: int | None
    message: str


@dataclass(frozen=True)
class Contract:
    """Our compiled contract: one XMLSchema over all our XSDs, safe to share between threads."""

    folder: Path
    schema: etree.XMLSchema
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def path(self, name: str) -> Path:
        """A contract file by name, e.g. ``leerlinggegevens.wsdl``."""
        return self.folder / name

    def schema_errors(self, element: etree._Element) -> list[SchemaError]:
        """The XSD errors of ``element`` (validated as a root), in document order."""
        with self._lock:
            if self.schema.validate(element):
                return []
            entries = cast("Iterable[Any]", self.schema.error_log)
            return [SchemaError(e.path or None, e.line or None, e.message) for e in entries]


def contract_dir() -> Path:
    """The folder holding our XSD and WSDL files (package data of :mod:`uwlr.contract`)."""
    return Path(__file__).resolve().parent / "contract"


@once_per_key
def load_contract() -> Contract:
    """Compile our contract once (also when many threads ask at once); later calls return the
    same object."""
    folder = contract_dir()
    imports = "".join(
        f'<xs:import namespace="{_target_namespace(folder / name)}" '
        f'schemaLocation="{(folder / name).as_uri()}"/>'
        for name in CONTRACT_XSDS
    )
    wrapper = f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>'
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    doc = etree.fromstring(wrapper.encode(), parser, base_url=folder.as_uri() + "/")
    return Contract(folder=folder, schema=compile_schema(etree.ElementTree(doc)))


def _target_namespace(path: Path) -> str:
    namespace = etree.parse(str(path)).getroot().get("targetNamespace")
    if namespace is None:  # pragma: no cover - every contract file declares one
        raise ValueError(f"{path.name} declares no targetNamespace")
    return namespace


class ContractValidator:
    """Validates documents against a :class:`Contract` (by default the cached one)."""

    def __init__(self, contract: Contract | None = None) -> None:
        self.contract = contract if contract is not None else load_contract()

    def validate(
        self,
        document: etree._Element | etree._ElementTree,
        *,
        xsdversie: str | None = None,
    ) -> list[ValidationIssue]:
        """Every issue in ``document``; empty when it is valid.

        ``xsdversie`` is the version to assume when the message does not state one itself (an
        answer whose ``school`` has no ``xsdversie``), e.g. the version of the request.
        """
        root = document.getroot() if isinstance(document, etree._ElementTree) else document
        if root.tag == _ENVELOPE:
            issues = self._envelope_issues(root)
            body = root.find(_BODY)
            messages = (
                [el for el in _children(body) if el.tag in MESSAGE_ROOTS]
                if body is not None
                else []
            )
        elif root.tag in MESSAGE_ROOTS or root.tag == _HEADER_ROOT:
            issues = [
                self._schema_issue(root, entry) for entry in self.contract.schema_errors(root)
            ]
            messages = [root]
        else:
            return [
                ValidationIssue(
                    path=_readable_path(root, root),
                    line=_line(root),
                    message=(
                        f"Element '{etree.QName(root).localname}' is geen UWLR-bericht, "
                        "geen SOAP-envelope en geen autorisatieheader"
                    ),
                    kind="schema",
                )
            ]
        for message in messages:
            issues += _semantic_issues(message, root, xsdversie)
        return sorted(issues, key=lambda issue: issue.line or 0)

    def validate_bytes(self, data: bytes, *, xsdversie: str | None = None) -> list[ValidationIssue]:
        """Parse ``data`` with the hardened parser, then :meth:`validate` it."""
        try:
            root = parse_xml(data)
        except XmlInputError as exc:
            return [ValidationIssue(path="/", line=exc.line, message=str(exc), kind="schema")]
        return self.validate(root, xsdversie=xsdversie)

    def is_valid(
        self, document: etree._Element | etree._ElementTree, *, xsdversie: str | None = None
    ) -> bool:
        """True when :meth:`validate` finds nothing."""
        return not self.validate(document, xsdversie=xsdversie)

    def _envelope_issues(self, envelope: etree._Element) -> list[ValidationIssue]:
        issues: list[ValidationIssue] = []
        misplaced: list[etree._Element] = []
        body = envelope.find(_BODY)
        if body is not None:
            misplaced = [el for el in _children(body) if el.tag not in MESSAGE_ROOTS]
        for entry in self.contract.schema_errors(envelope):
            issue = self._schema_issue(envelope, entry)
            if not any(_is_within(issue.path, _readable_path(el, envelope)) for el in misplaced):
                issues.append(issue)
        for el in misplaced:
            issues.append(
                ValidationIssue(
                    path=_readable_path(el, envelope),
                    line=_line(el),
                    message=(
                        f"Element '{etree.QName(el).localname}' hoort niet in de SOAP Body: "
                        "verwacht een UWLR-bericht of een soap:Fault"
                    ),
                    kind="schema",
                )
            )
        return issues

    @staticmethod
    def _schema_issue(root: etree._Element, entry: SchemaError) -> ValidationIssue:
        message = _CLARK.sub("", entry.message)
        node = _resolve(root, entry.path) if entry.path else _by_line(root, entry)
        if node is None:
            path = re.sub(r"[^/\[\]:]+:", "", entry.path or "/")
            kind: IssueKind = "xsdversie" if path.endswith("/xsdversie") else "schema"
            return ValidationIssue(path=path, line=entry.line or None, message=message, kind=kind)
        is_version = etree.QName(node).localname == "xsdversie"
        return ValidationIssue(
            path=_readable_path(node, root),
            line=entry.line or _line(node),
            message=message,
            kind="xsdversie" if is_version else "schema",
        )


# --------------------------------------------------------------------------------------------
# Checks beyond the XSD


def _semantic_issues(
    message: etree._Element, top: etree._Element, assumed_xsdversie: str | None
) -> list[ValidationIssue]:
    issues: list[ValidationIssue] = []
    stated: str | None = None
    for el in message.iter(*_XSDVERSIE_TAGS):
        value = el.text or ""
        stated = stated if stated is not None else value
        if value and value not in SUPPORTED_XSDVERSIES:
            issues.append(
                _issue(
                    el,
                    top,
                    f"xsdversie '{value}' wordt niet ondersteund; "
                    f"ondersteund zijn {', '.join(SUPPORTED_XSDVERSIES)}",
                    "xsdversie",
                )
            )
    for el in message.iter(*_SCHOOLJAAR_TAGS):
        match = _SCHOOLJAAR.fullmatch(el.text or "")
        if match and int(match.group(2)) != int(match.group(1)) + 1:
            first = int(match.group(1))
            issues.append(
                _issue(
                    el,
                    top,
                    f"schooljaar '{el.text}': het tweede jaar moet direct op het eerste volgen "
                    f"(bijvoorbeeld {first}-{first + 1})",
                    "semantic",
                )
            )
    version = stated if stated is not None else assumed_xsdversie
    eckid_only_allowed = _version_tuple(version) >= _ECKID_ONLY_FROM
    for el in message.iter(*_PERSON_TAGS):
        if el.get("key") is not None:
            continue
        if eckid_only_allowed and el.get("eckid") is not None:
            continue
        soort = etree.QName(el).localname
        reason = (
            "zonder eckid"
            if eckid_only_allowed
            else f"bij xsdversie {version or 'onbekend'} (alleen vanaf 2.3 volstaat een eckid)"
        )
        issues.append(_issue(el, top, f"{soort} zonder attribuut 'key' {reason}", "semantic"))
    return issues


_XSDVERSIE_TAGS = (qname(LG, "xsdversie"), qname(LR, "xsdversie"))
_SCHOOLJAAR_TAGS = (qname(LG, "schooljaar"), qname(LR, "schooljaar"))
_PERSON_TAGS = (qname(LG, "leerling"), qname(LG, "leerkracht"))
_VERSION = re.compile(r"\d+(\.\d+)*")


@functools.lru_cache(maxsize=64)
def _version_tuple(version: str | None) -> tuple[int, ...]:
    if not version or not _VERSION.fullmatch(version):
        return ()
    return tuple(int(part) for part in version.split("."))


def _issue(
    el: etree._Element, top: etree._Element, message: str, kind: IssueKind
) -> ValidationIssue:
    return ValidationIssue(path=_readable_path(el, top), line=_line(el), message=message, kind=kind)


# --------------------------------------------------------------------------------------------
# Paths


def _line(el: etree._Element) -> int | None:
    line: object = el.sourceline
    return line if isinstance(line, int) else None


def _children(el: etree._Element) -> list[etree._Element]:
    return [child for child in el if isinstance(child.tag, str)]


def _readable_path(el: etree._Element, top: etree._Element) -> str:
    """``/a/b[2]/c``: local names from ``top`` down to ``el``, indexed among same-named siblings."""
    parts: list[str] = []
    node: etree._Element | None = el
    while node is not None:
        name = etree.QName(node).localname
        parent = node.getparent()
        if node is not top and parent is not None:
            same = [sibling for sibling in _children(parent) if sibling.tag == node.tag]
            if len(same) > 1:
                name += f"[{same.index(node) + 1}]"
        parts.append(name)
        if node is top:
            break
        node = parent
    return "/" + "/".join(reversed(parts))


def _resolve(top: etree._Element, path: str) -> etree._Element | None:
    """The element a libxml2 error path (``/*/*[2]``, ``/p:a/p:b``) points at, below ``top``."""
    segments = [s for s in path.split("/") if s]
    if not segments:
        return None
    node = top
    for segment in segments[1:]:
        if segment.startswith("@") or segment.endswith("()"):
            break
        match = _SEGMENT.match(segment)
        if match is None:
            return None
        name, index = match.group("name"), int(match.group("index") or 1)
        candidates = [c for c in _children(node) if _matches(c, name)]
        if len(candidates) < index:
            return None
        node = candidates[index - 1]
    return node


def _by_line(top: etree._Element, entry: SchemaError) -> etree._Element | None:
    """For errors without a path (keyrefs): the element the message names, at or before its line."""
    named = re.match(r"Element '(?:\{[^}]*\})?([^']+)'", entry.message)
    if named is None:
        return None
    found: etree._Element | None = None
    for el in top.iter(etree.Element):
        if etree.QName(el).localname == named.group(1) and (_line(el) or 0) <= (entry.line or 0):
            found = el
    return found


def _matches(el: etree._Element, name: str) -> bool:
    if name == "*":
        return True
    prefix, _, local = name.rpartition(":")
    return etree.QName(el).localname == local and (el.prefix or "") == prefix


def _is_within(path: str, ancestor: str) -> bool:
    return path == ancestor or path.startswith(ancestor + "/")


# --------------------------------------------------------------------------------------------
# Module-level shortcuts on the cached contract


@once_per_key
def _default_validator() -> ContractValidator:
    return ContractValidator()


def validate(
    document: etree._Element | etree._ElementTree, *, xsdversie: str | None = None
) -> list[ValidationIssue]:
    """Every issue in ``document`` against our cached contract; see :meth:`ContractValidator.validate`."""
    return _default_validator().validate(document, xsdversie=xsdversie)


def validate_bytes(data: bytes, *, xsdversie: str | None = None) -> list[ValidationIssue]:
    """Parse ``data`` safely (:func:`uwlr.safexml.parse_xml`) and validate it."""
    return _default_validator().validate_bytes(data, xsdversie=xsdversie)


def is_valid(
    document: etree._Element | etree._ElementTree, *, xsdversie: str | None = None
) -> bool:
    """True when ``document`` has no issues at all."""
    return _default_validator().is_valid(document, xsdversie=xsdversie)
