"""``mock-esis``: start the fake ESIS, or steer a running one.

``mock-esis serve`` starts the server (waitress) with seeded fake schools and writes the state
file once it listens. Exit codes: 0 ok, 1 refused, 2 usage error.
"""

from __future__ import annotations

import argparse
import signal
import sys
import tempfile
from pathlib import Path

from mock_esis.admin.api import public_without_token
from mock_esis.admin.cli import add_subcommands, run
from mock_esis.recording.cli import add_recording_commands, run_recording
from mock_esis.state.store import StoreError
from mock_esis.web.app import MockEsisApp
from mock_esis.web.factory import MockOptions, build_app
from mock_esis.web.server import MockEsisServer, tune_serving_process
from mock_esis.web.tls import make_certificates

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mock-esis",
        description="Een nep-ESIS die UWLR 2.x spreekt, met nepscholen, voor tests en demo's.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMANDO")
    serve = sub.add_parser("serve", help="start de nep-ESIS", description="Start de nep-ESIS.")
    serve.add_argument("--host", default="127.0.0.1", help="adres om op te luisteren")
    serve.add_argument("--port", type=int, default=8080, help="poort (0 = een vrije poort)")
    serve.add_argument("--seed", type=int, default=1, help="seed van de nepscholen")
    serve.add_argument("--schools", type=int, default=1, help="aantal nepscholen")
    serve.add_argument("--students-per-group", type=int, default=25, help="leerlingen per groep")
    serve.add_argument("--groups", type=int, default=None, help="aantal groepen per school")
    serve.add_argument(
        "--pupils", type=int, default=None, help="precies zoveel leerlingen per school"
    )
    serve.add_argument("--schooljaar", default=None, help="schooljaar, bijv. 2026-2027")
    serve.add_argument(
        "--activate-all",
        action="store_true",
        help="activeer de koppeling Boom testcentrum voor elke school (sleutel in het statusbestand)",
    )
    serve.add_argument("--state-file", type=Path, help="schrijf endpoints en sleutels als JSON")
    serve.add_argument(
        "--db",
        default=None,
        help="SQLite-bestand voor de toestand: wordt bij start gelezen en na elke wijziging bewaard",
    )
    serve.add_argument(
        "--answer-cache",
        type=int,
        default=64,
        help="aantal antwoorden in de antwoordcache (0 = uit)",
    )
    serve.add_argument("--lenient", action="store_true", help="accepteer slordige verzoeken")
    serve.add_argument("--threads", type=int, default=8, help="aantal werkthreads")
    serve.add_argument("--admin-token", default=None, help="token voor /__admin buiten loopback")
    serve.add_argument(
        "--tls", action="store_true", help="serveer HTTPS met een zelfgemaakt certificaat"
    )
    serve.add_argument(
        "--tls-dir", type=Path, default=None, help="map voor de certificaten (standaard: tijdelijk)"
    )
    serve.add_argument(
        "--client-ca",
        type=Path,
        default=None,
        help="eis clientcertificaten die door deze CA (PEM) zijn ondertekend, zoals ESIS doet",
    )
    serve.add_argument(
        "--from-recording",
        type=Path,
        default=None,
        metavar="MAP",
        help="serveer de scholen uit een geanonimiseerde opname in plaats van nepscholen",
    )
    serve.add_argument(
        "--ruwe-opname",
        action="store_true",
        help="sta een niet-geanonimiseerde opname toe (alleen voor eigen, lokale proeven)",
    )
    add_subcommands(sub)
    add_recording_commands(sub)
    return parser


_SEED_OPTIONS = (
    "seed",
    "schools",
    "students_per_group",
    "groups",
    "pupils",
    "schooljaar",
    "activate_all",
    "from_recording",
)


def _seed_options(args: argparse.Namespace) -> list[str]:
    """The seed options given other than their default (they do not apply to a restored state)."""
    defaults = _parser().parse_args(["serve"])
    return [
        "--" + name.replace("_", "-")
        for name in _SEED_OPTIONS
        if getattr(args, name) != getattr(defaults, name)
    ]


def _serve(args: argparse.Namespace) -> int:
    from uwlr.recording import RecordingError

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
            db=args.db,
            cache_size=args.answer_cache,
            recording=args.from_recording,
            ruwe_opname=args.ruwe_opname,
        )
    )


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
        print(f"mock-esis: kan niet luisteren op {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    if args.state_file:
        server.write_state_file(args.state_file)
    print(f"mock-esis luistert op {server.base_url}", flush=True)
    tune_serving_process()
    signal.signal(signal.SIGTERM, lambda *_: server.request_stop())
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
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
