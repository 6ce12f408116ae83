"""The journal keeps each exchange's request and answer (keys masked), bounded in bytes."""

from __future__ import annotations

from collections.abc import Callable

import httpx
from mock_esis_testkit import verzoek

from mock_esis.testing.handle import MockEsisHandle
from mock_esis.testing.journal import Journal


def test_bodies_are_kept_masked_and_returned_by_the_admin_api(mock_esis: MockEsisHandle) -> None:
    school = mock_esis.school
    key = school.autorisatiesleutel
    assert key
    wrong = "verkeerde-sleutel-" + "q" * 30
    mock_esis.call("HaalLeerlinggegevens", verzoek(school))
    mock_esis.call(
        "HaalLeerlinggegevens",
        verzoek(school),
        autorisatie=mock_esis.autorisatie(autorisatiesleutel=wrong),
    )
    mock_esis.inject(operation="HaalLeerlinggegevens", kind="http_status", status=503)
    assert mock_esis.call("HaalLeerlinggegevens", verzoek(school)).status_code == 503

    ok, fout, injected = mock_esis.journal()
    for entry in (ok, fout, injected):
        assert "leerlinggegevens_verzoek" in entry["request_body"]
        assert key not in entry["request_body"] and wrong not in entry["request_body"]
        assert key not in (entry["answer_body"] or "")
        assert entry["school"] == school.code
    assert "••••••••" + key[-4:] in ok["request_body"]
    assert "••••••••" + wrong[-4:] in fout["request_body"]
    assert "leerlinggegevens_antwoord" in ok["answer_body"]
    assert "Client.AutorisatieOngeldig" in fout["answer_body"]
    assert fout["faultstring"]
    assert injected["answer_body"] == "" and injected["verdict"] == "injected"

    one = httpx.get(f"{mock_esis.base_url}/__admin/journal/{fout['id']}").json()
    assert one == fout
    assert httpx.get(f"{mock_esis.base_url}/__admin/journal/999999").status_code == 404
    without = mock_esis.journal(bodies="0")
    assert all("request_body" not in e for e in without) and len(without) == 3


def test_filters_by_school_time_and_limit(
    mock_esis_factory: Callable[..., MockEsisHandle],
) -> None:
    handle = mock_esis_factory(seed=4, schools=2, students_per_group=3, activate_all=True)
    first, second = handle.schools
    handle.call("HaalLeerlinggegevens", verzoek(first))
    handle.call("HaalLeerlinggegevens", verzoek(second))
    handle.call("HaalLeerlinggegevens", verzoek(second))
    assert [e["school"] for e in handle.journal(school=second.code)] == [second.code] * 2
    assert len(handle.journal(school=first.code.lower())) == 1
    newest = handle.journal(limit="1")
    assert [e["id"] for e in newest] == [handle.journal()[-1]["id"]]
    until = handle.journal()[0]["tijd"]
    assert [e["school"] for e in handle.journal(until=until)] == [first.code]


def test_body_bound_drops_the_oldest_bodies_first() -> None:
    journal = Journal(limit=100, max_body_bytes=1_000)
    for n in range(5):
        journal.record(
            journal.begin(),
            endpoint="leerlinggegevens",
            operation="HaalLeerlinggegevens",
            soapaction=None,
            header=None,
            verdict="ok",
            request_body=f"<v{n}>" + "x" * 200,
            answer_body="y" * 100,
        )
    entries = journal.entries()
    assert len(entries) == 5  # the entries themselves stay
    kept = [e for e in entries if e.request_body is not None]
    assert [e.id for e in kept] == [3, 4, 5]
    assert all(e.bodies_dropped for e in entries[:2])
    assert journal.body_bytes <= 1_000
    journal.clear()
    assert journal.body_bytes == 0


def test_one_exchange_larger_than_the_bound_is_cut() -> None:
    journal = Journal(limit=10, max_body_bytes=100)
    entry = journal.record(
        journal.begin(),
        endpoint="leerlinggegevens",
        operation=None,
        soapaction=None,
        header=None,
        verdict="ok",
        request_body="r" * 40,
        answer_body="a" * 500,
    )
    assert entry.request_body == "r" * 40
    assert entry.answer_body is not None and entry.answer_body.startswith("a" * 20)
    assert "afgekapt" in entry.answer_body
    assert journal.body_bytes <= 100 + 100  # the cut marker may add a few bytes


def test_the_bound_is_configurable(mock_esis_factory: Callable[..., MockEsisHandle]) -> None:
    handle = mock_esis_factory(
        seed=1, students_per_group=5, activate_all=True, journal_body_bytes=40_000
    )
    school = handle.school
    for _ in range(4):
        handle.call("HaalLeerlinggegevens", verzoek(school))
    entries = handle.journal()
    assert handle.app.journal.max_body_bytes == 40_000
    assert entries[-1]["answer_body"]
    assert entries[0]["bodies_dropped"] and entries[0]["answer_body"] is None
