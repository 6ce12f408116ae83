"""``boomlink``: the Boom side of the UWLR link with ESIS, step by step as in the handbook.

Exit codes: 0 done; 1 refused by a rule (the reason in Dutch on stderr); 2 wrong use of the
command; 3 cannot be done right now (configuration, mail server, or a part not wired in yet).
The autorisatiesleutel is never printed: only masked.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TextIO

from sqlalchemy.exc import SQLAlchemyError

from boomlink.beheer import (
    gebruiker_aanmaken,
    gebruiker_met_email,
    school_aanmaken,
    school_met_brin,
)
from boomlink.cli import importeren, resultaten, web
from boomlink.cli.db_optie import refuse_missing_db_folder
from boomlink.cli.emailadres_optie import add_emailadres
from boomlink.config import Settings, load_settings
from boomlink.errors import BoomlinkError, LinkError, OmgevingsFout
from boomlink.koppeling.controle import koppeling_controleren
from boomlink.koppeling.stap1 import (
    ESIS_UWLR,
    koppeling_aanvragen,
    nummers_verwijderen,
    tel_extern_nummers,
)
from boomlink.koppeling.stap3 import (
    Verifier,
    koppeling_opslaan,
    koppeling_status,
    koppeling_uitzetten,
)
from boomlink.koppeling.verificatie import esis_verifier
from boomlink.koppeling.voorbereiding import uwlr_inschakelen
from boomlink.mail import FlushResultaat, flush_outbox, in_wachtrij
from boomlink.schooljaar import amsterdam
from boomlink.store import Rol, Store, open_store
from boomlink.store.migrate import current_revision, head_revision
from uwlr.cli_nl import DutchArgumentParser

__all__ = ["EXIT_GEBRUIK", "EXIT_GEWEIGERD", "EXIT_OK", "EXIT_OMGEVING", "main"]

EXIT_OK = 0
EXIT_GEWEIGERD = 1
EXIT_GEBRUIK = 2
EXIT_OMGEVING = 3

OMSCHRIJVING = """\
De UWLR-koppeling tussen het Boom testcentrum en ESIS, stap voor stap zoals in de handleiding
"Een UWLR-koppeling met ESIS" (Beheer → Koppelen met LAS).

Voorbereiding (door Boom):
  boomlink support uwlr-inschakelen --school-naam "OBS De Regenboog" --brin 99QQ
      Boom schakelt de UWLR-koppeling in; de beheerder krijgt een bevestigingsmail.
      Pas daarna kunnen de volgende stappen.

Stap 1 (door de beheerder van de school):
  boomlink koppeling status     --gebruiker jij@school.nl
      Toont BRIN-code, huidig schooljaar, externe nummers en de koppeling.
  boomlink nummers verwijderen  --gebruiker jij@school.nl
      'Verwijder nummers': maakt alle externe nummers van leerlingen en groepen leeg.
      Toetsgegevens worden niet verwijderd.
  boomlink koppeling aanvragen  --gebruiker jij@school.nl --type "ESIS UWLR" --brin 99QQ --schooljaar 2026-2027

Stap 2 gebeurt in ESIS (autorisatiesleutel aanmaken).

Stap 3:
  boomlink koppeling opslaan    --gebruiker jij@school.nl
      Plak de autorisatiesleutel uit ESIS; laat SchoolKey leeg.

Controleren (werkt de opgeslagen sleutel nog bij ESIS?):
  boomlink koppeling controleren --gebruiker jij@school.nl

Uitzetten:
  boomlink koppeling uitzetten  --gebruiker jij@school.nl
"""

AFSLUITING = """\
exitcodes: 0 gelukt, 1 geweigerd (de reden staat erbij), 2 verkeerd gebruik van de opdracht,
3 kan nu niet (instellingen, mailserver, of onderdeel nog niet aangesloten).

