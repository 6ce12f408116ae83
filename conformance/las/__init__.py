"""LAS mode: check a UWLR server (a LAS, or the mock ESIS) against the standard.

::

    target = LasTarget(leerlinggegevens_url=..., sleutel=..., klantcode=..., klantnaam=...,
                       brincode="99QQ", dependancecode="00")
    report = run_las(target, LasOptions(allow_writes=False))
    report.passed

One module per area registers its checks (wsdl, envelope, auth, bad_requests, content, getrapt,
delta, writes, latency); :func:`run_las` runs them in catalogue order.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from conformance.catalogue import Check, Mode, checks_for
from conformance.errors import ConfigurationError
from conformance.las import (  # noqa: F401  (importing registers the checks)
    auth,
    bad_requests,
    content,
    delta,
    envelope,
    getrapt,
    latency,
    writes,
    wsdl,
)
from conformance.las.auth import WRONG_KEY
from conformance.las.context import LasContext
from conformance.las.preflight import preflight
from conformance.las.probe import Probe
from conformance.las.registry import las_checks
from conformance.las.target import LasTarget, TargetError
from conformance.official import OFFICIAL_NOT_GIVEN
from conformance.result import Report
from uwlr.masking import Masker
from uwlr.official import OfficialSchemas

__all__ = [
    "ConfigurationError",
    "LasOptions",
    "LasTarget",
    "TargetError",
    "las_checks",
    "run_las",
]


@dataclass(frozen=True)
class LasOptions:
    """How to run: writes allowed, the official schemas, timeouts, TLS, which checks."""

    allow_writes: bool = False
    official: OfficialSchemas | None = None
    official_note: str = OFFICIAL_NOT_GIVEN
    timeout: float = 30.0
    max_latency: float = 10.0
    verify: bool | str = True
    cert: str | tuple[str, str] | None = None
    cert_password: str | None = field(default=None, repr=False)
    only: frozenset[str] | None = None


def run_las(target: LasTarget, options: LasOptions | None = None) -> Report:
    """Run every LAS check (or ``options.only``) against ``target``.

    Raises :class:`~conformance.errors.ConfigurationError` when the first call shows the run
    cannot judge anything (no connection, the key or the afnemer refused).
    """
    options = options or LasOptions()
    masker = Masker([target.sleutel, WRONG_KEY], min_length=4)
    probe = Probe(
        masker,
        timeout=options.timeout,
        verify=options.verify,
        cert=options.cert,
        cert_password=options.cert_password,
        ca_pem=target.ca_pem,
    )
    context = LasContext(
        target=target,
        probe=probe,
        official=options.official,
        official_note=options.official_note,
        allow_writes=options.allow_writes,
        max_latency=options.max_latency,
    )
    report = Report(
        mode=Mode.LAS,
        target=f"{target.leerlinggegevens_url} ({target.school_label}, {target.schooljaar})",
    )
    started = time.perf_counter()
    try:
        preflight(context)  # ConfigurationError: nothing to judge
        report.results = las_checks.run(_selected(options.only), context)
    finally:
        probe.close()
    report.seconds = time.perf_counter() - started
    report.latency = context.shared("latency") or latency.latency_table(context)
    if options.official is not None:
        report.notes.append(f"officiële schema's: {options.official.folder}")
    return report


def _selected(only: Iterable[str] | None) -> list[Check]:
    checks = checks_for(Mode.LAS)
    if only is None:
        return list(checks)
    wanted = set(only)
    return [c for c in checks if c.id in wanted]
