"""Client mode: check a UWLR afnemer by running it against a mock ESIS, once per scenario.

::

    report = run_client(ClientOptions(command=["boomlink", "uwlr-afnemer"]))

Like the OpenID suite testing a relying party, the harness plays the server: for each scenario
(:mod:`conformance.client.scenarios`) it starts a fresh mock ESIS in this process with one seeded
school, runs the command with the documented ``UWLR_*`` environment
(:mod:`conformance.client.contract`), and judges from what the mock saw and what the command
printed.
"""

from __future__ import annotations

import os
import shlex
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from conformance.bounds import DEFAULT_TIME_LIMIT, answer_timeout
from conformance.catalogue import Mode, checks_for
from conformance.client import (  # noqa: F401  (importing registers the checks)
    output_checks,
    request_checks,
    scenario_checks,
)
from conformance.client.command import run_command
from conformance.client.context import ClientContext, ScenarioRun
from conformance.client.contract import environment, results_for, write_results
from conformance.client.recorder import RecordingApp
from conformance.client.registry import client_checks
from conformance.client.scenarios import SCENARIOS, Scenario, scenario_names
from conformance.official import OFFICIAL_NOT_GIVEN
from conformance.result import Report
from mock_esis.web.factory import MockOptions, build_app
from mock_esis.web.server import MockEsisServer
from uwlr.masking import Masker
from uwlr.official import OfficialSchemas

__all__ = [
    "ClientOptions",
    "client_checks",
    "run_client",
    "scenario_names",
]

#: A key no LAS issued: the autorisatie-ongeldig scenario hands it to the command.
REFUSED_KEY = "uwlr-conformance-geweigerde-sleutel-0000"


@dataclass(frozen=True)
class ClientOptions:
    """The command under test and how to run it."""

    command: Sequence[str]
    time_limit: float = DEFAULT_TIME_LIMIT
    timeout: float | None = None  # None: bounds.answer_timeout decides
    scenarios: Sequence[str] | None = None
    official: OfficialSchemas | None = None
    official_note: str = OFFICIAL_NOT_GIVEN
    seed: int = 1
    students_per_group: int = 5
    env: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    cwd: Path | None = None


def run_client(options: ClientOptions) -> Report:
    """Run every scenario (or ``options.scenarios``) and every client check."""
    chosen = _chosen(options.scenarios)
    masker = Masker([REFUSED_KEY], min_length=4)
    started = time.perf_counter()
    runs: dict[str, ScenarioRun] = {}
    with tempfile.TemporaryDirectory(prefix="uwlr-conformance-") as folder:
        for scenario in chosen:
            runs[scenario.name] = _run_scenario(scenario, options, masker, Path(folder))
    context = ClientContext(
        runs=runs,
        masker=masker,
        time_limit=options.time_limit,
        official=options.official,
        official_note=options.official_note,
    )
    report = Report(mode=Mode.CLIENT, target=" ".join(shlex.quote(p) for p in options.command))
    report.results = client_checks.run(checks_for(Mode.CLIENT), context)
    report.seconds = time.perf_counter() - started
    report.notes.append(
        f"scenario's: {', '.join(runs)}; tijdslimiet {options.time_limit:g} s, "
        f"time-out per antwoord {answer_timeout(options.timeout, options.time_limit):g} s "
        "(UWLR_TIMEOUT)"
    )
    if options.official is not None:
        report.notes.append(f"officiële schema's: {options.official.folder}")
    return report


def _chosen(names: Sequence[str] | None) -> list[Scenario]:
    if not names:
        return list(SCENARIOS)
    unknown = sorted(set(names) - set(scenario_names()))
    if unknown:
        raise ValueError(
            f"onbekend scenario: {', '.join(unknown)}; kies uit {', '.join(scenario_names())}"
        )
    return [s for s in SCENARIOS if s.name in set(names)]


def _run_scenario(
    scenario: Scenario, options: ClientOptions, masker: Masker, folder: Path
) -> ScenarioRun:
    app = build_app(
        MockOptions(
            seed=options.seed,
            schools=1,
            students_per_group=options.students_per_group,
            activate_all=True,
        )
    )
    recorder = RecordingApp(app, geenwijzigingen=scenario.geenwijzigingen)
    server = MockEsisServer(recorder).start()  # type: ignore[arg-type]
    try:
        school = next(iter(app.state.schools.values()))
        key = school.koppeling.autorisatiesleutel or ""
        masker.add(key)
        gegevens = school.gegevens(school.schooljaar)
        assert gegevens is not None
        results_file = None
        expected: list[str] = []
        if scenario.results:
            results = results_for(gegevens, school.schooljaar)
            results_file = folder / f"{scenario.name}-resultaten.json"
            write_results(results_file, results)
            expected = [r["resultaat_key"] for r in results]
        env = environment(
            options.env,
            leerlinggegevens_url=server.endpoints["leerlinggegevens"],
            leerresultaten_url=server.endpoints["leerresultaten"],
            sleutel=REFUSED_KEY if scenario.wrong_key else key,
            klantcode=app.state.klantcode,
            klantnaam=app.state.klantnaam,
            brincode=school.fake.brincode,
            dependancecode=school.fake.dependancecode,
            schooljaar=school.schooljaar,
            resultaten_file=results_file,
            timeout=answer_timeout(options.timeout, options.time_limit),
        )
        for rule in scenario.rules(options.time_limit):
            app.injector.add(rule)
        run = run_command(options.command, env, time_limit=options.time_limit, cwd=options.cwd)
        with app.state.lock:
            stored = [r.key for r in school.resultaten.values()]
        journal = [entry.to_json() for entry in app.journal.entries()]
    finally:
        server.stop()
    return ScenarioRun(
        scenario=scenario,
        run=run,
        env=env,
        records=list(recorder.records),
        journal=journal,
        stored_results=stored,
        expected_results=expected,
    )
