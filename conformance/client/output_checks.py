"""Client checks on what the command printed in every scenario: messages, no traces, no key."""

from __future__ import annotations

from conformance.client.context import ClientContext
from conformance.client.registry import client_checks
from conformance.client.scenario_checks import has_stack_trace
from conformance.result import Verdict

__all__: list[str] = []


@client_checks.check("CLI-OUT-001", phase=1)
def melding_bij_mislukking(ctx: ClientContext) -> Verdict:
    failed = [run for run in ctx.runs.values() if not run.succeeded and not run.run.timed_out]
    if not failed:
        return Verdict.skipped("De opdracht eindigde in geen enkel scenario zelf met een fout")
    silent = [run for run in failed if not run.run.output.strip()]
    if silent:
        return Verdict.broken(
            f"Zonder melding mislukt in: {', '.join(r.scenario.name for r in silent)}",
            *(ctx.run_evidence(run) for run in silent[:5]),
        )
    return Verdict.ok(f"Een melding bij elk van de {len(failed)} mislukte scenario's")


@client_checks.check("CLI-OUT-002", phase=1)
def nooit_stack_trace(ctx: ClientContext) -> Verdict:
    if not ctx.runs:
        return Verdict.skipped("Geen scenario's uitgevoerd")
    traced = [run for run in ctx.runs.values() if has_stack_trace(run.run.output)]
    if traced:
        return Verdict.broken(
            f"Stack trace in: {', '.join(r.scenario.name for r in traced)}",
            *(ctx.run_evidence(run) for run in traced[:5]),
        )
    return Verdict.ok(f"Geen stack trace in {len(ctx.runs)} scenario's")


@client_checks.check("CLI-SEC-001", phase=1)
def sleutel_niet_getoond(ctx: ClientContext) -> Verdict:
    if not ctx.runs:
        return Verdict.skipped("Geen scenario's uitgevoerd")
    leaking = [run for run in ctx.runs.values() if ctx.masker.leaks(run.run.output)]
    if leaking:
        return Verdict.broken(
            f"De sleutel staat in de uitvoer van: {', '.join(r.scenario.name for r in leaking)}",
            *(ctx.run_evidence(run) for run in leaking[:5]),
        )
    return Verdict.ok(f"De sleutel staat in geen van de {len(ctx.runs)} uitvoeren")
