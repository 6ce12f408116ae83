"""Fault-injection rules are checked field by field, per kind, and documented with one example each.

Over a real server: the admin API (400 and a Dutch message naming the allowed fields), the
``mock-esis admin`` CLI (one line, exit 2) and the dashboard form. Before, an unknown field such
as ``seconds`` was silently ignored and ``status=abc`` gave Python's own English text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from dashboard_testkit import DashboardVisitor

from mock_esis.cli import main
from mock_esis.testing.client import MockEsisError
from mock_esis.testing.handle import MockEsisHandle
from mock_esis.testing.injection import KINDS

DOC = Path(__file__).resolve().parents[2] / "docs" / "mock-esis-admin.md"

COMMON = ("operation", "kind", "count", "share", "seed")


def _refused(handle: MockEsisHandle, spec: dict[str, Any]) -> MockEsisError:
    with pytest.raises(MockEsisError) as info:
        handle.admin.add_fault(**spec)
    return info.value


@pytest.mark.parametrize(
    ("spec", "named", "allowed"),
    [
        ({"kind": "latency", "seconds": 5}, "'seconds'", ("ms", "min_ms", "max_ms")),
        ({"kind": "http_status", "status": "abc"}, "'abc'", ("status", "body", "faultstring")),
        ({"kind": "reset", "ms": 100}, "'ms'", COMMON),
        ({"kind": "uwlr_fault", "status": 500}, "'status'", ("faultcode", "faultstring")),
        ({"kind": "hang", "ms": -1}, "'ms'", ("ms",)),
        ({"kind": "hang", "ms": True}, "'ms'", ("ms",)),
        ({"kind": "latency", "min_ms": 5}, "max_ms", ("ms", "min_ms", "max_ms")),
        ({"kind": "latency", "min_ms": 50, "max_ms": 5}, "min_ms", ("min_ms", "max_ms")),
        ({"kind": "http_status", "status": 99}, "'status'", ("status",)),
        ({"kind": "http_status", "body": "html"}, "'body'", ("body",)),
        ({"kind": "empty", "count": 0}, "'count'", COMMON),
        ({"kind": "garbage", "share": "veel"}, "'share'", COMMON),
        ({"kind": "malformed", "id": 3}, "'id'", COMMON),
    ],
)
def test_a_bad_field_is_refused_with_400_naming_the_allowed_fields(
    actief: MockEsisHandle, spec: dict[str, Any], named: str, allowed: tuple[str, ...]
) -> None:
    error = _refused(actief, {"operation": "*", **spec})
    assert error.status == 400
    assert named in error.fout
    assert "toegestaan" in error.fout
    for field in allowed:
        assert field in error.fout
    assert "\n" not in error.fout
    assert "invalid literal" not in error.fout and "could not convert" not in error.fout
    assert actief.faults() == []


@pytest.mark.parametrize(
    ("velden", "named"),
    [(["seconds=5"], "'seconds'"), (["status=abc"], "'abc'")],
)
def test_the_cli_refuses_a_bad_field_in_one_line_with_exit_2(
    actief: MockEsisHandle,
    capsys: pytest.CaptureFixture[str],
    velden: list[str],
    named: str,
) -> None:
    kind = "latency" if "seconds=5" in velden else "http_status"
    argv = ["admin", "--url", actief.base_url, "fout-toevoegen", "--kind", kind]
    for veld in velden:
        argv += ["--veld", veld]
    code = main(argv)
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert named in err and "toegestaan" in err
    assert actief.faults() == []


@pytest.fixture
def bezoeker(actief: MockEsisHandle) -> Iterator[DashboardVisitor]:
    visitor = DashboardVisitor(actief.base_url)
    yield visitor
    visitor.close()


def test_the_dashboard_form_shows_the_refusal_with_the_allowed_fields(
    actief: MockEsisHandle, bezoeker: DashboardVisitor
) -> None:
    page = bezoeker.post("/fouten", {"kind": "latency", "operation": "*", "status": "503"})
    assert page.status_code == 400
    assert "&#39;status&#39;" in page.text or "'status'" in page.text
    assert "min_ms" in page.text and "toegestaan" in page.text
    assert actief.faults() == []


# -- the documentation ------------------------------------------------------------------------


def _documented_examples() -> dict[str, list[dict[str, Any]]]:
    """The JSON examples of the fault-injection section, by kind."""
    text = DOC.read_text("utf-8")
    start = text.index("## Foutinjectie")
    following = text.find("\n## ", start + 1)
    section = text[start : following if following > 0 else len(text)]
    examples: dict[str, list[dict[str, Any]]] = {}
    for block in re.findall(r"```json\n(.*?)```", section, re.DOTALL):
        spec = json.loads(block)
        examples.setdefault(spec["kind"], []).append(spec)
    return examples


def test_every_kind_has_a_documented_example() -> None:
    examples = _documented_examples()
    assert sorted(examples) == sorted(KINDS)


def test_every_documented_example_is_accepted(actief: MockEsisHandle) -> None:
    for kind, specs in _documented_examples().items():
        for spec in specs:
            rule = actief.admin.add_fault(**spec)
            assert rule["kind"] == kind
            for name, value in spec.items():
                assert rule.get(name) == value, (kind, name)
    assert len(actief.faults()) == sum(len(s) for s in _documented_examples().values())
