"""Element order as our contract XSD (``src/uwlr/contract/``) declares it, for the build tests.

:func:`contract_problems` walks a built element alongside the schema: for each element it finds
the declared type (global element, ``type=``, inline ``complexType``, ``ref=``, groups, choices,
``extension``) and checks that the children come in the declared order and are all declared.
So a test fails when the builder and the contract disagree, without repeating the order itself.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree

import uwlr

XS = "http://www.w3.org/2001/XMLSchema"
CONTRACT = Path(uwlr.__file__).parent / "contract"

__all__ = ["contract_problems"]


@cache
def _schemas() -> dict[str, etree._Element]:
    found: dict[str, etree._Element] = {}
    for path in sorted(CONTRACT.glob("*.xsd")):
        root = etree.parse(str(path)).getroot()
        found[root.get("targetNamespace", "")] = root
    return found


def _resolve(qname: str, context: etree._Element) -> tuple[str, str]:
    prefix, _, local = qname.rpartition(":")
    return context.nsmap.get(prefix or None, ""), local


def _global(kind: str, namespace: str, local: str) -> etree._Element | None:
    schema = _schemas().get(namespace)
    if schema is None:
        return None
    return schema.find(f"{{{XS}}}{kind}[@name='{local}']")


def _type_of(declaration: etree._Element) -> etree._Element | None:
    """The complexType of an element declaration (None: a simple type)."""
    ref = declaration.get("ref")
    if ref is not None:
        target = _global("element", *_resolve(ref, declaration))
        return None if target is None else _type_of(target)
    inline = declaration.find(f"{{{XS}}}complexType")
    if inline is not None:
        return inline
    type_name = declaration.get("type")
    if type_name is None:
        return None
    return _global("complexType", *_resolve(type_name, declaration))


def _particles(node: etree._Element, position: list[int]) -> list[tuple[int, str, etree._Element]]:
    """(position, {ns}local, declaration) of the child elements of a content model, in order;
    the options of a choice share one position."""
    found: list[tuple[int, str, etree._Element]] = []
    for child in node:
        if isinstance(child.tag, str):
            found += _particle(child, position)
    return found


def _particle(child: etree._Element, position: list[int]) -> list[tuple[int, str, etree._Element]]:
    tag = etree.QName(child).localname
    if tag == "element":
        ref = child.get("ref")
        if ref is not None:
            namespace, local = _resolve(ref, child)
        else:
            namespace = child.getroottree().getroot().get("targetNamespace", "")
            local = child.get("name", "")
        found = [(position[0], f"{{{namespace}}}{local}", child)]
        position[0] += 1
        return found
    if tag == "sequence":
        return _particles(child, position)
    if tag == "choice":
        start = end = position[0]
        options: list[tuple[int, str, etree._Element]] = []
        for option in child:
            if isinstance(option.tag, str):
                position[0] = start
                options += _particle(option, position)
                end = max(end, position[0])
        position[0] = end
        return options
    if tag == "group":
        group = _global("group", *_resolve(child.get("ref", ""), child))
        return [] if group is None else _particles(group, position)
    if tag in ("complexContent", "simpleContent", "extension"):
        found = []
        base = child.get("base")
        if tag == "extension" and base is not None:
            base_type = _global("complexType", *_resolve(base, child))
            if base_type is not None:
                found += _particles(base_type, position)
        return found + _particles(child, position)
    return []


def contract_problems(
    element: etree._Element, complex_type: etree._Element | None = None
) -> list[str]:
    """Every place where ``element``'s tree departs from the contract's declared order."""
    if complex_type is None:
        qname = etree.QName(element)
        declaration = _global("element", qname.namespace or "", qname.localname)
        if declaration is None:
            return [f"{qname.localname}: niet gedeclareerd in het contract"]
        complex_type = _type_of(declaration)
        if complex_type is None:
            return []
    particles = _particles(complex_type, [0])
    problems: list[str] = []
    last = -1
    where = etree.QName(element).localname
    for child in element:
        if not isinstance(child.tag, str):
            continue
        matches = [(pos, decl) for pos, name, decl in particles if name == child.tag]
        if not matches:
            problems.append(f"{where}: {etree.QName(child).localname} staat niet in het contract")
            continue
        candidates = [m for m in matches if m[0] >= last] or matches
        pos, decl = candidates[0]
        if pos < last:
            problems.append(f"{where}: {etree.QName(child).localname} staat te laat")
        last = pos
        child_type = _type_of(decl)
        if child_type is not None:
            problems += contract_problems(child, child_type)
    return problems
