"""``uwlr-conformance proxy``: the command-line side of the judging proxy.

::

    uwlr-conformance proxy --listen 127.0.0.1:8088 --upstream-leerlinggegevens URL
        [--upstream-leerresultaten URL] [--client-cert PEM|P12 [--client-key PEM]
        [--client-cert-password-env VAR]] [--ca-file PEM] [--record DIR] [--timeout S]
        [--state-file FILE] [--html FILE --junit FILE --json FILE]

Runs until SIGTERM or Ctrl-C, then judges what is still queued and writes the reports.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from conformance.official import OFFICIAL_NOT_GIVEN
from uwlr.cli_nl import add_deprecated_alias

__all__ = ["add_proxy_parser", "run_proxy_command"]

DEFAULT_PASSWORD_ENV = "UWLR_CLIENT_CERT_WACHTWOORD"


def add_proxy_parser(
    sub: Any, report_options: Callable[[argparse.ArgumentParser], None]
) -> argparse.ArgumentParser:
    """Add the ``proxy`` subcommand to the harness's parser."""
    proxy: argparse.ArgumentParser = sub.add_parser(
        "proxy",
        help="beoordeel echt verkeer tussen een afnemer en een LAS (en neem het op)",
    )
    proxy.add_argument(
        "--listen", default="127.0.0.1:8088", metavar="HOST:POORT", help="waar de proxy luistert"
    )
    proxy.add_argument(
        "--upstream-leerlinggegevens", required=True, metavar="URL", help="endpoint van de LAS"
    )
    proxy.add_argument("--upstream-leerresultaten", metavar="URL", help="endpoint van de LAS")
    proxy.add_argument("--client-cert", help="clientcertificaat: PEM, of .p12 van ESIS")
    proxy.add_argument("--client-key", help="sleutel van het clientcertificaat (PEM)")
    proxy.add_argument(
        "--client-cert-password-env",
        default=DEFAULT_PASSWORD_ENV,
        metavar="VAR",
        help=f"omgevingsvariabele met het wachtwoord van de .p12 (standaard {DEFAULT_PASSWORD_ENV})",
    )
    add_deprecated_alias(proxy, "--client-cert-wachtwoord-env", "--client-cert-password-env")
    proxy.add_argument("--ca-file", help="CA-bundel om de LAS te vertrouwen")
    proxy.add_argument("--record", type=Path, metavar="DIR", help="neem elke uitwisseling op")
    proxy.add_argument(
        "--timeout", type=float, default=30.0, help="seconden voor een antwoord van de LAS"
    )
    proxy.add_argument(
        "--state-file", type=Path, metavar="BESTAND", help="schrijf de URL's van de proxy als JSON"
    )
    report_options(proxy)
    return proxy


def _listen(text: str) -> tuple[str, int]:
    host, sep, port = text.rpartition(":")
    if not sep or not port.isdigit():
        raise ValueError(f"--listen {text!r}: verwacht HOST:POORT, bijvoorbeeld 127.0.0.1:8088")
    return host.strip("[]") or "127.0.0.1", int(port)


def run_proxy_command(args: argparse.Namespace, official: Any, note: str) -> Any:
    """Start the proxy, serve until stopped, and return its report (``None`` on wrong use, with
    the Dutch message raised as ValueError)."""
    from conformance.proxy import CertificateError, ClientCertificate, JudgingProxy, ProxyOptions

    for name in ("upstream_leerlinggegevens", "upstream_leerresultaten"):
        url = getattr(args, name)
        if url is not None and not url.startswith(("http://", "https://")):
            raise ValueError(f"--{name.replace('_', '-')} moet met http:// of https:// beginnen")
    if args.timeout <= 0:
        raise ValueError("--timeout moet groter dan 0 zijn")
    host, port = _listen(args.listen)
    certificate = ClientCertificate.from_options(
        args.client_cert, args.client_key, os.environ.get(args.client_cert_password_env)
    )
    try:
        proxy = JudgingProxy(
            ProxyOptions(
                leerlinggegevens_url=args.upstream_leerlinggegevens,
                leerresultaten_url=args.upstream_leerresultaten,
                host=host,
                port=port,
                timeout=args.timeout,
                verify=args.ca_file or True,
                certificate=certificate,
                record=args.record,
                official=official,
                official_note=note or OFFICIAL_NOT_GIVEN,
                separate_process=True,
            )
        )
    except CertificateError:
        certificate.close()
        raise
    except OSError as exc:
        certificate.close()
        raise ValueError(f"kan niet luisteren op {args.listen}: {exc.strerror or exc}") from None
    try:
        if args.state_file is not None:
            data = {"pid": os.getpid(), "endpoints": proxy.endpoints}
            tmp = args.state_file.with_name(args.state_file.name + ".tmp")
            tmp.write_text(json.dumps(data, indent=2), "utf-8")
            tmp.replace(args.state_file)
        print(f"uwlr-conformance proxy luistert op {proxy.base_url}", flush=True)
        # waitress hands each request from its I/O thread to a worker thread; a 1 ms GIL switch
        # interval keeps that hand-over short (as mock-esis serve does)
        sys.setswitchinterval(0.001)
        signal.signal(signal.SIGTERM, lambda *_: proxy.request_stop())
        try:
            proxy.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            proxy.stop()
        return proxy.report()
    finally:
        certificate.close()
