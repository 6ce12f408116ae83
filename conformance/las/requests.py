"""The requests the LAS checks send: correct ones for the target, and ones broken on purpose.

Correct messages are built with :mod:`uwlr.build`; each breakage is then one small change to
the built XML (an element removed, emptied or rewritten), so a check breaks exactly one thing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from copy import deepcopy

from lxml import etree

from conformance.las.target import LasTarget
from uwlr.build import build, build_autorisatie
from uwlr.envelope import build_envelope, to_bytes
from uwlr.models import (
    Autorisatie,
    GroepRef,
    LeerkrachtenVerzoek,
    LeerlingenVerzoek,
    LeerlinggegevensVerzoek,
    LeerresultatenVerzoek,
    StructuurVerzoek,
)
from uwlr.namespaces import AUT, LG, LR, qname

__all__ = [
    "HEADER_FIELDS",
    "broken_header",
    "header",
    "leerresultaten_envelope",
    "set_text",
    "verzoek",
    "verzoek_envelope",
    "with_extra_schoolkey",
]

HEADER_FIELDS = ("autorisatiesleutel", "klantcode", "klantnaam")

_VERZOEKEN = {
    "HaalLeerlinggegevens": LeerlinggegevensVerzoek,
    "HaalStructuur": StructuurVerzoek,
    "HaalLeerlingen": LeerlingenVerzoek,
    "HaalLeerkrachten": LeerkrachtenVerzoek,
}


def header(
    target: LasTarget,
    *,
    sleutel: str | None = None,
    klantcode: str | None = None,
    klantnaam: str | None = None,
) -> etree._Element:
    """The ``aut:autorisatie`` header of the target, with fields overridden as given."""
    return build_autorisatie(
        Autorisatie(
            autorisatiesleutel=target.sleutel if sleutel is None else sleutel,
            klantcode=target.klantcode if klantcode is None else klantcode,
            klantnaam=target.klantnaam if klantnaam is None else klantnaam,
        )
    )


def broken_header(target: LasTarget, field: str, *, how: str) -> etree._Element:
    """The target's header with ``field`` removed (``how="missing"``) or emptied (``"empty"``)."""
    element = header(target)
    child = element.find(qname(AUT, field))
    assert child is not None
    if how == "missing":
        element.remove(child)
    elif how == "empty":
        child.text = None
    else:  # pragma: no cover - a programming error in a check
        raise ValueError(how)
    return element


def verzoek(
    target: LasTarget,
    operation: str = "HaalLeerlinggegevens",
    *,
    groepen: Sequence[GroepRef] = (),
    laatstontvangengegevens: dt.datetime | None = None,
    **address: str | None,
) -> etree._Element:
    """The body of a leerlinggegevens request of ``operation`` for the target's school."""
    fields: dict[str, object] = {
        "schooljaar": target.schooljaar,
        "xsdversie": target.xsdversie,
        "laatstontvangengegevens": laatstontvangengegevens,
        **(address or target.address),
    }
    kind = _VERZOEKEN[operation]
    if kind in (LeerlingenVerzoek, LeerkrachtenVerzoek):
        fields["groepen"] = list(groepen)
    return build(kind(**fields))  # type: ignore[arg-type]


def verzoek_envelope(
    target: LasTarget,
    operation: str = "HaalLeerlinggegevens",
    *,
    autorisatie: etree._Element | None | bool = True,
    **kwargs: object,
) -> etree._Element:
    """A request envelope; ``autorisatie`` True: the target's header, None/False: no header."""
    head: etree._Element | None
    if autorisatie is True:
        head = header(target)
    elif autorisatie is None or autorisatie is False:
        head = None
    else:
        head = autorisatie
    return build_envelope(verzoek(target, operation, **kwargs), head)  # type: ignore[arg-type]


def leerresultaten_envelope(
    target: LasTarget, message: LeerresultatenVerzoek, *, sleutel: str | None = None
) -> etree._Element:
    """A ``BrengLeerresultaten`` envelope with the target's header (key overridable)."""
    return build_envelope(build(message), header(target, sleutel=sleutel))


def set_text(envelope: etree._Element, local: str, value: str) -> bytes:
    """``envelope`` serialized with the text of its first ``lg:``/``lr:`` ``local`` set."""
    copy = deepcopy(envelope)
    for namespace in (LG, LR):
        element = next(copy.iter(qname(namespace, local)), None)
        if element is not None:
            element.text = value
            return to_bytes(copy)
    raise ValueError(f"geen element {local} in het verzoek")


def with_extra_schoolkey(envelope: etree._Element, schoolkey: str) -> bytes:
    """``envelope`` serialized with a ``schoolkey`` next to its ``brincode``/``dependancecode``."""
    copy = deepcopy(envelope)
    body = next(copy.iter(qname(LG, "schooljaar"))).getparent()
    assert body is not None
    anchor = body.find(qname(LG, "dependancecode"))
    if anchor is None:
        anchor = body.find(qname(LG, "brincode"))
    extra = etree.Element(qname(LG, "schoolkey"))
    extra.text = schoolkey
    if anchor is None:  # addressed by schoolkey already: add a brincode instead
        extra = etree.Element(qname(LG, "brincode"))
        extra.text = "99ZZ"
        anchor = body.find(qname(LG, "schooljaar"))
        assert anchor is not None
    anchor.addnext(extra)
    return to_bytes(copy)
