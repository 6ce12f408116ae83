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
    mock_esis.app.soap_requests += 1
    entries = mock_esis.app.journal.entries()
    entries[0].verdict = "fault"
    entries[1].header = {"autorisatiesleutel": "geheim-en-leesbaar"}
    problems = journal_problems(mock_esis.app)
    assert any("5 SOAP-verzoeken" in p for p in problems)
    assert any("oordeel fault zonder SOAP-fout" in p for p in problems)
    assert any("niet gemaskeerd" in p for p in problems)
