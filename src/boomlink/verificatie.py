"""The hook where stap 3's check of the autorisatiesleutel against ESIS is wired in.

:func:`esis_verifier` is what the CLI uses for ``boomlink koppeling opslaan``. Until the UWLR
client (``boomlink.uwlr_client``) is connected it refuses with
:class:`~boomlink.errors.VerificatieNietAangesloten`: a key is never stored unverified.

To wire it: return a :data:`~boomlink.koppeling.Verifier` that sends one UWLR request (for
example ``structuur_verzoek``) for ``verzoek.schooljaar`` with either ``verzoek.schoolkey`` or
``verzoek.brincode`` + ``verzoek.dependancecode`` and the key in the ``autorisatie`` header
(``verzoek.autorisatiesleutel.onthul()``); map ``Client.AutorisatieOngeldig`` and
``Client.OngeldigeKlantIdentificatie`` faults to ``SleutelGeweigerd(reden)`` with a reason a
school admin understands, and transport failures to ``EsisNietBereikbaar(bericht)``.
"""

from __future__ import annotations

from boomlink.config import Settings
from boomlink.errors import VerificatieNietAangesloten
from boomlink.koppeling import Verificatieverzoek, Verifier

__all__ = ["esis_verifier"]


def esis_verifier(settings: Settings) -> Verifier:
    """The verifier for the configured ESIS. Not wired yet: always refuses (see module doc)."""

    def niet_aangesloten(verzoek: Verificatieverzoek) -> None:
        raise VerificatieNietAangesloten()

    return niet_aangesloten
