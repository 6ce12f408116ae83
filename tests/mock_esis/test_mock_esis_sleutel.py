"""The autorisatiesleutels the fake ESIS hands out: unguessable, and safe to type after ``--sleutel``."""

from __future__ import annotations

import secrets

import pytest

from mock_esis.state.model import nieuwe_sleutel


def test_a_key_that_would_start_with_a_dash_is_drawn_again(monkeypatch: pytest.MonkeyPatch) -> None:
    draws = iter(["-begint-met-een-streepje", "-nog-een", "Q2FA-goed"])
    monkeypatch.setattr(secrets, "token_urlsafe", lambda _n: next(draws))
    assert nieuwe_sleutel() == "Q2FA-goed"


def test_keys_are_256_bit_url_safe_and_never_start_with_a_dash() -> None:
    keys = {nieuwe_sleutel() for _ in range(2000)}
    assert len(keys) == 2000
    assert not any(k.startswith("-") for k in keys)
    assert all(len(k) == len(secrets.token_urlsafe(32)) for k in keys)
