"""Long lists on screen: filter by name and show one page at a time (1,000 pupils stay usable)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

__all__ = ["PER_PAGINA", "Pagina", "pagineer"]

T = TypeVar("T")
PER_PAGINA = 50


@dataclass(frozen=True)
class Pagina(Generic[T]):
    regels: Sequence[T]
    nummer: int
    aantal_paginas: int
    totaal: int
    zoek: str

    @property
    def vorige(self) -> int | None:
        return self.nummer - 1 if self.nummer > 1 else None

    @property
    def volgende(self) -> int | None:
        return self.nummer + 1 if self.nummer < self.aantal_paginas else None


def pagineer(
    regels: Sequence[T],
    naam: Callable[[T], str],
    *,
    zoek: str = "",
    pagina: str | int | None = 1,
    per_pagina: int = PER_PAGINA,
) -> Pagina[T]:
    """The rows whose name contains ``zoek`` (case-insensitive), page ``pagina`` of them."""
    gezocht = " ".join(zoek.split()).casefold()
    gevonden = [r for r in regels if gezocht in naam(r).casefold()] if gezocht else list(regels)
    paginas = max(1, -(-len(gevonden) // per_pagina))
    try:
        nummer = min(max(1, int(pagina or 1)), paginas)
    except (TypeError, ValueError):
        nummer = 1
    begin = (nummer - 1) * per_pagina
    return Pagina(gevonden[begin : begin + per_pagina], nummer, paginas, len(gevonden), zoek)
