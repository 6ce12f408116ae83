"""The harness tells a configuration error (exit 2, one Dutch line) from a failing LAS (exit 1).

Against real mock ESIS servers over loopback: a refused key on the first call, a state file whose
server is gone, a TLS mock whose CA only the state file names, and a ``--ca-file`` that must not
trip httpx's deprecation of ``verify=<str>`` (warnings are errors in this test run).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conformance_testkit import serving

from conformance.cli import main
from conformance.las import LasOptions, run_las
from conformance.las.target import LasTarget
from conformance.result import Outcome
from mock_esis.web.factory import MockOptions, build_app
from mock_esis.web.server import MockEsisServer
from mock_esis.web.tls import make_certificates

WRONG = "verkeerde-sleutel-1234567890"


def _one_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, text
    return lines[0]


def test_a_key_the_las_refuses_on_the_first_call_is_a_configuration_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with serving() as (server, _target):
        state = tmp_path / "esis.json"
        server.write_state_file(state)
        code = main(["las", "--state-file", str(state), "--sleutel", WRONG])
    out, err = capsys.readouterr()
    assert code == 2, out + err
    assert "GEZAKT" not in out and "FAIL" not in out
    line = _one_line(out + err)
    assert "autorisatiesleutel" in line and "Client.AutorisatieOngeldig" in line
    assert WRONG not in out + err


def test_a_state_file_whose_server_is_not_running_is_a_configuration_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with serving() as (server, target):
        state = tmp_path / "esis.json"
        server.write_state_file(state)
    code = main(["las", "--state-file", str(state), "--timeout", "5"])
    out, err = capsys.readouterr()
    assert code == 2, out + err
    assert "GEZAKT" not in out
    line = _one_line(out + err)
    assert "niet bereikbaar" in line and target.leerlinggegevens_url in line
    assert target.sleutel not in out + err


def test_an_unreachable_url_on_the_command_line_is_a_configuration_error_too(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = ["--leerlinggegevens-url", "http://127.0.0.1:9/uwlr", "--sleutel", "abcdefghij"]
    args += ["--klantcode", "C", "--klantnaam", "N", "--brincode", "99QQ", "--timeout", "2"]
    assert main(["las", *args]) == 2
    out, err = capsys.readouterr()
    assert "niet bereikbaar" in _one_line(out + err)
    assert "abcdefghij" not in out + err


def test_a_las_that_answers_but_breaks_the_rules_still_fails_with_exit_1(
    capsys: pytest.CaptureFixture[str],
) -> None:
    def no_content_type(answer: object) -> None:
        answer.header("Content-Type", "application/json")  # type: ignore[attr-defined]

    with serving(response=no_content_type) as (_server, target):
        args = [
            "--leerlinggegevens-url",
            target.leerlinggegevens_url,
            f"--sleutel={target.sleutel}",
        ]
        args += ["--klantcode", target.klantcode, "--klantnaam", target.klantnaam]
        args += ["--brincode", target.brincode or "", "--schooljaar", target.schooljaar]
        assert main(["las", *args, "--only", "LAS-ENV-004"]) == 1
    assert "GEZAKT" in capsys.readouterr().out


def test_the_ca_of_a_tls_mock_comes_from_the_state_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = build_app(MockOptions(seed=3, students_per_group=2, activate_all=True))
    tls = make_certificates(tmp_path / "tls", hosts=("127.0.0.1",))
    state = tmp_path / "esis.json"
    with MockEsisServer(app, tls=tls) as server:
        server.write_state_file(state)
        assert server.endpoints["leerlinggegevens"].startswith("https://")
        code = main(["las", "--state-file", str(state), "--only", "LAS-CONT-001"])
    out, err = capsys.readouterr()
    assert code == 0, out + err
    assert "GESLAAGD" in out


def test_a_ca_file_is_used_without_httpx_deprecation_warnings(tmp_path: Path) -> None:
    # pytest turns warnings into errors here: httpx 0.28 warns on verify=<str> and cert=...
    app = build_app(MockOptions(seed=3, students_per_group=2, activate_all=True))
    tls = make_certificates(tmp_path / "tls", hosts=("127.0.0.1",))
    with MockEsisServer(app, tls=tls) as server:
        state = tmp_path / "esis.json"
        server.write_state_file(state)
        target = LasTarget.from_state_file(state)
        report = run_las(target, LasOptions(verify=str(tls.ca), only=frozenset({"LAS-CONT-001"})))
    assert report.result("LAS-CONT-001").outcome is Outcome.PASS


@pytest.mark.parametrize("kind", ["missing", "not-executable"])
def test_a_client_command_that_cannot_start_is_a_configuration_error(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    command = tmp_path / "afnemer"
    if kind == "not-executable":
        command.write_text("#!/bin/sh\nexit 0\n")
        command.chmod(0o644)
    code = main(["client", "--scenario", "normaal", "--", str(command), "--breuk", "goed"])
    out, err = capsys.readouterr()
    assert code == 2, out + err
    assert "FAIL" not in out and "GEZAKT" not in out
    line = _one_line(out)  # on the normal output, where the verdict would have been
    assert "kon niet starten" in line and str(command) in line
    assert ("niet gevonden" if kind == "missing" else "niet uitvoerbaar") in line
