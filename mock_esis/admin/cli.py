"""``mock-esis admin ...`` and ``mock-esis esis ...``: steer a running mock ESIS over HTTP.

Each subcommand is one call of :class:`~mock_esis.testing.client.AdminClient` or
:class:`~mock_esis.testing.client.EsisClient`; the JSON answer goes to stdout, a refusal's Dutch message
to stderr in one line: exit code 2 when the input itself was wrong (the mock answered 400, e.g. a
fault rule with a field its kind does not take, or `--veld` without `=`), else 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

import httpx

from mock_esis.testing.client import AdminClient, EsisClient, MockEsisError

__all__ = ["add_subcommands", "run"]

Action = Callable[[argparse.Namespace], Any]


class _UsageError(Exception):
    """Wrong use found after parsing; the Dutch message is shown as is, exit code 2."""


def _fields(pairs: list[str] | None) -> dict[str, Any]:
    """``--veld naam=waarde`` pairs; a value that reads as JSON (number, list, true) is decoded."""
    out: dict[str, Any] = {}
    for pair in pairs or []:
        name, sep, value = pair.partition("=")
        if not sep:
            raise _UsageError(f"--veld verwacht naam=waarde, niet {pair!r}")
        try:
            out[name] = json.loads(value)
        except ValueError:
            out[name] = value
    return out


def _admin_commands(sub: Any) -> None:
    def cmd(name: str, help: str, action: Action) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = sub.add_parser(name, help=help, description=help)
        parser.set_defaults(action=action)
        return parser

    def school(parser: argparse.ArgumentParser, key: bool = False) -> None:
        parser.add_argument("--school", required=True, help="BRIN + vestiging, bijv. 99QQ00")
        if key:
            parser.add_argument("--key", required=True, help="key (of eckid) van de persoon/groep")

    def velden(parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--veld", action="append", metavar="NAAM=WAARDE", help="een veld van het record"
        )

    p = cmd(
        "reset",
        "maak de nep-ESIS leeg, of zet hem terug zoals hij startte (--naar-start)",
        lambda a: a.admin.reset_naar_start() if a.naar_start else a.admin.reset(),
    )
    p.add_argument(
        "--naar-start",
        action="store_true",
        help="terug naar de toestand bij het starten: dezelfde scholen, dezelfde sleutels",
    )
    cmd("state", "toon scholen, sleutels, resultaten en klok", lambda a: a.admin.state())
    p = cmd("scholen", "voeg nepscholen toe", lambda a: a.admin.seed(**_seed_fields(a)))
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--aantal", type=int, default=1)
    p.add_argument("--index", type=int, default=0)
    p.add_argument("--leerlingen-per-groep", type=int, default=None)
    p.add_argument("--aantal-groepen", type=int, default=None, help="groepen per school")
    p.add_argument(
        "--aantal-leerlingen", type=int, default=None, help="precies zoveel leerlingen per school"
    )
    p.add_argument("--brincode", default=None)
    p.add_argument("--dependancecode", default=None)
    p.add_argument("--naam", default=None)
    p.add_argument("--schooljaar", default=None)
    p.add_argument("--activeren", action="store_true")
    p = cmd(
        "school",
        "toon alle gegevens van een school",
        lambda a: a.admin.school(a.school, a.schooljaar),
    )
    school(p)
    p.add_argument("--schooljaar", default=None)

    p = cmd(
        "leerling-toevoegen",
        "voeg een leerling toe",
        lambda a: a.admin.add_leerling(a.school, **_fields(a.veld)),
    )
    school(p)
    velden(p)
    p = cmd(
        "leerling-wijzigen",
        "wijzig een leerling",
        lambda a: a.admin.update_leerling(a.school, a.key, **_fields(a.veld)),
    )
    school(p, key=True)
    velden(p)
    p = cmd(
        "leerling-verwijderen",
        "verwijder een leerling",
        lambda a: a.admin.remove_leerling(a.school, a.key),
    )
    school(p, key=True)
    p = cmd(
        "leerling-verplaatsen",
        "verplaats een leerling naar een andere groep",
        lambda a: a.admin.move_leerling(a.school, a.key, a.groep),
    )
    school(p, key=True)
    p.add_argument("--groep", required=True, help="key of naam van de nieuwe groep")
    p = cmd(
        "leerling-eckid-als-sleutel",
        "de leerling houdt alleen zijn eckid als sleutel",
        lambda a: a.admin.leerling_eckid_als_sleutel(a.school, a.key),
    )
    school(p, key=True)

    p = cmd(
        "leerkracht-toevoegen",
        "voeg een leerkracht toe",
        lambda a: a.admin.add_leerkracht(a.school, **_fields(a.veld)),
    )
    school(p)
    velden(p)
    p = cmd(
        "leerkracht-wijzigen",
        "wijzig een leerkracht",
        lambda a: a.admin.update_leerkracht(a.school, a.key, **_fields(a.veld)),
    )
    school(p, key=True)
    velden(p)
    p = cmd(
        "leerkracht-verwijderen",
        "verwijder een leerkracht",
        lambda a: a.admin.remove_leerkracht(a.school, a.key),
    )
    school(p, key=True)
    p = cmd(
        "leerkracht-eckid-als-sleutel",
        "de leerkracht houdt alleen zijn eckid als sleutel",
        lambda a: a.admin.leerkracht_eckid_als_sleutel(a.school, a.key),
    )
    school(p, key=True)

    p = cmd(
        "groep-hernoemen",
        "geef een groep een nieuwe naam",
        lambda a: a.admin.rename_groep(a.school, a.key, a.naam),
    )
    school(p, key=True)
    p.add_argument("--naam", required=True)
    p = cmd(
        "groep-splitsen",
        "splits een stamgroep in twee",
        lambda a: a.admin.split_groep(a.school, a.key, **_split_fields(a)),
    )
    school(p, key=True)
    p.add_argument("--naam", default=None, help="naam van de nieuwe groep")
    p.add_argument("--leerling", action="append", help="key van een leerling die meegaat")
    cmd(
        "volgend-schooljaar",
        "zet de klok op 1 augustus van het volgende schooljaar",
        lambda a: a.admin.volgend_schooljaar(),
    )
    p = cmd(
        "journal",
        "toon het journaal",
        lambda a: a.admin.journal(operation=a.operation, verdict=a.verdict, since=a.since),
    )
    p.add_argument("--operation", default=None)
    p.add_argument("--verdict", default=None)
    p.add_argument("--since", default=None)
    cmd("journal-wissen", "maak het journaal leeg", lambda a: a.admin.clear_journal())
    p = cmd(
        "fout-toevoegen",
        "laat de nep-ESIS zich misdragen (foutinjectie; zie docs/mock-esis-admin.md)",
        lambda a: a.admin.add_fault(**_fault_fields(a)),
    )
    p.add_argument("--operation", default="*", help="operatie, of * voor alle (standaard)")
    p.add_argument(
        "--kind",
        required=True,
        help="latency, hang, http_status, uwlr_fault, malformed, empty, garbage of reset",
    )
    velden(p)
    cmd("fouten", "toon de foutinjectieregels en hoe vaak ze afgingen", lambda a: a.admin.faults())
    cmd("fouten-wissen", "verwijder alle foutinjectieregels", lambda a: a.admin.clear_faults())


def _fault_fields(a: argparse.Namespace) -> dict[str, Any]:
    return {"operation": a.operation, "kind": a.kind, **_fields(a.veld)}


def _seed_fields(a: argparse.Namespace) -> dict[str, Any]:
    fields = {
        "seed": a.seed,
        "aantal": a.aantal,
        "index": a.index,
        "leerlingen_per_groep": a.leerlingen_per_groep,
        "aantal_groepen": a.aantal_groepen,
        "aantal_leerlingen": a.aantal_leerlingen,
        "brincode": a.brincode,
        "dependancecode": a.dependancecode,
        "naam": a.naam,
        "schooljaar": a.schooljaar,
        "activeren": a.activeren or None,
    }
    return {k: v for k, v in fields.items() if v is not None}


def _split_fields(a: argparse.Namespace) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    if a.naam:
        fields["naam"] = a.naam
    if a.leerling:
        fields["leerlingen"] = a.leerling
    return fields


def _esis_commands(sub: Any) -> None:
    def cmd(name: str, help: str, action: Action) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = sub.add_parser(name, help=help, description=help)
        parser.set_defaults(action=action)
        parser.add_argument("--school", required=True, help="BRIN + vestiging, bijv. 99QQ00")
        parser.add_argument("--gebruiker", required=True, help="ESIS-gebruikersnaam")
        return parser

    cmd(
        "koppeling",
        "toon de koppeling Boom testcentrum",
        lambda a: a.esis.koppeling(a.school, a.gebruiker),
    )
    p = cmd(
        "activeren",
        "activeer de koppeling en toon de nieuwe autorisatiesleutel",
        lambda a: a.esis.activeren(a.school, a.gebruiker, a.verificatiecode, akkoord=a.akkoord),
    )
    p.add_argument("--verificatiecode", required=True)
    p.add_argument(
        "--akkoord",
        action="store_true",
        help="de schooldirectie gaat akkoord met de gebruikersvoorwaarden",
    )
    cmd("deactiveren", "zet de koppeling uit", lambda a: a.esis.deactiveren(a.school, a.gebruiker))
    cmd(
        "groepen",
        "de groepen die deze gebruiker in Mijn Groep ziet",
        lambda a: a.esis.groepen(a.school, a.gebruiker),
    )
    p = cmd(
        "mijn-groep",
        "groepsresultaten van een groep",
        lambda a: a.esis.mijn_groep(a.school, a.groep, a.gebruiker),
    )
    p.add_argument("--groep", required=True, help="key of naam van de groep")
    p = cmd(
        "toetsresultaat-invoeren",
        "voer een DLE met de hand in",
        lambda a: a.esis.toetsresultaat_invoeren(
            a.school, a.gebruiker, leerlingid=a.leerling, toets=a.toets, dle=a.dle, datum=a.datum
        ),
    )
    p.add_argument("--leerling", required=True, help="key of eckid van de leerling")
    p.add_argument("--toets", required=True)
    p.add_argument("--dle", required=True)
    p.add_argument("--datum", default=None, help="JJJJ-MM-DD (standaard vandaag)")
    p = cmd(
        "toetsresultaten",
        "met de hand ingevoerde resultaten per leerling",
        lambda a: a.esis.toetsresultaten(a.school, a.gebruiker, a.leerling),
    )
    p.add_argument("--leerling", default=None)


def add_subcommands(sub: Any) -> None:
    """Add ``admin`` and ``esis`` to the ``mock-esis`` subcommands."""
    admin = sub.add_parser(
        "admin",
        help="stuur een draaiende nep-ESIS bij (admin-API)",
        description="Stuur een draaiende nep-ESIS bij via de admin-API (/__admin).",
    )
    admin.add_argument(
        "--url",
        required=True,
        help="basis-URL, bijv. http://127.0.0.1:8080, of de admin-URL uit het statusbestand",
    )
    admin.add_argument("--token", default=None, help="admin-token (als de server er een heeft)")
    _admin_commands(admin.add_subparsers(dest="admin_command", required=True, metavar="OPDRACHT"))
    esis = sub.add_parser(
        "esis",
        help="de ESIS-schermen van de handleiding (koppeling, Mijn Groep, toetsresultaten)",
        description="De ESIS-schermen van de handleiding als opdrachten.",
    )
    esis.add_argument("--url", required=True, help="basis-URL, bijv. http://127.0.0.1:8080")
    _esis_commands(esis.add_subparsers(dest="esis_command", required=True, metavar="OPDRACHT"))


def run(args: argparse.Namespace) -> int:
    """Run an ``admin`` or ``esis`` subcommand: 0 ok, 2 wrong use or bad input (400), 1 refused or
    unreachable."""
    args.admin = AdminClient(args.url, token=getattr(args, "token", None))
    args.esis = EsisClient(args.url)
    try:
        result = args.action(args)
    except _UsageError as error:
        print(f"mock-esis: {error}", file=sys.stderr)
        return 2
    except MockEsisError as error:
        print(f"mock-esis: geweigerd ({error.status}): {error.fout}", file=sys.stderr)
        return 2 if error.status == 400 else 1
    except httpx.HTTPError as error:
        print(f"mock-esis: geen verbinding met {args.url}: {error}", file=sys.stderr)
        return 1
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0
