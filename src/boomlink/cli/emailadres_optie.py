"""``--emailadres`` of a user, the same in every boomlink command that names one: required, read
into ``args.email``, and the old spelling ``--email`` accepted with a deprecation line."""

from __future__ import annotations

import argparse

from uwlr.cli_nl import add_deprecated_alias

__all__ = ["add_emailadres"]


def add_emailadres(parser: argparse.ArgumentParser, help_text: str) -> None:
    """Add ``--emailadres`` (and its old alias ``--email``) to ``parser``."""
    parser.add_argument(
        "--emailadres",
        dest="email",
        metavar="E-MAILADRES",
        required=True,
        help=help_text,
    )
    add_deprecated_alias(parser, "--email", "--emailadres")
