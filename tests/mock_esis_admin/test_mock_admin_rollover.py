"""The 1 August rollover: clock to the next school year, pupils move up, old year still served."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

import pytest
from mock_admin_testkit import haal

from mock_esis.admin.rollover import next_name
from mock_esis.testing.handle import MockEsisHandle
from uwlr.models import GegevensStatus, LeerlinggegevensAntwoord


@pytest.mark.parametrize(
    ("naam", "jaargroep", "expected"),
    [
        ("Groep 4a", "4", ("Groep 5a", "5")),
        ("Groep 1/2a", "C", ("Groep 2/3a", "C")),
        ("Groep 7/8", "C", ("Groep 8", "8")),
        ("Groep 3 t/m 5", "C", ("Groep 4 t/m 6", "C")),
        ("Groep 6 t/m 8", "C", ("Groep 7/8", "C")),
        ("Groep 8", "8", None),
        ("De Dolfijnen", "6", ("De Dolfijnen", "7")),
        ("De Uilen", "8", None),
        ("De Mix", "C", ("De Mix", "C")),
    ],
)
def test_group_names_follow(naam: str, jaargroep: str, expected: tuple[str, str] | None) -> None:
    assert next_name(naam, jaargroep) == expected


def test_rollover(actief: MockEsisHandle) -> None:
    code = actief.school.code
    oud_jaar = actief.school.schooljaar
    before = haal(actief, code)
    assert isinstance(before, LeerlinggegevensAntwoord) and before.gegevens is not None
    old = before.gegevens
    result = actief.admin.volgend_schooljaar()
    start = int(oud_jaar[:4]) + 1
    nieuw_jaar = f"{start}-{start + 1}"
    klok = dt.datetime.fromisoformat(result["klok"]).astimezone(ZoneInfo("Europe/Amsterdam"))
    assert klok.date() == dt.date(start, 8, 1)
    assert result["scholen"][code]["naar"] == nieuw_jaar
    assert actief.school.schooljaar == nieuw_jaar

    after = haal(actief, code)
    assert isinstance(after, LeerlinggegevensAntwoord) and after.gegevens is not None
    new = after.gegevens
    assert new.school.schooljaar == nieuw_jaar
    old_by_key = {p.key: p for p in old.leerlingen}
    new_by_key = {p.key: p for p in new.leerlingen}
    leavers = {k for k, p in old_by_key.items() if p.jaargroep == "8"}
    assert leavers and not leavers & set(new_by_key)
    for key, pupil in new_by_key.items():
        if key in old_by_key:
            was = old_by_key[key]
            assert pupil.eckid == was.eckid
            assert int(pupil.jaargroep or 0) == int(was.jaargroep or 0) + 1
    arrivals = set(new_by_key) - set(old_by_key)
    assert arrivals and all(new_by_key[k].jaargroep == "1" for k in arrivals)
    assert set(result["scholen"][code]["nieuw"]) == arrivals
    groep1 = next(g for g in new.groepen if g.naam == "Groep 1")
    assert all(new_by_key[k].groep == groep1.key for k in arrivals)
    assert all(p.mutatiedatum == dt.datetime.fromisoformat(result["klok"]) for p in new.leerlingen)
    taught = {ref.key for t in new.leerkrachten for ref in t.groepen}
    assert groep1.key in taught, "the teachers of the groups that ended take the new groep 1"

    # the old year is still there for its own schooljaar, unchanged
    still = haal(actief, code, schooljaar=oud_jaar)
    assert isinstance(still, LeerlinggegevensAntwoord) and still.gegevens is not None
    assert {p.key for p in still.gegevens.leerlingen} == set(old_by_key)
    assert still.gegevens.school.schooljaar == oud_jaar
    # an import with laatstontvangengegevens from before the rollover gets the new data
    since = max(p.mutatiedatum for p in old.leerlingen if p.mutatiedatum)
    again = haal(actief, code, laatstontvangengegevens=since)
    assert isinstance(again, LeerlinggegevensAntwoord) and again.status is GegevensStatus.GEGEVENS


def test_group_names_follow_in_the_answer(actief: MockEsisHandle) -> None:
    old = haal(actief, actief.school.code)
    assert isinstance(old, LeerlinggegevensAntwoord) and old.gegevens is not None
    actief.admin.volgend_schooljaar()
    new = haal(actief, actief.school.code)
    assert isinstance(new, LeerlinggegevensAntwoord) and new.gegevens is not None
    new_groups = {g.key: g for g in new.gegevens.groepen}
    for groep in old.gegevens.groepen:
        follows = next_name(groep.naam, groep.jaargroep)
        if follows is None:
            assert groep.key not in new_groups
        else:
            assert (new_groups[groep.key].naam, new_groups[groep.key].jaargroep) == follows


def test_two_rollovers_and_clock_never_goes_back(actief: MockEsisHandle) -> None:
    first = actief.admin.volgend_schooljaar()
    second = actief.admin.volgend_schooljaar()
    assert second["klok"] > first["klok"]
    code = actief.school.code
    state = actief.admin.state()["scholen"][0]
    assert len(state["schooljaren"]) == 3
    for jaar in state["schooljaren"]:
        answer = haal(actief, code, schooljaar=jaar)
        assert isinstance(answer, LeerlinggegevensAntwoord) and answer.gegevens is not None


def test_newcomers_after_rollover_have_their_own_keys(actief: MockEsisHandle) -> None:
    result = actief.admin.volgend_schooljaar()
    nieuw = result["scholen"][actief.school.code]["nieuw"]
    assert len(nieuw) > 1
    assert len(set(nieuw)) == len(nieuw)
    after = haal(actief, actief.school.code)
    assert isinstance(after, LeerlinggegevensAntwoord) and after.gegevens is not None
    keys = [p.key for p in after.gegevens.leerlingen]
    assert len(keys) == len(set(keys))
    newcomers = [p for p in after.gegevens.leerlingen if p.key in nieuw]
    assert len({(p.roepnaam, p.achternaam) for p in newcomers}) > 1


def test_generated_people_do_not_depend_on_what_ran_before(
    mock_esis_factory: Callable[..., MockEsisHandle],
) -> None:
    names: list[tuple[str, str | None]] = []
    for warm_up in (0, 3):
        handle = mock_esis_factory(students_per_group=3, activate_all=True)
        other = mock_esis_factory(seed=7, students_per_group=3)
        for _ in range(warm_up):  # generate people elsewhere first
            other.admin.add_leerling(other.school.code, jaargroep="4")
        made = handle.admin.add_leerling(handle.school.code, jaargroep="5")
        names.append((made["leerling"]["roepnaam"], made["leerling"].get("achternaam")))
    assert names[0] == names[1]
