"""Boom testcentrum side of the UWLR link (the afnemer): store, link set-up, import review, result push."""

from __future__ import annotations
