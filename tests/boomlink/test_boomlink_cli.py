"""The `boomlink` CLI: Dutch subcommands, exit codes 0/1/2/3, no tracebacks, the key never echoed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from boomlink.cli.main import main
from boomlink.errors import SleutelGeweigerd
from boomlink.koppeling.stap3 import Verificatieverzoek, Verifier
from boomlink.schooljaar import huidig_schooljaar
from boomlink.testing.mailsink import MailSink

SLEUTEL = "Pk77881FG-HJ99777737-zeer-geheim-3f9a"
BEHEER = "beheer@99qq.example.nl"


def run(
    capsys: pytest.CaptureFixture[str], *argv: str, verifier: Verifier | None = None
) -> tuple[int, str, str]:
    code = main(list(argv), verifier=verifier)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def esis(verzoek: Verificatieverzoek) -> None:
    """Stands in for ESIS answering the verifying call (the real UWLR check is wired in later)."""
    if verzoek.autorisatiesleutel.onthul() != SLEUTEL:
        raise SleutelGeweigerd("ESIS kent deze autorisatiesleutel niet.")


def school_met_beheerder(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "school", "aanmaken", "--naam", "OBS De Regenboog", "--brin", "99QQ")[0] == 0
    code, out, _ = run(
        capsys,
        "gebruiker",
        "aanmaken",
        "--school-brin",
        "99QQ",
        "--emailadres",
        BEHEER,
        "--naam",
        "Anna de Vries",
        "--rol",
        "beheerder",
    )
    assert code == 0 and BEHEER in out


def test_the_old_email_option_still_works_with_a_deprecation_line(
    cli_env: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "school", "aanmaken", "--naam", "OBS De Regenboog", "--brin", "99QQ")[0] == 0
    argv = ["gebruiker", "aanmaken", "--school-brin", "99QQ", "--email", BEHEER]
    code, out, err = run(capsys, *argv, "--naam", "Anna", "--rol", "beheerder")
    assert code == 0 and BEHEER in out
    assert err == "--email is verouderd; gebruik --emailadres\n"


@pytest.mark.parametrize("actie", ["toevoegen", "wachtwoord"])
def test_the_old_email_option_of_web_accounts_still_works(
    actie: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from boomlink.cli.main import build_parser

    extra = ["--naam", "Anna", "--rol", "support"] if actie == "toevoegen" else []
    args = build_parser().parse_args(["gebruiker", actie, "--email", BEHEER, *extra])
    assert args.email == BEHEER
    assert capsys.readouterr().err == "--email is verouderd; gebruik --emailadres\n"


def test_help_is_dutch_and_names_the_steps(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for word in ["koppeling", "nummers", "support", "mail", "Koppelen met LAS", "--db"]:
        assert word in out
    code, out, _ = run(capsys, "koppeling", "opslaan", "--help")
    assert code == 0
    assert "Autorisatiesleutel" in out and "SchoolKey" in out and "leeg" in out


def test_usage_errors_exit_2(cli_env: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "koppeling")[0] == 2
    assert run(capsys, "onbekend")[0] == 2
    code, _, err = run(capsys, "koppeling", "aanvragen", "--gebruiker")
    assert code == 2 and "--gebruiker" in err
    assert run(capsys)[0] == 2


def test_full_walk_through(
    cli_env: dict[str, str], capsys: pytest.CaptureFixture[str], smtp_server: MailSink
) -> None:
    school_met_beheerder(capsys)
    jaar = huidig_schooljaar()
    aanvraag = [
        "koppeling",
        "aanvragen",
        "--gebruiker",
        BEHEER,
        "--type",
        "ESIS UWLR",
        "--brin",
        "99QQ",
        "--schooljaar",
        jaar,
    ]

    code, _, err = run(capsys, *aanvraag)
    assert code == 1 and "nog niet ingeschakeld" in err

    code, out, _ = run(
        capsys, "support", "uwlr-inschakelen", "--school-naam", "OBS De Regenboog", "--brin", "99QQ"
    )
    assert code == 0 and "bevestigingsmail" in out
    assert len(smtp_server.inbox.messages) == 1

    code, out, _ = run(capsys, "koppeling", "status", "--gebruiker", BEHEER)
    assert code == 0 and "99QQ" in out and jaar in out

    code, _, err = run(capsys, *aanvraag[:-1], "1999-2000")
    assert code == 1 and "Schooljaar" in err and "afgewezen" in err

    code, out, _ = run(capsys, "nummers", "verwijderen", "--gebruiker", BEHEER)
    assert code == 0 and "0 leerlingen" in out

    code, out, _ = run(capsys, *aanvraag)
    assert code == 0 and "goedgekeurd" in out

    # without a wired verifier the CLI refuses clearly, and never echoes the key
    code, out, err = run(
        capsys, "koppeling", "opslaan", "--gebruiker", BEHEER, "--sleutel", SLEUTEL
    )
    assert code == 3 and "nog niet aangesloten" in err
    assert SLEUTEL not in out + err

    code, out, err = run(
        capsys, "koppeling", "opslaan", "--gebruiker", BEHEER, "--sleutel", "fout", verifier=esis
    )
    assert code == 1 and "geweigerd" in err

    code, out, err = run(
        capsys, "koppeling", "opslaan", "--gebruiker", BEHEER, "--sleutel", SLEUTEL, verifier=esis
    )
    assert code == 0 and "••••••••3f9a" in out
    assert SLEUTEL not in out + err

    code, out, _ = run(capsys, "koppeling", "status", "--gebruiker", BEHEER)
    assert code == 0 and "actief" in out and "••••••••3f9a" in out and SLEUTEL not in out

    code, out, _ = run(capsys, "koppeling", "uitzetten", "--gebruiker", BEHEER)
    assert code == 0 and "uit" in out
    code, out, _ = run(capsys, "koppeling", "status", "--gebruiker", BEHEER)
    assert code == 0 and "3f9a" not in out

    code, out, _ = run(capsys, "mail", "versturen")
    assert code == 0 and "0 verstuurd" in out


def test_key_can_be_read_from_stdin(
    cli_env: dict[str, str],
    capsys: pytest.CaptureFixture[str],
    smtp_server: MailSink,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import io

    school_met_beheerder(capsys)
    run(
        capsys, "support", "uwlr-inschakelen", "--school-naam", "OBS De Regenboog", "--brin", "99QQ"
    )
    jaar = huidig_schooljaar()
    run(
        capsys,
        "koppeling",
        "aanvragen",
        "--gebruiker",
        BEHEER,
        "--brin",
        "99QQ",
        "--schooljaar",
        jaar,
    )
    monkeypatch.setattr(sys, "stdin", io.StringIO(SLEUTEL + "\n"))
    code, out, err = run(capsys, "koppeling", "opslaan", "--gebruiker", BEHEER, verifier=esis)
    assert code == 0, err
    assert SLEUTEL not in out + err


def test_smtp_outage_keeps_mail_queued_exit_3(
    cli_env: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    school_met_beheerder(capsys)
    code, out, err = run(
        capsys, "support", "uwlr-inschakelen", "--school-naam", "OBS De Regenboog", "--brin", "99QQ"
    )
    assert code == 0 and "wachtrij" in out
    code, out, err = run(capsys, "mail", "versturen")
    assert code == 3 and "1 in de wachtrij" in err


def test_unknown_user_and_school_are_refused(
    cli_env: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "koppeling", "status", "--gebruiker", "niemand@example.nl")
    assert code == 1 and "niemand@example.nl" in err
    code, _, err = run(capsys, "school", "aanmaken", "--naam", "X", "--brin", "9Q")
    assert code == 1 and "BRIN" in err


def test_db_option_and_db_upgrade(
    tmp_path: Path, cli_env: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "elders" / "boom.sqlite3"
    target.parent.mkdir()
    code, out, _ = run(capsys, "--db", str(target), "db", "upgrade")
    assert code == 0 and "head" in out.lower()
    assert target.is_file()


def test_db_in_a_missing_folder_is_refused_without_creating_it(
    tmp_path: Path, cli_env: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "bestaat-niet" / "boom.sqlite3"
    code, out, err = run(capsys, "--db", str(target), "db", "upgrade")
    assert code == 2
    assert out == ""
    assert err == (
        f"boomlink: --db: de map {target.parent} bestaat niet; maak die eerst aan "
        "of kies een bestand in een bestaande map\n"
    )
    assert not target.parent.exists()


def test_web_db_in_a_missing_folder_is_refused_before_serving(tmp_path: Path) -> None:
    target = tmp_path / "bestaat-niet" / "boom.sqlite3"
    env = {k: v for k, v in os.environ.items() if not k.startswith("BOOMLINK_")}
    proc = subprocess.run(
        [sys.executable, "-m", "boomlink.cli", "web", "--port", "0", "--db", str(target)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.strip().splitlines() == [
        f"boomlink: --db: de map {target.parent} bestaat niet; maak die eerst aan "
        "of kies een bestand in een bestaande map"
    ]
    assert not target.parent.exists()


def test_installed_script_exits_cleanly_on_bad_input(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "boomlink"
    env = {k: v for k, v in os.environ.items() if not k.startswith("BOOMLINK_")}
    env["BOOMLINK_DB"] = str(tmp_path / "b.sqlite3")
    proc = subprocess.run(
        [str(script), "koppeling", "status", "--gebruiker", "niemand@example.nl"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "niemand@example.nl" in proc.stderr
