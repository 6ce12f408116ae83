"""``mock-esis serve`` keeps stderr for what a user must read: busy moments are not news.

waitress warns "Task queue depth is N" whenever a request waits for a free worker thread; with a
few clients at once that line came out hundreds of times and buried the lines that matter
(found while measuring eight clients, issue 12). Real subprocess, real concurrent clients.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import httpx
from mock_esis_testkit import stop_process

from uwlr.build import build, build_autorisatie
from uwlr.envelope import build_envelope, to_bytes
from uwlr.esis_state_file import EsisStateFile, wait_for_state_file
from uwlr.models import Autorisatie, LeerlinggegevensVerzoek

CLIENTS = 4
REQUESTS = 15


def _request(state: EsisStateFile) -> tuple[str, bytes]:
    school = state.scholen[0]
    verzoek = LeerlinggegevensVerzoek(schooljaar=school.schooljaar, brincode=school.brincode)
    assert school.autorisatiesleutel and state.klantcode and state.klantnaam
    header = Autorisatie(
        autorisatiesleutel=school.autorisatiesleutel,
        klantcode=state.klantcode,
        klantnaam=state.klantnaam,
    )
    body = to_bytes(build_envelope(build(verzoek), build_autorisatie(header)))
    assert state.leerlinggegevens_url is not None
    return state.leerlinggegevens_url, body


def test_a_busy_server_does_not_fill_stderr_with_queue_warnings(tmp_path: Path) -> None:
    state_file = tmp_path / "esis.json"
    stderr_file = tmp_path / "stderr.txt"
    with stderr_file.open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "mock_esis", "serve", "--port", "0", "--threads", "1"]
            + ["--activeren", "--scholen", "1", "--state-file", str(state_file)],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            env={**os.environ, "PYTHONWARNINGS": "ignore"},
        )
        try:
            url, body = _request(wait_for_state_file(state_file, 30))
            statuses: list[int] = []

            def client() -> None:
                with httpx.Client(timeout=30) as http:
                    statuses.extend(
                        http.post(url, content=body).status_code for _ in range(REQUESTS)
                    )

            threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(60)
        finally:
            stop_process(process)
    assert statuses == [200] * CLIENTS * REQUESTS
    text = stderr_file.read_text("utf-8")
    assert "Task queue depth" not in text, text[:500]
