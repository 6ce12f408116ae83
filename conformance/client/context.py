"""What the client checks judge: per scenario, the command's run, every request it sent, the
mock's journal and the results the mock stored."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from conformance.client.command import CommandRun
from conformance.client.recorder import Recorded
from conformance.client.scenarios import Scenario
from conformance.official import OFFICIAL_NOT_GIVEN
from conformance.result import Evidence, Verdict
from uwlr.masking import Masker
from uwlr.official import OfficialSchemas

__all__ = ["ClientContext", "ScenarioRun"]

_OUTPUT_SHOWN = 4000


@dataclass
class ScenarioRun:
    """One scenario: the command's run and what the mock saw."""

    scenario: Scenario
    run: CommandRun
    env: dict[str, str]
    records: list[Recorded]
    journal: list[dict[str, Any]]
    stored_results: list[str] = field(default_factory=list)
    expected_results: list[str] = field(default_factory=list)

    @property
    def succeeded(self) -> bool:
        return self.run.exit_code == 0

    def per_operation(self) -> Counter[str]:
        """How often each operation was sent."""
        return Counter(r.operation or "?" for r in self.records)

    def first_operation(self) -> str | None:
        return self.records[0].operation if self.records else None


@dataclass
class ClientContext:
    """Shared by the client checks of one run."""

    runs: dict[str, ScenarioRun]
    masker: Masker
    time_limit: float
    official: OfficialSchemas | None = None
    official_note: str = OFFICIAL_NOT_GIVEN
    max_attempts: int = 10

    def scenario(self, name: str) -> ScenarioRun | Verdict:
        """The run of scenario ``name``, or a SKIP verdict when it was not run."""
        run = self.runs.get(name)
        if run is None:
            return Verdict.skipped(f"Scenario {name} is niet uitgevoerd")
        return run

    # -- evidence -----------------------------------------------------------------------------------
    def run_evidence(self, run: ScenarioRun) -> Evidence:
        """The command's exit, duration, output and the requests it sent (all masked)."""
        exit_text = (
            f"gestopt na de tijdslimiet van {self.time_limit:g} s"
            if run.run.timed_out
            else f"exitcode {run.run.exit_code}"
        )
        lines = [f"scenario {run.scenario.name}: {run.scenario.title}"]
        lines.append(f"{exit_text}, {run.run.seconds:.1f} s")
        lines.append("verzoeken:")
        for number, record in enumerate(run.records, 1):
            answer = (
                f"HTTP {record.status}"
                if record.status is not None
                else (record.note or "geen antwoord")
            )
            if record.faultcode:
                answer += f" {record.faultcode}"
            lines.append(
                f"  {number}. {record.operation or '?'} SOAPAction={record.soapaction!r} "
                f"→ {answer} ({record.seconds * 1000:.0f} ms)"
            )
        if run.journal:
            lines.append("journaal van de mock:")
            for entry in run.journal:
                problems = "; ".join(entry.get("errors") or [])[:300]
                lines.append(
                    f"  #{entry.get('id')} {entry.get('operation')} {entry.get('verdict')} "
                    f"{entry.get('faultcode') or ''} HTTP {entry.get('http_status')}"
                    f"{' — ' + problems if problems else ''}"
                )
        output = (
            self.masker.evidence(run.run.output[-_OUTPUT_SHOWN:], limit=None) or "(geen uitvoer)"
        )
        return Evidence(
            label=f"scenario {run.scenario.name}",
            note=self.masker.evidence("\n".join(lines), limit=None),
            response=f"uitvoer van de opdracht:\n{output}",
        )

    def request_evidence(self, run: ScenarioRun, record: Recorded, note: str) -> Evidence:
        """One request as evidence (key masked)."""
        head = f"POST /uwlr/{record.endpoint}\nSOAPAction: {record.soapaction}\n"
        head += f"Content-Type: {record.content_type}\n\n"
        return Evidence(
            label=f"scenario {run.scenario.name}: {record.operation or 'verzoek'}",
            request=self.masker.evidence(head + record.body.decode("utf-8", "replace")),
            response=self.masker.evidence(record.response) if record.response else record.note,
            http_status=record.status,
            note=note,
        )
