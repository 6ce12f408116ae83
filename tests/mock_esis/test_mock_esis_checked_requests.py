"""Identical request bytes are checked once; the state-dependent checks and the journal stay per
request, and a changed request is checked again."""

from __future__ import annotations

from collections.abc import Callable

from mock_esis_testkit import envelope_bytes, fault_of, verzoek
from test_mock_esis_lenient import empty_gegevenssetid

from mock_esis.testing.handle import MockEsisHandle
from uwlr.build import build, build_autorisatie
from uwlr.faults import FaultCode


def test_a_repeated_request_is_checked_once_with_the_same_journal_entry(
    mock_esis_factory: Callable[..., MockEsisHandle],
) -> None:
    handle = mock_esis_factory(
        seed=1, schools=1, students_per_group=3, activate_all=True, lenient=True
    )
    school = handle.school
    content = envelope_bytes(
        empty_gegevenssetid(school), build_autorisatie(handle.autorisatie(school))
    )
    first = handle.post("HaalLeerlinggegevens", content)
    second = handle.post("HaalLeerlinggegevens", content)
    assert first.status_code == second.status_code == 200
    assert handle.app.las.checked.hits == 1
    one, two = handle.journal()
    for field in ("verdict", "warnings", "errors", "header", "school", "operation"):
        assert one[field] == two[field], field
    assert one["warnings"]


def test_the_state_is_asked_again_for_a_request_checked_before(
    mock_esis_factory: Callable[..., MockEsisHandle],
) -> None:
    handle = mock_esis_factory(seed=1, schools=1, students_per_group=3, activate_all=True)
    school = handle.school
    key = school.autorisatiesleutel or ""
    content = envelope_bytes(build(verzoek(school)), build_autorisatie(handle.autorisatie(school)))
    assert handle.post("HaalLeerlinggegevens", content).status_code == 200
    state = handle.app.state
    state.deactivate(state.schools[school.code])
    refused = handle.post("HaalLeerlinggegevens", content)
    assert handle.app.las.checked.hits == 1
    assert fault_of(refused, key).code is FaultCode.AUTORISATIE_ONGELDIG
    state.afnemers.clear()
    refused = handle.post("HaalLeerlinggegevens", content)
    assert fault_of(refused, key).code is FaultCode.ONGELDIGE_KLANT_IDENTIFICATIE


def test_a_changed_or_refused_request_is_checked_every_time(
    mock_esis_factory: Callable[..., MockEsisHandle],
) -> None:
    handle = mock_esis_factory(seed=1, schools=1, students_per_group=3, activate_all=True)
    school = handle.school
    key = school.autorisatiesleutel or ""
    content = envelope_bytes(
        empty_gegevenssetid(school), build_autorisatie(handle.autorisatie(school))
    )
    for _ in range(2):  # strict: refused both times, never kept
        fault = fault_of(handle.post("HaalLeerlinggegevens", content), key)
        assert fault.code is FaultCode.ONGELDIG_BERICHT
    good = envelope_bytes(build(verzoek(school)), build_autorisatie(handle.autorisatie(school)))
    assert handle.post("HaalLeerlinggegevens", good).status_code == 200
    bad = good.replace(b"<lg:xsdversie>2.2<", b"<lg:xsdversie>9.9<")
    assert bad != good
    fault = fault_of(handle.post("HaalLeerlinggegevens", bad), key)
    assert fault.code is FaultCode.XSD_VERSIE_ONGELDIG
    assert handle.app.las.checked.hits == 0
    assert [e["verdict"] for e in handle.journal()] == ["invalid", "invalid", "ok", "invalid"]
