"""The result push on the command line: norming, sync, the worker, status, and Boom support's
back-fill of the previous school year.

Hooked into ``boomlink`` by :func:`registreer`. Where ESIS is comes from the environment:
``BOOMLINK_ESIS_LEERLINGGEGEVENS_URL``, ``BOOMLINK_ESIS_LEERRESULTATEN_URL``,
``BOOMLINK_KLANTNAAM`` (default "Boom testcentrum") and ``BOOMLINK_KLANTCODE``.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from types import FrameType
from typing import Any, Protocol, TextIO

from boomlink.beheer import school_met_brin
from boomlink.config import Settings
from boomlink.errors import ConfiguratieFout
from boomlink.resultaten import (
    BezorgRapport,
    Normscores,
    Worker,
    afname_normeren,
    resultaten_overzicht,
    sync,
    vorig_schooljaar_terugzetten,
)
from boomlink.resultaten.errors import NietBevestigd
from boomlink.schooljaar import amsterdam
from boomlink.store import Store
from boomlink.uwlr_client import ClientConfig

__all__ = ["client_config_uit_omgeving", "registreer"]

EXIT_OK = 0
DEFAULT_KLANTNAAM = "Boom testcentrum"


class _Ctx(Protocol):
    settings: Settings
    out: TextIO
    err: TextIO

    def store(self) -> Store: ...


Handler = Callable[[argparse.Namespace, Any], int]
Groep = Callable[[Any, str, str], Any]
Actie = Callable[[Any, str, str, Handler], argparse.ArgumentParser]


def client_config_uit_omgeving(environ: Mapping[str, str] | None = None) -> ClientConfig:
    """The UWLR client config from the ``BOOMLINK_ESIS_*`` / ``BOOMLINK_KLANT*`` variables."""
    env = os.environ if environ is None else environ
    namen = ("BOOMLINK_ESIS_LEERLINGGEGEVENS_URL", "BOOMLINK_ESIS_LEERRESULTATEN_URL")
    ontbreekt = [n for n in (*namen, "BOOMLINK_KLANTCODE") if not env.get(n)]
    if ontbreekt:
        raise ConfiguratieFout("Waar ESIS is, is niet ingesteld: zet " + ", ".join(ontbreekt) + ".")
    try:
        return ClientConfig(
            leerlinggegevens_url=env[namen[0]],
            leerresultaten_url=env[namen[1]],
            klantnaam=env.get("BOOMLINK_KLANTNAAM") or DEFAULT_KLANTNAAM,
            klantcode=env["BOOMLINK_KLANTCODE"],
        )
    except ValueError as exc:
        raise ConfiguratieFout(f"De ESIS-instellingen kloppen niet: {exc}") from None


def _decimal(waarde: str) -> Decimal:
    try:
        getal = Decimal(waarde.replace(",", "."))
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"‘{waarde}’ is geen getal") from None
    if not getal.is_finite():
        raise argparse.ArgumentTypeError(f"‘{waarde}’ is geen getal")
    return getal


def _rapport(ctx: _Ctx, rapport: BezorgRapport) -> None:
    print(
        f"{rapport.verstuurd} resultaten afgeleverd bij ESIS, {rapport.geweigerd} geweigerd, "
        f"{rapport.uitgesteld} later opnieuw ({rapport.berichten} berichten).",
        file=ctx.out,
    )


# -- handlers --------------------------------------------------------------------------------


def _toets_normeren(args: argparse.Namespace, ctx: _Ctx) -> int:
    scores = Normscores(
        vaardigheidsscore=args.vaardigheidsscore,
        dle=args.dle,
        niveau=args.niveau,
        score=args.score,
    )
    with ctx.store().session() as session:
        uitkomst = afname_normeren(session, args.afname, scores)
    print(f"Afname {uitkomst.afname_id} is genormeerd.", file=ctx.out)
    if uitkomst.in_wachtrij:
        print("Het resultaat gaat automatisch naar ESIS.", file=ctx.out)
    else:
        print(f"Het resultaat gaat niet naar ESIS: {uitkomst.reden}.", file=ctx.out)
    return EXIT_OK


def _sync(args: argparse.Namespace, ctx: _Ctx) -> int:
    config = client_config_uit_omgeving()
    _rapport(ctx, sync(ctx.store(), config, batch=args.batch))
    return EXIT_OK


def _worker(args: argparse.Namespace, ctx: _Ctx) -> int:
    config = client_config_uit_omgeving()
    worker = Worker(ctx.store(), config, parallel=args.parallel, poll=args.poll)
    worker.options["batch"] = args.batch

    def stop(signum: int, frame: FrameType | None) -> None:
        print("Stoppen na de batch die nu onderweg is...", file=ctx.err)
        worker.stop()

    vorige = {s: signal.signal(s, stop) for s in (signal.SIGINT, signal.SIGTERM)}
    print(
        f"De worker levert resultaten af bij ESIS ({args.parallel} tegelijk); "
        "stoppen met Ctrl+C of SIGTERM.",
        file=ctx.out,
        flush=True,
    )
    try:
        rapport = worker.run()
    finally:
        for sig, handler in vorige.items():
            signal.signal(sig, handler)
    _rapport(ctx, rapport)
    return EXIT_OK


def _status(args: argparse.Namespace, ctx: _Ctx) -> int:
    with ctx.store().session() as session:
        school_id = school_met_brin(session, args.school).id if args.school else None
        overzicht = resultaten_overzicht(session, school_id=school_id)
    print(
        f"Wachtend: {overzicht.wachtend}   Verstuurd: {overzicht.verstuurd}   "
        f"Geweigerd: {overzicht.geweigerd}",
        file=ctx.out,
    )
    if overzicht.laatste_fout:
        print(f"Laatste fout bij afleveren: {overzicht.laatste_fout}", file=ctx.out)
    for g in overzicht.geweigerde:
        wanneer = (
            g.refused_at.astimezone(amsterdam()).strftime("%Y-%m-%d %H:%M") if g.refused_at else "-"
        )
        print(
            f"- afname {g.afname_id} ({g.school}, {g.leerling}, extern nummer "
            f"{g.extern_nummer or '-'}, toets {g.toets}, {g.afnamedatum.isoformat()}), "
            f"geweigerd {wanneer}: {g.reden}",
            file=ctx.out,
        )
    return EXIT_OK


def _bevestigd(vraag: str, ctx: _Ctx) -> bool:
    print(vraag, end=" ", file=ctx.out, flush=True)
    antwoord = sys.stdin.readline()
    return antwoord.strip().lower() in ("ja", "j")


def _terugzetten(args: argparse.Namespace, ctx: _Ctx) -> int:
    store = ctx.store()
    with store.session() as session:
        school = school_met_brin(session, args.school)
        naam = f"{school.naam} (BRIN {school.brincode}{school.dependancecode})"
        if not args.ja and not _bevestigd(
            f"Alle genormeerde resultaten van {naam} uit schooljaar {args.schooljaar} naar ESIS "
            "sturen? Typ ja om door te gaan:",
            ctx,
        ):
            raise NietBevestigd()
        uitkomst = vorig_schooljaar_terugzetten(session, school=school, schooljaar=args.schooljaar)
    print(
        f"{uitkomst.in_wachtrij} resultaten van {uitkomst.school_naam} uit schooljaar "
        f"{uitkomst.schooljaar} staan in de wachtrij voor ESIS"
        + (f" ({uitkomst.al_in_wachtrij} stonden er al in)" if uitkomst.al_in_wachtrij else "")
        + ". Dit is vastgelegd in het auditlog.",
        file=ctx.out,
    )
    return EXIT_OK


# -- parser ----------------------------------------------------------------------------------


def _batch_optie(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--batch", type=int, default=500, help="hoogstens zoveel afnames per bericht (500)"
    )


def registreer(groepen: Any, support: Any, groep: Groep, actie: Actie) -> None:
    """Add the result-push commands to ``boomlink`` (``groep``/``actie`` are the CLI's helpers)."""
    p = actie(
        support,
        "resultaten-terugzetten",
        "stuur genormeerde resultaten van het vorige schooljaar van één school naar ESIS "
        "(alleen Boom support; wordt vastgelegd in het auditlog)",
        _terugzetten,
    )
    p.add_argument("--school", required=True, metavar="BRIN", help="BRIN van de school, bv. 99QQ")
    p.add_argument("--schooljaar", required=True, help="het vorige schooljaar, bv. 2025-2026")
    p.add_argument("--ja", action="store_true", help="niet om bevestiging vragen")

    toets = groep(groepen, "toets", "toetsafnames in het Boom testcentrum")
    p = actie(
        toets,
        "normeren",
        "normeer een toetsafname; bij een actieve koppeling gaat het resultaat vanzelf naar ESIS",
        _toets_normeren,
    )
    p.add_argument("--afname", type=int, required=True, help="nummer van de toetsafname")
    p.add_argument("--vaardigheidsscore", type=_decimal, required=True, help="bv. 123,4")
    p.add_argument("--dle", type=_decimal, required=True, help="didactische leeftijdsequivalent")
    p.add_argument("--niveau", default=None, help="niveau, bv. 1F of B")
    p.add_argument("--score", type=int, default=None, help="ruwe score, als de toets die heeft")

    p = actie(groepen, "sync", "lever nu alle wachtende resultaten af bij ESIS en stop", _sync)
    _batch_optie(p)
    p = actie(
        groepen,
        "worker",
        "lever doorlopend resultaten af bij ESIS (stopt netjes op Ctrl+C of SIGTERM)",
        _worker,
    )
    _batch_optie(p)
    p.add_argument("--parallel", type=int, default=2, help="zoveel batches tegelijk (2)")
    p.add_argument(
        "--poll", type=float, default=0.2, help="seconden wachten als er niets te doen is (0,2)"
    )

    resultaten = groep(groepen, "resultaten", "resultaten op weg naar ESIS")
    p = actie(
        resultaten,
        "status",
        "toon wachtende, verstuurde en geweigerde resultaten, met de reden van weigering",
        _status,
    )
    p.add_argument("--school", metavar="BRIN", default=None, help="alleen deze school")
