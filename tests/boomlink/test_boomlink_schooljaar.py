"""The current school year turns over on 1 August 00:00 Europe/Amsterdam (H-S1-02)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from boomlink.schooljaar import (
    FALLBACK_ZOMERTIJD,
    geldig_schooljaar_formaat,
    huidig_schooljaar,
    schooljaar_op,
)

AMS = ZoneInfo("Europe/Amsterdam")


def test_first_of_august_midnight_amsterdam_is_the_new_year() -> None:
    assert huidig_schooljaar(dt.datetime(2026, 8, 1, 0, 0, tzinfo=AMS)) == "2026-2027"


def test_last_minute_of_july_is_still_the_old_year() -> None:
    assert huidig_schooljaar(dt.datetime(2026, 7, 31, 23, 59, tzinfo=AMS)) == "2025-2026"
    assert huidig_schooljaar(dt.datetime(2026, 7, 31, 23, 59, 59, 999999, tzinfo=AMS)) == (
        "2025-2026"
    )


def test_the_turn_is_at_amsterdam_midnight_not_utc_midnight() -> None:
    utc = dt.UTC
    assert huidig_schooljaar(dt.datetime(2026, 7, 31, 21, 59, 59, tzinfo=utc)) == "2025-2026"
    assert huidig_schooljaar(dt.datetime(2026, 7, 31, 22, 0, 0, tzinfo=utc)) == "2026-2027"


def test_winter_and_spring_belong_to_the_year_that_started_last_august() -> None:
    assert huidig_schooljaar(dt.datetime(2027, 1, 15, 12, tzinfo=AMS)) == "2026-2027"
    assert huidig_schooljaar(dt.datetime(2026, 12, 31, 23, 30, tzinfo=AMS)) == "2026-2027"


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError):
        huidig_schooljaar(dt.datetime(2026, 8, 1))


def test_without_system_zoneinfo_the_fixed_summer_offset_gives_the_same_turn() -> None:
    utc = dt.UTC
    before = dt.datetime(2026, 7, 31, 21, 59, 59, tzinfo=utc)
    after = dt.datetime(2026, 7, 31, 22, 0, 0, tzinfo=utc)
    assert schooljaar_op(before, FALLBACK_ZOMERTIJD) == "2025-2026"
    assert schooljaar_op(after, FALLBACK_ZOMERTIJD) == "2026-2027"


def test_default_now_is_a_well_formed_year() -> None:
    jaar = huidig_schooljaar()
    assert geldig_schooljaar_formaat(jaar)
    assert not geldig_schooljaar_formaat("2026-2028")
    assert not geldig_schooljaar_formaat("2026/2027")
