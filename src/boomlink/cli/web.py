"""``boomlink web`` (the screens) and ``boomlink gebruiker toevoegen`` (accounts with a password).

``gebruiker toevoegen --rol beheerder`` makes a beheerder of a school (``--school-brin``) that can
log in; ``--rol support`` a Boom support account. The password is read from standard input (one
line) or asked for, never taken from the command line. ``gebruiker wachtwoord`` sets the password
of an existing user.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from typing import Any, Protocol, TextIO

from boomlink.accounts import support_toevoegen, wachtwoord_instellen
from boomlink.beheer import gebruiker_aanmaken, gebruiker_met_email, school_met_brin
from boomlink.cli.db_optie import refuse_missing_db_folder
from boomlink.cli.emailadres_optie import add_emailadres
from boomlink.config import Settings, load_settings
from boomlink.store import Rol, Store
from uwlr.cli_values import host, listen_error, port, probe_bind

__all__ = ["registreer"]

EXIT_OK = 0
EXIT_GEBRUIK = 2


class _Ctx(Protocol):
    settings: Settings
    out: TextIO
    err: TextIO

    def store(self) -> Store: ...


Handler = Callable[[argparse.Namespace, Any], int]
Actie = Callable[[Any, str, str, Handler], argparse.ArgumentParser]


def _wachtwoord(ctx: _Ctx) -> str:
    if sys.stdin.isatty():
        return getpass.getpass("Wachtwoord (minstens 12 tekens): ")
    return sys.stdin.readline().rstrip("\r\n")


def _toevoegen(args: argparse.Namespace, ctx: _Ctx) -> int:
    wachtwoord = _wachtwoord(ctx)
    with ctx.store().session() as session:
        if args.rol == "support":
            medewerker = support_toevoegen(
                session, emailadres=args.email, naam=args.naam, wachtwoord=wachtwoord
            )
            print(f"Boom support-account aangemaakt: {medewerker.emailadres}.", file=ctx.out)
            return EXIT_OK
        if not args.school_brin:
            print("Geef --school-brin voor een beheerder.", file=ctx.err)
            return 2
        school = school_met_brin(session, args.school_brin)
        gebruiker = gebruiker_aanmaken(
            session, school=school, emailadres=args.email, naam=args.naam, rol=Rol.BEHEERDER
        )
        wachtwoord_instellen(session, gebruiker, wachtwoord)
        print(
            f"Beheerder aangemaakt: {gebruiker.emailadres} bij {school.naam}; kan inloggen.",
            file=ctx.out,
        )
    return EXIT_OK


def _wachtwoord_zetten(args: argparse.Namespace, ctx: _Ctx) -> int:
    wachtwoord = _wachtwoord(ctx)
    with ctx.store().session() as session:
        gebruiker = gebruiker_met_email(session, args.email)
        wachtwoord_instellen(session, gebruiker, wachtwoord)
    print(f"Het wachtwoord van {args.email.strip().lower()} is ingesteld.", file=ctx.out)
    return EXIT_OK


def _web(args: argparse.Namespace, ctx: _Ctx) -> int:
    from boomlink.web.app import create_app
    from boomlink.web.server import serve

    settings = ctx.settings
    if (code := refuse_missing_db_folder(getattr(args, "web_db", None), ctx.err)) is not None:
        return code
    if getattr(args, "web_db", None) or getattr(args, "web_esis_state_file", None):
        settings = load_settings(
            db=getattr(args, "web_db", None) or None,
            esis_state_file=getattr(args, "web_esis_state_file", None) or None,
            esis_wacht=getattr(args, "wacht", None),
        )
    from boomlink.store import open_store

    with open_store(settings) as store:
        app = create_app(store)
        try:
            probe_bind(args.host, args.port)
        except OSError as exc:
            print(f"boomlink web: {listen_error(exc, args.host, args.port)}", file=ctx.err)
            return EXIT_GEBRUIK
        print(
            f"Boom testcentrum draait op http://{args.host}:{args.port}/ (stoppen: Ctrl+C).",
            file=ctx.out,
            flush=True,
        )
        serve(app, host=args.host, port=args.port)
    return EXIT_OK


def registreer(groepen: Any, gebruiker: Any, actie: Actie) -> None:
    """Add ``web`` and ``gebruiker toevoegen|wachtwoord`` to the ``boomlink`` parser."""
    p = groepen.add_parser(
        "web",
        help="start de schermen van het Boom testcentrum (Beheer → Koppelen met LAS)",
        description="Start de schermen van het Boom testcentrum in de browser.",
    )
    p.set_defaults(handler=_web)
    p.add_argument("--host", type=host, default="127.0.0.1", help="adres (standaard 127.0.0.1)")
    p.add_argument(
        "--port", type=port, default=8000, help="poort, 0 tot en met 65535 (standaard 8000)"
    )
    p.add_argument("--db", dest="web_db", metavar="PAD_OF_URL", help="database (zoals --db)")
    p.add_argument(
        "--esis-state-file",
        dest="web_esis_state_file",
        metavar="BESTAND",
        help="statusbestand van de nep-ESIS (zoals --esis-state-file)",
    )

    p = actie(
        gebruiker,
        "toevoegen",
        "maak een account dat kan inloggen: een beheerder van een school of Boom support "
        "(het wachtwoord komt van standaardinvoer of wordt gevraagd)",
        _toevoegen,
    )
    add_emailadres(p, "e-mailadres (inlognaam)")
    p.add_argument("--naam", required=True, help="naam")
    p.add_argument("--rol", required=True, choices=["beheerder", "support"], help="rol")
    p.add_argument("--school-brin", help="BRIN van de school (voor een beheerder)")
    p = actie(
        gebruiker,
        "wachtwoord",
        "stel het wachtwoord van een bestaande gebruiker in (van standaardinvoer of gevraagd)",
        _wachtwoord_zetten,
    )
    add_emailadres(p, "e-mailadres van de gebruiker")
