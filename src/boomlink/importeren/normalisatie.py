"""Comparison keys for matching: case, diacritics, spacing and voorvoegsel placement folded away.

``achternaam_sleutel("Dijk", "van")``, ``achternaam_sleutel("van Dijk", None)`` and
``achternaam_sleutel("Dijk, van", None)`` are all ``"van dijk"``: the voorvoegsel is put in front
of the achternaam, wherever the LAS or the Boom testcentrum kept it.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["achternaam_sleutel", "email_sleutel", "tekst_sleutel"]

_SPATIES = re.compile(r"\s+")
_APOSTROFS = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})


def tekst_sleutel(waarde: str | None) -> str:
    """Lower case, no diacritics, one space between words, no spaces around."""
    if not waarde:
        return ""
    ontleed = unicodedata.normalize("NFKD", waarde.translate(_APOSTROFS))
    zonder = "".join(c for c in ontleed if not unicodedata.combining(c))
    return _SPATIES.sub(" ", zonder).strip().casefold()


def achternaam_sleutel(achternaam: str | None, voorvoegsel: str | None) -> str:
    """The full surname with its voorvoegsel in front, as :func:`tekst_sleutel`."""
    naam = tekst_sleutel(achternaam)
    if "," in naam:  # "dijk, van": the voorvoegsel was put behind
        hoofd, _, achter = naam.partition(",")
        naam = f"{achter.strip()} {hoofd.strip()}".strip()
    return " ".join(part for part in (tekst_sleutel(voorvoegsel), naam) if part)


def email_sleutel(waarde: str | None) -> str:
    """An e-mail address compared without case and surrounding spaces."""
    return (waarde or "").strip().casefold()
