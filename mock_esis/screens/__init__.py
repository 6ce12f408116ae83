"""The ESIS screens of the handbook (the school admin's side) under ``/esis/``: their rules, the
HTML pages for a browser (``pages``) and the same screens as JSON (``esis``)."""

from __future__ import annotations
