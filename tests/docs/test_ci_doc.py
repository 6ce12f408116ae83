"""docs/ci.md: the GitHub Actions and GitLab CI jobs hold the same steps, and those steps run.

The steps block is run as a shell script in a temporary folder outside the repository (a real
``sh``, the installed ``mock-esis`` and ``uwlr-conformance`` on ``PATH``), with a third party's
client tests written there and ``boomlink uwlr-afnemer`` as the client under judgement. Only the
``normaal`` client scenario is run, to keep it fast.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from xml.etree import ElementTree

import pytest

DOC = Path(__file__).parents[2] / "docs" / "ci.md"

CLIENT_TEST = '''\
"""A third party's integration test: one HaalLeerlinggegevens against the fake ESIS."""
import os

import httpx

from uwlr.build import build, build_autorisatie
from uwlr.envelope import CONTENT_TYPE, build_envelope, to_bytes
from uwlr.esis_state_file import read_state_file
from uwlr.models import Autorisatie, LeerlinggegevensVerzoek


def test_our_client_gets_the_pupils():
    esis = read_state_file(os.environ["ESIS_STATE_FILE"])
    school = next(s for s in esis.scholen if s.autorisatiesleutel)
    header = Autorisatie(
        autorisatiesleutel=school.autorisatiesleutel,
        klantcode=esis.klantcode,
        klantnaam=esis.klantnaam,
    )
    verzoek = LeerlinggegevensVerzoek(
        schooljaar=school.schooljaar, brincode=school.brincode, dependancecode="00"
    )
    body = to_bytes(build_envelope(build(verzoek), build_autorisatie(header)))
    answer = httpx.post(
        esis.leerlinggegevens_url,
        content=body,
        headers={"Content-Type": CONTENT_TYPE, "SOAPAction": '"HaalLeerlinggegevens"'},
        timeout=10,
    )
    assert answer.status_code == 200
    assert b"leerling" in answer.content
'''


def _blocks(language: str) -> list[str]:
    text = DOC.read_text("utf-8")
    return re.findall(rf"```{language}\n(.*?)```", text, re.S)


def _steps() -> list[str]:
    (steps,) = _blocks("sh")
    return [line for line in steps.splitlines() if line.strip()]


def test_both_jobs_hold_exactly_the_documented_steps() -> None:
    steps = _steps()
    github, gitlab = _blocks("yaml")
    for name, job in (("GitHub Actions", github), ("GitLab CI", gitlab)):
        lines = [line.strip() for line in job.splitlines()]
        at = lines.index(steps[0])
        assert lines[at : at + len(steps)] == steps, f"the {name} job drifted from the steps"
        assert "pip install" in job and "--state-file esis.json" in job and "--wacht" in job
    assert "uwlr-*.xml" in github and "junit: uwlr-*.xml" in gitlab


def _run(
    folder: Path, steps: list[str] | None = None, **variables: str
) -> subprocess.CompletedProcess[str]:
    bin_dir = str(Path(sys.executable).parent)
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONWARNINGS": "ignore",
        "CONFORMANCE_OPTIONS": "--scenario normaal",
        "CLIENT_TESTS": "python -m pytest -q -p no:cacheprovider client_tests",
        "CLIENT_COMMAND": "boomlink uwlr-afnemer",
        **variables,
    }
    env.pop("PYTEST_ADDOPTS", None)
    env.pop("PYTEST_CURRENT_TEST", None)
    script = folder / "uwlr-esis.sh"
    script.write_text("\n".join(steps or _steps()) + "\n", "utf-8")
    return subprocess.run(
        ["sh", str(script)], cwd=folder, env=env, capture_output=True, text=True, timeout=240
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A third party's project: its client tests, no pytest settings of ours."""
    tests = tmp_path / "client_tests"
    tests.mkdir()
    (tests / "test_against_esis.py").write_text(CLIENT_TEST, "utf-8")
    (tmp_path / "pytest.ini").write_text("[pytest]\n", "utf-8")
    return tmp_path


def _failures(report: Path) -> int:
    cases = list(ElementTree.parse(report).iter("testcase"))
    assert cases, f"{report.name} has no test cases"
    return sum(1 for case in cases if case.find("failure") is not None)


def test_the_steps_run_and_pass_for_a_conformant_client(project: Path) -> None:
    result = _run(project)
    assert result.returncode == 0, textwrap.shorten(result.stdout + result.stderr, 4000)
    assert "1 passed" in result.stdout  # the third party's own test ran against the mock
    assert _failures(project / "uwlr-las.xml") == 0
    assert _failures(project / "uwlr-client.xml") == 0
    assert not (project / "esis.json").exists(), "the mock removed its state file on stop"


def test_the_gate_fails_on_a_broken_client(project: Path) -> None:
    """The last two steps (the client run and the gate) with a client that always fails."""
    passed = '<testsuite name="las" tests="1"><testcase name="LAS-WSDL-001"/></testsuite>'
    (project / "uwlr-las.xml").write_text(passed, "utf-8")
    result = _run(project, ["set -eu", *_steps()[-2:]], CLIENT_COMMAND="false")
    assert result.returncode != 0
    assert _failures(project / "uwlr-client.xml") > 0
    assert "FAIL CLI-RUN-001" in result.stdout


def test_the_readme_says_how_the_postgresql_tests_run() -> None:
    readme = (DOC.parents[1] / "README.md").read_text("utf-8")
    assert ".ci/run" in readme and "BOOMLINK_TEST_POSTGRES_URL=postgresql+psycopg://" in readme
    assert "docs/ci.md" in readme and "docs/mock-esis-state-file.md" in readme
