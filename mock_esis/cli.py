"""``mock-esis``: start the fake ESIS, or steer a running one.

``mock-esis serve`` starts the server (waitress) with seeded fake schools. With ``--state-file``
it removes a leftover file first, writes the file once the server accepts connections, keeps it
current after every change of keys or schools, and removes it on a clean stop (SIGTERM, SIGINT).
Exit codes: 0 ok, 1 refused, 2 usage error.
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import tempfile
from pathlib import Path

from mock_esis.admin.api import public_without_token
from mock_esis.admin.cli import add_subcommands, run
from mock_esis.recording.cli import add_recording_commands, run_recording
from mock_esis.serve_options import (
    at_least,
    file_in_existing_folder,
    host,
    listen_error,
    port,
    schooljaar,
)
from mock_esis.state.store import StoreError
from mock_esis.web.app import MockEsisApp
from mock_esis.web.factory import MockOptions, build_app
from mock_esis.web.server import MockEsisServer, tune_serving_process
from mock_esis.web.state_file import StateFileWriter
from mock_esis.web.tls import make_certificates
from uwlr.cli_nl import DutchArgumentParser, add_deprecated_alias

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = DutchArgumentParser(
        prog="mock-esis",
        description="Een nep-ESIS die UWLR 2.x spreekt, met nepscholen, voor tests en demo's.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMANDO")
    serve = sub.add_parser("serve", help="start de nep-ESIS", description="Start de nep-ESIS.")
    serve.add_argument("--host", type=host, default="127.0.0.1", help="adres om op te luisteren")
    serve.add_argument(
        "--port", type=port, default=8080, help="poort, 0 tot en met 65535 (0 = een vrije poort)"
    )
    serve.add_argument("--seed", type=int, default=1, metavar="N", help="seed van de nepscholen")
    serve.add_argument(
        "--scholen",
        dest="schools",
        type=at_least(0),
        default=1,
        metavar="N",
        help="aantal nepscholen",
    )
    serve.add_argument(
        "--leerlingen-per-groep",
        dest="students_per_group",
        type=at_least(1),
        default=25,
        metavar="N",
        help="leerlingen per groep",
    )
    serve.add_argument(
        "--aantal-groepen",
        dest="groups",
        type=at_least(1),
        default=None,
        metavar="N",
        help="aantal groepen per school",
    )
    serve.add_argument(
        "--aantal-leerlingen",
        dest="pupils",
        type=at_least(1),
        default=None,
        metavar="N",
        help="precies zoveel leerlingen per school",
    )
    serve.add_argument(
        "--schooljaar",
        type=schooljaar,
        default=None,
        metavar="JJJJ-JJJJ",
        help="schooljaar, bijv. 2026-2027",
    )
    serve.add_argument(
        "--activeren",
        dest="activate_all",
        action="store_true",
        help="activeer de koppeling Boom testcentrum voor elke school (sleutel in het statusbestand)",
    )
    serve.add_argument(
        "--state-file",
        type=file_in_existing_folder,
        metavar="BESTAND",
        help="schrijf endpoints en sleutels als JSON zodra de server klaar is, houd het bij, "
        "en verwijder het bij stoppen (de map moet bestaan; docs/mock-esis-state-file.md)",
    )
    serve.add_argument(
        "--db",
        type=file_in_existing_folder,
        default=None,
        metavar="BESTAND",
        help="SQLite-bestand voor de toestand: wordt bij start gelezen en na elke wijziging bewaard",
    )
    serve.add_argument(
        "--answer-cache",
        type=at_least(0),
        default=64,
        metavar="N",
        help="aantal antwoorden in de antwoordcache (0 = uit)",
    )
    serve.add_argument("--lenient", action="store_true", help="accepteer slordige verzoeken")
    serve.add_argument(
        "--threads", type=at_least(1), default=8, metavar="N", help="aantal werkthreads"
    )
    serve.add_argument(
        "--admin-token", default=None, metavar="TOKEN", help="token voor /__admin buiten loopback"
    )
    serve.add_argument(
        "--tls", action="store_true", help="serveer HTTPS met een zelfgemaakt certificaat"
    )
    serve.add_argument(
        "--tls-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="map voor de certificaten (standaard: tijdelijk)",
    )
    serve.add_argument(
        "--client-ca",
        type=Path,
        default=None,
        metavar="BESTAND",
        help="eis clientcertificaten die door deze CA (PEM) zijn ondertekend, zoals ESIS doet",
    )
    serve.add_argument(
        "--from-recording",
        type=Path,
        default=None,
        metavar="DIR",
        help="serveer de scholen uit een geanonimiseerde opname in plaats van nepscholen",
    )
    serve.add_argument(
        "--raw-recording",
        dest="ruwe_opname",
        action="store_true",
        help="sta een niet-geanonimiseerde opname toe (alleen voor eigen, lokale proeven)",
    )
    for old, new in _OLD_SPELLINGS:
        add_deprecated_alias(serve, old, new)
    add_subcommands(sub)
    add_recording_commands(sub)
    return parser


#: Spellings of release 0.x that still work, with a deprecation line (ADR 0025).
_OLD_SPELLINGS = (
    ("--schools", "--scholen"),
    ("--students-per-group", "--leerlingen-per-groep"),
    ("--groups", "--aantal-groepen"),
    ("--pupils", "--aantal-leerlingen"),
    ("--activate-all", "--activeren"),
    ("--ruwe-opname", "--raw-recording"),
)


#: dest: option, of the options that seed the state (they do not apply to a restored state).
_SEED_OPTIONS = {
    "seed": "--seed",
    "schools": "--scholen",
    "students_per_group": "--leerlingen-per-groep",
    "groups": "--aantal-groepen",
    "pupils": "--aantal-leerlingen",
    "schooljaar": "--schooljaar",
    "activate_all": "--activeren",
    "from_recording": "--from-recording",
}


def _seed_options(args: argparse.Namespace) -> list[str]:
    """The seed options given other than their default (they do not apply to a restored state)."""
    defaults = _parser().parse_args(["serve"])
    return [
        option
        for name, option in _SEED_OPTIONS.items()
        if getattr(args, name) != getattr(defaults, name)
    ]


def _serve(args: argparse.Namespace) -> int:
    from uwlr.recording import RecordingError

    if args.state_file is not None:
        # A leftover of an earlier run must never pass for this server: gone before we listen.
        with contextlib.suppress(OSError):
            args.state_file.unlink(missing_ok=True)

    refusal = public_without_token(args.host, args.admin_token)
    if refusal is not None:
        print(f"mock-esis: {refusal}", file=sys.stderr)
        return 2
    try:
        app = _app(args)
    except (RecordingError, StoreError) as exc:
        print(f"mock-esis: {exc}", file=sys.stderr)
        return 2
    if app.restored_from is not None and _seed_options(args):
        print(
            f"mock-esis: de toestand komt uit {app.restored_from}; genegeerd:"
            f" {', '.join(_seed_options(args))}",
            file=sys.stderr,
            flush=True,
        )
    return _serve_app(app, args)


def _app(args: argparse.Namespace) -> MockEsisApp:
    return build_app(
        MockOptions(
            seed=args.seed,
            schools=args.schools,
            students_per_group=args.students_per_group,
            groups=args.groups,
            pupils=args.pupils,
            schooljaar=args.schooljaar,
            activate_all=args.activate_all,
            lenient=args.lenient,
            admin_token=args.admin_token,
            db=None if args.db is None else str(args.db),
            cache_size=args.answer_cache,
            recording=args.from_recording,
            ruwe_opname=args.ruwe_opname,
        )
    )


class _Unwritable(Exception):
    """The state file could not be written when the server was ready."""


def _serve_app(app: MockEsisApp, args: argparse.Namespace) -> int:
    if args.client_ca is not None and not args.tls:
        print("mock-esis: --client-ca werkt alleen samen met --tls", file=sys.stderr)
        return 2
    if args.client_ca is not None and not args.client_ca.is_file():
        print(f"mock-esis: CA-bestand {args.client_ca} bestaat niet", file=sys.stderr)
        return 2
    certificates = None
    if args.tls:
        folder = args.tls_dir or Path(tempfile.mkdtemp(prefix="mock-esis-tls-"))
        certificates = make_certificates(folder, hosts=(args.host,))
    try:
        server = MockEsisServer(
            app,
            host=args.host,
            port=args.port,
            threads=args.threads,
            tls=certificates,
            client_ca=args.client_ca,
        )
    except OSError as exc:
        print(f"mock-esis: {listen_error(exc, args.host, args.port)}", file=sys.stderr)
        return 2
    writer = StateFileWriter(server, args.state_file) if args.state_file else None
    print(f"mock-esis luistert op {server.base_url}", flush=True)
    tune_serving_process()
    signal.signal(signal.SIGTERM, lambda *_: server.request_stop())

    def ready() -> None:
        if writer is not None:
            try:
                writer.open()
            except OSError as exc:
                raise _Unwritable(type(exc).__name__) from None

    try:
        server.serve_forever(on_ready=ready)
    except KeyboardInterrupt:
        pass
    except _Unwritable as exc:
        print(
            f"mock-esis: --state-file {args.state_file} kan niet worden geschreven ({exc})",
            file=sys.stderr,
        )
        return 2
    finally:
        server.stop()
        if writer is not None:
            writer.close()
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``mock-esis``."""
    args = _parser().parse_args(argv)
    if args.command == "serve":
        return _serve(args)
    if args.command in ("admin", "esis"):
        return run(args)
    if args.command == "recording":
        return run_recording(args)
    return 2  # pragma: no cover - argparse enforces the subcommand


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
