"""Admin-API words follow the CLI word rule (ADR 0025): ``POST /__admin/recording`` with
``dir`` and ``raw_recording``; the old route ``/opname`` and fields ``map`` and ``ruwe_opname``
are still accepted for one release, and the answer says that they are deprecated."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from mock_esis.testing.handle import MockEsisHandle


def post(esis: MockEsisHandle, path: str, body: dict[str, Any]) -> httpx.Response:
    return httpx.post(f"{esis.endpoints['admin']}{path}", json=body, timeout=30)


def test_recording_route_takes_dir(esis: MockEsisHandle, tmp_path: Path) -> None:
    missing = tmp_path / "geen-opname"
    answer = post(esis, "/recording", {"dir": str(missing)})
    assert answer.status_code == 422, answer.text
    assert str(missing) in answer.json()["fout"]


def test_recording_route_without_dir_names_the_field(esis: MockEsisHandle) -> None:
    answer = post(esis, "/recording", {})
    assert answer.status_code == 422
    assert "'dir'" in answer.json()["fout"]


def test_old_route_and_field_still_work(esis: MockEsisHandle, tmp_path: Path) -> None:
    missing = tmp_path / "geen-opname"
    answer = post(esis, "/opname", {"map": str(missing), "ruwe_opname": True})
    assert answer.status_code == 422, answer.text
    assert str(missing) in answer.json()["fout"]


def test_old_and_new_field_together_are_refused(esis: MockEsisHandle, tmp_path: Path) -> None:
    answer = post(esis, "/recording", {"dir": str(tmp_path), "map": str(tmp_path)})
    assert answer.status_code == 422
    assert "'map' is verouderd" in answer.json()["fout"]


def test_deprecation_notes_in_the_answer() -> None:
    from mock_esis.admin.old_names import renamed_fields
    from mock_esis.recording.admin_route import OLD_FIELDS

    body, notes = renamed_fields(
        {"map": "x", "activeren": True}, {"map": "dir", "ruwe_opname": "raw_recording"}
    )
    assert body == {"dir": "x", "activeren": True}
    assert notes == ["'map' is verouderd; gebruik 'dir'"]
    body, notes = renamed_fields({"dir": "x", "ruwe_opname": True}, OLD_FIELDS)
    assert body == {"dir": "x", "raw_recording": True}
    assert notes == ["'ruwe_opname' is verouderd; gebruik 'raw_recording'"]


def test_seeding_refuses_a_field_it_does_not_know(esis: MockEsisHandle) -> None:
    """Regression: ``{"students_per_group": 3}`` (the serve option's old English word) was
    ignored without a word, and the school got 25 pupils per group."""
    answer = post(esis, "/scholen", {"seed": 5, "students_per_group": 3})
    assert answer.status_code == 422, answer.text
    fout = answer.json()["fout"]
    assert "'students_per_group'" in fout and "leerlingen_per_groep" in fout
    assert "aantal_groepen" in fout and "aantal_leerlingen" in fout


def test_admin_cli_seeds_with_the_serve_words(
    esis: MockEsisHandle, capsys: pytest.CaptureFixture[str]
) -> None:
    from mock_esis.cli import main

    argv = ["admin", "--url", esis.base_url, "scholen", "--seed", "8"]
    argv += ["--aantal-groepen", "2", "--aantal-leerlingen", "12"]
    assert main(argv) == 0
    made = json.loads(capsys.readouterr().out)["scholen"]
    assert len(made) == 1
    assert len(made[0]["groepen"]) == 2
    assert made[0]["aantal_leerlingen"] == 12
