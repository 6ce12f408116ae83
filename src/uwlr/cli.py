"""The ``uwlr`` command: validate UWLR files and print example messages.

``uwlr validate FILE...`` checks SOAP envelopes, bare messages or ``aut:autorisatie`` headers
against our contract (and with ``--officieel`` also against the official 2.2 schemas) and prints
``file:line: path: message`` per error; exit 0 when every file is valid, 1 when one is not, 2 when
one cannot be read (one Dutch line on stderr; a file over the 20 MiB limit of
:mod:`uwlr.safexml` is named with its real size and the limit). ``uwlr example KIND`` prints a complete example envelope built from a
deterministic fake school.
"""

from __future__ import annotations

import argparse
import os
import re
import stat
import sys
import textwrap
from collections.abc import Iterable
from pathlib import Path
from typing import Any, BinaryIO, Final, cast

from lxml import etree

from uwlr import examples
from uwlr.cli_nl import DutchArgumentParser, add_deprecated_alias
from uwlr.namespaces import DEFAULT_XSDVERSIE
from uwlr.official import OfficialSchemas, OfficialSchemasMissing, official_schemas
from uwlr.safexml import DEFAULT_MAX_BYTES, XmlInputError, parse_xml
from uwlr.sizes import size_and_limit
from uwlr.validate import validate

__all__ = ["EXIT_INVALID", "EXIT_OK", "EXIT_UNREADABLE", "main"]

EXIT_OK: Final = 0
EXIT_INVALID: Final = 1
EXIT_UNREADABLE: Final = 2

_PROG: Final = "uwlr"
_STDIN: Final = "-"
_CLARK: Final = re.compile(r"\{[^{}\s]*:[^{}\s]*\}")  # {uri}name, not a pattern's {2}


class _UnreadableError(Exception):
    """A file that cannot be read as XML; the message is Dutch and names no file."""


# --------------------------------------------------------------------------------------------
# validate


def _read(name: str) -> bytes:
    """The whole input, or a refusal naming its real size when it is over the parser's limit."""
    try:
        if name == _STDIN:
            return _limited(sys.stdin.buffer, "de invoer")
        with Path(name).open("rb") as handle:
            return _limited(handle, "het bestand")
    except FileNotFoundError:
        raise _UnreadableError("bestand bestaat niet") from None
    except IsADirectoryError:
        raise _UnreadableError("kan niet gelezen worden: dit is een map") from None
    except PermissionError:
        raise _UnreadableError("kan niet gelezen worden: geen leesrechten") from None
    except OSError as exc:
        raise _UnreadableError(f"kan niet gelezen worden: {exc.strerror or exc}") from None


def _limited(stream: BinaryIO, what: str) -> bytes:
    """Read ``stream`` up to the limit; past it, count the rest (without keeping it) and refuse."""
    data = stream.read(DEFAULT_MAX_BYTES + 1)
    if len(data) <= DEFAULT_MAX_BYTES:
        return bytes(data)
    size = _file_size(stream)
    if size is None:  # a pipe: count what is left without keeping it
        size = len(data)
        while chunk := stream.read(1024 * 1024):
            size += len(chunk)
    raise _UnreadableError(f"{what} is te groot: {size_and_limit(size, DEFAULT_MAX_BYTES)}")


def _file_size(stream: BinaryIO) -> int | None:
    """The size of a regular file behind ``stream``, else None."""
    try:
        status = os.fstat(stream.fileno())
    except (OSError, ValueError, AttributeError):
        return None
    return status.st_size if stat.S_ISREG(status.st_mode) else None


def _load(name: str) -> etree._Element:
    try:
        return parse_xml(_read(name))
    except XmlInputError as exc:
        raise _UnreadableError(str(exc)) from None


def _official_errors(schemas: OfficialSchemas, root: etree._Element) -> list[tuple[int, str]]:
    if schemas.schema.validate(root):
        return []
    entries = cast("Iterable[Any]", schemas.schema.error_log)
    return [(int(entry.line or 0), _CLARK.sub("", str(entry.message))) for entry in entries]


