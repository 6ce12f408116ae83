"""Stap 4 of the handbook, "Import controleren en afronden", as the school's beheerder.

The review's three tabs × three categories with counts, what was matched by itself, a teacher's
missing e-mail address filled in, the pupil with a mistyped birth date linked by hand ("Koppel
met bestaande leerling"), the summary, the confirming "Gegevens importeren" (one transaction)
and the invitation mails as the mail server received them.
"""

from __future__ import annotations

import time

from boomlink.importeren.review import (
    CATEGORIE_TITEL,
    Tab,
    emailadres_invullen,
    koppel_met_bestaande,
    regel_met_nummer,
    review_tonen,
)
from boomlink.importeren.samenvatting import Samenvatting, samenvatting
from boomlink.importeren.verwerken import import_verwerken
from boomlink.mail import flush_outbox
from boomlink.store.import_models import Categorie
from demo.beginsituatie import slug
from demo.uitvoer import seconden
from demo.verloop import Demo, DemoFout

__all__ = ["stap4_import_controleren"]


def _emailadres(naam: str, domein: str) -> str:
    return ".".join(slug(deel) for deel in naam.split() if slug(deel)) + f"@{domein}"


def _samenvatting_tonen(demo: Demo, overzicht: Samenvatting) -> None:
    """The summary screen, short: counts, who is updated, left or invited, and what blocks."""
    uit = demo.uit
    uit.regel(
        f"[Gegevens importeren] → Samenvatting van de import voor schooljaar {overzicht.schooljaar}:"
    )
    if overzicht.schooljaarwissel:
        uit.regel(overzicht.schooljaarwissel, inspringen=2)
    uit.regel(
        "te importeren: "
        + ", ".join(
            f"{tab.value} {overzicht.aantallen[tab][Categorie.NIEUW]} nieuw en "
            f"{overzicht.aantallen[tab][Categorie.BESTAAND]} bestaand"
            for tab in Tab
        )
        + "; niet importeren: "
        + str(sum(overzicht.aantallen[tab][Categorie.NIET_IMPORTEREN] for tab in Tab)),
        inspringen=2,
    )
    if overzicht.wijzigingen:
        namen = [w.split(":")[0] for w in overzicht.wijzigingen]
        uit.regel(f"wordt bijgewerkt met de gegevens uit ESIS: {', '.join(namen)}", inspringen=2)
    if overzicht.vertrokken:
        uit.regel(
            f"vertrokken (toetsgegevens blijven): {', '.join(overzicht.vertrokken)}", inspringen=2
        )
    uit.regel(
        f"{len(overzicht.uitnodigingen)} leerkrachten krijgen een uitnodiging om een account aan "
        "te maken",
        inspringen=2,
    )
    for blokkade in overzicht.blokkades:
        uit.regel(f"kan nog niet: {blokkade}", inspringen=2)


def stap4_import_controleren(demo: Demo) -> str:
    """The 3 × 3 review, an e-mail address filled in, a pupil linked by hand, the summary, the
    confirming Gegevens importeren (one transaction) and the invitations."""
    om, uit, begin = demo.omgeving, demo.uit, demo.school_begin
    review = demo.als_beheerder(review_tonen)
    uit.regel(
        f"Import controleren, schooljaar {review.schooljaar}: drie tabbladen × drie categorieën"
    )
    uit.tabel(
        ["", *(CATEGORIE_TITEL[c] for c in Categorie)],
        [[tab.titel, *(review.aantal(tab, c) for c in Categorie)] for tab in Tab],
        inspringen=2,
    )
    for tab in Tab:
        for regel in review.regels(tab, Categorie.BESTAAND):
            uit.regel(
                f"{tab.titel} › Bestaand: {regel.naam} ↔ {regel.gekoppeld_aan} ({regel.reden})"
            )
    for regel in review.regels(Tab.LEERKRACHTEN, Categorie.NIEUW):
        if regel.melding:
            adres = _emailadres(regel.naam, begin.email_domein)
            uit.regel(f"Leerkrachten › Nieuw › {regel.naam}: {regel.melding.split(':')[0]}")
            demo.als_beheerder(emailadres_invullen, regel_id=regel.id, emailadres=adres)
            uit.regel(f"e-mailadres ingevuld: {adres}", inspringen=2)
    regel_id = demo.als_beheerder(
        lambda session, school, _: regel_met_nummer(
            session, school, Tab.LEERLINGEN, begin.handmatig_key
        )
    )
    regel = review.regel(regel_id)
    if regel.categorie is not Categorie.NIEUW:
        raise DemoFout(f"{regel.naam} werd al automatisch gekoppeld")
    uit.regel(
        f"Leerlingen › Nieuw › {regel.naam} ({regel.omschrijving.split(',')[0]}) staat al in "
        "het Boom testcentrum, met een verkeerd getypte geboortedatum:"
    )
    gekoppeld = demo.als_beheerder(
        koppel_met_bestaande, regel_id=regel_id, bestaand_id=begin.handmatig_id
    )
    uit.regel(
        f"Acties › [Koppel met bestaande leerling] → {gekoppeld.gekoppeld_aan}; nu onder "
        f"{CATEGORIE_TITEL[gekoppeld.categorie]}",
        inspringen=2,
    )
    _samenvatting_tonen(demo, demo.als_beheerder(samenvatting))

    uit.voortgang("[Gegevens importeren]: de import wordt verwerkt, in één transactie")
    start = time.perf_counter()
    verwerkt = demo.als_beheerder(import_verwerken)
    uit.regel(
        f"→ verwerkt in {seconden(time.perf_counter() - start)}: "
        + ", ".join(
            f"{tab.value} {verwerkt.aangemaakt[tab]} nieuw / {verwerkt.gekoppeld[tab]} gekoppeld"
            for tab in Tab
        )
        + f"; {verwerkt.uitnodigingen} uitnodigingen in de wachtrij"
    )
    flush_outbox(om.store.sessions, om.settings.mail)
    mails = om.mail.inbox.met_onderwerp("Uitnodiging")
    uit.regel(
        f"{len(mails)} uitnodigingen ontvangen door de mailserver: "
        + ", ".join(str(m["To"]) for m in mails)
    )
    if len(mails) != verwerkt.uitnodigingen:
        raise DemoFout("niet elke uitnodiging is bij de mailserver aangekomen")
    return (
        f"{sum(verwerkt.aangemaakt.values())} nieuw, {sum(verwerkt.gekoppeld.values())} "
        f"gekoppeld (1 met de hand), {len(mails)} uitnodigingen verstuurd"
    )
