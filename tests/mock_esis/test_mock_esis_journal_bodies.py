"""The journal keeps each exchange's request and answer (keys masked), bounded in bytes."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
from mock_esis_testkit import verzoek

from mock_esis.testing.handle import MockEsisHandle
from mock_esis.testing.journal import Journal, JournalEntry


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
        _record(journal, (f"<v{n}>" + "x" * 200).encode(), b"y" * 100)
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


def _record(journal: Journal, request: bytes | None, answer: bytes | None) -> JournalEntry:
    return journal.record(
        journal.begin(),
        endpoint="leerlinggegevens",
        operation="HaalLeerlinggegevens",
        soapaction=None,
        header=None,
        verdict="ok",
        request_body=request,
        answer_body=answer,
    )


def test_a_cut_at_the_bound_never_splits_a_character() -> None:
    text = "<naam>Zoë Émile €𝄞</naam>" * 3
    raw = text.encode("utf-8")
    for bound in range(1, len(raw)):
        entry = _record(Journal(limit=2, max_body_bytes=bound), None, raw)
        shown = entry.answer_body
        assert shown is not None and "\ufffd" not in shown
        kept, marker = shown.split("\n… (afgekapt: ")
        assert text.startswith(kept)
        assert len(kept.encode("utf-8")) <= bound
        assert bound - len(kept.encode("utf-8")) < 4  # never a whole character less
        omitted = int(marker.split(" ", 1)[0])
        assert len(kept.encode("utf-8")) + omitted == len(raw)  # the marker tells the truth
        assert marker.endswith(f"het journaal bewaart hooguit {bound} bytes)")


def test_the_bodies_are_kept_as_bytes_and_counted_by_their_length() -> None:
    journal = Journal(limit=10, max_body_bytes=1_000)
    request, answer = "<v>é</v>".encode(), "<a>Zoë</a>".encode()
    entry = _record(journal, request, answer)
    assert entry.request_body == "<v>é</v>" and entry.answer_body == "<a>Zoë</a>"
    assert entry.body_size == len(request) + len(answer) == journal.body_bytes
    assert entry.to_json()["answer_body"] == "<a>Zoë</a>"
    assert list(entry.to_json())[-3:] == ["request_body", "answer_body", "bodies_dropped"]


def _shown_size(entry: dict[str, Any]) -> int:
    return sum(len((entry[name] or "").encode("utf-8")) for name in ("request_body", "answer_body"))


def test_the_byte_count_is_the_utf8_size_of_the_text_shown(
    mock_esis_factory: Callable[..., MockEsisHandle],
) -> None:
    handle = mock_esis_factory(seed=3, students_per_group=8, activate_all=True)
    school = handle.school
    assert handle.call("HaalLeerlinggegevens", verzoek(school)).status_code == 200
    latin1 = handle.envelope(verzoek(school), handle.autorisatie(school)).replace(
        b"Boom testcentrum", "Boom téstcentrum".encode("latin-1")
    )
    handle.post("HaalLeerlinggegevens", latin1)
    entries = handle.journal()
    assert len(entries) == 2
    assert any(ord(c) > 127 for c in entries[0]["answer_body"])  # names with é, ë, ...
    assert "Boom t\ufffdstcentrum" in entries[1]["request_body"]
    assert handle.app.journal.body_bytes == sum(_shown_size(e) for e in entries)


def test_a_key_that_the_answer_echoes_is_masked_everywhere(
    mock_esis: MockEsisHandle,
) -> None:
    school = mock_esis.school
    key = school.autorisatiesleutel
    assert key
    request = mock_esis.envelope(verzoek(school), mock_esis.autorisatie(school))
    echoed = request.replace(f">{school.schooljaar}<".encode(), f">{key}<".encode())
    response = mock_esis.post("HaalLeerlinggegevens", echoed)
    assert response.status_code == 500 and key in response.text  # the mock's fault echoes it
    (entry,) = mock_esis.journal()
    assert key not in json.dumps(entry, ensure_ascii=False)
    assert f"de waarde '••••••••{key[-4:]}'" in entry["answer_body"]
    assert "••••••••" + key[-4:] in entry["faultstring"]
