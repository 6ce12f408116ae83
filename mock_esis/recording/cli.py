"""``mock-esis recording anonimiseren DIR --out ANON [--secret SECRET]`` on the command line.

The secret may also come from ``MOCK_ESIS_OPNAME_SLEUTEL`` (then it is not in ``ps``). Without
either, a random one is used and the output differs per run. Exit codes: 0 done, 1 refused
(an unknown element, a damaged file), 2 wrong use.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
from pathlib import Path
from typing import Any

from uwlr.cli_nl import add_deprecated_alias

__all__ = ["SECRET_ENV", "add_recording_commands", "run_recording"]

SECRET_ENV = "MOCK_ESIS_OPNAME_SLEUTEL"


def add_recording_commands(sub: Any) -> None:
    """Add ``recording anonimiseren`` to the ``mock-esis`` parser."""
    recording = sub.add_parser("recording", help="opnames van echt UWLR-verkeer bewerken")
    actions = recording.add_subparsers(dest="recording_command", required=True, metavar="ACTIE")
    anon = actions.add_parser(
        "anonimiseren",
        help="vervang elk persoonsgegeven in een opname, consequent over alle uitwisselingen",
    )
    anon.add_argument(
        "map", type=Path, metavar="DIR", help="de opname (van uwlr-conformance proxy --record)"
    )
    anon.add_argument(
        "--out", type=Path, required=True, metavar="DIR", help="nieuwe map voor het resultaat"
    )
    anon.add_argument(
        "--secret",
        dest="sleutel",
        metavar="GEHEIM",
        help=f"geheim voor de HMAC (of zet {SECRET_ENV}); zelfde geheim, zelfde uitkomst",
    )
    add_deprecated_alias(anon, "--sleutel", "--secret")


def run_recording(args: argparse.Namespace) -> int:
    from mock_esis.recording import AnonymisationError, anonymise_recording
    from uwlr.recording import RecordingError

    secret = args.sleutel or os.environ.get(SECRET_ENV)
    if not secret:
        secret = secrets.token_urlsafe(32)
        print(
            f"mock-esis: geen --secret of {SECRET_ENV}; een willekeurig geheim gebruikt, "
            "dus een volgende run geeft andere nepgegevens.",
            file=sys.stderr,
        )
    try:
        report = anonymise_recording(args.map, args.out, secret)
    except (AnonymisationError, RecordingError) as exc:
        print(f"mock-esis: {exc}", file=sys.stderr)
        return 1
    for line in report.lines():
        print(line)
    return 0
