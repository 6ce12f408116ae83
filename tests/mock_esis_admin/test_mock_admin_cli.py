"""``mock-esis admin`` and ``mock-esis esis`` against a running server: in-process and one subprocess."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from mock_admin_testkit import haal

from mock_esis.cli import main
from mock_esis.testing.handle import MockEsisHandle
from uwlr.models import LeerlinggegevensAntwoord


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, object, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip() else None), err


def test_esis_activeren_via_cli(esis: MockEsisHandle, capsys: pytest.CaptureFixture[str]) -> None:
    school = esis.school
    base = ["esis", "--url", esis.base_url]
    who = ["--school", school.code, "--gebruiker", school.gebruiker("Directie")]
    code, out, err = _run(
        capsys, *base, "activeren", *who, "--verificatiecode", f"{school.code}1234567890abcd"
    )
    assert code == 1 and "gebruikersvoorwaarden" in err  # no --akkoord
    code, out, _ = _run(
        capsys,
        *base,
        "activeren",
        *who,
        "--verificatiecode",
        f"{school.code}1234567890abcd",
        "--akkoord",
    )
    assert code == 0 and isinstance(out, dict)
    key = out["autorisatiesleutel"]
    assert isinstance(haal(esis, school.code, key=key), LeerlinggegevensAntwoord)
    code, out, _ = _run(capsys, *base, "koppeling", *who)
    assert code == 0 and isinstance(out, dict) and out["actief"] is True and key not in str(out)
    code, _, err = _run(
        capsys,
        *base,
        "activeren",
        "--school",
        school.code,
        "--gebruiker",
        school.gebruiker("Leerkracht"),
        "--verificatiecode",
        f"{school.code}1234567890abcd",
        "--akkoord",
    )
    assert code == 1 and "403" in err and "Directie" in err
    code, out, _ = _run(capsys, *base, "deactiveren", *who)
    assert code == 0 and isinstance(out, dict) and out["actief"] is False


def test_esis_mijn_groep_and_toetsresultaten_via_cli(
    actief: MockEsisHandle, capsys: pytest.CaptureFixture[str]
) -> None:
    school = actief.school
    base = ["esis", "--url", actief.base_url]
    who = ["--school", school.code, "--gebruiker", school.gebruiker("Directie")]
    code, out, _ = _run(capsys, *base, "groepen", *who)
    assert code == 0 and isinstance(out, dict)
    groep = out["groepen"][0]["naam"]
    code, out, _ = _run(capsys, *base, "mijn-groep", *who, "--groep", groep)
    assert code == 0 and isinstance(out, dict) and out["groep"]["naam"] == groep
    pupil = actief.admin.school(school.code)["leerlingen"][0]["key"]
    code, out, _ = _run(
        capsys,
        *base,
        "toetsresultaat-invoeren",
        *who,
        "--leerling",
        pupil,
        "--toets",
        "T1",
        "--dle",
        "30",
    )
    assert code == 0 and isinstance(out, dict) and out["dle"] == "30"
    code, out, _ = _run(capsys, *base, "toetsresultaten", *who, "--leerling", pupil)
    assert (
        code == 0
        and isinstance(out, dict)
        and out["leerlingen"][0]["resultaten"][0]["toets"] == "T1"
    )


def test_admin_changes_via_cli(actief: MockEsisHandle, capsys: pytest.CaptureFixture[str]) -> None:
    school = actief.school.code
    base = ["admin", "--url", actief.base_url]
    code, out, _ = _run(capsys, *base, "state")
    assert code == 0 and isinstance(out, dict) and out["scholen"][0]["code"] == school
    groep = out["scholen"][0]["groepen"][0]["key"]
    code, out, _ = _run(
        capsys,
        *base,
        "leerling-toevoegen",
        "--school",
        school,
        "--veld",
        f"groep={groep}",
        "--veld",
        "achternaam=Cli",
    )
    assert code == 0 and isinstance(out, dict)
    key = out["leerling"]["key"]
    assert out["leerling"]["achternaam"] == "Cli" and out["leerling"]["groep"] == groep
    code, out, _ = _run(
        capsys, *base, "leerling-wijzigen", "--school", school, "--key", key, "--veld", "geslacht=2"
    )
    assert code == 0 and isinstance(out, dict) and out["leerling"]["geslacht"] == 2
    other = actief.admin.school(school)["groepen"][1]["key"]
    code, out, _ = _run(
        capsys, *base, "leerling-verplaatsen", "--school", school, "--key", key, "--groep", other
    )
    assert code == 0 and isinstance(out, dict) and out["leerling"]["groep"] == other
    code, out, _ = _run(
        capsys, *base, "groep-hernoemen", "--school", school, "--key", other, "--naam", "De Uilen"
    )
    assert code == 0 and isinstance(out, dict) and out["groep"]["naam"] == "De Uilen"
    code, out, _ = _run(
        capsys, *base, "groep-splitsen", "--school", school, "--key", other, "--leerling", key
    )
    assert code == 0 and isinstance(out, dict) and out["verplaatste_leerlingen"] == [key]
    code, out, _ = _run(capsys, *base, "leerling-verwijderen", "--school", school, "--key", key)
    assert code == 0
    code, _, err = _run(capsys, *base, "leerling-verwijderen", "--school", school, "--key", key)
    assert code == 1 and "404" in err
    code, out, _ = _run(
        capsys, *base, "leerkracht-toevoegen", "--school", school, "--veld", f'groepen=["{groep}"]'
    )
    assert code == 0 and isinstance(out, dict)
    code, out, _ = _run(capsys, *base, "volgend-schooljaar")
    assert code == 0 and isinstance(out, dict) and school in out["scholen"]
    haal(actief, school)
    code, out, _ = _run(capsys, *base, "journal", "--operation", "HaalLeerlinggegevens")
    assert code == 0 and isinstance(out, list) and len(out) == 1
    code, out, _ = _run(capsys, *base, "journal-wissen")
    assert code == 0
    code, out, _ = _run(
        capsys,
        *base,
        "scholen",
        "--seed",
        "9",
        "--brincode",
        "99OI",
        "--naam",
        "CLI-school",
        "--activeren",
    )
    assert code == 0 and isinstance(out, dict) and out["scholen"][0]["code"] == "99OI00"
    code, out, _ = _run(capsys, *base, "reset")
    assert code == 0 and actief.admin.state()["scholen"] == []


def test_cli_without_server_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["admin", "--url", "http://127.0.0.1:9", "state"])
    assert code == 1 and "geen verbinding" in capsys.readouterr().err


def test_cli_subprocess(esis: MockEsisHandle) -> None:
    school = esis.school
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mock_esis",
            "esis",
            "--url",
            esis.base_url,
            "activeren",
            "--school",
            school.code,
            "--gebruiker",
            school.gebruiker("Applicatiebeheerder"),
            "--verificatiecode",
            f"{school.code}-via-een-echt-proces",
            "--akkoord",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    key = json.loads(done.stdout)["autorisatiesleutel"]
    assert isinstance(haal(esis, school.code, key=key), LeerlinggegevensAntwoord)


def test_fault_injection_via_cli(
    actief: MockEsisHandle, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["admin", "--url", actief.base_url]
    code, rule, _ = _run(
        capsys,
        *base,
        "fout-toevoegen",
        "--operation",
        "HaalLeerlinggegevens",
        "--kind",
        "http_status",
        "--veld",
        "status=503",
        "--veld",
        "count=1",
    )
    assert code == 0 and isinstance(rule, dict) and rule["status"] == 503
    code, rules, _ = _run(capsys, *base, "fouten")
    assert code == 0 and isinstance(rules, list) and len(rules) == 1
    code, _, err = _run(capsys, *base, "fout-toevoegen", "--kind", "ontploffen")
    assert code == 2 and "ontploffen" in err
    assert _run(capsys, *base, "fouten-wissen")[0] == 0
    assert _run(capsys, *base, "fouten")[1] == []


def test_a_veld_without_equals_is_a_usage_error(
    esis: MockEsisHandle, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["admin", "--url", esis.base_url, "leerling-toevoegen", "--school", esis.school.code]
    code, out, err = _run(capsys, *argv, "--veld", "achternaam")
    assert code == 2 and out is None
    assert err == "mock-esis: --veld verwacht naam=waarde, niet 'achternaam'\n"
