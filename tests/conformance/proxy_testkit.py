"""Helpers for the proxy tests: a proxy in front of a (possibly broken) mock ESIS, and requests."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from conformance.client.contract import ENV_VARS
from conformance.las import LasTarget
from conformance.las.requests import verzoek_envelope
from conformance.proxy import JudgingProxy, ProxyOptions
from uwlr.envelope import CONTENT_TYPE, to_bytes
from uwlr.models import GroepRef
from uwlr.namespaces import SOAP_ACTIONS

HEADERS = {"Content-Type": CONTENT_TYPE}


def post(url: str, operation: str, body: bytes, timeout: float = 20.0) -> httpx.Response:
    headers = {**HEADERS, "SOAPAction": f'"{SOAP_ACTIONS[operation]}"'}
    return httpx.post(url, content=body, headers=headers, timeout=timeout)


def session(target: LasTarget, url: str, groepen: list[GroepRef]) -> list[httpx.Response]:
    """An afnemer's session: all-in-one, then getrapt for ``groepen``."""
    answers = [
        post(url, "HaalLeerlinggegevens", to_bytes(verzoek_envelope(target))),
        post(url, "HaalStructuur", to_bytes(verzoek_envelope(target, "HaalStructuur"))),
    ]
    for operation in ("HaalLeerlingen", "HaalLeerkrachten"):
        body = to_bytes(verzoek_envelope(target, operation, groepen=groepen))
        answers.append(post(url, operation, body))
    return answers


@contextmanager
def proxy_for(target: LasTarget, **options: Any) -> Iterator[JudgingProxy]:
    """An in-process proxy in front of ``target``'s LAS."""
    proxy = JudgingProxy(
        ProxyOptions(
            leerlinggegevens_url=target.leerlinggegevens_url,
            leerresultaten_url=target.leerresultaten_url,
            **options,
        )
    ).start()
    try:
        yield proxy
    finally:
        proxy.stop()


def afnemer_env(target: LasTarget, endpoints: dict[str, str]) -> dict[str, str]:
    """The client-contract environment for ``target``'s school, pointed at ``endpoints``."""
    values = (
        endpoints["leerlinggegevens"],
        endpoints["leerresultaten"],
        target.sleutel,
        target.klantcode,
        target.klantnaam,
        target.brincode or "",
        target.dependancecode or "00",
        target.schooljaar,
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("UWLR_")}
    env.update(dict(zip(ENV_VARS, values, strict=True)))
    return env


@contextmanager
def proxy_process(
    folder: Path, *args: str
) -> Iterator[tuple[subprocess.Popen[str], dict[str, Any]]]:
    """``uwlr-conformance proxy --listen 127.0.0.1:0`` in its own process; yields it and its
    state file. The caller ends it with :func:`stop_process` (SIGTERM)."""
    state = folder / "proxy.json"
    process = subprocess.Popen(
        [sys.executable, "-m", "conformance.cli", "proxy", "--listen", "127.0.0.1:0",
         "--state-file", str(state), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while not (state.exists() and state.stat().st_size):
            if process.poll() is not None or time.monotonic() > deadline:
                out, err = process.communicate(timeout=5)
                raise RuntimeError(f"proxy startte niet: {out} {err}")
            time.sleep(0.05)
        yield process, json.loads(state.read_text("utf-8"))
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)


def stop_process(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    """SIGTERM, then the exit code and output."""
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=60)
    return process.returncode, out, err
