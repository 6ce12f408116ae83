"""Test support for the Boom side, used by tests, features, the demo and the benchmarks (not by the link).

:mod:`boomlink.testing.mailsink` is the loopback SMTP relay that keeps every mail;
:mod:`boomlink.testing.ports` gives a loopback port that refuses connections. Both bind port 0
themselves and hold what they got, so no other process can take the port in between.
"""

from __future__ import annotations
