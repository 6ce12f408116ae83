"""Finding and starting Debian's Chromium for Playwright (never a downloaded browser).

``BOOMLINK_CHROMIUM`` names the executable, else ``/usr/bin/chromium``. :func:`chromium_pad`
returns None when it is missing; tests then skip locally with :data:`INSTALLEER` and fail under
``CI=true``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

__all__ = ["ARGS", "INSTALLEER", "chromium_pad", "start_chromium"]

STANDAARD = "/usr/bin/chromium"
INSTALLEER = (
    "Chromium ontbreekt: installeer Debian's browser met `sudo apt-get install chromium` "
    "(of zet BOOMLINK_CHROMIUM op het pad van een Chromium). Draai nooit `playwright install`."
)
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_pad(environ: Mapping[str, str] | None = None) -> str | None:
    env = os.environ if environ is None else environ
    pad = env.get("BOOMLINK_CHROMIUM") or STANDAARD
    return pad if Path(pad).is_file() and os.access(pad, os.X_OK) else None


def start_chromium(playwright: Playwright, pad: str) -> Browser:
    return playwright.chromium.launch(executable_path=pad, args=ARGS, headless=True)
