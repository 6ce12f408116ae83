"""The Dutch texts of the mails the Boom side sends."""

from __future__ import annotations

from boomlink.store import Gebruiker, School

__all__ = ["bevestigingsmail"]


def bevestigingsmail(school: School, beheerder: Gebruiker) -> tuple[str, str]:
    """Subject and body of the bevestigingsmail (H-P-03) to one beheerder."""
    brin = f"{school.brincode}{school.dependancecode}"
    subject = f"Bevestiging: UWLR-koppeling aangevraagd voor {school.naam} ({brin})"
    body = f"""Beste {beheerder.naam},

Boom heeft de UWLR-koppeling met ESIS ingeschakeld voor {school.naam} (BRIN {brin}).
Je kunt nu de vervolgstappen uit de handleiding "Een UWLR-koppeling met ESIS" volgen:

Stap 1  Koppeling aanvragen in het Boom testcentrum
        Beheer → Koppelen met LAS: kies bij 'Type koppeling' ESIS UWLR, controleer de
        BRIN-code en het huidige schooljaar, klik op 'Verwijder nummers' en daarna op
        'Aanvragen'. Toetsgegevens worden niet verwijderd.
Stap 2  Koppeling activeren en autorisatiesleutel aanmaken in ESIS
        (als Directie of Applicatiebeheerder).
Stap 3  Koppeling activeren in het Boom testcentrum: plak de autorisatiesleutel uit ESIS,
        laat 'SchoolKey' leeg en klik op 'Wijzigingen opslaan'.
Stap 4  Import controleren en afronden.

Heb je deze koppeling niet aangevraagd, of heb je vragen? Mail naar testonderwijs@boom.nl
of bel 088-0301000.

Met vriendelijke groet,
Boom test onderwijs
"""
    return subject, body
