"""pytest plugin of the mock ESIS: fixtures that start a real server on a free loopback port."""

from __future__ import annotations
