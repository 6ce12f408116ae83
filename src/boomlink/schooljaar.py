"""The current school year ("2026-2027"), turning over on 1 August 00:00 Europe/Amsterdam.

The time zone comes from the system zoneinfo (or the ``tzdata`` package). When neither is there,
:data:`FALLBACK_ZOMERTIJD` (a fixed UTC+2) is used. That is exact for this purpose: 1 August is
always in Dutch summer time (CEST, UTC+2, from the last Sunday of March to the last Sunday of
October), so the turn lands on the same instant; at any other time of year a one-hour error
cannot move the local date across 1 August.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = [
    "FALLBACK_ZOMERTIJD",
    "amsterdam",
    "geldig_schooljaar_formaat",
    "huidig_schooljaar",
    "schooljaar_op",
]

FALLBACK_ZOMERTIJD = dt.timezone(dt.timedelta(hours=2), "CEST")
_FORMAAT = re.compile(r"^([12]\d{3})-([12]\d{3})$")


@lru_cache(maxsize=1)
def amsterdam() -> dt.tzinfo:
    """Europe/Amsterdam, or the documented fixed-offset fallback."""
    try:
        return ZoneInfo("Europe/Amsterdam")
    except ZoneInfoNotFoundError:
        return FALLBACK_ZOMERTIJD


def schooljaar_op(moment: dt.datetime, tz: dt.tzinfo) -> str:
    """The school year that ``moment`` (time-zone aware) falls in, with local time in ``tz``."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("schooljaar_op needs a time-zone aware datetime")
    local = moment.astimezone(tz)
    start = local.year if local.month >= 8 else local.year - 1
    return f"{start}-{start + 1}"


def huidig_schooljaar(now: dt.datetime | None = None) -> str:
    """The current school year, e.g. ``"2026-2027"`` from 1 August 2026 00:00 Amsterdam time."""
    return schooljaar_op(now or dt.datetime.now(dt.UTC), amsterdam())


def geldig_schooljaar_formaat(waarde: str) -> bool:
    """``jjjj-jjjj`` with consecutive years (the UWLR ``tpSchooljaar`` shape)."""
    match = _FORMAAT.match(waarde)
    if match is None:
        return False
    return int(match.group(2)) == int(match.group(1)) + 1
