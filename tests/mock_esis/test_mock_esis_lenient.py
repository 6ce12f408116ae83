"""``lenient``: the quirks real clients send are answered with a journal warning; strict refuses.

Each quirk is a request that is valid except for one thing: an empty element, brincode together
with schoolkey, or elements out of order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from lxml import etree
from mock_esis_testkit import answer_of, envelope_bytes, fault_of, later, started_server, verzoek

from mock_esis.testing.handle import MockEsisHandle, SchoolInfo
from uwlr.build import build, build_autorisatie
from uwlr.faults import FaultCode
from uwlr.namespaces import LG


def _child(element: etree._Element, local: str) -> etree._Element:
    found = element.find(f"{{{LG}}}{local}")
    assert found is not None, local
    return found


def empty_gegevenssetid(school: SchoolInfo) -> etree._Element:
    body = build(verzoek(school, gegevenssetid="X"))
    _child(body, "gegevenssetid").text = None
    return body


def empty_laatstontvangengegevens(school: SchoolInfo) -> etree._Element:
    body = build(verzoek(school, laatstontvangengegevens=later(days=1)))
    _child(body, "laatstontvangengegevens").text = ""
    return body


def brincode_and_schoolkey(school: SchoolInfo) -> etree._Element:
    body = build(verzoek(school))
    schoolkey = etree.Element(f"{{{LG}}}schoolkey")
    schoolkey.text = school.schoolkey
    _child(body, "dependancecode").addnext(schoolkey)
    return body


def dependancecode_before_brincode(school: SchoolInfo) -> etree._Element:
    body = build(verzoek(school))
    brincode = _child(body, "brincode")
    _child(body, "dependancecode").addnext(brincode)
    return body


def xsdversie_before_schooljaar(school: SchoolInfo) -> etree._Element:
    body = build(verzoek(school))
    body.insert(0, _child(body, "xsdversie"))
    return body


QUIRKS: dict[str, Callable[[SchoolInfo], etree._Element]] = {
    "empty gegevenssetid": empty_gegevenssetid,
    "empty laatstontvangengegevens": empty_laatstontvangengegevens,
    "brincode with schoolkey": brincode_and_schoolkey,
    "dependancecode before brincode": dependancecode_before_brincode,
    "xsdversie before schooljaar": xsdversie_before_schooljaar,
}


@pytest.fixture(scope="module")
def strict() -> Iterator[MockEsisHandle]:
    with started_server(seed=1, schools=1, students_per_group=5, activate_all=True) as handle:
        yield handle


def post_quirk(handle: MockEsisHandle, quirk: str) -> tuple[httpx.Response, list[dict[str, Any]]]:
    school = handle.school
    before = len(handle.journal())
    body = QUIRKS[quirk](school)
    content = envelope_bytes(body, build_autorisatie(handle.autorisatie(school)))
    response = handle.post("HaalLeerlinggegevens", content)
    return response, handle.journal()[before:]


@pytest.mark.parametrize("quirk", QUIRKS)
def test_strict_refuses_the_quirk(strict: MockEsisHandle, quirk: str) -> None:
    response, entries = post_quirk(strict, quirk)
    fault = fault_of(response, strict.school.autorisatiesleutel or "")
    assert fault.code is FaultCode.ONGELDIG_BERICHT
    assert [e["verdict"] for e in entries] == ["invalid"]
    assert entries[0]["errors"]


@pytest.mark.parametrize("quirk", QUIRKS)
def test_lenient_answers_the_quirk_with_a_warning(
    mock_esis_factory: Callable[..., MockEsisHandle], quirk: str
) -> None:
    handle = mock_esis_factory(
        seed=1, schools=1, students_per_group=5, activate_all=True, lenient=True
    )
    response, entries = post_quirk(handle, quirk)
    antwoord = answer_of(response)
    assert antwoord.gegevens.school.brincode == handle.school.brincode
    assert len(entries) == 1
    entry = entries[0]
    assert entry["verdict"] == "ok"
    assert entry["http_status"] == 200
    assert entry["warnings"], f"no warning in the journal for {quirk}"


def test_lenient_answers_all_quirks_at_once_with_a_warning_each(
    mock_esis_factory: Callable[..., MockEsisHandle],
) -> None:
    handle = mock_esis_factory(
        seed=1, schools=1, students_per_group=5, activate_all=True, lenient=True
    )
    school = handle.school
    body = build(verzoek(school, gegevenssetid="X"))
    _child(body, "gegevenssetid").text = None
    schoolkey = etree.Element(f"{{{LG}}}schoolkey")
    schoolkey.text = school.schoolkey
    _child(body, "dependancecode").addnext(schoolkey)
    _child(body, "schooljaar").addprevious(_child(body, "xsdversie"))
    body.insert(0, _child(body, "brincode"))
    content = envelope_bytes(body, build_autorisatie(handle.autorisatie(school)))
    answer_of(handle.post("HaalLeerlinggegevens", content))
    (entry,) = handle.journal()
    warnings = " | ".join(entry["warnings"])
    assert "gegevenssetid" in warnings
    assert "schoolkey" in warnings
    assert "brincode" in warnings


def test_lenient_still_refuses_a_wrong_key(
    mock_esis_factory: Callable[..., MockEsisHandle],
) -> None:
    handle = mock_esis_factory(seed=1, schools=1, activate_all=True, lenient=True)
    body = empty_gegevenssetid(handle.school)
    header = build_autorisatie(handle.autorisatie(autorisatiesleutel="fout-fout-fout-fout"))
    response = handle.post("HaalLeerlinggegevens", envelope_bytes(body, header))
    assert fault_of(response, "fout-fout").code is FaultCode.AUTORISATIE_ONGELDIG


def test_strict_answers_an_empty_dependancecode_as_00(strict: MockEsisHandle) -> None:
    """The standard lets an empty dependancecode mean 00; that is no quirk."""
    school = strict.school
    body = build(verzoek(school))
    _child(body, "dependancecode").text = ""
    content = envelope_bytes(body, build_autorisatie(strict.autorisatie(school)))
    antwoord = answer_of(strict.post("HaalLeerlinggegevens", content))
    assert antwoord.gegevens.school.dependancecode == "00"