instellingen (omgevingsvariabelen): BOOMLINK_DB of BOOMLINK_DATABASE_URL (database),
BOOMLINK_SMTP_HOST, BOOMLINK_SMTP_PORT, BOOMLINK_SMTP_TIMEOUT, BOOMLINK_MAIL_FROM (mail),
BOOMLINK_SECRET_KEY (sleutel waarmee de autorisatiesleutel versleuteld wordt opgeslagen);
ESIS: BOOMLINK_ESIS_LEERLINGGEGEVENS_URL, BOOMLINK_ESIS_LEERRESULTATEN_URL, BOOMLINK_KLANTNAAM,
BOOMLINK_KLANTCODE, BOOMLINK_UWLR_XSDVERSIE (standaard 2.3), BOOMLINK_ESIS_CA_BUNDLE,
BOOMLINK_ESIS_CLIENT_CERT, BOOMLINK_ESIS_CLIENT_KEY, BOOMLINK_ESIS_CLIENT_KEY_PASSWORD,
of het statusbestand van de nep-ESIS (--esis-state-file of BOOMLINK_ESIS_STATE_FILE).
"""


class _Parser(DutchArgumentParser):
    """The shared Dutch argparse, with errors that never repeat unknown values (a key?)."""

    def dutch_error(self, message: str) -> str:
        if message.startswith("unrecognized arguments"):
            return (
                "onbekende argumenten (niet herhaald: het kan een sleutel zijn). "
                "Plak de autorisatiesleutel na --sleutel, of laat --sleutel weg en plak hem "
                "wanneer erom gevraagd wordt"
            )
        return super().dutch_error(message)


@dataclass
class _Context:
    settings: Settings
    verifier: Verifier | None
    out: TextIO
    err: TextIO
    _store: Store | None = None

    def store(self) -> Store:
        if self._store is None:
            self._store = open_store(self.settings)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


Handler = Callable[[argparse.Namespace, _Context], int]


def _tijd(moment: dt.datetime | None) -> str:
    if moment is None:
        return "-"
    return moment.astimezone(amsterdam()).strftime("%Y-%m-%d %H:%M")


def _flush_rapport(ctx: _Context, resultaat: FlushResultaat) -> None:
    for fout in resultaat.fouten:
        print(f"  niet verstuurd: {fout}", file=ctx.err)


# --- handlers -------------------------------------------------------------------------------


def _db_upgrade(args: argparse.Namespace, ctx: _Context) -> int:
    store = ctx.store()
    with store.engine.connect() as conn:
        revisie = current_revision(conn)
    kop = " (head)" if revisie == head_revision() else ""
    print(f"De database is bijgewerkt tot revisie {revisie}{kop}.", file=ctx.out)
    return EXIT_OK


def _school_aanmaken(args: argparse.Namespace, ctx: _Context) -> int:
    with ctx.store().session() as session:
        school = school_aanmaken(session, naam=args.naam, brin=args.brin)
        print(
            f"School aangemaakt: {school.naam} (BRIN {school.brincode}{school.dependancecode}).",
            file=ctx.out,
        )
    return EXIT_OK


def _gebruiker_aanmaken(args: argparse.Namespace, ctx: _Context) -> int:
    with ctx.store().session() as session:
        school = school_met_brin(session, args.school_brin)
        gebruiker = gebruiker_aanmaken(
            session, school=school, emailadres=args.email, naam=args.naam, rol=Rol(args.rol)
        )
        print(
            f"Gebruiker aangemaakt: {gebruiker.emailadres} ({gebruiker.rol.value}) bij {school.naam}.",
            file=ctx.out,
        )
    return EXIT_OK


def _support_uwlr_inschakelen(args: argparse.Namespace, ctx: _Context) -> int:
    store = ctx.store()
    with store.session() as session:
        school = uwlr_inschakelen(session, school_naam=args.school_naam, brin=args.brin)
        naam = school.naam
    print(f"De UWLR-koppeling is ingeschakeld voor {naam}.", file=ctx.out)
    resultaat = flush_outbox(store.sessions, ctx.settings.mail)
    with store.session() as session:
        wachtend = len(in_wachtrij(session))
    if resultaat.verstuurd:
        print(f"De bevestigingsmail is verstuurd ({resultaat.verstuurd} mail).", file=ctx.out)
    if wachtend:
        print(
            f"{wachtend} bevestigingsmail(s) staan nog in de wachtrij: de mailserver was niet "
            "bereikbaar. Verstuur ze later met: boomlink mail versturen",
            file=ctx.out,
        )
        _flush_rapport(ctx, resultaat)
    return EXIT_OK


def _mail_versturen(args: argparse.Namespace, ctx: _Context) -> int:
    store = ctx.store()
    resultaat = flush_outbox(store.sessions, ctx.settings.mail)
    print(f"{resultaat.verstuurd} verstuurd, {resultaat.mislukt} mislukt.", file=ctx.out)
    with store.session() as session:
        wachtend = len(in_wachtrij(session))
    if resultaat.mislukt:
        _flush_rapport(ctx, resultaat)
        print(
            f"{wachtend} in de wachtrij; probeer het later opnieuw (boomlink mail versturen).",
            file=ctx.err,
        )
        return EXIT_OMGEVING
    return EXIT_OK


def _koppeling_status(args: argparse.Namespace, ctx: _Context) -> int:
    store = ctx.store()
    with store.session() as session:
        gebruiker = gebruiker_met_email(session, args.gebruiker)
        school = gebruiker.school
        try:
            kluis = store.kluis()
        except OmgevingsFout:
            kluis = None
        overzicht = koppeling_status(session, school, gebruiker, kluis)
        nummers = tel_extern_nummers(session, school)
    regels = [
        ("School", overzicht.school_naam),
        ("BRIN-code", f"{overzicht.brincode} (vestiging {overzicht.dependancecode})"),
        ("Huidig schooljaar", overzicht.schooljaar),
        (
            "UWLR-koppeling",
            "ingeschakeld door Boom"
            if overzicht.ingeschakeld
            else "nog niet ingeschakeld door Boom",
        ),
        (
            "Bevestigingsmail",
            "verstuurd" if overzicht.bevestigingsmail_verstuurd else "nog niet verstuurd",
        ),
        (
            "Externe nummers",
            f"{nummers.leerlingen} leerlingen, {nummers.groepen} groepen gevuld",
        ),
        (
            "Koppeling",
            "nog niet aangevraagd"
            if overzicht.status is None
            else f"{overzicht.type}, status {overzicht.status}",
        ),
    ]
    if overzicht.afwijzing:
        regels.append(("Afgewezen", overzicht.afwijzing))
    regels.append(("Autorisatiesleutel", overzicht.autorisatiesleutel or "(leeg)"))
    regels.append(("SchoolKey", overzicht.schoolkey or "(leeg)"))
    if overzicht.activated_at is not None:
        regels.append(("Actief sinds", _tijd(overzicht.activated_at)))
    for label, waarde in regels:
        print(f"{label + ':':<20} {waarde}", file=ctx.out)
    return EXIT_OK


def _koppeling_aanvragen(args: argparse.Namespace, ctx: _Context) -> int:
    with ctx.store().session() as session:
        gebruiker = gebruiker_met_email(session, args.gebruiker)
        koppeling = koppeling_aanvragen(
            session,
            gebruiker.school,
            gebruiker,
            type_koppeling=args.type,
            brincode=args.brin,
            schooljaar=args.schooljaar,
        )
        print(
            f"De aanvraag is goedgekeurd: {koppeling.type} voor schooljaar {koppeling.schooljaar}. "
            "Activeer nu de koppeling in ESIS (stap 2) en sla daarna de autorisatiesleutel op "
            "(boomlink koppeling opslaan).",
            file=ctx.out,
        )
    return EXIT_OK


def _nummers_verwijderen(args: argparse.Namespace, ctx: _Context) -> int:
    with ctx.store().session() as session:
        gebruiker = gebruiker_met_email(session, args.gebruiker)
        geleegd = nummers_verwijderen(session, gebruiker.school, gebruiker)
    print(
        f"Externe nummers verwijderd: {geleegd.leerlingen} leerlingen, {geleegd.groepen} groepen. "
        "Toetsgegevens zijn niet verwijderd.",
        file=ctx.out,
    )
    return EXIT_OK


def _lees_sleutel(args: argparse.Namespace) -> str:
    if args.sleutel is not None:
        return str(args.sleutel)
    if sys.stdin.isatty():
        return getpass.getpass("Autorisatiesleutel (wordt niet getoond): ")
    return sys.stdin.readline()


def _koppeling_opslaan(args: argparse.Namespace, ctx: _Context) -> int:
    store = ctx.store()
    verifier = ctx.verifier or esis_verifier(ctx.settings)
    with store.session() as session:
        gebruiker = gebruiker_met_email(session, args.gebruiker)
        koppeling = koppeling_opslaan(
            session,
            gebruiker.school,
            gebruiker,
            autorisatiesleutel=_lees_sleutel(args),
            schoolkey=args.schoolkey,
            verify=verifier,
            kluis=store.kluis(),
        )
        assert koppeling.autorisatiesleutel_versleuteld is not None
        masked = store.kluis().ontsleutel(koppeling.autorisatiesleutel_versleuteld).masked
    print(
        f"De autorisatiesleutel ({masked}) is gecontroleerd bij ESIS en versleuteld opgeslagen. "
        "De koppeling is actief.",
        file=ctx.out,
    )
    return EXIT_OK


def _koppeling_controleren(args: argparse.Namespace, ctx: _Context) -> int:
    store = ctx.store()
    verifier = ctx.verifier or esis_verifier(ctx.settings)
    with store.session() as session:
        gebruiker = gebruiker_met_email(session, args.gebruiker)
        masked = koppeling_controleren(
            session, gebruiker.school, gebruiker, verify=verifier, kluis=store.kluis()
        )
    print(
        f"ESIS aanvaardt de opgeslagen autorisatiesleutel ({masked}). De koppeling werkt.",
        file=ctx.out,
    )
    return EXIT_OK


def _koppeling_uitzetten(args: argparse.Namespace, ctx: _Context) -> int:
    with ctx.store().session() as session:
        gebruiker = gebruiker_met_email(session, args.gebruiker)
        koppeling_uitzetten(session, gebruiker.school, gebruiker)
    print(
        "De koppeling staat uit: er worden geen gegevens meer uitgewisseld en de "
        "autorisatiesleutel is vergeten.",
        file=ctx.out,
    )
    return EXIT_OK


_AFNEMER_HULP = (
    "haal leerlinggegevens op (en stuur UWLR_RESULTATEN_FILE) volgens de UWLR_*-variabelen"
)


def _uwlr_afnemer(args: argparse.Namespace, ctx: _Context) -> int:
    from os import environ

    from boomlink.cli.afnemer import run

    return run(environ, ctx.out, ctx.err)


# --- parser ---------------------------------------------------------------------------------


def _gebruiker_optie(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--gebruiker",
        required=True,
        metavar="E-MAIL",
        help="jouw e-mailadres in het Boom testcentrum (je moet beheerder van de school zijn)",
    )


def _groep(
    subparsers: argparse._SubParsersAction[_Parser], naam: str, hulp: str
) -> argparse._SubParsersAction[_Parser]:
    parser = subparsers.add_parser(naam, help=hulp, description=hulp)
    return parser.add_subparsers(dest="actie", required=True, metavar="ACTIE", parser_class=_Parser)


def _actie(
    acties: argparse._SubParsersAction[_Parser], naam: str, hulp: str, handler: Handler
) -> _Parser:
    parser = acties.add_parser(naam, help=hulp, description=hulp)
    parser.set_defaults(handler=handler)
    return parser


def _seconden(value: str) -> float:
    try:
        seconden = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"geen aantal seconden: {value!r}") from None
    if seconden < 0:
        raise argparse.ArgumentTypeError("0 of meer seconden")
    return seconden


def build_parser() -> _Parser:
    parser = _Parser(prog="boomlink", description=OMSCHRIJVING, epilog=AFSLUITING)
    parser.add_argument(
        "--db",
        metavar="PAD_OF_URL",
        help="database: een SQLite-bestand of een database-URL "
        "(standaard ./.boomlink/boomlink.sqlite3, of BOOMLINK_DB / BOOMLINK_DATABASE_URL)",
    )
    parser.add_argument(
        "--esis-state-file",
        metavar="BESTAND",
        help="statusbestand van de nep-ESIS (mock-esis serve --state-file): adressen, klantnaam "
        "en klantcode van ESIS, voor ontwikkeling en demo (of BOOMLINK_ESIS_STATE_FILE)",
    )
    parser.add_argument(
        "--wacht",
        type=_seconden,
        metavar="SECONDEN",
        help="wacht zo lang op het statusbestand van de nep-ESIS tot die antwoordt (voor CI)",
    )
    groepen = parser.add_subparsers(
        dest="groep", required=True, metavar="OPDRACHT", parser_class=_Parser
    )

    support = _groep(groepen, "support", "acties van Boom support (voorbereiding)")
    p = _actie(
        support,
        "uwlr-inschakelen",
        "schakel de ‘UWLR-koppeling’ in voor een school en stuur de bevestigingsmail",
        _support_uwlr_inschakelen,
    )
    p.add_argument("--school-naam", required=True, help="naam van de school, zoals in de aanvraag")
    p.add_argument("--brin", required=True, help="BRIN van de school, bijvoorbeeld 99QQ of 99QQ00")

    koppeling = _groep(groepen, "koppeling", "Beheer → Koppelen met LAS: de koppeling met ESIS")
    p = _actie(
        koppeling,
        "status",
        "toon BRIN-code, huidig schooljaar, externe nummers en de koppeling",
        _koppeling_status,
    )
    _gebruiker_optie(p)
    p = _actie(
        koppeling,
        "aanvragen",
        "stap 1: vraag de koppeling aan (alle externe nummers moeten leeg zijn)",
        _koppeling_aanvragen,
    )
    _gebruiker_optie(p)
    p.add_argument(
        "--type",
        default=ESIS_UWLR,
        help=f"‘Type koppeling’ (standaard en enige keuze: {ESIS_UWLR})",
    )
    p.add_argument("--brin", required=True, help="de BRIN-code van je school, bijvoorbeeld 99QQ")
    p.add_argument(
        "--schooljaar", required=True, help="het huidige schooljaar, bijvoorbeeld 2026-2027"
    )
    p = _actie(
        koppeling,
        "opslaan",
        "stap 3: ‘Wijzigingen opslaan’: Autorisatiesleutel uit ESIS controleren en opslaan",
        _koppeling_opslaan,
    )
    _gebruiker_optie(p)
    p.add_argument(
        "--sleutel",
        metavar="AUTORISATIESLEUTEL",
        help="de Autorisatiesleutel uit ESIS. Laat deze optie liever weg: dan wordt erom "
        "gevraagd (of van standaardinvoer gelezen) en komt de sleutel niet in je "
        "opdrachtgeschiedenis. De sleutel wordt nooit getoond, alleen gemaskeerd.",
    )
    p.add_argument(
        "--schoolkey",
        metavar="SCHOOLKEY",
        help="SchoolKey: laat leeg voor ESIS (niet nodig). Ingevuld wordt hij gebruikt in "
        "plaats van BRIN-code en vestigingsnummer.",
    )
    p = _actie(
        koppeling,
        "controleren",
        "controleer bij ESIS of de opgeslagen autorisatiesleutel nog werkt",
        _koppeling_controleren,
    )
    _gebruiker_optie(p)
    p = _actie(
        koppeling,
        "uitzetten",
        "zet de koppeling uit: geen gegevensuitwisseling meer, de sleutel wordt vergeten",
        _koppeling_uitzetten,
    )
    _gebruiker_optie(p)

    nummers = _groep(groepen, "nummers", "externe nummers van leerlingen en groepen")
    p = _actie(
        nummers,
        "verwijderen",
        "‘Verwijder nummers’: maak alle externe nummers leeg (toetsgegevens blijven)",
        _nummers_verwijderen,
    )
    _gebruiker_optie(p)

    school = _groep(groepen, "school", "scholen in het Boom testcentrum")
    p = _actie(school, "aanmaken", "maak een school aan", _school_aanmaken)
    p.add_argument("--naam", required=True, help="naam van de school")
    p.add_argument("--brin", required=True, help="BRIN, bijvoorbeeld 99QQ of 99QQ01")

    gebruiker = _groep(groepen, "gebruiker", "gebruikers in het Boom testcentrum")
    p = _actie(gebruiker, "aanmaken", "maak een gebruiker aan", _gebruiker_aanmaken)
    p.add_argument("--school-brin", required=True, help="BRIN van de school van de gebruiker")
    add_emailadres(p, "e-mailadres (inlognaam)")
    p.add_argument("--naam", required=True, help="naam")
    p.add_argument("--rol", required=True, choices=[r.value for r in Rol], help="rol")

    mail = _groep(groepen, "mail", "de mailwachtrij")
    _actie(mail, "versturen", "verstuur de mails uit de wachtrij", _mail_versturen)

    p = groepen.add_parser("uwlr-afnemer", help=_AFNEMER_HULP, description=_AFNEMER_HULP)
    p.set_defaults(handler=_uwlr_afnemer)

    db = _groep(groepen, "db", "de database")
    _actie(db, "upgrade", "werk het databaseschema bij tot de nieuwste versie", _db_upgrade)
    resultaten.registreer(groepen, support, _groep, _actie)
    importeren.registreer(groepen, _groep, _actie)
    web.registreer(groepen, gebruiker, _actie)
    return parser


def main(argv: Sequence[str] | None = None, *, verifier: Verifier | None = None) -> int:
    """Run ``boomlink``; ``verifier`` checks the key in stap 3 (default: :func:`esis_verifier`)."""
    parser = build_parser()
    try:
        args = parser.parse_args(None if argv is None else list(argv))
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_GEBRUIK
    out, err = sys.stdout, sys.stderr
    if (code := refuse_missing_db_folder(args.db, err)) is not None:
        return code
    try:
        settings = load_settings(
            db=args.db, esis_state_file=args.esis_state_file, esis_wacht=args.wacht
        )
    except BoomlinkError as exc:
        print(exc.bericht, file=err)
        return EXIT_OMGEVING
    ctx = _Context(settings=settings, verifier=verifier, out=out, err=err)
    handler: Handler = args.handler
    try:
        return handler(args, ctx)
    except LinkError as exc:
        print(exc.bericht, file=err)
        return EXIT_GEWEIGERD
    except OmgevingsFout as exc:
        print(exc.bericht, file=err)
        return EXIT_OMGEVING
    except SQLAlchemyError as exc:
        oorzaak = getattr(exc, "orig", None) or exc.__class__.__name__
        print(f"De database kan niet worden gebruikt: {oorzaak}", file=err)
        return EXIT_OMGEVING
    finally:
        ctx.close()


if __name__ == "__main__":
    raise SystemExit(main())
