"""Run an afnemer command through the judging proxy: ``python via_proxy.py CMD [ARGS...]``.

Used as the command of ``uwlr-conformance client``: it starts ``uwlr-conformance proxy`` in
front of the mock the harness gave in ``UWLR_*_URL``, runs CMD with the proxy's URLs instead,
stops the proxy (SIGTERM, so it writes its JSON report into ``$PROXY_RAPPORTEN``) and exits
with CMD's exit code.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    reports = Path(os.environ["PROXY_RAPPORTEN"])
    with tempfile.TemporaryDirectory() as folder:
        state = Path(folder) / "proxy.json"
        report = reports / f"proxy-{os.getpid()}.json"
        proxy = subprocess.Popen(
            [sys.executable, "-m", "conformance.cli", "proxy", "--listen", "127.0.0.1:0",
             "--state-file", str(state), "--timeout", "3",
             "--upstream-leerlinggegevens", os.environ["UWLR_LEERLINGGEGEVENS_URL"],
             "--upstream-leerresultaten", os.environ["UWLR_LEERRESULTATEN_URL"],
             "--json", str(report)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        while not (state.exists() and state.stat().st_size):
            if proxy.poll() is not None:
                print("proxy startte niet", file=sys.stderr)
                return 3
            time.sleep(0.05)
        endpoints = json.loads(state.read_text("utf-8"))["endpoints"]
        env = dict(os.environ)
        env["UWLR_LEERLINGGEGEVENS_URL"] = endpoints["leerlinggegevens"]
        env["UWLR_LEERRESULTATEN_URL"] = endpoints["leerresultaten"]
        try:
            code = subprocess.run(sys.argv[1:], env=env, check=False).returncode
        finally:
            proxy.send_signal(signal.SIGTERM)
            proxy.wait(timeout=60)
        return code


if __name__ == "__main__":
    sys.exit(main())
