"""Password hashing profiles: the real argon2id cost by default, the cheap one only when asked."""

from __future__ import annotations

import pytest

from boomlink.wachtwoorden import dummy_hash, hasher, profiel


def test_the_default_profile_is_argon2id_at_argon2_cffis_cost(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("BOOMLINK_WACHTWOORD_PROFIEL")
    assert profiel() == "standaard"
    assert hasher().hash("een-lang-wachtwoord").startswith("$argon2id$v=19$m=65536,t=3,p=4$")


def test_the_test_profile_is_cheap_and_its_hashes_are_rehashed_under_the_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("BOOMLINK_WACHTWOORD_PROFIEL", "test")
    goedkoop = hasher().hash("een-lang-wachtwoord")
    assert goedkoop.startswith("$argon2id$v=19$m=8,t=1,p=1$")
    monkeypatch.setenv("BOOMLINK_WACHTWOORD_PROFIEL", "standaard")
    assert hasher().verify(goedkoop, "een-lang-wachtwoord")
    assert hasher().check_needs_rehash(goedkoop)


def test_the_dummy_hash_follows_the_profile(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOOMLINK_WACHTWOORD_PROFIEL", "test")
    assert "m=8,t=1,p=1" in dummy_hash()
    monkeypatch.setenv("BOOMLINK_WACHTWOORD_PROFIEL", "standaard")
    assert "m=65536,t=3,p=4" in dummy_hash()


def test_an_unknown_profile_is_refused_with_the_names_that_exist(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("BOOMLINK_WACHTWOORD_PROFIEL", "snel")
    with pytest.raises(ValueError, match="kies uit: standaard, test"):
        hasher()
