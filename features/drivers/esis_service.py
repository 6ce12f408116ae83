"""The ESIS driver over the fake ESIS's screens: its HTTP/JSON routes under ``/esis/``.

Every action is one request to the running mock over loopback, as the ESIS user named in the
call; the mock's own role rules and checks decide (this driver checks nothing itself), and a
refusal comes back as :class:`~drivers.base.Geweigerd` with the screen's status and message.
It never touches the mock's state.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

from drivers.base import EsisKoppeling, Geweigerd, MijnGroep, Toetsgroep, Toetsresultaatregel
from mock_esis.testing.client import EsisClient, MockEsisError
from mock_esis.testing.handle import MockEsisHandle

__all__ = ["EsisServiceDriver"]

T = TypeVar("T")


def _scherm(actie: Callable[[], T]) -> T:
    try:
        return actie()
    except MockEsisError as error:
        raise Geweigerd(error.fout, status=error.status) from None


class EsisServiceDriver:
    """:class:`~drivers.base.EsisDriver` through the screens' HTTP routes of one running mock."""

    def __init__(self, esis: MockEsisHandle) -> None:
        self._client: EsisClient = esis.esis

    def activeren(self, code: str, gebruiker: str, verificatiecode: str, *, akkoord: bool) -> str:
        getoond: dict[str, Any] = _scherm(
            lambda: self._client.activeren(code, gebruiker, verificatiecode, akkoord=akkoord)
        )
        return str(getoond["autorisatiesleutel"])

    def deactiveren(self, code: str, gebruiker: str) -> None:
        _scherm(lambda: self._client.deactiveren(code, gebruiker))

    def koppeling(self, code: str, gebruiker: str) -> EsisKoppeling:
        getoond: dict[str, Any] = _scherm(lambda: self._client.koppeling(code, gebruiker))
        return EsisKoppeling(
            actief=bool(getoond["actief"]),
            getoonde_sleutel=getoond.get("autorisatiesleutel"),
            tekst=json.dumps(getoond, ensure_ascii=False),
        )

    def mijn_groepen(self, code: str, gebruiker: str) -> list[str]:
        getoond: dict[str, Any] = _scherm(lambda: self._client.groepen(code, gebruiker))
        return [str(g["key"]) for g in getoond["groepen"]]

    def mijn_groep(self, code: str, groep: str, gebruiker: str) -> MijnGroep:
        getoond: dict[str, Any] = _scherm(lambda: self._client.mijn_groep(code, groep, gebruiker))
        return MijnGroep(
            toetsen=[
                Toetsgroep(
                    toetscode=t["toetscode"],
                    aantal_leerlingen=int(t["aantal_leerlingen"]),
                    gemiddelde_vaardigheidsscore=t["gemiddelde_vaardigheidsscore"],
                    verdeling_niveaus={k: int(v) for k, v in t["verdeling_niveaus"].items()},
                )
                for t in getoond["toetsen"]
            ],
            tekst=json.dumps(getoond, ensure_ascii=False),
        )

    def toetsresultaat_invoeren(
        self, code: str, gebruiker: str, *, leerlingid: str, toets: str, dle: str, datum: str
    ) -> None:
        _scherm(
            lambda: self._client.toetsresultaat_invoeren(
                code, gebruiker, leerlingid=leerlingid, toets=toets, dle=dle, datum=datum
            )
        )

    def toetsresultaten(
        self, code: str, gebruiker: str, leerlingid: str
    ) -> list[Toetsresultaatregel]:
        getoond: dict[str, Any] = _scherm(
            lambda: self._client.toetsresultaten(code, gebruiker, leerling=leerlingid)
        )
        return [
            Toetsresultaatregel(
                leerlingid=str(leerling["leerlingid"]),
                toets=str(r["toets"]),
                dle=str(r["dle"]),
                datum=str(r["datum"]),
            )
            for leerling in getoond["leerlingen"]
            for r in leerling["resultaten"]
        ]
