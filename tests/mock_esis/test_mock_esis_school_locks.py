"""Building one school's answer never holds up another school's request (issue 12).

An answer is built under its own school's lock. A change to that school waits for the build,
and that wait must not hold anything a request for another school needs (the key index, the
state lock): otherwise one slow build plus one pending change stops every school. The slow
build is simulated by holding the school's reading lock in a thread. Builds themselves take
turns (one GIL), but a cached answer never waits for a turn.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import httpx

from mock_esis.admin.changes_leerlingen import update_leerling
from mock_esis.state.model import MockState, SchoolState
from mock_esis.testing.handle import MockEsisHandle, SchoolInfo
from uwlr.models import LeerlinggegevensVerzoek

#: Far more than a request takes; the test only waits this long when the defect is there.
PATIENCE = 5.0


def _ask(handle: MockEsisHandle, school: SchoolInfo, timeout: float) -> httpx.Response:
    verzoek = LeerlinggegevensVerzoek(schooljaar=school.schooljaar, brincode=school.brincode)
    body = handle.envelope(verzoek, handle.autorisatie(school))
    return httpx.post(
        handle.endpoints["leerlinggegevens"],
        content=body,
        headers={"Content-Type": "text/xml; charset=utf-8"},
        timeout=timeout,
    )


@contextmanager
def _slow_build(state: MockState, school: SchoolState) -> Iterator[threading.Event]:
    """Hold ``school``'s reading lock in another thread (as a long answer build does) until the
    yielded event is set."""
    holding, release = threading.Event(), threading.Event()

    def build() -> None:
        with state.reading(school):
            holding.set()
            release.wait(30)

    thread = threading.Thread(target=build, daemon=True)
    thread.start()
    assert holding.wait(5)
    try:
        yield release
    finally:
        release.set()
        thread.join(10)


@contextmanager
def _pending_change(state: MockState, school: SchoolState) -> Iterator[threading.Thread]:
    """A change to ``school`` started in another thread (it waits for the school's lock)."""
    pupil = school.jaren[school.schooljaar].leerlingen[0]
    thread = threading.Thread(
        target=update_leerling,
        args=(state, school, str(pupil.key), {"roepnaam": "Later"}),
        daemon=True,
    )
    thread.start()
    thread.join(0.3)  # long enough to be waiting for the school's lock
    assert thread.is_alive(), "de wijziging had op de bouw van het antwoord moeten wachten"
    yield thread


def test_another_school_is_answered_while_one_school_is_being_built(
    mock_esis_factory: Callable[..., MockEsisHandle],
) -> None:
    handle = mock_esis_factory(schools=2, students_per_group=2, activate_all=True)
    state = handle.app.state
    busy, other = handle.schools
    with _slow_build(state, state.schools[busy.code]):
        response = _ask(handle, other, PATIENCE)
    assert response.status_code == 200, response.text


def test_a_change_waiting_for_a_build_does_not_stop_other_schools(
    mock_esis_factory: Callable[..., MockEsisHandle],
) -> None:
    handle = mock_esis_factory(schools=2, students_per_group=2, activate_all=True)
    state = handle.app.state
    busy, other = handle.schools
    busy_school = state.schools[busy.code]
    with (
        _slow_build(state, busy_school) as release,
        _pending_change(state, busy_school) as change,
    ):
        try:
            response = _ask(handle, other, PATIENCE)
        except httpx.TimeoutException:
            response = None
        release.set()
        change.join(10)
    assert response is not None, (
        f"een verzoek voor {other.code} wachtte langer dan {PATIENCE} s op de bouw van "
        f"{busy.code} en de wijziging die daarop wachtte"
    )
    assert response.status_code == 200, response.text
    assert not change.is_alive()
    assert state.schools[busy.code].jaren[busy.schooljaar].leerlingen[0].roepnaam == "Later"


def test_the_changed_school_is_answered_after_the_change(
    mock_esis_factory: Callable[..., MockEsisHandle],
) -> None:
    """The change still waits for the build, and the next answer carries it."""
    handle = mock_esis_factory(schools=1, students_per_group=2, activate_all=True)
    state = handle.app.state
    school = handle.school
    with (
        _slow_build(state, state.schools[school.code]) as release,
        _pending_change(state, state.schools[school.code]) as change,
    ):
        release.set()
        change.join(10)
    assert not change.is_alive()
    response = _ask(handle, school, PATIENCE)
    assert response.status_code == 200
    assert b"Later" in response.content


def test_answers_are_built_one_at_a_time_and_cached_answers_never_wait(
    mock_esis_factory: Callable[..., MockEsisHandle],
) -> None:
    """In one Python process builds share one GIL: eight at once took ~20% more CPU each than
    one after the other (benchmarks/bench_mock_esis_clients.py), so builds take turns. A cached
    answer needs no turn."""
    handle = mock_esis_factory(schools=2, students_per_group=2, activate_all=True)
    cached, missing = handle.schools
    assert _ask(handle, cached, PATIENCE).status_code == 200  # now in the answer cache
    las = handle.app.las
    answers: list[httpx.Response] = []
    with las.build_turn:  # somebody else is building
        assert _ask(handle, cached, PATIENCE).status_code == 200
        waiting = threading.Thread(target=lambda: answers.append(_ask(handle, missing, 30)))
        waiting.start()
        waiting.join(0.5)
        assert waiting.is_alive(), "een antwoord werd gebouwd terwijl een ander aan de beurt was"
    waiting.join(10)
    assert [a.status_code for a in answers] == [200]
