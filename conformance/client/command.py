"""Running the command under test once: environment in, exit code and output out, time-bounded.

The command gets its own process group, so a command that hangs is ended with everything it
started (and nothing else) when the scenario time limit passes.
"""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from conformance.errors import ConfigurationError

__all__ = ["CommandRun", "run_command"]

_MAX_OUTPUT = 1_000_000


@dataclass(frozen=True)
class CommandRun:
    """How one run went. ``exit_code`` is None when the command was stopped at the time limit."""

    exit_code: int | None
    stdout: str
    stderr: str
    seconds: float
    timed_out: bool

    @property
    def output(self) -> str:
        """stdout and stderr together."""
        return f"{self.stdout}\n{self.stderr}".strip()


def _why(error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return "niet gevonden (klopt het pad, of staat ze in PATH?)"
    if isinstance(error, PermissionError):
        return "niet uitvoerbaar (geen toestemming; chmod +x?)"
    return error.strerror or type(error).__name__


def run_command(
    command: Sequence[str],
    env: Mapping[str, str],
    *,
    time_limit: float,
    cwd: Path | None = None,
) -> CommandRun:
    """Run ``command`` with exactly ``env``; stop its process group after ``time_limit`` s.

    Raises :class:`~conformance.errors.ConfigurationError` when it cannot be started at all.
    """
    started = time.monotonic()
    try:
        process = subprocess.Popen(
            list(command),
            env=dict(env),
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
    except OSError as exc:
        raise ConfigurationError(
            f"de opdracht {shlex.quote(command[0])} kon niet starten: {_why(exc)}"
        ) from None
    timed_out = False
    try:
        out, err = process.communicate(timeout=time_limit)
    except subprocess.TimeoutExpired:
        timed_out = True
        try:
            os.killpg(process.pid, signal.SIGKILL)  # the group of the process we started
        except ProcessLookupError:
            pass
        out, err = process.communicate()
    seconds = time.monotonic() - started
    return CommandRun(
        exit_code=None if timed_out else process.returncode,
        stdout=out[:_MAX_OUTPUT].decode("utf-8", "replace"),
        stderr=err[:_MAX_OUTPUT].decode("utf-8", "replace"),
        seconds=seconds,
        timed_out=timed_out,
    )
