"""The tester's admin API under ``/__admin/``: seeding, inspection, data changes, rollover, its CLI."""

from __future__ import annotations
