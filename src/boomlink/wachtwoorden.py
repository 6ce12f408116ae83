"""Password hashing for the web accounts: argon2id, with its cost chosen by a profile.

``BOOMLINK_WACHTWOORD_PROFIEL`` picks the cost, read once on first use:

* ``standaard`` (the default): argon2-cffi's defaults (RFC 9106's low-memory choice: 64 MiB,
  3 passes, 4 lanes), about 50–100 ms per hash on these machines;
* ``test``: the cheapest argon2id argon2-cffi accepts (8 KiB, 1 pass, 1 lane), for test runs that
  log in hundreds of times. Never for real accounts: a hash made with it is rehashed with the
  ``standaard`` cost at the next login under ``standaard`` (``check_needs_rehash``).

The test suites set ``test`` in the root ``conftest.py``; everything else runs ``standaard``.
"""

from __future__ import annotations

import os
import threading

from argon2 import PasswordHasher

__all__ = ["PROFIELEN", "dummy_hash", "hasher", "profiel"]

PROFIELEN: dict[str, PasswordHasher] = {
    "standaard": PasswordHasher(),
    "test": PasswordHasher(time_cost=1, memory_cost=8, parallelism=1),
}
_VARIABELE = "BOOMLINK_WACHTWOORD_PROFIEL"
_lock = threading.Lock()
_dummy: dict[str, str] = {}


def profiel() -> str:
    """The profile of this process; an unknown name is refused with the names that exist."""
    naam = os.environ.get(_VARIABELE, "standaard") or "standaard"
    if naam not in PROFIELEN:
        raise ValueError(
            f"{_VARIABELE}={naam!r} bestaat niet; kies uit: {', '.join(sorted(PROFIELEN))}"
        )
    return naam


def hasher() -> PasswordHasher:
    """The argon2id hasher of this process's profile."""
    return PROFIELEN[profiel()]


def dummy_hash() -> str:
    """A hash to check a password against when there is no account, so that an unknown address
    costs as much as a known one (made once per profile, on first use)."""
    naam = profiel()
    with _lock:
        if naam not in _dummy:
            _dummy[naam] = PROFIELEN[naam].hash("geen-account-maar-wel-even-lang-rekenen")
        return _dummy[naam]
