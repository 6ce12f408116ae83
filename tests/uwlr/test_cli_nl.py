"""All four commands speak Dutch in their help and in argparse's own errors (issue 15, ADR 0025).

Each command's ``main`` runs in-process with ``capsys``: its help (top level and a subcommand),
and wrong use (an unknown option, a missing required one, a wrong choice, a non-number), which
is one Dutch line on stderr and exit code 2. One test runs each installed command as a real
subprocess, as a user types it.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import boomlink.cli.main
import conformance.cli
import mock_esis.cli
import uwlr.cli
from uwlr.cli_nl import DutchArgumentParser, add_deprecated_alias, dutch_message

Main = Callable[[list[str]], int | None]

MAINS: dict[str, Main] = {
    "uwlr": uwlr.cli.main,
    "mock-esis": mock_esis.cli.main,
    "boomlink": boomlink.cli.main.main,
    "uwlr-conformance": conformance.cli.main,
}

#: per command: a subcommand's help, an unknown option, a missing required option, a wrong
#: choice, and a value that is not a number.
CASES: dict[str, dict[str, list[str]]] = {
    "uwlr": {
        "sub": ["validate", "--help"],
        "unknown": ["validate", "a.xml", "--bestaat-niet"],
        "required": ["validate"],
        "choice": ["example", "iets-anders"],
        "number": ["example", "structuur-antwoord", "--seed", "x"],
    },
    "mock-esis": {
        "sub": ["admin", "--url", "http://127.0.0.1:9", "reset", "--help"],
        "unknown": ["serve", "--bestaat-niet"],
        "required": ["admin", "reset"],
        "choice": ["bestaat-niet"],
        "number": ["serve", "--threads", "x"],
    },
    "boomlink": {
        "sub": ["koppeling", "status", "--help"],
        "unknown": ["koppeling", "status", "--gebruiker", "a@b.nl", "--bestaat-niet"],
        "required": ["koppeling", "status"],
        "choice": ["gebruiker", "aanmaken", "--school-brin", "99QQ", "--emailadres", "a@b.nl"]
        + ["--naam", "A", "--rol", "koning"],
        "number": ["toets", "normeren", "--afname", "x"],
    },
    "uwlr-conformance": {
        "sub": ["las", "--help"],
        "unknown": ["checks", "--bestaat-niet"],
        "required": ["proxy"],
        "choice": ["checks", "--mode", "beide"],
        "number": ["las", "--timeout", "x"],
    },
}

ENGLISH = (
    "usage:",
    "error:",
    "show this help message",
    "positional arguments",
    "options:",
    "the following arguments",
    "unrecognized arguments",
    "invalid choice",
    "invalid int value",
    "invalid float value",
    "choose from",
)


def run(main: Main, argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 2
    out, err = capsys.readouterr()
    return int(code or 0), out, err


def no_english(text: str) -> None:
    found = [word for word in ENGLISH if word in text]
    assert not found, f"English argparse text {found} in:\n{text}"


@pytest.mark.parametrize("command", MAINS)
def test_help_is_dutch(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(MAINS[command], ["--help"], capsys)
    assert code == 0
    assert out.startswith(f"gebruik: {command}")
    assert "toon dit helpbericht en stop" in out and "opties:" in out
    no_english(out)


@pytest.mark.parametrize("command", MAINS)
def test_a_subcommand_help_is_dutch(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(MAINS[command], CASES[command]["sub"], capsys)
    assert code == 0
    assert out.startswith(f"gebruik: {command} ")
    assert "toon dit helpbericht en stop" in out
    no_english(out)


@pytest.mark.parametrize(
    ("case", "dutch"),
    [
        ("unknown", "onbekende argumenten"),
        ("required", "de volgende argumenten zijn verplicht"),
        ("choice", "ongeldige keuze"),
        ("number", "getal"),
    ],
)
@pytest.mark.parametrize("command", MAINS)
def test_wrong_use_is_one_dutch_line_and_exit_2(
    command: str, case: str, dutch: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(MAINS[command], CASES[command][case], capsys)
    assert code == 2, err
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"{command}") and ": fout: " in lines[0]
    assert dutch in lines[0]
    assert f"(zie: {command}" in lines[0]
    no_english(err)
    assert "Traceback" not in err


@pytest.mark.parametrize("command", MAINS)
def test_the_installed_command_speaks_dutch(command: str) -> None:
    script = Path(sys.executable).with_name(command)
    if not script.is_file():
        pytest.skip(f"{command} is not installed next to {sys.executable}")
    done = subprocess.run(
        [str(script), "--bestaat-niet"], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 2
    assert f"{command}: fout: " in done.stderr
    assert "Traceback" not in done.stderr
    no_english(done.stderr)


def test_argparse_messages_in_dutch() -> None:
    assert dutch_message("argument --port: invalid int value: 'x'") == (
        "optie --port: geen geheel getal: 'x'"
    )
    assert dutch_message("argument OPDRACHT: invalid choice: 'y' (choose from 'a', 'b')") == (
        "argument OPDRACHT: ongeldige keuze: 'y' (kies uit 'a', 'b')"
    )
    assert dutch_message("argument --a: expected one argument") == "optie --a: verwacht één waarde"
    assert dutch_message("iets eigens") == "iets eigens"


def parser_with_alias() -> DutchArgumentParser:
    parser = DutchArgumentParser(prog="proef")
    parser.add_argument("--scholen", type=int, default=1)
    parser.add_argument("--activeren", action="store_true")
    add_deprecated_alias(parser, "--schools", "--scholen")
    add_deprecated_alias(parser, "--activate-all", "--activeren")
    return parser


def test_a_deprecated_alias_works_and_says_so_once(capsys: pytest.CaptureFixture[str]) -> None:
    parser = parser_with_alias()
    assert parser.parse_args([]) == argparse.Namespace(scholen=1, activeren=False)
    assert capsys.readouterr().err == ""
    args = parser.parse_args(["--schools", "3", "--activate-all"])
    assert args == argparse.Namespace(scholen=3, activeren=True)
    assert capsys.readouterr().err.splitlines() == [
        "--schools is verouderd; gebruik --scholen",
        "--activate-all is verouderd; gebruik --activeren",
    ]
    assert "--schools" not in parser.format_help()


def test_importing_changes_no_other_parser(capsys: pytest.CaptureFixture[str]) -> None:
    plain = argparse.ArgumentParser(prog="ander")
    plain.add_argument("--n", type=int)
    with pytest.raises(SystemExit):
        plain.parse_args(["--n", "x"])
    assert "error: argument --n: invalid int value" in capsys.readouterr().err


def test_a_required_option_may_be_given_by_its_old_spelling(
    capsys: pytest.CaptureFixture[str],
) -> None:
    parser = DutchArgumentParser(prog="proef")
    commands = parser.add_subparsers(dest="opdracht", required=True)
    sub = commands.add_parser("maak")
    sub.add_argument("--emailadres", required=True)
    add_deprecated_alias(sub, "--email", "--emailadres")
    assert "gebruik: proef maak [-h] --emailadres EMAILADRES\n" in sub.format_help()
    assert parser.parse_args(["maak", "--email", "a@b.nl"]).emailadres == "a@b.nl"
    assert capsys.readouterr().err == "--email is verouderd; gebruik --emailadres\n"
    with pytest.raises(SystemExit) as stopped:
        parser.parse_args(["maak"])
    assert stopped.value.code == 2
    assert capsys.readouterr().err == (
        "proef maak: fout: de volgende argumenten zijn verplicht: --emailadres"
        " (zie: proef maak --help)\n"
    )


def test_an_option_is_not_guessed_from_its_start(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(MAINS["mock-esis"], ["serve", "--leerlingen", "5"], capsys)
    assert code == 2
    assert "onbekende argumenten: --leerlingen 5" in err
