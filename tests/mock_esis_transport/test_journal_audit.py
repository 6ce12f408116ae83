"""The journal audit that runs after every feature scenario finds what it should."""

from __future__ import annotations

import httpx
import pytest

from mock_esis.testing.handle import MockEsisHandle
from mock_esis.testing.journal_audit import journal_problems
from uwlr.models import LeerlinggegevensVerzoek


def _traffic(handle: MockEsisHandle) -> None:
    school = handle.school
    ok = LeerlinggegevensVerzoek(schooljaar=school.schooljaar, brincode=school.brincode)
    handle.call("HaalLeerlinggegevens", ok)
    handle.call("HaalLeerlinggegevens", ok, handle.autorisatie(autorisatiesleutel="fout"))
    handle.post("HaalLeerlinggegevens", b"<kapot")
    handle.inject(operation="HaalLeerlinggegevens", kind="reset")
    with pytest.raises(httpx.TransportError):
        handle.call("HaalLeerlinggegevens", ok)


def test_a_true_journal_has_no_problems(mock_esis: MockEsisHandle) -> None:
    _traffic(mock_esis)
    assert [e["verdict"] for e in mock_esis.journal()] == ["ok", "fault", "invalid", "injected"]
    assert journal_problems(mock_esis.app) == []


def test_missing_entries_and_wrong_verdicts_are_found(mock_esis: MockEsisHandle) -> None:
    _traffic(mock_esis)
    mock_esis.app.journal.begin()  # a request that never reached the journal
    entries = mock_esis.app.journal.entries()
    entries[0].verdict = "fault"
    entries[1].header = {"autorisatiesleutel": "geheim-en-leesbaar"}
    problems = journal_problems(mock_esis.app)
    assert any("5 SOAP-verzoeken" in p for p in problems)
    assert any("oordeel fault zonder SOAP-fout" in p for p in problems)
    assert any("niet gemaskeerd" in p for p in problems)


def test_clearing_the_journal_keeps_the_audit_true(mock_esis: MockEsisHandle) -> None:
    """Regression (issue 12): DELETE /__admin/journal left the request counter behind."""
    _traffic(mock_esis)
    mock_esis.clear_faults()
    mock_esis.admin.clear_journal()
    assert journal_problems(mock_esis.app) == []
    school = mock_esis.school
    ok = LeerlinggegevensVerzoek(schooljaar=school.schooljaar, brincode=school.brincode)
    mock_esis.call("HaalLeerlinggegevens", ok)
    assert [e["verdict"] for e in mock_esis.journal()] == ["ok"]
    assert journal_problems(mock_esis.app) == []


def test_a_request_in_flight_while_clearing_is_counted_once(mock_esis: MockEsisHandle) -> None:
    """A request begun before the clear and recorded after it counts in the new journal."""
    journal = mock_esis.app.journal
    begun = journal.begin()
    journal.clear()
    assert journal.requests == 0
    journal.record(
        begun,
        endpoint="leerlinggegevens",
        operation="HaalLeerlinggegevens",
        soapaction=None,
        header=None,
        verdict="ok",
    )
    assert journal.requests == 1
    assert journal_problems(mock_esis.app) == []
