"""The answer cache serves what a fresh build would, and a change of one school keeps the others'."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from mock_esis.admin.changes_leerlingen import update_leerling
from mock_esis.testing.handle import MockEsisHandle, SchoolInfo
from uwlr.envelope import build_envelope, parse_envelope, to_bytes
from uwlr.models import LeerlinggegevensAntwoord, LeerlinggegevensVerzoek
from uwlr.parse import parse


def _ask(handle: MockEsisHandle, school: SchoolInfo) -> bytes:
    verzoek = LeerlinggegevensVerzoek(schooljaar=school.schooljaar, brincode=school.brincode)
    response = handle.call("HaalLeerlinggegevens", verzoek, handle.autorisatie(school))
    assert response.status_code == 200, response.text
    return response.content


def _fresh(handle: MockEsisHandle, school: SchoolInfo, served: bytes) -> bytes:
    """The answer built from scratch at the moment ``served`` says it was made."""
    body = parse_envelope(served).body
    assert body is not None
    parsed = parse(body)
    assert isinstance(parsed, LeerlinggegevensAntwoord) and parsed.gegevens is not None
    moment = parsed.gegevens.school.aanmaakdatum
    state_school = handle.app.state.schools[school.code]
    verzoek = LeerlinggegevensVerzoek(schooljaar=school.schooljaar, brincode=school.brincode)
    answer = handle.app.las._answer("HaalLeerlinggegevens", verzoek, state_school, moment)
    return to_bytes(build_envelope(answer))


def test_a_cached_answer_is_a_fresh_answer(
    mock_esis_factory: Callable[..., MockEsisHandle],
) -> None:
    handle = mock_esis_factory(schools=1, students_per_group=3, activate_all=True)
    school = handle.school
    first = _ask(handle, school)
    assert first == _fresh(handle, school, first)
    handle.app.state.clock_offset += dt.timedelta(days=3)  # another moment, same data
    second = _ask(handle, school)
    assert handle.app.las.cache.hits >= 1
    assert second != first
    assert second == _fresh(handle, school, second)


def test_a_change_of_one_school_keeps_the_other_schools_answers(
    mock_esis_factory: Callable[..., MockEsisHandle],
) -> None:
    handle = mock_esis_factory(schools=2, students_per_group=3, activate_all=True)
    one, other = handle.schools
    _ask(handle, one)
    _ask(handle, other)
    misses = handle.app.las.cache.misses
    state = handle.app.state
    school = state.schools[one.code]
    pupil = school.jaren[school.schooljaar].leerlingen[0]
    update_leerling(state, school, str(pupil.key), {"roepnaam": "Gewijzigd"})
    _ask(handle, other)
    assert handle.app.las.cache.misses == misses  # the other school's answer still holds
    changed = _ask(handle, one)
    assert handle.app.las.cache.misses == misses + 1
    assert b"Gewijzigd" in changed
