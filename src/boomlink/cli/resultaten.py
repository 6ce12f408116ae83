"""The result push on the command line: norming, sync, the worker, status, and Boom support's
back-fill of the previous school year.

Hooked into ``boomlink`` by :func:`registreer`. Where ESIS is (and the xsdversie, CA bundle and
client certificate) comes from the one place every ESIS command uses:
:func:`boomlink.esis_client.esis_client_config` (``--esis-state-file``, then the environment).
"""

from __future__ import annotations

import argparse
import datetime as dt
import signal
import sys
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from types import FrameType
from typing import Any, Protocol, TextIO

from boomlink.beheer import school_met_brin
from boomlink.config import Settings
from boomlink.esis_client import esis_client_config
from boomlink.resultaten import (
    DEFAULT_LEASE,
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

__all__ = ["registreer"]

EXIT_OK = 0
EXIT_FOUT = 1


class _Ctx(Protocol):
    settings: Settings
    out: TextIO
    err: TextIO

    def store(self) -> Store: ...


Handler = Callable[[argparse.Namespace, Any], int]
Groep = Callable[[Any, str, str], Any]
Actie = Callable[[Any, str, str, Handler], argparse.ArgumentParser]


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


def _opties(args: argparse.Namespace) -> dict[str, Any]:
    return {"batch": args.batch, "lease": dt.timedelta(seconds=args.lease)}


def _sync(args: argparse.Namespace, ctx: _Ctx) -> int:
    config = esis_client_config(ctx.settings)
    rapport = sync(ctx.store(), config, **_opties(args))
    _rapport(ctx, rapport)
    if rapport.onverwacht:
        print(
            f"Niet alles is afgeleverd door een {rapport.onverwacht}. "
            "De resultaten blijven in de wachtrij.",
            file=ctx.err,
        )
        return EXIT_FOUT
    return EXIT_OK


def _worker(args: argparse.Namespace, ctx: _Ctx) -> int:
    config = esis_client_config(ctx.settings)
    worker = Worker(ctx.store(), config, parallel=args.parallel, poll=args.poll)
    worker.options.update(_opties(args))

    def stop(signum: int, frame: FrameType | None) -> None:
        print("Stoppen: de batches die onderweg zijn gaan terug naar de wachtrij...", file=ctx.err)
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
    if worker.fout:
        print(worker.fout, file=ctx.err)
        return EXIT_FOUT
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
    for f in overzicht.fouten_per_school:
        print(
            f"- {f.school} (BRIN {f.brin}): {f.wachtend} wachtend, laatste fout: {f.fout}",
            file=ctx.out,
        )
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


def _lease(waarde: str) -> float:
    try:
        seconden = float(waarde.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"‘{waarde}’ is geen aantal seconden") from None
    if not seconden > 0:
        raise argparse.ArgumentTypeError("de lease moet langer dan 0 seconden zijn")
    return seconden


def _batch_optie(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--batch", type=int, default=500, help="hoogstens zoveel afnames per bericht (500)"
    )
    parser.add_argument(
        "--lease",
        type=_lease,
        default=DEFAULT_LEASE.total_seconds(),
        metavar="SECONDEN",
        help="zo lang houdt een worker een batch vast zonder te verlengen; een gestopte worker "
        "geeft zijn batch na hoogstens zo lang vrij (60)",
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
