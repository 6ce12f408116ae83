"""ESIS' screen "Resultatenkoppeling Boom testcentrum": show, activate, deactivate (handbook step 2).

Rules: only Directie or Applicatiebeheerder (H-S2-01); the verificatiecode starts with the school's
own BRIN + vestigingsnummer and is 20 to 50 characters (H-S2-02, H-S2-03); without the
terms-of-use checkbox nothing is saved (H-S2-05); each activation shows a new key once, and the
previous key stops working (H-S2-04); deactivating revokes the key (H-X-03). After activation the
key is only ever shown masked.
"""

from __future__ import annotations

from typing import Any, Final

from mock_esis.screens.gebruikers import require_beheerder
from mock_esis.state.model import MockState, SchoolState
from mock_esis.web.http import HttpError
from uwlr.fake import Gebruiker
from uwlr.masking import mask_secret

__all__ = [
    "KOPPELING_NAAM",
    "VERIFICATIECODE_MAX",
    "VERIFICATIECODE_MIN",
    "activeren",
    "check_verificatiecode",
    "deactiveren",
    "koppeling_view",
]

KOPPELING_NAAM: Final = "Boom testcentrum"
VERIFICATIECODE_MIN: Final = 20
VERIFICATIECODE_MAX: Final = 50


def check_verificatiecode(school: SchoolState, code: Any) -> str:
    """The code if it follows H-S2-02/03; otherwise 422 naming the broken rule."""
    if not isinstance(code, str) or not code.strip():
        raise HttpError(422, "Vul een verificatiecode in.", veld="verificatiecode")
    code = code.strip()
    if not code.upper().startswith(school.code):
        raise HttpError(
            422,
            f"De verificatiecode moet beginnen met het BRIN + vestigingsnummer van deze school "
            f"({school.code}); '{code[:6]}' hoort niet bij deze school.",
            veld="verificatiecode",
        )
    if not VERIFICATIECODE_MIN <= len(code) <= VERIFICATIECODE_MAX:
        raise HttpError(
            422,
            f"De verificatiecode moet minimaal {VERIFICATIECODE_MIN} en maximaal "
            f"{VERIFICATIECODE_MAX} tekens lang zijn; deze is {len(code)} tekens.",
            veld="verificatiecode",
        )
    return str(code)


def koppeling_view(school: SchoolState) -> dict[str, Any]:
    """What the screen shows: state, when and by whom, and the key masked (never in full)."""
    k = school.koppeling
    return {
        "school": school.code,
        "schoolnaam": school.naam,
        "koppeling": KOPPELING_NAAM,
        "soort": "Resultatenkoppeling",
        "actief": k.actief,
        "geactiveerd_op": k.geactiveerd_op.isoformat() if k.geactiveerd_op else None,
        "geactiveerd_door": k.geactiveerd_door,
        "gedeactiveerd_op": k.gedeactiveerd_op.isoformat() if k.gedeactiveerd_op else None,
        "autorisatiesleutel": (
            mask_secret(k.autorisatiesleutel) if k.actief and k.autorisatiesleutel else None
        ),
    }


def activeren(
    state: MockState, school: SchoolState, user: Gebruiker, body: dict[str, Any]
) -> dict[str, Any]:
    """Check everything first, then activate: the answer holds the new key, shown this once."""
    require_beheerder(user, f"de koppeling {KOPPELING_NAAM} activeren")
    code = check_verificatiecode(school, body.get("verificatiecode"))
    if body.get("akkoord_voorwaarden") is not True:
        raise HttpError(
            422,
            "Bevestig met het vinkje dat de schooldirectie akkoord gaat met de "
            "gebruikersvoorwaarden (akkoord_voorwaarden); er is niets opgeslagen.",
            veld="akkoord_voorwaarden",
        )
    key = state.activate(school, verificatiecode=code, door=user.gebruikersnaam)
    view = koppeling_view(school)
    view["autorisatiesleutel"] = key
    view["melding"] = (
        "Kopieer de autorisatiesleutel nu en vul hem in bij het Boom testcentrum; "
        "ESIS toont hem maar één keer."
    )
    return view


def deactiveren(state: MockState, school: SchoolState, user: Gebruiker) -> dict[str, Any]:
    """Switch the link off; the key stops working at once (H-X-03)."""
    require_beheerder(user, f"de koppeling {KOPPELING_NAAM} deactiveren")
    if not school.koppeling.actief:
        raise HttpError(409, f"De koppeling {KOPPELING_NAAM} is niet actief.")
    state.deactivate(school)
    view = koppeling_view(school)
    view["melding"] = "De koppeling is gedeactiveerd; de autorisatiesleutel werkt niet meer."
    return view
