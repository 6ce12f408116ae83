"""``boomlink sync`` and ``boomlink worker`` take the whole ESIS configuration from the one place
every command uses (issue 13, finding 4): ``--esis-state-file``, the xsdversie, the CA bundle and
the client certificate, against a mock ESIS that demands a client certificate (``--tls
--client-ca``)."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from resultaten_testkit import boom_school_uit, maak_afnames, normeer, per_status

import mock_esis.soap.las
from boomlink.cli.main import main
from boomlink.config import Settings
from boomlink.store import Store
from mock_esis.soap.results import store_leerresultaten
from mock_esis.testing.handle import MockEsisHandle
from mock_esis.web.factory import MockOptions, build_app
from mock_esis.web.server import MockEsisServer
from mock_esis.web.tls import issue_client_certificate, make_certificates


@pytest.fixture
def tls_esis(tmp_path: Path) -> Iterator[tuple[MockEsisHandle, Path, dict[str, str]]]:
    """A mock ESIS over HTTPS that refuses clients without a certificate of its client CA;
    returns the handle, its state file and the environment with Boom's client certificate."""
    server_certs = make_certificates(tmp_path / "server")
    client_ca = make_certificates(tmp_path / "client-ca")
    client = issue_client_certificate(client_ca, tmp_path / "client", "boom-testcentrum")
    app = build_app(MockOptions(seed=1, schools=1, students_per_group=5, activate_all=True))
    with MockEsisServer(app, tls=server_certs, client_ca=client_ca.ca) as server:
        state_file = tmp_path / "esis-state.json"
        state_file.write_text(json.dumps(server.state_json()), "utf-8")
        env = {
            "BOOMLINK_ESIS_CLIENT_CERT": str(client.cert),
            "BOOMLINK_ESIS_CLIENT_KEY": str(client.key),
            "BOOMLINK_UWLR_XSDVERSIE": "2.2",
        }
        yield MockEsisHandle(server), state_file, env


@pytest.fixture
def schone_omgeving(
    monkeypatch: pytest.MonkeyPatch, settings: Settings, tls_esis: Any
) -> dict[str, str]:
    """Only the database, the secret and the link's TLS settings; no ESIS addresses at all."""
    for name in list(os.environ):
        if name.startswith("BOOMLINK_"):
            monkeypatch.delenv(name)
    env = {
        "BOOMLINK_DATABASE_URL": settings.database_url,
        "BOOMLINK_SECRET_KEY": settings.secret_key or "",
        **tls_esis[2],
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return env


def test_sync_uses_the_state_file_the_client_certificate_and_the_xsdversie(
    store: Store,
    tls_esis: tuple[MockEsisHandle, Path, dict[str, str]],
    schone_omgeving: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    handle, state_file, _ = tls_esis
    boom = boom_school_uit(store, handle)
    normeer(store, maak_afnames(store, boom, [boom.leerling(n) for n in range(3)]))
    versies: list[str | None] = []

    def recording(school: Any, verzoek: Any, now: dt.datetime) -> Any:
        versies.append(verzoek.school.xsdversie)
        return store_leerresultaten(school, verzoek, now)

    monkeypatch.setattr(mock_esis.soap.las, "store_leerresultaten", recording)
    code = main(["--esis-state-file", str(state_file), "sync"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "3 resultaten afgeleverd bij ESIS" in captured.out
    assert versies and set(versies) == {"2.2"}


def test_without_the_client_certificate_esis_refuses_and_nothing_is_lost(
    store: Store,
    tls_esis: tuple[MockEsisHandle, Path, dict[str, str]],
    schone_omgeving: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    handle, state_file, _ = tls_esis
    monkeypatch.delenv("BOOMLINK_ESIS_CLIENT_CERT")
    monkeypatch.delenv("BOOMLINK_ESIS_CLIENT_KEY")
    boom = boom_school_uit(store, handle)
    normeer(store, maak_afnames(store, boom, [boom.leerling(0)]))
    assert main(["--esis-state-file", str(state_file), "sync"]) == 0
    assert "0 resultaten afgeleverd bij ESIS, 0 geweigerd, 1 later opnieuw" in (
        capsys.readouterr().out
    )
    assert per_status(store) == {"wachtend": 1}


def test_the_worker_uses_the_state_file_and_the_client_certificate(
    store: Store,
    tls_esis: tuple[MockEsisHandle, Path, dict[str, str]],
    schone_omgeving: dict[str, str],
) -> None:
    handle, state_file, _ = tls_esis
    boom = boom_school_uit(store, handle)
    normeer(store, maak_afnames(store, boom, [boom.leerling(n) for n in range(4)]))
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "boomlink.cli",
            "--esis-state-file",
            str(state_file),
            "worker",
            "--poll",
            "0.05",
        ],
        env={**os.environ, **schone_omgeving},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and per_status(store) != {"verstuurd": 4}:
            if process.poll() is not None:
                break
            time.sleep(0.1)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert per_status(store) == {"verstuurd": 4}
    assert "4 resultaten afgeleverd bij ESIS" in out


def test_sync_without_any_esis_settings_names_them_all(
    store: Store,
    schone_omgeving: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for name in ("BOOMLINK_ESIS_CLIENT_CERT", "BOOMLINK_ESIS_CLIENT_KEY"):
        monkeypatch.delenv(name)
    assert main(["sync"]) == 3
    err = capsys.readouterr().err
    assert "Waar ESIS is, is niet ingesteld" in err and "--esis-state-file" in err
