"""The ESIS screens of the handbook (the school admin's side) as a JSON API under ``/esis/``."""

from __future__ import annotations
