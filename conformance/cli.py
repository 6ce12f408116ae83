"""``uwlr-conformance``: the conformance harness on the command line.

::

    uwlr-conformance checks [--mode las|client] [--json]
    uwlr-conformance las --leerlinggegevens-url URL [--leerresultaten-url URL] --sleutel KEY
        --klantcode C --klantnaam N (--brincode B [--dependancecode 00] | --schoolkey K)
        [--schooljaar YYYY-YYYY] [--xsdversie 2.3] [--allow-writes] [--officieel DIR] [--streng]
        [--junit FILE] [--json FILE] [--html FILE] [--expected-failures FILE]
    uwlr-conformance las --state-file mock-esis-state.json [--wacht SECONDEN] [...]
    uwlr-conformance client [--scenario NAAM ...] [--time-limit 60] [--timeout 10] [...] -- CMD [ARGS...]
    uwlr-conformance proxy --listen 127.0.0.1:8088 --upstream-leerlinggegevens URL [...]

Exit codes: 0 every MUST passed (expected failures not counted); 1 a MUST failed (or, with
``--streng``, was not run); 2 wrong use (arguments, unreadable state file, expected-failures file
or schema folder) or a configuration error found at run time (:mod:`conformance.errors`).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.table import Table

from conformance.bounds import DEFAULT_TIME_LIMIT, DEFAULT_TIMEOUT
from conformance.catalogue import CATALOGUE, Mode
from conformance.errors import ConfigurationError
from conformance.expected import ExpectedFailuresError, apply_expected, load_expected_failures
from conformance.official import OFFICIAL_NOT_GIVEN, choose_official
from conformance.proxy.cli import add_proxy_parser
from conformance.result import Report
from uwlr.cli_nl import DutchArgumentParser, add_deprecated_alias
from uwlr.clientcert import ClientCertificaatFout
from uwlr.official import OFFICIAL_DIR_ENV, OfficialSchemas, OfficialSchemasMissing

__all__ = ["main"]

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


class UsageError(Exception):
    """Wrong use; the message is shown as is."""


def _report_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--officieel",
        type=Path,
        metavar="MAP",
        help="map met de officiële UWLR 2.2-schema's (of zet UWLR_OFFICIAL_XSD_DIR); zonder "
        "worden de controles die ze nodig hebben als 'niet uitgevoerd' gemeld",
    )
    parser.add_argument("--xsd-dir", type=Path, help=argparse.SUPPRESS)  # old name of --officieel
    parser.add_argument(
        "--streng",
        action="store_true",
        help="een MUST-controle die niet uitgevoerd kon worden telt als gezakt (exitcode 1)",
    )
    parser.add_argument("--junit", type=Path, metavar="BESTAND", help="schrijf JUnit XML")
    parser.add_argument("--json", type=Path, metavar="BESTAND", help="schrijf JSON")
    parser.add_argument("--html", type=Path, metavar="BESTAND", help="schrijf een HTML-rapport")
    parser.add_argument(
        "--expected-failures",
        type=Path,
        metavar="BESTAND",
        help="controles die mogen falen (een id per regel, met reden): gemeld, niet geteld",
    )
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="toon het bewijs van FAIL en WARN"
    )


def _parser() -> argparse.ArgumentParser:
    parser = DutchArgumentParser(
        prog="uwlr-conformance",
        description="Conformiteitstoetsen voor UWLR 2.x: een LAS (server) of een afnemer (client).",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="OPDRACHT")

    checks = sub.add_parser("checks", help="toon de catalogus van controles")
    checks.add_argument(
        "--mode", choices=[Mode.LAS.value, Mode.CLIENT.value], help="alleen deze kant"
    )
    checks.add_argument("--json", action="store_true", help="als JSON")

    las = sub.add_parser("las", help="toets een LAS (UWLR-server)")
    las.add_argument("--state-file", type=Path, help="statusbestand van mock-esis serve")
    las.add_argument(
        "--wacht",
        type=float,
        metavar="SECONDEN",
        help="wacht zo lang op een statusbestand waarvan de nep-ESIS antwoordt (voor CI: "
        "mock-esis serve ... & direct gevolgd door deze opdracht)",
    )
    las.add_argument("--leerlinggegevens-url", help="endpoint van de leerlinggegevens-service")
    las.add_argument("--leerresultaten-url", help="endpoint van de leerresultaten-service")
    las.add_argument(
        "--sleutel",
        help="de autorisatiesleutel (of zet UWLR_AUTORISATIESLEUTEL, dan staat hij niet in ps)",
    )
    las.add_argument("--klantcode")
    las.add_argument("--klantnaam")
    las.add_argument("--brincode")
    las.add_argument("--dependancecode")
    las.add_argument("--schoolkey")
    las.add_argument("--schooljaar", help="standaard het huidige, of dat uit het statusbestand")
    las.add_argument("--xsdversie", default="2.3")
    las.add_argument(
        "--allow-writes",
        action="store_true",
        help="stuur ook BrengLeerresultaten (schrijft een proefresultaat in de LAS)",
    )
    las.add_argument("--timeout", type=float, default=30.0, help="seconden per verzoek")
    las.add_argument("--ca-file", help="CA-bundel voor HTTPS")
    las.add_argument(
        "--client-cert",
        help="clientcertificaat voor LAS'en die dat eisen: PEM, of .p12/.pfx zoals ESIS het geeft",
    )
    las.add_argument("--client-key", help="sleutel van het clientcertificaat (alleen bij PEM)")
    las.add_argument(
        "--client-cert-password-env",
        metavar="VARIABELE",
        default="UWLR_CLIENT_CERT_WACHTWOORD",
        help="omgevingsvariabele met het wachtwoord van het .p12-bestand of de sleutel "
        "(nooit als argument: dat staat in de proceslijst); standaard %(default)s",
    )
    add_deprecated_alias(las, "--client-cert-wachtwoord-env", "--client-cert-password-env")
    las.add_argument("--only", action="append", metavar="ID", help="alleen deze controle(s)")
    _report_options(las)

    client = sub.add_parser(
        "client",
        help="toets een afnemer (UWLR-client): uwlr-conformance client -- CMD [ARGS...]",
    )
    client.add_argument(
        "--scenario", action="append", metavar="NAAM", help="alleen dit scenario (herhaalbaar)"
    )
    client.add_argument(
        "--time-limit",
        type=float,
        default=DEFAULT_TIME_LIMIT,
        metavar="SECONDEN",
        help="seconden per scenario; daarna wordt de opdracht gestopt (standaard %(default)g)",
    )
    client.add_argument(
        "--timeout",
        type=float,
        metavar="SECONDEN",
        help="hoe lang de opdracht op één antwoord wacht, gegeven als UWLR_TIMEOUT; het "
        f"hang-scenario duurt ongeveer zo lang (standaard {DEFAULT_TIMEOUT:g}, of de helft van "
        "--time-limit als dat korter is; in CI: 2)",
    )
    client.add_argument("--seed", type=int, default=1, help="seed van de nepschool")
    _report_options(client)
    client.add_argument("cmd", nargs=argparse.REMAINDER, help="-- de opdracht en haar argumenten")
    add_proxy_parser(sub, _report_options)
    return parser


def _official(args: argparse.Namespace) -> tuple[OfficialSchemas | None, str]:
    folder, option = args.officieel, "--officieel"
    if args.xsd_dir is not None:
        print(
            "uwlr-conformance: --xsd-dir is verouderd en verdwijnt in de volgende versie; "
            "gebruik --officieel",
            file=sys.stderr,
        )
        folder = folder or args.xsd_dir
        option = "--xsd-dir" if args.officieel is None else option
    try:
        return choose_official(folder)
    except OfficialSchemasMissing as exc:
        where = option if folder is not None else OFFICIAL_DIR_ENV
        raise UsageError(f"{where}: {exc}") from None


def _checks(args: argparse.Namespace) -> int:
    chosen = [c for c in CATALOGUE if args.mode is None or c.mode.value == args.mode]
    if args.json:
        rows = [
            {
                "id": c.id,
                "title": c.title,
                "rule": c.rule,
                "source": c.source,
                "level": c.level.value,
                "mode": c.mode.value,
            }
            for c in chosen
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    table = Table(title=f"UWLR-conformance: {len(chosen)} controles")
    for column in ("id", "niveau", "titel", "regel", "bron"):
        table.add_column(column)
    for c in chosen:
        table.add_row(c.id, c.level.value, c.title, c.rule, c.source)
    Console().print(table)
    return EXIT_OK


def _las(args: argparse.Namespace) -> int:
    from conformance.las import LasOptions, LasTarget, TargetError, run_las

    official, note = _official(args)
    expected = _expected(args.expected_failures)
    sleutel = args.sleutel or os.environ.get("UWLR_AUTORISATIESLEUTEL")
    if args.wacht is not None and args.state_file is None:
        raise UsageError("--wacht hoort bij --state-file")
    if args.wacht is not None and args.wacht < 0:
        raise UsageError("--wacht moet 0 of meer seconden zijn")
    try:
        if args.state_file is not None:
            target = LasTarget.from_state_file(
                args.state_file,
                wacht=args.wacht,
                brincode=args.brincode,
                dependancecode=args.dependancecode,
                schoolkey=args.schoolkey,
                leerlinggegevens_url=args.leerlinggegevens_url,
                leerresultaten_url=args.leerresultaten_url,
                sleutel=sleutel,
                klantcode=args.klantcode,
                klantnaam=args.klantnaam,
                schooljaar=args.schooljaar,
                xsdversie=args.xsdversie,
            )
        else:
            missing = [
                f"--{name.replace('_', '-')}"
                for name in ("leerlinggegevens_url", "klantcode", "klantnaam")
                if not getattr(args, name)
            ]
            if not sleutel:
                missing.append("--sleutel")
            if missing:
                raise UsageError(
                    f"ontbreekt: {', '.join(missing)} (of geef --state-file van mock-esis)"
                )
            target = LasTarget(
                leerlinggegevens_url=args.leerlinggegevens_url,
                leerresultaten_url=args.leerresultaten_url,
                sleutel=sleutel or "",
                klantcode=args.klantcode,
                klantnaam=args.klantnaam,
                brincode=args.brincode,
                dependancecode=args.dependancecode if args.brincode else None,
                schoolkey=args.schoolkey,
                schooljaar=args.schooljaar or "",
                xsdversie=args.xsdversie,
            )
    except TargetError as exc:
        raise UsageError(str(exc)) from None
    cert: str | tuple[str, str] | None = args.client_cert
    if args.client_cert and args.client_key:
        cert = (args.client_cert, args.client_key)
    options = LasOptions(
        allow_writes=args.allow_writes,
        official=official,
        official_note=note or OFFICIAL_NOT_GIVEN,
        timeout=args.timeout,
        verify=args.ca_file or True,
        cert=cert,
        cert_password=os.environ.get(args.client_cert_password_env) or None,
        only=frozenset(args.only) if args.only else None,
    )
    try:
        report = run_las(target, options)
    except ClientCertificaatFout as exc:
        raise UsageError(str(exc)) from None
    return _finish(report, args, expected)


def _client(args: argparse.Namespace) -> int:
    from conformance.client import ClientOptions, run_client

    command = list(args.cmd)
    if command and command[0] == "--":
        command = command[1:]
    if not command:
        raise UsageError("geef de opdracht na --, bijvoorbeeld: client -- boomlink uwlr-afnemer")
    if args.time_limit <= 0:
        raise UsageError("--time-limit moet groter dan 0 zijn")
    if args.timeout is not None and not 0 < args.timeout < args.time_limit:
        raise UsageError(
            f"--timeout moet groter dan 0 en kleiner dan --time-limit ({args.time_limit:g}) zijn, "
            f"niet {args.timeout:g}: de opdracht moet na een time-out nog zelf kunnen eindigen"
        )
    official, note = _official(args)
    expected = _expected(args.expected_failures)
    options = ClientOptions(
        command=command,
        time_limit=args.time_limit,
        timeout=args.timeout,
        scenarios=args.scenario,
        official=official,
        official_note=note or OFFICIAL_NOT_GIVEN,
        seed=args.seed,
    )
    try:
        report = run_client(options)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    return _finish(report, args, expected)


def _proxy(args: argparse.Namespace) -> int:
    from conformance.proxy import CertificateError
    from conformance.proxy.cli import run_proxy_command

    official, note = _official(args)
    expected = _expected(args.expected_failures)
    try:
        report = run_proxy_command(args, official, note)
    except (ValueError, CertificateError) as exc:
        raise UsageError(str(exc)) from None
    return _finish(report, args, expected)


def _expected(path: Path | None) -> dict[str, str]:
    if path is None:
        return {}
    try:
        return load_expected_failures(path)
    except ExpectedFailuresError as exc:
        raise UsageError(str(exc)) from None


def _finish(report: Report, args: argparse.Namespace, expected: dict[str, str]) -> int:
    from conformance.reports import print_report, write_html, write_json, write_junit

    apply_expected(report, expected)
    report.strict = args.streng
    print_report(report, verbose=args.verbose)
    for path, write in (
        (args.junit, write_junit),
        (args.json, write_json),
        (args.html, write_html),
    ):
        if path is not None:
            write(report, path)
            print(f"rapport geschreven: {path}")
    return report.exit_code


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``uwlr-conformance``."""
    parser = _parser()
    try:
        args = parser.parse_args(None if argv is None else list(argv))
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    try:
        if args.command == "checks":
            return _checks(args)
        if args.command == "las":
            return _las(args)
        if args.command == "proxy":
            return _proxy(args)
        return _client(args)
    except UsageError as exc:
        print(f"uwlr-conformance: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ConfigurationError as exc:  # found at the first call: on the normal output
        print(f"uwlr-conformance: configuratiefout: {exc}")
        return EXIT_USAGE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
