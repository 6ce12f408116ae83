"""Admin-API functions the tester's dashboard needs: the link on/off, the clock, one exchange."""

from __future__ import annotations

import datetime as dt

import pytest

from mock_esis.testing.client import MockEsisError
from mock_esis.testing.handle import MockEsisHandle


def test_activate_and_deactivate_the_link(esis: MockEsisHandle) -> None:
    code = esis.school.code
    assert esis.school.autorisatiesleutel is None
    answer = esis.admin.koppeling_activeren(code)
    key = answer["koppeling"]["autorisatiesleutel"]
    assert answer["koppeling"]["actief"] and key == esis.school.autorisatiesleutel
    assert answer["koppeling"]["verificatiecode"].startswith(code)
    again = esis.admin.koppeling_activeren(code, verificatiecode=f"{code}-mijn-eigen-code-01")
    assert again["koppeling"]["autorisatiesleutel"] != key  # a new key, the old one revoked
    assert esis.app.state.school_for_key(key) is None
    assert again["koppeling"]["verificatiecode"] == f"{code}-mijn-eigen-code-01"
    off = esis.admin.koppeling_deactiveren(code)
    assert off["koppeling"]["actief"] is False and esis.school.autorisatiesleutel is None
    with pytest.raises(MockEsisError) as refused:
        esis.admin.koppeling_deactiveren(code)
    assert refused.value.status == 409
    with pytest.raises(MockEsisError) as bad:
        esis.admin.koppeling_activeren(code, verificatiecode="11AA00-niet-van-deze-school")
    assert bad.value.status == 422 and "beginnen met" in bad.value.fout


def test_the_clock_moves_forward_only(esis: MockEsisHandle) -> None:
    now = dt.datetime.fromisoformat(esis.admin.klok()["klok"])
    later = (now + dt.timedelta(days=40)).replace(microsecond=0)
    moved = esis.admin.klok_zetten(later.isoformat())
    assert dt.datetime.fromisoformat(moved["klok"]) >= later
    assert moved["klok_verschoven_seconden"] >= 40 * 86400 - 5
    with pytest.raises(MockEsisError) as back:
        esis.admin.klok_zetten((now - dt.timedelta(days=1)).isoformat())
    assert back.value.status == 422 and "vooruit" in back.value.fout
    with pytest.raises(MockEsisError) as bad:
        esis.admin.klok_zetten("morgen")
    assert bad.value.status == 422
    day = (later + dt.timedelta(days=3)).date().isoformat()
    assert esis.admin.klok_zetten(day)["klok"].startswith(day[:8])
