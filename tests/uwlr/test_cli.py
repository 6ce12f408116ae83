"""The ``uwlr`` command: ``validate`` (exit 0 / 1 / 2, readable Dutch output) and ``example``.

Most tests call :func:`uwlr.cli.main` in-process with ``capsys``; a few run ``python -m uwlr`` as
a real subprocess to prove the exit codes and that bad input never ends in a traceback.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from uwlr import cli, examples, golden
from uwlr.namespaces import LG
from uwlr.official import OfficialSchemasMissing, official_schemas
from uwlr.safexml import parse_xml
from uwlr.validate import validate

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<foo>&xxe;</foo>
"""
ISSUE_LINE = re.compile(r"^(?P<file>[^:]+\.xml):(?P<line>\d+): (?P<path>/\S+): (?P<message>.+)$")


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    """Input files of every sort, by role."""
    school = examples.example_school(1)
    valid = tmp_path / "geldig.xml"
    valid.write_bytes(
        examples.render(examples.example_envelope("leerlinggegevens-verzoek", school))
    )
    invalid = tmp_path / "ongeldig.xml"
    invalid.write_bytes(golden.invalid_files(school)["invalid/brincode-kleine-letters.xml"])
    semantic = tmp_path / "schooljaar.xml"
    semantic.write_bytes(golden.invalid_files(school)["invalid/schooljaar-2026-2028.xml"])
    envelope = examples.example_envelope("leerresultaten-verzoek", school)
    bare = tmp_path / "kaal.xml"
    body = envelope.find("{http://schemas.xmlsoap.org/soap/envelope/}Body")
    assert body is not None
    bare.write_bytes(examples.render(body[0]))
    header_el = envelope.find("{http://schemas.xmlsoap.org/soap/envelope/}Header")
    assert header_el is not None
    header = tmp_path / "header.xml"
    header.write_bytes(examples.render(header_el[0]))
    xxe = tmp_path / "xxe.xml"
    xxe.write_bytes(XXE)
    not_xml = tmp_path / "tekst.xml"
    not_xml.write_text("dit is geen XML\n", "utf-8")
    empty = tmp_path / "leeg.xml"
    empty.write_bytes(b"")
    return {
        "valid": valid,
        "invalid": invalid,
        "semantic": semantic,
        "bare": bare,
        "header": header,
        "xxe": xxe,
        "not_xml": not_xml,
        "empty": empty,
        "missing": tmp_path / "bestaat-niet.xml",
        "directory": tmp_path,
    }


# --------------------------------------------------------------------------------------------
# validate


def test_valid_file_prints_geldig_and_exits_0(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["validate", str(files["valid"])]) == 0
    out, err = capsys.readouterr()
    assert out == f"{files['valid']}: geldig\n"
    assert err == ""


@pytest.mark.parametrize("role", ["bare", "header"])
def test_bare_message_and_header_are_validated_too(
    role: str, files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["validate", str(files[role])]) == 0
    assert capsys.readouterr().out == f"{files[role]}: geldig\n"


def test_invalid_file_prints_file_line_path_and_message(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["validate", str(files["invalid"])]) == 1
    out, err = capsys.readouterr()
    assert err == ""
    issues = validate(parse_xml(files["invalid"].read_bytes()))
    lines = out.splitlines()
    assert len(lines) == len(issues) + 1
    match = ISSUE_LINE.match(lines[0])
    assert match is not None, lines[0]
    assert match["file"] == str(files["invalid"])
    assert match["path"] == "/Envelope/Body/leerlinggegevens_verzoek/brincode"
    assert int(match["line"]) == issues[0].line
    brincode_line = files["invalid"].read_text("utf-8").splitlines()[int(match["line"]) - 1]
    assert "<lg:brincode>99sy</lg:brincode>" in brincode_line
    assert "99sy" in match["message"]
    assert "{http" not in out  # no Clark names in what a person reads
    assert lines[-1] == f"{files['invalid']}: ongeldig (1 fout)"


