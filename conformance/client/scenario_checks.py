"""Client checks per scenario: did the command succeed, retry, time out, stop, as it should?"""

from __future__ import annotations

import re
from typing import Final

from conformance.client.context import ClientContext, ScenarioRun
from conformance.client.registry import client_checks
from conformance.result import Verdict

__all__ = ["STACK_TRACE", "has_stack_trace"]

#: Stack traces of Python, Java/.NET and JavaScript.
STACK_TRACE: Final = re.compile(
    r"Traceback \(most recent call last\)"
    r"|Exception in thread \""
    r"|^\s+at [\w$.<>]+\(.*\)\s*$"
    r"|^\s+at .+ \(.+:\d+:\d+\)\s*$",
    re.MULTILINE,
)


def has_stack_trace(text: str) -> bool:
    """True when ``text`` holds a stack trace."""
    return STACK_TRACE.search(text) is not None


def _ended(ctx: ClientContext, run: ScenarioRun) -> str:
    if run.run.timed_out:
        return f"hing en werd na {ctx.time_limit:g} s gestopt"
    return f"eindigde met exitcode {run.run.exit_code} na {run.run.seconds:.1f} s"


@client_checks.check("CLI-RUN-001")
def normaal_slaagt(ctx: ClientContext) -> Verdict:
    run = ctx.scenario("normaal")
    if isinstance(run, Verdict):
        return run
    if run.succeeded:
        return Verdict.ok(f"De opdracht {_ended(ctx, run)}", ctx.run_evidence(run))
    return Verdict.broken(f"De opdracht {_ended(ctx, run)}", ctx.run_evidence(run))


@client_checks.check("CLI-RUN-002")
def normaal_haalt_op(ctx: ClientContext) -> Verdict:
    run = ctx.scenario("normaal")
    if isinstance(run, Verdict):
        return run
    answered = {
        r.operation for r in run.records if r.status == 200 and r.faultcode is None and r.operation
    }
    if "HaalLeerlinggegevens" in answered or {"HaalStructuur", "HaalLeerlingen"} <= answered:
        how = "HaalLeerlinggegevens" if "HaalLeerlinggegevens" in answered else "getrapt"
        return Verdict.ok(f"Leerlinggegevens opgehaald ({how})", ctx.run_evidence(run))
    return Verdict.broken(
        "De opdracht haalde geen leerlinggegevens op (geen beantwoord HaalLeerlinggegevens, "
        "noch HaalStructuur met HaalLeerlingen)",
        ctx.run_evidence(run),
    )


@client_checks.check("CLI-RUN-003")
def normaal_resultaten(ctx: ClientContext) -> Verdict:
    run = ctx.scenario("normaal")
    if isinstance(run, Verdict):
        return run
    expected, stored = set(run.expected_results), run.stored_results
    evidence = ctx.run_evidence(run)
    if not any(r.operation == "BrengLeerresultaten" for r in run.records):
        return Verdict.broken(
            f"Geen BrengLeerresultaten gestuurd voor {len(expected)} resultaten", evidence
        )
    missing = sorted(expected - set(stored))
    extra = sorted(set(stored) - expected)
    double = sorted({k for k in stored if stored.count(k) > 1})
    problems = []
    if missing:
        problems.append(f"niet aangekomen: {', '.join(missing)}")
    if extra:
        problems.append(f"onbekende sleutels aangekomen: {', '.join(extra)}")
    if double:
        problems.append(f"meer dan eens opgeslagen: {', '.join(double)}")
    if problems:
        return Verdict.broken("; ".join(problems), evidence)
    return Verdict.ok(f"Alle {len(expected)} resultaten staan precies één keer in de LAS", evidence)


@client_checks.check("CLI-GEEN-001")
def geenwijzigingen_slaagt(ctx: ClientContext) -> Verdict:
    run = ctx.scenario("geenwijzigingen")
    if isinstance(run, Verdict):
        return run
    if run.succeeded:
        return Verdict.ok(f"De opdracht {_ended(ctx, run)}", ctx.run_evidence(run))
    return Verdict.broken(
        f"<geenwijzigingen/> is geen fout, maar de opdracht {_ended(ctx, run)}",
        ctx.run_evidence(run),
    )


@client_checks.check("CLI-GEEN-002")
def geenwijzigingen_niet_herhaald(ctx: ClientContext) -> Verdict:
    run = ctx.scenario("geenwijzigingen")
    if isinstance(run, Verdict):
        return run
    repeated = {op: n for op, n in run.per_operation().items() if n > 1}
    if repeated:
        shown = ", ".join(f"{op} {n}×" for op, n in repeated.items())
        return Verdict.broken(f"Opnieuw gevraagd: {shown}", ctx.run_evidence(run))
    return Verdict.ok("Elk verzoek één keer", ctx.run_evidence(run))


def _retried_and_succeeded(ctx: ClientContext, name: str) -> Verdict:
    run = ctx.scenario(name)
    if isinstance(run, Verdict):
        return run
    first = run.first_operation()
    attempts = run.per_operation().get(first or "?", 0)
    evidence = ctx.run_evidence(run)
    if attempts < 2:
        return Verdict.broken(
            f"{first or 'Het eerste verzoek'} werd niet opnieuw geprobeerd; de opdracht "
            f"{_ended(ctx, run)}",
            evidence,
        )
    if not run.succeeded:
        return Verdict.broken(
            f"Wel opnieuw geprobeerd ({attempts}×), maar de opdracht {_ended(ctx, run)}", evidence
        )
    return Verdict.ok(f"Opnieuw geprobeerd ({attempts}×) en geslaagd", evidence)


