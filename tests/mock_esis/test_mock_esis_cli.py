"""``mock-esis serve`` as a real subprocess: the state file, one UWLR call, SIGTERM."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from mock_esis_testkit import answer_of, envelope_bytes, stop_process, verzoek

from mock_esis.testing.handle import SchoolInfo
from uwlr.build import build_autorisatie
from uwlr.envelope import CONTENT_TYPE
from uwlr.models import Autorisatie

STARTUP_SECONDS = 30
SCHOOL_FIELDS = {
    "naam",
    "brincode",
    "dependancecode",
    "schooljaar",
    "autorisatiesleutel",
    "groepen",
    "leerlingen",
    "leerkrachten",
    "gebruikers",
}


def command() -> list[str]:
    script = Path(sys.executable).with_name("mock-esis")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "mock_esis"]


class Served:
    """A running ``mock-esis serve`` and the state file it wrote."""

    def __init__(self, process: subprocess.Popen[bytes], state: dict[str, Any]) -> None:
        self.process = process
        self.state = state


def wait_for(path: Path, process: subprocess.Popen[bytes]) -> dict[str, Any]:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if path.is_file():
            data: dict[str, Any] = json.loads(path.read_text("utf-8"))
            return data
        if process.poll() is not None:
            _, err = process.communicate()
            raise AssertionError(f"mock-esis stopped ({process.returncode}): {err.decode()}")
        time.sleep(0.05)
    raise AssertionError(f"no state file after {STARTUP_SECONDS} s")


def serve(tmp_path: Path, *extra: str) -> Iterator[Served]:
    state_file = tmp_path / "mock-esis.json"
    args = [*command(), "serve", "--port", "0", "--state-file", str(state_file), *extra]
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    try:
        yield Served(process, wait_for(state_file, process))
    finally:
        if process.poll() is None:
            stop_process(process)
        if process.stdout:
            process.stdout.close()
        if process.stderr:
            process.stderr.close()


@pytest.fixture
def activated(tmp_path: Path) -> Iterator[Served]:
    yield from serve(tmp_path, "--activeren", "--scholen", "2", "--leerlingen-per-groep", "3")


@pytest.fixture
def not_activated(tmp_path: Path) -> Iterator[Served]:
    yield from serve(tmp_path, "--scholen", "2", "--leerlingen-per-groep", "3")


def test_state_file_layout(activated: Served) -> None:
    state = activated.state
    assert set(state["endpoints"]) >= {"leerlinggegevens", "leerresultaten", "admin"}
    for name in ("leerlinggegevens", "leerresultaten"):
        assert state["endpoints"][name].endswith(f"/uwlr/{name}")
        assert state["endpoints"][name].startswith("http://127.0.0.1:")
    assert state["endpoints"]["admin"].endswith("/__admin")
    assert state["klantnaam"] == "Boom testcentrum"
    assert state["klantcode"]
    schools = state["scholen"]
    assert len(schools) == 2
    assert len({s["brincode"] for s in schools}) == 2
    for school in schools:
        assert SCHOOL_FIELDS <= set(school)
        assert len(school["brincode"]) == 4
        assert school["dependancecode"] == "00"
        assert school["schooljaar"].count("-") == 1
        assert isinstance(school["autorisatiesleutel"], str)
        assert len(school["autorisatiesleutel"]) >= 32
        for count in ("groepen", "leerlingen", "leerkrachten"):
            assert isinstance(school[count], int) and school[count] > 0
        assert school["gebruikers"]
        assert all({"naam", "rol"} <= set(g) for g in school["gebruikers"])
        assert {"Directie", "Applicatiebeheerder"} & {g["rol"] for g in school["gebruikers"]}
    assert len({s["autorisatiesleutel"] for s in schools}) == 2


def test_one_uwlr_call_with_the_key_from_the_state_file(activated: Served) -> None:
    state = activated.state
    raw = state["scholen"][1]
    school = SchoolInfo(
        naam=raw["naam"],
        brincode=raw["brincode"],
        dependancecode=raw["dependancecode"],
        schoolkey=raw.get("schoolkey", ""),
        schooljaar=raw["schooljaar"],
        autorisatiesleutel=raw["autorisatiesleutel"],
        gebruikers=raw["gebruikers"],
    )
    header = Autorisatie(
        autorisatiesleutel=raw["autorisatiesleutel"],
        klantcode=state["klantcode"],
        klantnaam=state["klantnaam"],
    )
    content = envelope_bytes(verzoek(school), build_autorisatie(header))
    response = httpx.post(
        state["endpoints"]["leerlinggegevens"],
        content=content,
        headers={"Content-Type": CONTENT_TYPE, "SOAPAction": '"HaalLeerlinggegevens"'},
        timeout=10,
    )
    gegevens = answer_of(response).gegevens
    assert gegevens.school.brincode == raw["brincode"]
    assert len(gegevens.leerlingen) == raw["leerlingen"]


def test_sigterm_stops_the_server(activated: Served) -> None:
    url = activated.state["endpoints"]["leerlinggegevens"]
    assert httpx.get(f"{url}?wsdl", timeout=10).status_code == 200
    assert stop_process(activated.process) == 0
    with pytest.raises(httpx.TransportError):
        httpx.get(f"{url}?wsdl", timeout=2)


def test_without_activate_all_no_school_has_a_key(not_activated: Served) -> None:
    schools = not_activated.state["scholen"]
    assert len(schools) == 2
    assert all(s["autorisatiesleutel"] is None for s in schools)


def test_a_busy_port_is_refused_with_exit_code_2(tmp_path: Path, activated: Served) -> None:
    port = httpx.URL(activated.state["endpoints"]["leerlinggegevens"]).port
    assert port is not None
    result = subprocess.run(
        [*command(), "serve", "--port", str(port), "--state-file", str(tmp_path / "b.json")],
        capture_output=True,
        timeout=STARTUP_SECONDS,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    assert result.returncode == 2
    assert f"--port {port}: de poort is al in gebruik" in result.stderr.decode()
    assert not (tmp_path / "b.json").exists()