def test_rules_beyond_the_xsd_are_reported(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["validate", str(files["semantic"])]) == 1
    out = capsys.readouterr().out
    assert "/leerlinggegevens_verzoek/schooljaar: schooljaar '2026-2028'" in out


def test_any_invalid_file_makes_exit_1_and_all_files_are_reported(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["validate", str(files["valid"]), str(files["invalid"])]) == 1
    out = capsys.readouterr().out
    assert f"{files['valid']}: geldig" in out
    assert f"{files['invalid']}:" in out


@pytest.mark.parametrize(
    ("role", "fragment"),
    [
        ("missing", "bestaat niet"),
        ("directory", "kan niet gelezen worden"),
        ("xxe", "DTD"),
        ("not_xml", "Ongeldige XML"),
        ("empty", "leeg"),
    ],
)
def test_unreadable_input_exits_2_with_a_dutch_message(
    role: str, fragment: str, files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["validate", str(files[role])]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"uwlr: {files[role]}: ")
    assert fragment in err
    assert "Traceback" not in err
    assert len(err.splitlines()) == 1


def test_unreadable_input_wins_over_invalid_but_every_file_is_checked(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["validate", str(files["missing"]), str(files["invalid"]), str(files["valid"])]
    assert cli.main(argv) == 2
    out, err = capsys.readouterr()
    assert "bestaat-niet.xml" in err
    assert f"{files['invalid']}: ongeldig" in out
    assert f"{files['valid']}: geldig" in out


def test_stdin_is_read_for_a_dash(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    class _Stdin:
        buffer = files["valid"].open("rb")

    monkeypatch.setattr(sys, "stdin", _Stdin())
    try:
        assert cli.main(["validate", "-"]) == 0
    finally:
        _Stdin.buffer.close()
    assert capsys.readouterr().out == "-: geldig\n"


@pytest.mark.official
def test_officieel_also_asks_the_official_schemas(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    try:
        official_schemas()
    except OfficialSchemasMissing as exc:
        pytest.skip(str(exc))
    assert cli.main(["validate", "--officieel", str(files["valid"])]) == 0
    assert capsys.readouterr().out == f"{files['valid']}: geldig\n"
    assert cli.main(["validate", "--officieel", str(files["invalid"])]) == 1
    out = capsys.readouterr().out
    official_lines = [line for line in out.splitlines() if "officieel 2.2" in line]
    assert len(official_lines) == 1
    assert official_lines[0].startswith(f"{files['invalid']}:13: [officieel 2.2] ")
    assert "99sy" in official_lines[0] and "{http" not in official_lines[0]
    # a mistake only our contract sees: geldig for the official schemas, still exit 1
    assert cli.main(["validate", "--officieel", str(files["semantic"])]) == 1
    assert "officieel 2.2" not in capsys.readouterr().out


def test_officieel_without_the_schemas_exits_2(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def missing() -> None:
        raise OfficialSchemasMissing("de officiële UWLR 2.2-schema's staan niet in de test")

    monkeypatch.setattr(cli, "official_schemas", missing)
    assert cli.main(["validate", "--officieel", str(files["valid"])]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert (
        err
        == "uwlr: --officieel is niet mogelijk: de officiële UWLR 2.2-schema's staan niet in de test\n"
    )


# --------------------------------------------------------------------------------------------
# example


@pytest.mark.parametrize("kind", examples.KINDS)
def test_example_prints_a_valid_envelope(kind: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["example", kind]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.encode("utf-8") == examples.example_bytes(kind)
    root = parse_xml(out.encode("utf-8"))
    assert validate(root) == []


def test_example_options_reach_the_message(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["example", "leerlinggegevens-antwoord", "--seed", "4", "--leerlingen-per-groep", "1"]
    assert cli.main([*argv, "--xsdversie", "2.2"]) == 0
    out = capsys.readouterr().out
    assert out.encode("utf-8") == examples.example_bytes(
        "leerlinggegevens-antwoord", seed=4, students=1, xsdversie="2.2"
    )
    root = parse_xml(out.encode("utf-8"))
    assert [el.text for el in root.iter(f"{{{LG}}}xsdversie")] == ["2.2"]
    school = examples.example_school(4, students=1)
    assert len(list(root.iter(f"{{{LG}}}leerling"))) == len(school.leerlinggegevens.leerlingen)


def test_old_students_option_still_works_with_a_deprecation_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli.main(["example", "leerlinggegevens-antwoord", "--students", "1"]) == 0
    out, err = capsys.readouterr()
    assert err == "--students is verouderd; gebruik --leerlingen-per-groep\n"
    assert out.encode("utf-8") == examples.example_bytes("leerlinggegevens-antwoord", students=1)


def test_example_is_deterministic(capsys: pytest.CaptureFixture[str]) -> None:
    outputs = []
    for _ in range(2):
        assert cli.main(["example", "leerresultaten-verzoek", "--seed", "3"]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]


@pytest.mark.parametrize(
    "argv",
    [
        ["example", "iets-anders"],
        ["example", "structuur-antwoord", "--xsdversie", "9.9"],
        ["example", "structuur-antwoord", "--leerlingen-per-groep", "0"],
        ["example", "structuur-antwoord", "--seed", "x"],
        ["validate"],
        [],
    ],
)
def test_bad_arguments_exit_2_with_one_dutch_line(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main(argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("uwlr") and ": fout: " in err and len(err.splitlines()) == 1
    assert "Traceback" not in err


def test_help_is_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert "validate" in out and "example" in out
    assert "Valideer" in out
    with pytest.raises(SystemExit):
        cli.main(["example", "--help"])
    out = capsys.readouterr().out
    for kind in examples.KINDS:
        assert kind in out
    assert "leerlingen per groep" in out


# --------------------------------------------------------------------------------------------
# A real process


def _run(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "uwlr", *args], capture_output=True, timeout=60, check=False
    )


def test_as_a_real_process(files: dict[str, Path]) -> None:
    valid = _run("validate", str(files["valid"]))
    assert (valid.returncode, valid.stderr) == (0, b"")
    assert valid.stdout.decode() == f"{files['valid']}: geldig\n"

    invalid = _run("validate", str(files["valid"]), str(files["invalid"]))
    assert invalid.returncode == 1
    assert ISSUE_LINE.match(invalid.stdout.decode().splitlines()[1])

    bad = _run("validate", str(files["missing"]), str(files["xxe"]), str(files["not_xml"]))
    assert bad.returncode == 2
    assert bad.stdout == b""
    assert b"Traceback" not in bad.stderr
    assert len(bad.stderr.decode().splitlines()) == 3

    first = _run("example", "leerlingen-antwoord", "--seed", "2")
    second = _run("example", "leerlingen-antwoord", "--seed", "2")
    assert first.returncode == 0
    assert first.stdout == second.stdout == examples.example_bytes("leerlingen-antwoord", seed=2)
    assert validate(parse_xml(first.stdout)) == []


def test_a_too_large_file_names_its_real_size_and_the_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = tmp_path / "groot.xml"
    with big.open("wb") as handle:
        handle.truncate(25 * 1024 * 1024)  # sparse: nothing is written
    assert cli.main(["validate", str(big)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        f"uwlr: {big}: het bestand is te groot: 25 MiB (26214400 bytes); "
        "de grens is 20 MiB (20971520 bytes)\n"
    )


def test_too_large_input_on_stdin_names_its_real_size_and_the_limit() -> None:
    size = 21 * 1024 * 1024 + 5
    done = subprocess.run(
        [sys.executable, "-m", "uwlr", "validate", "-"],
        input=b"<a>" + b" " * (size - 7) + b"</a>",
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    err = done.stderr.decode()
    assert err == (
        f"uwlr: -: de invoer is te groot: 21,0 MiB ({size} bytes); "
        "de grens is 20 MiB (20971520 bytes)\n"
    )