def _validate_one(name: str, official: OfficialSchemas | None) -> int:
    try:
        root = _load(name)
    except _UnreadableError as exc:
        print(f"{_PROG}: {name}: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    lines: list[str] = []
    for issue in validate(root):
        where = f"{name}:{issue.line}" if issue.line is not None else name
        lines.append(f"{where}: {issue.path}: {issue.message}")
    if official is not None:
        for number, message in _official_errors(official, root):
            where = f"{name}:{number}" if number else name
            lines.append(f"{where}: [officieel 2.2] {message}")
    if not lines:
        print(f"{name}: geldig")
        return EXIT_OK
    for line in lines:
        print(line)
    print(f"{name}: ongeldig ({len(lines)} {'fout' if len(lines) == 1 else 'fouten'})")
    return EXIT_INVALID


def _cmd_validate(args: argparse.Namespace) -> int:
    official: OfficialSchemas | None = None
    if args.officieel:
        try:
            official = official_schemas()
        except OfficialSchemasMissing as exc:
            print(f"{_PROG}: --officieel is niet mogelijk: {exc}", file=sys.stderr)
            return EXIT_UNREADABLE
    results = [_validate_one(name, official) for name in args.bestanden]
    return max(results, default=EXIT_OK)


# --------------------------------------------------------------------------------------------
# example


def _write_bytes(data: bytes) -> None:
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(data.decode("utf-8"))
        return
    buffer.write(data)
    buffer.flush()


def _cmd_example(args: argparse.Namespace) -> int:
    data = examples.example_bytes(
        args.soort, seed=args.seed, students=args.students, xsdversie=args.xsdversie
    )
    _write_bytes(data)
    return EXIT_OK


# --------------------------------------------------------------------------------------------
# Arguments


def _paragraphs(*texts: str) -> str:
    return "\n\n".join(textwrap.fill(text, width=88) for text in texts)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"geen geheel getal: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"moet minstens 1 zijn, niet {value}")
    return value


def _integer(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"geen geheel getal: {text!r}") from None


def _parser() -> argparse.ArgumentParser:
    parser = DutchArgumentParser(
        prog=_PROG,
        description="Gereedschap voor UWLR 2.x: berichten valideren en voorbeeldberichten maken.",
    )
    commands = parser.add_subparsers(dest="opdracht", required=True, metavar="OPDRACHT")
    check = commands.add_parser(
        "validate",
        help="Valideer UWLR-bestanden tegen ons contract",
        description=_paragraphs(
            "Valideer elk bestand (een SOAP-envelop, een kaal UWLR-bericht of de "
            "autorisatieheader) tegen ons contract, inclusief de regels die een XSD niet kan "
            "uitdrukken. Per fout: bestand:regel: pad: melding.",
            "exitcode 0: alles geldig; 1: minstens één bestand ongeldig; "
            "2: een bestand kon niet gelezen worden (ontbreekt, geen XML, onveilige XML).",
        ),
    )
    check.add_argument(
        "bestanden",
        nargs="+",
        metavar="BESTAND",
        help="XML-bestand om te valideren; '-' leest standaardinvoer",
    )
    check.add_argument(
        "--officieel",
        action="store_true",
        help="valideer ook tegen de officiële UWLR 2.2-schema's (../shared/uwlr-xsd)",
    )
    check.set_defaults(run=_cmd_validate)

    example = commands.add_parser(
        "example",
        help="Druk een voorbeeldbericht af als complete SOAP-envelop",
        description=_paragraphs(
            "Druk een geldig voorbeeldbericht af, gemaakt uit een nepschool. Verzoeken krijgen een "
            "autorisatieheader met duidelijk nepwaarden, antwoorden geen header. Dezelfde "
            "argumenten geven altijd dezelfde bytes.",
            "soorten: " + ", ".join(examples.KINDS),
        ),
    )
    example.add_argument("soort", metavar="SOORT", choices=examples.KINDS, help="soort bericht")
    example.add_argument(
        "--seed",
        type=_integer,
        default=examples.DEFAULT_SEED,
        help=f"welke nepschool (standaard {examples.DEFAULT_SEED})",
    )
    example.add_argument(
        "--leerlingen-per-groep",
        dest="students",
        type=_positive,
        default=examples.DEFAULT_STUDENTS,
        metavar="N",
        help=f"aantal leerlingen per groep (standaard {examples.DEFAULT_STUDENTS})",
    )
    add_deprecated_alias(example, "--students", "--leerlingen-per-groep")
    example.add_argument(
        "--xsdversie",
        choices=examples.XSDVERSIES,
        default=DEFAULT_XSDVERSIE,
        help=f"xsdversie in het verzoek of de school (standaard {DEFAULT_XSDVERSIE})",
    )
    example.set_defaults(run=_cmd_example)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the ``uwlr`` command line; returns the exit code (argparse exits 2 on bad arguments)."""
    args = _parser().parse_args(argv)
    try:
        return int(args.run(args))
    except BrokenPipeError:  # `uwlr example ... | head`: the reader left, that is fine
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
