"""Stap 3/4 on the command line: "Gegevens importeren", the review, the summary and the commit.

Hooked into ``boomlink`` by :func:`registreer`::

    boomlink gegevens importeren   --gebruiker jij@school.nl
    boomlink import toon           --gebruiker jij@school.nl [--tab groepen|leerkrachten|leerlingen]
    boomlink import niet-importeren | wel-importeren --gebruiker ... --regel N
    boomlink import koppel-met-bestaande --gebruiker ... --regel N --bestaand ID
    boomlink import emailadres     --gebruiker ... --regel N --emailadres juf@school.nl
    boomlink import samenvatting   --gebruiker ...
    boomlink import verwerken      --gebruiker ...      (the confirming "Gegevens importeren")
    boomlink account aanmaken      --token TOKEN        (the teacher's invitation link)

Where ESIS is comes from the settings (``Settings.las``: ``BOOMLINK_ESIS_*`` or
``--esis-state-file``).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any, Protocol, TextIO

from boomlink.beheer import gebruiker_met_email
from boomlink.config import Settings
from boomlink.esis_client import esis_client_config
from boomlink.importeren.ophalen import gegevens_importeren
from boomlink.importeren.review import (
    ADVIES,
    CATEGORIE_TITEL,
    Regelweergave,
    Tab,
    emailadres_invullen,
    koppel_met_bestaande,
    niet_importeren,
    review_tonen,
    wel_importeren,
)
from boomlink.importeren.samenvatting import samenvatting
from boomlink.importeren.uitnodigingen import account_aanmaken
from boomlink.importeren.verwerken import import_verwerken
from boomlink.mail import flush_outbox
from boomlink.store import Store
from boomlink.store.import_models import Categorie
from boomlink.uwlr_client import ClientConfig

__all__ = ["client_config", "registreer"]

EXIT_OK = 0


class _Ctx(Protocol):
    settings: Settings
    out: TextIO
    err: TextIO

    def store(self) -> Store: ...


Handler = Callable[[argparse.Namespace, Any], int]
Groep = Callable[[Any, str, str], Any]
Actie = Callable[[Any, str, str, Handler], argparse.ArgumentParser]


def client_config(settings: Settings) -> ClientConfig:
    """The UWLR client config for the configured ESIS (:mod:`boomlink.esis_client`)."""
    return esis_client_config(settings, gevolg="Er is niets geïmporteerd.")


def _regel_tekst(regel: Regelweergave) -> list[str]:
    nummer = regel.extern_nummer or "-"
    regels = [f"  [{regel.id}] {regel.naam} ({regel.omschrijving}; nummer {nummer})"]
    if regel.gekoppeld_aan:
        regels.append(f"        → gekoppeld aan {regel.gekoppeld_aan} [{regel.reden}]")
    elif regel.kandidaten:
        regels.append(
            "        mogelijk bestaand: "
            + "; ".join(f"{naam} (--bestaand {k})" for k, naam in regel.kandidaten)
        )
    if regel.melding:
        regels.append(f"        ! {regel.melding}")
    return regels


def _toon(args: argparse.Namespace, ctx: _Ctx) -> int:
    with ctx.store().session() as session:
        gebruiker = gebruiker_met_email(session, args.gebruiker)
        review = review_tonen(session, gebruiker.school, gebruiker)
    print(f"Import controleren (schooljaar {review.schooljaar})", file=ctx.out)
    if review.schooljaarwissel:
        print(review.schooljaarwissel, file=ctx.out)
    tabs = [Tab(args.tab)] if args.tab else list(Tab)
    for tab in tabs:
        print(f"\nTabblad ‘{tab.titel}’", file=ctx.out)
        for categorie in Categorie:
            regels = review.regels(tab, categorie)
            print(f" {CATEGORIE_TITEL[categorie]} ({len(regels)})", file=ctx.out)
            for regel in regels:
                for tekst in _regel_tekst(regel):
                    print(tekst, file=ctx.out)
    print("", file=ctx.out)
    for advies in review.adviezen or [ADVIES]:
        print(advies, file=ctx.out)
    return EXIT_OK


def _importeren(args: argparse.Namespace, ctx: _Ctx) -> int:
    config = client_config(ctx.settings)
    store = ctx.store()
    with store.session() as session:
        gebruiker = gebruiker_met_email(session, args.gebruiker)
        gestart = gegevens_importeren(
            session, gebruiker.school, gebruiker, client_config=config, kluis=store.kluis()
        )
    print(
        f"De gegevens van schooljaar {gestart.schooljaar} zijn uit ESIS opgehaald. Er is nog "
        "niets veranderd: controleer de import (boomlink import toon) en klik daarna op "
        "‘Gegevens importeren’ (boomlink import samenvatting, boomlink import verwerken).",
        file=ctx.out,
    )
    for tab in Tab:
        tellingen = ", ".join(
            f"{CATEGORIE_TITEL[c]} {gestart.aantallen[tab.soort][c]}" for c in Categorie
        )
        print(f"  {tab.titel}: {tellingen}", file=ctx.out)
    return EXIT_OK


def _actie_op_regel(
    uitvoeren: Callable[..., Regelweergave], melding: str
) -> Callable[[argparse.Namespace, _Ctx], int]:
    def handler(args: argparse.Namespace, ctx: _Ctx) -> int:
        extra = [
            v
            for v in (getattr(args, "bestaand", None), getattr(args, "emailadres", None))
            if v is not None
        ]
        with ctx.store().session() as session:
            gebruiker = gebruiker_met_email(session, args.gebruiker)
            regel = uitvoeren(session, gebruiker.school, gebruiker, args.regel, *extra)
        print(
            f"{regel.naam}: {melding}; staat nu onder ‘{CATEGORIE_TITEL[regel.categorie]}’.",
            file=ctx.out,
        )
        return EXIT_OK

    return handler


def _samenvatting(args: argparse.Namespace, ctx: _Ctx) -> int:
    with ctx.store().session() as session:
        gebruiker = gebruiker_met_email(session, args.gebruiker)
        overzicht = samenvatting(session, gebruiker.school, gebruiker)
    for regel in overzicht.regels():
        print(regel, file=ctx.out)
    return EXIT_OK


def _verwerken(args: argparse.Namespace, ctx: _Ctx) -> int:
    store = ctx.store()
    with store.session() as session:
        gebruiker = gebruiker_met_email(session, args.gebruiker)
        verwerkt = import_verwerken(session, gebruiker.school, gebruiker)
    print(f"De import van schooljaar {verwerkt.schooljaar} is verwerkt.", file=ctx.out)
    for tab in Tab:
        print(
            f"  {tab.titel}: {verwerkt.aangemaakt[tab]} nieuw, {verwerkt.gekoppeld[tab]} "
            f"gekoppeld ({verwerkt.bijgewerkt[tab]} bijgewerkt)",
            file=ctx.out,
        )
    print(
        f"  {verwerkt.vertrokken} leerling(en) gemarkeerd als vertrokken (toetsgegevens bewaard)",
        file=ctx.out,
    )
    if verwerkt.uitnodigingen:
        resultaat = flush_outbox(store.sessions, ctx.settings.mail)
        print(
            f"  {verwerkt.uitnodigingen} uitnodiging(en) voor leerkrachten; {resultaat.verstuurd} "
            "mail(s) verstuurd"
            + (
                ", de rest staat in de wachtrij (boomlink mail versturen)."
                if resultaat.mislukt
                else "."
            ),
            file=ctx.out,
        )
    return EXIT_OK


def _account_aanmaken(args: argparse.Namespace, ctx: _Ctx) -> int:
    with ctx.store().session() as session:
        gebruiker = account_aanmaken(session, args.token)
        print(
            f"Je account is aangemaakt: {gebruiker.emailadres} (leerkracht).",
            file=ctx.out,
        )
    return EXIT_OK


def _gebruiker(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--gebruiker",
        required=True,
        metavar="E-MAIL",
        help="jouw e-mailadres in het Boom testcentrum (je moet beheerder van de school zijn)",
    )


def _regel(parser: argparse.ArgumentParser) -> None:
    _gebruiker(parser)
    parser.add_argument(
        "--regel", required=True, type=int, metavar="N", help="het nummer [N] uit ‘import toon’"
    )


def registreer(groepen: Any, groep: Groep, actie: Actie) -> None:
    """Add ``gegevens``, ``import`` and ``account`` to the ``boomlink`` parser."""
    gegevens = groep(groepen, "gegevens", "Beheer → Koppelen met LAS → Gegevens importeren")
    p = actie(
        gegevens,
        "importeren",
        "‘Gegevens importeren’: haal groepen, leerkrachten en leerlingen uit ESIS op om te "
        "controleren (er verandert nog niets)",
        _importeren,
    )
    _gebruiker(p)

    imp = groep(groepen, "import", "stap 4: import controleren en afronden")
    p = actie(imp, "toon", "toon de tabbladen Groepen, Leerkrachten en Leerlingen", _toon)
    _gebruiker(p)
    p.add_argument("--tab", choices=[t.value for t in Tab], help="alleen dit tabblad")
    p = actie(
        imp,
        "niet-importeren",
        "zet een regel onder ‘Niet importeren’",
        _actie_op_regel(niet_importeren, "wordt niet geïmporteerd"),
    )
    _regel(p)
    p = actie(
        imp,
        "wel-importeren",
        "haal een regel terug uit ‘Niet importeren’",
        _actie_op_regel(wel_importeren, "wordt weer geïmporteerd"),
    )
    _regel(p)
    p = actie(
        imp,
        "koppel-met-bestaande",
        "‘Koppel met bestaande leerkracht/leerling/groep’",
        _actie_op_regel(koppel_met_bestaande, "gekoppeld"),
    )
    _regel(p)
    p.add_argument(
        "--bestaand", required=True, type=int, metavar="ID", help="de bestaande (zie ‘import toon’)"
    )
    p = actie(
        imp,
        "emailadres",
        "vul het e-mailadres van een leerkracht in",
        _actie_op_regel(emailadres_invullen, "e-mailadres ingevuld"),
    )
    _regel(p)
    p.add_argument("--emailadres", required=True, help="het e-mailadres van de leerkracht")
    p = actie(imp, "samenvatting", "de samenvatting vóór het verwerken", _samenvatting)
    _gebruiker(p)
    p = actie(
        imp,
        "verwerken",
        "‘Gegevens importeren’ (bevestigen): verwerk de import in één keer",
        _verwerken,
    )
    _gebruiker(p)

    account = groep(groepen, "account", "accounts van leerkrachten")
    p = actie(
        account,
        "aanmaken",
        "maak je account aan met de link uit de uitnodiging",
        _account_aanmaken,
    )
    p.add_argument("--token", required=True, help="het token uit de link (token=...)")
