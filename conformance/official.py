"""Which official UWLR 2.2 schemas a run validates against: named, or none ("niet uitgevoerd").

``--officieel DIR`` names the folder (``v2p2/`` or the one holding it); without it
``$UWLR_OFFICIAL_XSD_DIR`` may name it. Nothing is guessed: without either, the MUST checks that
need the schemas (``LAS-ENV-003``, ``CLI-REQ-003``) are reported as not run, saying how to get
the schemas, and ``--streng`` turns that into a failed run.
"""

from __future__ import annotations

import os
from pathlib import Path

from uwlr.official import OFFICIAL_DIR_ENV, OfficialSchemas, load_official

__all__ = ["OFFICIAL_NOT_GIVEN", "choose_official"]

#: Why the official checks did not run, and how to make them run (after "Niet uitgevoerd: ").
OFFICIAL_NOT_GIVEN = (
    "de officiële UWLR 2.2-schema's zijn niet opgegeven. Download ze bij Edustandaard "
    f"(afspraak UWLR 2.2) en geef de map met --officieel DIR (of zet {OFFICIAL_DIR_ENV})"
)


def choose_official(folder: Path | None) -> tuple[OfficialSchemas | None, str]:
    """The schemas in ``folder`` (or ``$UWLR_OFFICIAL_XSD_DIR``), or None with the reason.

    Raises :class:`uwlr.official.OfficialSchemasMissing` when a named folder holds no schemas.
    """
    if folder is None:
        env = os.environ.get(OFFICIAL_DIR_ENV)
        if not env:
            return None, OFFICIAL_NOT_GIVEN
        folder = Path(env)
    return load_official(folder), ""
