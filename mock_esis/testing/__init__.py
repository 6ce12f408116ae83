"""Tools for testers: fault injection, the request journal and its audit, the test handle, clients, the pytest plugin."""

from __future__ import annotations
