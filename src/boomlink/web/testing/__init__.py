"""Driving the Boom screens from tests: Debian's Chromium (:mod:`.browser`) and page objects
(:mod:`.pages`) that speak the handbook's words. A ``BoomBrowserDriver`` for the feature step
layer is a thin layer over :class:`~.pages.BoomWeb`. Needs the ``playwright`` package (dev)."""

from __future__ import annotations
