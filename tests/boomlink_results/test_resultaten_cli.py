"""The commands: ``boomlink toets normeren``, ``sync``, ``resultaten status``, ``worker`` and
``support resultaten-terugzetten`` against a real store and the running mock ESIS."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from resultaten_testkit import (
    BoomSchool,
    esis_school,
    maak_afnames,
    normeer,
    onbekende_leerling,
    per_status,
    utc,
)

from boomlink.cli.main import main
from boomlink.config import Settings
from boomlink.store import Store
from mock_esis.testing.handle import MockEsisHandle


@pytest.fixture
def omgeving(
    monkeypatch: pytest.MonkeyPatch, settings: Settings, esis: MockEsisHandle
) -> dict[str, str]:
    env = {
        "BOOMLINK_DATABASE_URL": settings.database_url,
        "BOOMLINK_SECRET_KEY": settings.secret_key or "",
        "BOOMLINK_ESIS_LEERLINGGEGEVENS_URL": esis.endpoints["leerlinggegevens"],
        "BOOMLINK_ESIS_LEERRESULTATEN_URL": esis.endpoints["leerresultaten"],
        "BOOMLINK_KLANTNAAM": esis.klantnaam,
        "BOOMLINK_KLANTCODE": esis.klantcode,
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return env


def test_normeren_then_sync_then_status(
    store: Store,
    boom: BoomSchool,
    esis: MockEsisHandle,
    omgeving: dict[str, str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    [afname] = maak_afnames(store, boom, [boom.leerling(0)])
    onbekend = maak_afnames(store, boom, [onbekende_leerling(store, boom)])
    normeer(store, onbekend, now=utc(2026, 11, 27))
    code = main(
        [
            "toets",
            "normeren",
            "--afname",
            str(afname),
            "--vaardigheidsscore",
            "123,5",
            "--dle",
            "17",
            "--niveau",
            "2F",
            "--score",
            "40",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0 and "gaat automatisch naar ESIS" in out
    assert main(["sync"]) == 0
    assert "1 resultaten afgeleverd bij ESIS, 1 geweigerd" in capsys.readouterr().out
    assert esis_school(esis).resultaten[f"BOOM-TC-{afname}-norm"].dle == "17"
    assert main(["resultaten", "status", "--school", esis.school.brincode]) == 0
    out = capsys.readouterr().out
    assert "Wachtend: 0   Verstuurd: 1   Geweigerd: 1" in out
    assert f"afname {onbekend[0]}" in out and "Client.LeerlingOngeldig" in out


def test_sync_without_esis_settings_is_exit_3(
    store: Store,
    boom: BoomSchool,
    monkeypatch: pytest.MonkeyPatch,
    settings: Settings,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("BOOMLINK_DATABASE_URL", settings.database_url)
    for name in (
        "BOOMLINK_ESIS_LEERLINGGEGEVENS_URL",
        "BOOMLINK_ESIS_LEERRESULTATEN_URL",
        "BOOMLINK_KLANTCODE",
        "BOOMLINK_ESIS_STATE_FILE",
    ):
        monkeypatch.delenv(name, raising=False)
    assert main(["sync"]) == 3
    assert "BOOMLINK_ESIS_LEERRESULTATEN_URL" in capsys.readouterr().err


def test_terugzetten_asks_for_confirmation(
    store: Store,
    boom: BoomSchool,
    esis: MockEsisHandle,
    omgeving: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import datetime as dt
    import io

    oud = maak_afnames(store, boom, [boom.leerling(0)], datum=dt.date(2026, 3, 1))
    normeer(store, oud, now=utc(2026, 4, 1))
    args = [
        "support",
        "resultaten-terugzetten",
        "--school",
        esis.school.brincode,
        "--schooljaar",
        "2025-2026",
    ]
    monkeypatch.setattr("sys.stdin", io.StringIO("nee\n"))
    assert main(args) == 1
    assert "Typ ja" in capsys.readouterr().out
    assert per_status(store) == {}
    monkeypatch.setattr("sys.stdin", io.StringIO("ja\n"))
    assert main(args) == 0
    assert "1 resultaten van" in capsys.readouterr().out
    assert main([*args, "--ja"]) == 0
    assert "0 resultaten van" in capsys.readouterr().out
    assert per_status(store) == {"wachtend": 1}


def test_there_is_no_school_side_back_fill_command(omgeving: dict[str, str]) -> None:
    assert main(["resultaten", "terugzetten", "--gebruiker", "beheer@school.nl"]) == 2


def test_worker_delivers_and_stops_on_sigterm(
    store: Store, boom: BoomSchool, esis: MockEsisHandle, omgeving: dict[str, str], tmp_path: Path
) -> None:
    ids = maak_afnames(store, boom, [boom.leerling(n) for n in range(5)])
    normeer(store, ids)
    env = {**os.environ, **omgeving}
    process = subprocess.Popen(
        [sys.executable, "-m", "boomlink.cli.main", "worker", "--poll", "0.05"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and per_status(store).get("verstuurd") != 5:
            time.sleep(0.1)
        assert per_status(store) == {"verstuurd": 5}
    finally:
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert "5 resultaten afgeleverd bij ESIS" in out
    assert len(esis_school(esis).resultaten) == 10
