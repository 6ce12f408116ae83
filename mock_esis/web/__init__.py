"""Serving the mock ESIS: the WSGI app, its building, routing and HTTP helpers, waitress and TLS."""

from __future__ import annotations
