"""The life cycle through ``boomlink`` (in-process ``main([...])`` and once as a real process),
with the real key check against the mock ESIS as the default verifier."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from boomlink_link_testkit import database_bytes

from boomlink.cli.main import main
from boomlink.schooljaar import huidig_schooljaar
from boomlink.testing.mailsink import MailSink
from mock_esis.testing.handle import MockEsisHandle, SchoolInfo

BEHEER = "anna@regenboog.example.nl"
JUF = "bram@regenboog.example.nl"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def tot_en_met_stap1(capsys: pytest.CaptureFixture[str], school: SchoolInfo, *pre: str) -> None:
    """School, beheerder and leerkracht; Boom enables; Verwijder nummers; Aanvragen."""
    steps = [
        ["school", "aanmaken", "--naam", school.naam, "--brin", school.code],
        ["gebruiker", "aanmaken", "--school-brin", school.code, "--emailadres", BEHEER]
        + ["--naam", "Anna de Vries", "--rol", "beheerder"],
        ["gebruiker", "aanmaken", "--school-brin", school.code, "--emailadres", JUF]
        + ["--naam", "Bram Jansen", "--rol", "leerkracht"],
        ["support", "uwlr-inschakelen", "--school-naam", school.naam, "--brin", school.code],
        ["nummers", "verwijderen", "--gebruiker", BEHEER],
        ["koppeling", "aanvragen", "--gebruiker", BEHEER, "--type", "ESIS UWLR"]
        + ["--brin", school.code, "--schooljaar", huidig_schooljaar()],
    ]
    for argv in steps:
        code, out, err = run(capsys, *pre, *argv)
        assert code == 0, (argv, out, err)


def test_life_cycle_through_the_cli(
    cli_env: dict[str, str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    smtp_server: MailSink,
    esis: MockEsisHandle,
    esis_school: SchoolInfo,
    db_path: Path,
    closed_port: int,
) -> None:
    caplog.set_level("DEBUG")
    tot_en_met_stap1(capsys, esis_school)
    assert len(smtp_server.inbox.messages) == 1
    code, out, _ = run(capsys, "koppeling", "status", "--gebruiker", BEHEER)
    assert "goedgekeurd" in out

    shown = esis.esis.activeren(
        esis_school.code,
        esis_school.gebruiker("Directie"),
        f"{esis_school.code}-boomtestcentrum-2026",
    )
    sleutel = shown["autorisatiesleutel"]
    seen: list[str] = []

    def opslaan(key: str, *extra: str) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(key + "\n"))
        result = run(capsys, "koppeling", "opslaan", "--gebruiker", BEHEER, *extra)
        seen.extend(result[1:])
        return result

    code, _, err = opslaan("Xx" + sleutel[2:])
    assert code == 1 and "ESIS weigert deze autorisatiesleutel" in err
    code, _, err = opslaan(sleutel, "--gebruiker", JUF)
    assert code == 1 and "Alleen een beheerder" in err

    code, out, err = opslaan(sleutel)
    assert code == 0, err
    assert "••••••••" + sleutel[-4:] in out and "actief" in out

    code, out, _ = run(capsys, "koppeling", "status", "--gebruiker", BEHEER)
    seen.append(out)
    assert "actief" in out and "••••••••" + sleutel[-4:] in out
    code, out, _ = run(capsys, "koppeling", "controleren", "--gebruiker", BEHEER)
    assert code == 0 and "De koppeling werkt" in out

    # wrong klantcode (Boom's configuration): exit 3 with its own words
    monkeypatch.setenv("BOOMLINK_KLANTCODE", "BOOM-VERKEERD")
    code, _, err = run(capsys, "koppeling", "controleren", "--gebruiker", BEHEER)
    assert code == 3 and "klantcode" in err and "neem contact op met Boom" in err
    monkeypatch.setenv("BOOMLINK_KLANTCODE", esis.klantcode)

    # ESIS unreachable (closed port): exit 3, its own words
    monkeypatch.setenv(
        "BOOMLINK_ESIS_LEERLINGGEGEVENS_URL", f"http://127.0.0.1:{closed_port}/uwlr/x"
    )
    code, _, err = run(capsys, "koppeling", "controleren", "--gebruiker", BEHEER)
    assert code == 3 and "niet bereikbaar" in err
    monkeypatch.setenv("BOOMLINK_ESIS_LEERLINGGEGEVENS_URL", esis.endpoints["leerlinggegevens"])

    # H-X-03: switch off; then nothing reaches ESIS and the key is gone
    code, out, _ = run(capsys, "koppeling", "uitzetten", "--gebruiker", BEHEER)
    assert code == 0 and "vergeten" in out
    calls = len(esis.journal())
    code, _, err = run(capsys, "koppeling", "controleren", "--gebruiker", BEHEER)
    assert code == 1 and "niet actief" in err
    code, _, err = opslaan(sleutel)
    assert code == 1 and "goedgekeurde aanvraag" in err
    assert len(esis.journal()) == calls

    assert all(sleutel not in text for text in seen)
    assert sleutel not in caplog.text
    assert sleutel not in json.dumps(esis.journal(), ensure_ascii=False)
    assert sleutel.encode() not in database_bytes(db_path)


def test_esis_state_file_is_enough_to_reach_esis(
    cli_env: dict[str, str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    smtp_server: MailSink,
    esis: MockEsisHandle,
    esis_school: SchoolInfo,
    esis_sleutel: str,
    tmp_path: Path,
) -> None:
    for name in list(os.environ):
        if name.startswith(("BOOMLINK_ESIS_", "BOOMLINK_KLANT")):
            monkeypatch.delenv(name)
    state = tmp_path / "esis-state.json"
    esis.server.write_state_file(state)
    tot_en_met_stap1(capsys, esis_school)

    monkeypatch.setattr(sys, "stdin", io.StringIO(esis_sleutel + "\n"))
    code, _, err = run(capsys, "koppeling", "opslaan", "--gebruiker", BEHEER)
    assert code == 3 and "nog niet aangesloten" in err

    monkeypatch.setattr(sys, "stdin", io.StringIO(esis_sleutel + "\n"))
    code, out, err = run(
        capsys, "--esis-state-file", str(state), "koppeling", "opslaan", "--gebruiker", BEHEER
    )
    assert code == 0, err
    code, _, err = run(capsys, "--esis-state-file", str(tmp_path / "weg.json"), "db", "upgrade")
    assert code == 3 and "weg.json" in err


def test_installed_script_saves_and_checks_the_key(
    smtp_server: MailSink,
    esis: MockEsisHandle,
    esis_school: SchoolInfo,
    esis_sleutel: str,
    tmp_path: Path,
) -> None:
    """One real process: ``boomlink`` reads the state file, checks the key over HTTP."""
    state = tmp_path / "esis-state.json"
    esis.server.write_state_file(state)
    environ = {k: v for k, v in os.environ.items() if not k.startswith("BOOMLINK_")}
    environ.update(
        BOOMLINK_DB=str(tmp_path / "proces.sqlite3"),
        BOOMLINK_SMTP_HOST="127.0.0.1",
        BOOMLINK_SMTP_PORT=str(smtp_server.port),
        BOOMLINK_ESIS_STATE_FILE=str(state),
    )
    script = str(Path(sys.executable).parent / "boomlink")

    def boomlink(*argv: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(
            [script, *argv],
            input=stdin,
            capture_output=True,
            text=True,
            env=environ,
            timeout=120,
            check=False,
        )
        assert "Traceback" not in proc.stderr
        assert esis_sleutel not in proc.stdout + proc.stderr
        return proc

    code = esis_school.code
    for argv in (
        ["school", "aanmaken", "--naam", esis_school.naam, "--brin", code],
        ["gebruiker", "aanmaken", "--school-brin", code, "--emailadres", BEHEER]
        + ["--naam", "Anna de Vries", "--rol", "beheerder"],
        ["support", "uwlr-inschakelen", "--school-naam", esis_school.naam, "--brin", code],
        ["nummers", "verwijderen", "--gebruiker", BEHEER],
        ["koppeling", "aanvragen", "--gebruiker", BEHEER, "--brin", code]
        + ["--schooljaar", huidig_schooljaar()],
    ):
        proc = boomlink(*argv)
        assert proc.returncode == 0, (argv, proc.stderr)
    proc = boomlink("koppeling", "opslaan", "--gebruiker", BEHEER, stdin=esis_sleutel + "\n")
    assert proc.returncode == 0, proc.stderr
    assert "••••••••" + esis_sleutel[-4:] in proc.stdout

    esis.esis.deactiveren(code, esis_school.gebruiker("Directie"))
    proc = boomlink("koppeling", "controleren", "--gebruiker", BEHEER)
    assert proc.returncode == 1 and "ESIS weigert deze autorisatiesleutel" in proc.stderr
