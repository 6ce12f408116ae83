"""axe-core (through axe-playwright-python, which ships axe.min.js) on the page a test is on."""

from __future__ import annotations

from typing import Any

from axe_playwright_python.sync_playwright import Axe

_AXE = Axe()
ERNSTIG = {"critical", "serious"}


def ernstige_overtredingen(page: Any) -> list[str]:
    """The critical and serious axe violations of the page, as readable lines."""
    resultaat = _AXE.run(page)
    return [
        f"{v['id']} ({v['impact']}) op {page.url}: {v['help']} – "
        + "; ".join(n["target"][0] for n in v["nodes"][:3])
        for v in resultaat.response["violations"]
        if v.get("impact") in ERNSTIG
    ]


def breedte_past(page: Any) -> bool:
    """True when nothing makes the page scroll sideways (a table may scroll in its own box)."""
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))
