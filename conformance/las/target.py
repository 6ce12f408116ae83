"""The LAS under test: its endpoints, the afnemer's credentials and the school to ask for.

Given on the command line, or read from a mock-esis ``--state-file`` through
:mod:`uwlr.esis_state_file` (then the first school with an autorisatiesleutel is used, unless
``brincode`` picks another).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from uwlr.esis_state_file import StateFileError, read_state_file, wait_for_state_file

__all__ = ["LasTarget", "TargetError", "current_schooljaar"]


class TargetError(ValueError):
    """The target cannot be used as given (a Dutch message for the user)."""


def current_schooljaar(today: dt.date | None = None) -> str:
    """The school year of ``today`` (it turns on 1 August), e.g. ``2026-2027``."""
    day = today or dt.date.today()
    start = day.year if day.month >= 8 else day.year - 1
    return f"{start}-{start + 1}"


@dataclass(frozen=True)
class LasTarget:
    """Everything the LAS checks need to talk to one LAS about one school."""

    leerlinggegevens_url: str
    sleutel: str
    klantcode: str
    klantnaam: str
    leerresultaten_url: str | None = None
    brincode: str | None = None
    dependancecode: str | None = None
    schoolkey: str | None = None
    schooljaar: str = ""
    xsdversie: str = "2.3"
    admin_url: str | None = None
    ca_pem: str | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        for name in ("leerlinggegevens_url", "leerresultaten_url", "admin_url"):
            url = getattr(self, name)
            if url is not None and not url.startswith(("http://", "https://")):
                raise TargetError(f"{name} moet met http:// of https:// beginnen: {url!r}")
        if not self.sleutel.strip():
            raise TargetError("de autorisatiesleutel (--sleutel) is verplicht")
        if not self.klantcode.strip() or not self.klantnaam.strip():
            raise TargetError("--klantcode en --klantnaam zijn verplicht")
        if bool(self.brincode) == bool(self.schoolkey):
            raise TargetError("geef precies één van --brincode en --schoolkey")
        if not self.schooljaar:
            object.__setattr__(self, "schooljaar", current_schooljaar())

    def __repr__(self) -> str:  # never the key
        return (
            f"LasTarget({self.leerlinggegevens_url!r}, school={self.school_label!r}, "
            f"schooljaar={self.schooljaar!r})"
        )

    @property
    def school_label(self) -> str:
        """``99QQ00`` or ``schoolkey ESIS-99QQ00``."""
        if self.brincode:
            return f"{self.brincode}{self.dependancecode or '00'}"
        return f"schoolkey {self.schoolkey}"

    @property
    def address(self) -> dict[str, str | None]:
        """The school-addressing fields of a request."""
        if self.brincode:
            return {"brincode": self.brincode, "dependancecode": self.dependancecode or "00"}
        return {"schoolkey": self.schoolkey}

    @classmethod
    def from_state_file(
        cls,
        path: Path,
        *,
        brincode: str | None = None,
        dependancecode: str | None = None,
        schoolkey: str | None = None,
        wacht: float | None = None,
        **overrides: Any,
    ) -> LasTarget:
        """The target a mock-esis state file describes (overrides win over the file). With
        ``wacht`` (seconds) wait for a file whose server answers (``--wacht``).

        A mock started with ``--tls`` writes its CA into the file (``tls.ca_pem``, ``tls.ca_file``):
        it becomes :attr:`ca_pem`, trusted next to the system's CAs, so no ``--ca-file`` is needed.
        """
        try:
            if wacht is None:
                state = read_state_file(path)
            else:
                state = wait_for_state_file(path, wacht)
        except StateFileError as exc:
            raise TargetError(str(exc)) from None
        schools = [s for s in state.scholen if s.autorisatiesleutel]
        if brincode:
            schools = [
                s
                for s in schools
                if s.brincode == brincode
                and (dependancecode is None or s.dependancecode == dependancecode)
            ]
        if not schools:
            wanted = f" met BRIN {brincode}" if brincode else ""
            raise TargetError(
                f"het statusbestand {path} noemt geen school{wanted} met een autorisatiesleutel "
                "(start mock-esis met --activeren)"
            )
        school = schools[0]
        fields: dict[str, Any] = {
            "leerlinggegevens_url": state.leerlinggegevens_url or "",
            "leerresultaten_url": state.leerresultaten_url,
            "admin_url": state.admin_url,
            "sleutel": school.autorisatiesleutel,
            "klantcode": state.klantcode or "",
            "klantnaam": state.klantnaam or "",
            "schooljaar": school.schooljaar,
            "ca_pem": state.ca_pem or _read_ca(state.ca_file),
        }
        if schoolkey:
            fields["schoolkey"] = schoolkey
        else:
            fields["brincode"] = school.brincode
            fields["dependancecode"] = school.dependancecode
        fields.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**fields)


def _read_ca(path: str | None) -> str | None:
    if not path:
        return None
    try:
        return Path(path).read_text("ascii")
    except (OSError, ValueError) as exc:
        raise TargetError(
            f"het CA-bestand {path} uit het statusbestand is niet te lezen: {exc}"
        ) from None
