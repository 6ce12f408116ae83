"""BrengLeerresultaten against a running mock ESIS: accepted whole and stored, or refused whole.

These tests change the mock's state, so each gets its own server (the plugin's ``mock_esis``).
"""

from __future__ import annotations

from collections.abc import Callable

from mock_esis_testkit import TOETS, answer_of, fault_of, leerresultaten, resultaat

from mock_esis.state.model import SchoolState
from mock_esis.testing.handle import MockEsisHandle
from uwlr.faults import FaultCode
from uwlr.models import LeerresultatenBevestiging


def state_of(mock_esis: MockEsisHandle) -> SchoolState:
    return mock_esis.app.state.schools[mock_esis.school.code]


def pupils(mock_esis: MockEsisHandle) -> list[str]:
    keys = [p.key for p in state_of(mock_esis).fake.leerlinggegevens.leerlingen if p.key]
    assert len(keys) >= 2
    return keys


def test_results_are_accepted_and_stored(mock_esis: MockEsisHandle) -> None:
    first, second = pupils(mock_esis)[:2]
    message = leerresultaten(
        mock_esis.school,
        {first: [resultaat("R-1", score=30)], second: [resultaat("R-2", score=None)]},
    )
    response = mock_esis.call("BrengLeerresultaten", message)
    assert isinstance(answer_of(response), LeerresultatenBevestiging)
    stored = state_of(mock_esis).resultaten
    assert set(stored) == {"R-1", "R-2"}
    assert stored["R-1"].leerlingid == first
    assert stored["R-1"].score == 30
    assert stored["R-1"].toetscode == TOETS.toetscode
    assert stored["R-1"].toetsnaam == TOETS.toetsnaam
    assert stored["R-2"].leerlingid == second
    assert stored["R-2"].dle == "31"
    assert stored["R-2"].niveau == "1F"


def test_resending_a_resultaat_key_replaces_it(mock_esis: MockEsisHandle) -> None:
    first, second = pupils(mock_esis)[:2]
    school = mock_esis.school
    answer_of(
        mock_esis.call(
            "BrengLeerresultaten", leerresultaten(school, {first: [resultaat("R-1", score=10)]})
        )
    )
    answer_of(
        mock_esis.call("BrengLeerresultaten", leerresultaten(school, {second: [resultaat("R-2")]}))
    )
    assert len(state_of(mock_esis).resultaten) == 2
    again = leerresultaten(school, {first: [resultaat("R-1", score=40)]})
    answer_of(mock_esis.call("BrengLeerresultaten", again))
    stored = state_of(mock_esis).resultaten
    assert len(stored) == 2
    assert stored["R-1"].score == 40


def test_unknown_leerlingid_refuses_the_whole_message(mock_esis: MockEsisHandle) -> None:
    first = pupils(mock_esis)[0]
    message = leerresultaten(
        mock_esis.school,
        {first: [resultaat("R-GOED")], "ONBEKENDE-LEERLING": [resultaat("R-FOUT")]},
    )
    response = mock_esis.call("BrengLeerresultaten", message)
    fault = fault_of(response, mock_esis.school.autorisatiesleutel or "")
    assert fault.code is FaultCode.LEERLING_ONGELDIG
    assert "ONBEKENDE-LEERLING" in fault.faultstring
    assert state_of(mock_esis).resultaten == {}


def test_ungrouped_pupil_is_a_known_leerling(mock_esis: MockEsisHandle) -> None:
    ungrouped = state_of(mock_esis).fake.ongegroepeerde_leerlingen[0].key
    assert ungrouped is not None
    message = leerresultaten(mock_esis.school, {ungrouped: [resultaat("R-1")]})
    answer_of(mock_esis.call("BrengLeerresultaten", message))
    assert state_of(mock_esis).resultaten["R-1"].leerlingid == ungrouped


def test_pupil_of_another_school_is_leerling_ongeldig(
    mock_esis_factory: Callable[..., MockEsisHandle],
) -> None:
    handle = mock_esis_factory(seed=1, schools=2, students_per_group=5, activate_all=True)
    first, second = handle.schools
    state = handle.app.state.schools
    foreign = state[second.code].fake.leerlinggegevens.leerlingen[0].key
    assert foreign is not None
    message = leerresultaten(first, {foreign: [resultaat("R-1")]})
    fault = fault_of(handle.call("BrengLeerresultaten", message))
    assert fault.code is FaultCode.LEERLING_ONGELDIG
    assert state[first.code].resultaten == {} and state[second.code].resultaten == {}


def test_score_outside_its_normering_is_score_ongeldig(mock_esis: MockEsisHandle) -> None:
    first, second = pupils(mock_esis)[:2]
    message = leerresultaten(
        mock_esis.school,
        {first: [resultaat("R-GOED", score=50)], second: [resultaat("R-TE-HOOG", score=51)]},
    )
    fault = fault_of(mock_esis.call("BrengLeerresultaten", message))
    assert fault.code is FaultCode.SCORE_ONGELDIG
    assert "R-TE-HOOG" in fault.faultstring
    assert state_of(mock_esis).resultaten == {}


def test_scores_on_the_norm_edges_are_accepted(mock_esis: MockEsisHandle) -> None:
    first = pupils(mock_esis)[0]
    message = leerresultaten(
        mock_esis.school, {first: [resultaat("R-0", score=0), resultaat("R-50", score=50)]}
    )
    answer_of(mock_esis.call("BrengLeerresultaten", message))
    assert set(state_of(mock_esis).resultaten) == {"R-0", "R-50"}


def test_toetscode_that_names_no_toets_is_ongeldig_bericht(mock_esis: MockEsisHandle) -> None:
    first = pupils(mock_esis)[0]
    message = leerresultaten(
        mock_esis.school,
        {first: [resultaat("R-GOED"), resultaat("R-ZONDER-TOETS", toetscode="BESTAAT-NIET")]},
    )
    fault = fault_of(mock_esis.call("BrengLeerresultaten", message))
    assert fault.code is FaultCode.ONGELDIG_BERICHT
    assert state_of(mock_esis).resultaten == {}


def test_results_for_another_school_than_the_key_are_refused(
    mock_esis_factory: Callable[..., MockEsisHandle],
) -> None:
    handle = mock_esis_factory(seed=1, schools=2, students_per_group=5, activate_all=True)
    first, second = handle.schools
    pupil = handle.app.state.schools[second.code].fake.leerlinggegevens.leerlingen[0].key
    assert pupil is not None
    message = leerresultaten(second, {pupil: [resultaat("R-1")]})
    response = handle.call("BrengLeerresultaten", message, autorisatie=handle.autorisatie(first))
    assert fault_of(response).code is FaultCode.AUTORISATIE_ONGELDIG
    assert handle.app.state.schools[second.code].resultaten == {}
