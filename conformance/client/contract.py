"""The client-mode contract: the environment a command gets, and the results file it may push.

Environment (always set): ``UWLR_LEERLINGGEGEVENS_URL``, ``UWLR_LEERRESULTATEN_URL``,
``UWLR_AUTORISATIESLEUTEL``, ``UWLR_KLANTCODE``, ``UWLR_KLANTNAAM``, ``UWLR_BRINCODE``,
``UWLR_DEPENDANCECODE``, ``UWLR_SCHOOLJAAR``, ``UWLR_TIMEOUT`` (seconds the command is asked to
wait for one answer before it gives up or retries); ``UWLR_RESULTATEN_FILE`` only in scenarios that
push results. The results file is a JSON list of ``{"resultaat_key", "leerlingid", "toetscode",
"toetsnaam", "afnamedatum" (YYYY-MM-DD), "score" (int or null), "vaardigheidsscore" (number or
null), "dle" (int or null)}`` for pupils of the seeded school.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

from uwlr.models import Leerlinggegevens

__all__ = [
    "ENV_VARS",
    "RESULTATEN_FILE",
    "TIMEOUT",
    "environment",
    "results_for",
    "write_results",
]

ENV_VARS: Final = (
    "UWLR_LEERLINGGEGEVENS_URL",
    "UWLR_LEERRESULTATEN_URL",
    "UWLR_AUTORISATIESLEUTEL",
    "UWLR_KLANTCODE",
    "UWLR_KLANTNAAM",
    "UWLR_BRINCODE",
    "UWLR_DEPENDANCECODE",
    "UWLR_SCHOOLJAAR",
)
RESULTATEN_FILE: Final = "UWLR_RESULTATEN_FILE"
TIMEOUT: Final = "UWLR_TIMEOUT"


def environment(
    base: Mapping[str, str],
    *,
    leerlinggegevens_url: str,
    leerresultaten_url: str,
    sleutel: str,
    klantcode: str,
    klantnaam: str,
    brincode: str,
    dependancecode: str,
    schooljaar: str,
    resultaten_file: Path | None,
    timeout: float | None = None,
) -> dict[str, str]:
    """``base`` (the harness's own environment, minus any UWLR_ variables) plus the contract."""
    env = {k: v for k, v in base.items() if not k.startswith("UWLR_")}
    values = (
        leerlinggegevens_url,
        leerresultaten_url,
        sleutel,
        klantcode,
        klantnaam,
        brincode,
        dependancecode,
        schooljaar,
    )
    env.update(dict(zip(ENV_VARS, values, strict=True)))
    if resultaten_file is not None:
        env[RESULTATEN_FILE] = str(resultaten_file)
    if timeout is not None:
        env[TIMEOUT] = f"{timeout:g}"
    return env


def results_for(
    gegevens: Leerlinggegevens, schooljaar: str, count: int = 4
) -> list[dict[str, Any]]:
    """Results for the first ``count`` pupils with a key: one score-only, the others normed."""
    start = int(schooljaar[:4])
    day = dt.date(start, 10, 15)
    results: list[dict[str, Any]] = []
    pupils = [p for p in gegevens.leerlingen if p.key][:count]
    for index, pupil in enumerate(pupils):
        normed = index > 0
        results.append(
            {
                "resultaat_key": f"conformance-{schooljaar}-{pupil.key}-rekenen",
                "leerlingid": pupil.key,
                "toetscode": "CONF-REKENEN-M",
                "toetsnaam": "Rekenen-Wiskunde midden (conformance)",
                "afnamedatum": (day + dt.timedelta(days=index)).isoformat(),
                "score": 30 + index,
                "vaardigheidsscore": round(150.5 + index, 1) if normed else None,
                "dle": 20 + index if normed else None,
            }
        )
    return results


def write_results(path: Path, results: list[dict[str, Any]]) -> None:
    """Write the results file."""
    path.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", "utf-8")