@client_checks.check("CLI-RETRY-001")
def retry_tijdelijk(ctx: ClientContext) -> Verdict:
    return _retried_and_succeeded(ctx, "tijdelijk-niet-beschikbaar")


@client_checks.check("CLI-RETRY-002")
def retry_503(ctx: ClientContext) -> Verdict:
    return _retried_and_succeeded(ctx, "http-503")


@client_checks.check("CLI-RETRY-003")
def retry_reset(ctx: ClientContext) -> Verdict:
    return _retried_and_succeeded(ctx, "verbinding-verbroken")


@client_checks.check("CLI-RETRY-004")
def aanhoudende_storing(ctx: ClientContext) -> Verdict:
    run = ctx.scenario("aanhoudende-storing")
    if isinstance(run, Verdict):
        return run
    evidence = ctx.run_evidence(run)
    if run.run.timed_out:
        return Verdict.broken(f"De opdracht gaf niet op: ze {_ended(ctx, run)}", evidence)
    if run.succeeded:
        return Verdict.broken(
            "De opdracht meldt succes terwijl elk antwoord een fout was", evidence
        )
    return Verdict.ok(
        f"Opgegeven na {len(run.records)} verzoeken: de opdracht {_ended(ctx, run)}", evidence
    )


@client_checks.check("CLI-HANG-001")
def hang_niet_eeuwig(ctx: ClientContext) -> Verdict:
    run = ctx.scenario("hang")
    if isinstance(run, Verdict):
        return run
    if run.run.timed_out:
        return Verdict.broken(
            f"De opdracht wachtte eindeloos: gestopt na {ctx.time_limit:g} s", ctx.run_evidence(run)
        )
    return Verdict.ok(f"De opdracht {_ended(ctx, run)}", ctx.run_evidence(run))


@client_checks.check("CLI-HANG-002")
def hang_netjes(ctx: ClientContext) -> Verdict:
    run = ctx.scenario("hang")
    if isinstance(run, Verdict):
        return run
    evidence = ctx.run_evidence(run)
    if run.run.timed_out:
        return Verdict.broken("De opdracht eindigde niet zelf", evidence)
    if run.succeeded:
        if len(run.records) < 2:
            return Verdict.broken("Exitcode 0 zonder een nieuwe poging na de hang", evidence)
        return Verdict.ok("Na een time-out opnieuw geprobeerd en geslaagd", evidence)
    if has_stack_trace(run.run.output):
        return Verdict.broken("Opgegeven, maar met een stack trace", evidence)
    if not run.run.output.strip():
        return Verdict.broken("Opgegeven zonder enige melding", evidence)
    return Verdict.ok("Opgegeven met een melding en een exitcode ongelijk aan 0", evidence)


@client_checks.check("CLI-AUTH-001")
def autorisatie_stopt(ctx: ClientContext) -> Verdict:
    run = ctx.scenario("autorisatie-ongeldig")
    if isinstance(run, Verdict):
        return run
    if run.run.timed_out or run.succeeded:
        return Verdict.broken(f"De opdracht {_ended(ctx, run)}", ctx.run_evidence(run))
    return Verdict.ok(f"De opdracht {_ended(ctx, run)}", ctx.run_evidence(run))


@client_checks.check("CLI-AUTH-002")
def autorisatie_niet_opnieuw(ctx: ClientContext) -> Verdict:
    run = ctx.scenario("autorisatie-ongeldig")
    if isinstance(run, Verdict):
        return run
    evidence = ctx.run_evidence(run)
    refused = [r for r in run.records if (r.faultcode or "").startswith("Client.")]
    if not refused:
        return Verdict.skipped("De LAS weigerde geen enkel verzoek; niets te beoordelen", evidence)
    after = len(run.records) - run.records.index(refused[0]) - 1
    if after:
        return Verdict.broken(
            f"Na {refused[0].faultcode} stuurde de opdracht nog {after} verzoek(en)", evidence
        )
    return Verdict.ok(f"Na {refused[0].faultcode} geen enkel verzoek meer", evidence)


@client_checks.check("CLI-MALF-001")
def onleesbaar_stopt(ctx: ClientContext) -> Verdict:
    run = ctx.scenario("onleesbaar-antwoord")
    if isinstance(run, Verdict):
        return run
    if run.run.timed_out or run.succeeded:
        return Verdict.broken(f"De opdracht {_ended(ctx, run)}", ctx.run_evidence(run))
    return Verdict.ok(f"De opdracht {_ended(ctx, run)}", ctx.run_evidence(run))


@client_checks.check("CLI-MALF-002")
def onleesbaar_geen_crash(ctx: ClientContext) -> Verdict:
    run = ctx.scenario("onleesbaar-antwoord")
    if isinstance(run, Verdict):
        return run
    evidence = ctx.run_evidence(run)
    if has_stack_trace(run.run.output):
        return Verdict.broken("De uitvoer bevat een stack trace", evidence)
    if not run.run.output.strip():
        return Verdict.broken("De opdracht gaf geen enkele melding", evidence)
    return Verdict.ok("Een melding, geen stack trace", evidence)
