"""A self-contained HTML report: every check with its rule, source, outcome and evidence.

One file, no scripts, no external resources (inline CSS only), so it can be mailed or archived
as a CI artefact. Everything from the wire is escaped; keys were masked before they got here.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from conformance.result import CheckResult, Evidence, Outcome, Report

__all__ = ["html_report", "write_html"]

_CSS = """
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem;color:#1d2330}
h1{font-size:1.4rem;margin:0 0 .3rem}
.meta{color:#556;margin-bottom:1rem}
.verdict{display:inline-block;padding:.35rem .8rem;border-radius:4px;font-weight:600;color:#fff}
.ok{background:#1f7a3f}.nok{background:#b3261e}
table{border-collapse:collapse;margin:1rem 0}
td,th{border:1px solid #d5d9e0;padding:.25rem .6rem;text-align:left;vertical-align:top}
details{border:1px solid #d5d9e0;border-radius:4px;margin:.35rem 0;padding:.3rem .6rem}
details[open]{background:#fafbfc}
summary{cursor:pointer}
.badge{display:inline-block;min-width:3.6rem;text-align:center;border-radius:3px;
 font-weight:600;font-size:.8rem;padding:.05rem .3rem;margin-right:.5rem;color:#fff}
.PASS{background:#1f7a3f}.FAIL{background:#b3261e}.WARN{background:#b26a00}
.SKIP{background:#7b8190}.XFAIL{background:#7a3fa0}
.id{font-family:ui-monospace,Menlo,Consolas,monospace;margin-right:.5rem}
.level{color:#556;font-size:.8rem;margin-right:.5rem}
.rule{color:#333;margin:.4rem 0}.source{color:#667;font-size:.85rem}
pre{background:#f1f3f6;border:1px solid #e0e3e8;padding:.5rem;overflow:auto;max-height:28rem;
 white-space:pre-wrap;word-break:break-all;font-size:12px}
.note{color:#0b5394}
"""


def _evidence(evidence: Evidence) -> str:
    parts = [f"<h4>{escape(evidence.label)}</h4>"]
    if evidence.note:
        parts.append(f'<pre class="note">{escape(evidence.note)}</pre>')
    if evidence.request:
        parts.append(f"<div>verzoek</div><pre>{escape(evidence.request)}</pre>")
    if evidence.response:
        parts.append(f"<div>antwoord</div><pre>{escape(evidence.response)}</pre>")
    return "".join(parts)


def _result(result: CheckResult) -> str:
    label = "XFAIL" if result.expected_failure is not None else result.outcome.value
    shown = "SKIP · niet uitgevoerd" if result.not_run else label
    expected = (
        f"<div><b>verwachte fout:</b> {escape(result.expected_failure)}</div>"
        if result.expected_failure is not None
        else ""
    )
    opened = " open" if result.counts_as_failure else ""
    evidence = "".join(_evidence(e) for e in result.evidence) or "<div>(geen bewijs)</div>"
    return (
        f"<details{opened}><summary><span class='badge {label}'>{shown}</span>"
        f"<span class='id'>{escape(result.check.id)}</span>"
        f"<span class='level'>{result.check.level.value}</span>"
        f"{escape(result.check.title)} — {escape(result.message)}</summary>"
        f"<div class='rule'>{escape(result.check.rule)}</div>"
        f"<div class='source'>bron: {escape(result.check.source)}</div>{expected}"
        f"{evidence}</details>"
    )


def html_report(report: Report) -> str:
    """The report as one HTML document."""
    counts = report.counts()
    verdict = (
        f"<span class='verdict {'ok' if report.passed else 'nok'}'>{escape(report.verdict())}</span>"
    )
    count_cells = "".join(
        f"<td><span class='badge {name}'>{name}</span>{n}</td>" for name, n in counts.items()
    )
    latency = ""
    if report.latency:
        rows = "".join(
            f"<tr><td>{escape(op)}</td><td>{row['count']:.0f}</td><td>{row['p50_ms']}</td>"
            f"<td>{row['max_ms']}</td></tr>"
            for op, row in report.latency.items()
        )
        latency = (
            "<h2>Antwoordtijden</h2><table><tr><th>operatie</th><th>aantal</th>"
            f"<th>p50 ms</th><th>max ms</th></tr>{rows}</table>"
        )
    notes = "".join(f"<li>{escape(note)}</li>" for note in report.notes)
    failing = [r for r in report.results if r.outcome is Outcome.FAIL]
    order = failing + [r for r in report.results if r.outcome is not Outcome.FAIL]
    return (
        "<!DOCTYPE html><html lang='nl'><head><meta charset='utf-8'>"
        f"<title>uwlr-conformance {escape(report.mode.value)}</title><style>{_CSS}</style></head>"
        f"<body><h1>UWLR-conformance ({escape(report.mode.value)})</h1>"
        f"<div class='meta'>{escape(report.target)}<br>gestart "
        f"{escape(report.started.isoformat(timespec='seconds'))}, "
        f"{report.seconds:.1f} s</div>{verdict}<table><tr>{count_cells}</tr></table>"
        f"{latency}{f'<ul>{notes}</ul>' if notes else ''}"
        f"<h2>Controles</h2>{''.join(_result(r) for r in order)}</body></html>\n"
    )


def write_html(report: Report, path: Path) -> None:
    """Write the HTML report to ``path``."""
    path.write_text(html_report(report), "utf-8")
