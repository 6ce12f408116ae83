"""Dutch argparse, shared by every command of the project (``uwlr``, ``mock-esis``, ``boomlink``,
``uwlr-conformance``).

:class:`DutchArgumentParser` says argparse's own texts in Dutch ("gebruik:", "opties", "fout:",
"onbekende argumenten", "de volgende argumenten zijn verplicht", "ongeldige keuze" ...) and
reports wrong use as ONE line on stderr, exit code 2: ``prog: fout: <wat> (zie prog --help)``.
Subparsers made with ``add_subparsers`` get the same class. Options are not abbreviated (with
``--leerlingen-per-groep`` and ``--aantal-leerlingen`` side by side, ``--leerlingen`` must be an
error, not a guess). :func:`add_deprecated_alias` keeps an
old option spelling working for one release with one Dutch line on stderr (ADR 0025).
The translation is done on argparse's messages, not by changing argparse's module state, so
importing this module changes nothing for other parsers in the process.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Final, NoReturn

__all__ = [
    "EXIT_USAGE",
    "DeprecatedAlias",
    "DutchArgumentParser",
    "DutchHelpFormatter",
    "add_deprecated_alias",
    "dutch_message",
]

EXIT_USAGE: Final = 2

HELP_TEXT: Final = "toon dit helpbericht en stop"

_TYPE_NAMES: Final = {"int": "geen geheel getal", "float": "geen getal"}


def _invalid_value(match: re.Match[str]) -> str:
    what = _TYPE_NAMES.get(match[1], f"ongeldige waarde ({match[1]})")
    return f"{what}: {match[2]}"


_Replacement = str | Callable[[re.Match[str]], str]

#: argparse's messages (Python 3.11-3.13) and their Dutch; ``argument X: ...`` is handled apart.
_MESSAGES: Final[tuple[tuple[re.Pattern[str], _Replacement], ...]] = tuple(
    (re.compile(pattern, re.DOTALL), replacement)
    for pattern, replacement in (
        (
            r"^the following arguments are required: (.*)$",
            r"de volgende argumenten zijn verplicht: \1",
        ),
        (r"^unrecognized arguments: (.*)$", r"onbekende argumenten: \1"),
        (r"^invalid choice: (.*) \(choose from (.*)\)$", r"ongeldige keuze: \1 (kies uit \2)"),
        (r"^invalid (\S+) value: (.*)$", _invalid_value),
        (r"^expected one argument$", "verwacht één waarde"),
        (r"^expected at most one argument$", "verwacht hoogstens één waarde"),
        (r"^expected at least one argument$", "verwacht minstens één waarde"),
        (r"^expected (\d+) arguments?$", r"verwacht \1 waarden"),
        (r"^not allowed with argument (.*)$", r"niet toegestaan samen met \1"),
        (r"^one of the arguments (.*) is required$", r"een van de argumenten \1 is verplicht"),
        (r"^ambiguous option: (\S+) could match (.*)$", r"dubbelzinnige optie: \1 past op \2"),
        (r"^ignored explicit argument (.*)$", r"waarde niet verwacht: \1"),
        (r"^unknown parser (.*) \(choices: (.*)\)$", r"onbekende opdracht \1 (kies uit \2)"),
        (r"^unexpected option string: (.*)$", r"onverwachte optie: \1"),
    )
)
_ARGUMENT: Final = re.compile(r"^argument (\S+): (.*)$", re.DOTALL)


def dutch_message(message: str) -> str:
    """argparse's English error message in Dutch (an unknown one is returned as it is)."""
    argument = _ARGUMENT.match(message)
    if argument is not None:
        name = argument[1]
        word = "optie" if name.startswith("-") else "argument"
        return f"{word} {name}: {dutch_message(argument[2])}"
    for pattern, replacement in _MESSAGES:
        if pattern.match(message):
            return pattern.sub(replacement, message)
    return message


class DutchHelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Help with "gebruik:" and descriptions shown as written."""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "gebruik: " if prefix is None else prefix)


class DutchArgumentParser(argparse.ArgumentParser):
    """argparse with Dutch headings, help and errors; wrong use is one line and exit code 2."""

    def __init__(self, *, add_help: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", DutchHelpFormatter)
        # No abbreviations: `--leerlingen 5` must not quietly mean `--leerlingen-per-groep 5`.
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(add_help=False, **kwargs)
        self._positionals.title = "argumenten"
        self._optionals.title = "opties"
        #: required options that also have a deprecated alias: checked after parsing, because
        #: argparse counts only the action's own option strings as having given it.
        self.required_with_alias: list[argparse.Action] = []
        if add_help:
            self.add_argument("-h", "--help", action="help", help=HELP_TEXT)

    def add_subparsers(self, **kwargs: Any) -> argparse._SubParsersAction[Any]:
        """Subcommands: Dutch too, and listed under "opdrachten"."""
        kwargs.setdefault("parser_class", type(self))
        kwargs.setdefault("title", "opdrachten")
        return super().add_subparsers(**kwargs)

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        parsed, extras = super().parse_known_args(args, namespace)
        missing = [
            action.option_strings[-1]
            for action in self.required_with_alias
            if getattr(parsed, action.dest, None) is None
        ]
        if missing:
            self.error(f"the following arguments are required: {', '.join(missing)}")
        return parsed, extras

    @contextmanager
    def _shown_as_required(self) -> Iterator[None]:
        for action in self.required_with_alias:
            action.required = True
        try:
            yield
        finally:
            for action in self.required_with_alias:
                action.required = False

    def format_usage(self) -> str:
        with self._shown_as_required():
            return super().format_usage()

    def format_help(self) -> str:
        with self._shown_as_required():
            return super().format_help()

    def dutch_error(self, message: str) -> str:
        """The Dutch text for an argparse error; a subclass may say more (or less)."""
        return dutch_message(message)

    def error(self, message: str) -> NoReturn:
        text = self.dutch_error(message)
        self.exit(EXIT_USAGE, f"{self.prog}: fout: {text} (zie: {self.prog} --help)\n")


class DeprecatedAlias(argparse.Action):
    """An old spelling of an option: says once on stderr that it is deprecated, then acts as
    the new one (``target``)."""

    def __init__(
        self,
        option_strings: Sequence[str],
        dest: str,
        target: argparse.Action,
        **kwargs: Any,
    ) -> None:
        super().__init__(option_strings, dest, **kwargs)
        self.target = target

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        new = self.target.option_strings[-1]
        print(f"{option_string} is verouderd; gebruik {new}", file=sys.stderr, flush=True)
        self.target(parser, namespace, values, new)


def add_deprecated_alias(parser: argparse.ArgumentParser, old: str, new: str) -> None:
    """Accept ``old`` (hidden from the help) as a deprecated spelling of the option ``new``."""
    target = parser._option_string_actions[new]
    if target.required and isinstance(parser, DutchArgumentParser):
        target.required = False
        parser.required_with_alias.append(target)
    extra: dict[str, Any] = {"type": target.type} if target.type is not None else {}
    parser.add_argument(
        old,
        action=DeprecatedAlias,
        target=target,
        dest=target.dest,
        nargs=target.nargs,
        choices=target.choices,
        metavar=target.metavar,
        default=argparse.SUPPRESS,
        help=argparse.SUPPRESS,
        **extra,
    )
