"""The state file's schema and reader, the health route and ``reset --naar-start`` (in-process
servers over loopback HTTP; the subprocess side is in test_state_file_readiness.py)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from mock_esis_testkit import answer_of

from conformance.las.target import LasTarget
from mock_esis.cli import main as mock_esis_main
from mock_esis.testing.client import AdminClient, EsisClient
from mock_esis.testing.handle import MockEsisHandle
from mock_esis.web.state_file import StateFileWriter
from uwlr.esis_state_file import (
    SCHEMA_FILE,
    StateFileError,
    parse_document,
    read_state_file,
    wait_for_state_file,
)
from uwlr.models import LeerlinggegevensVerzoek

Factory = Callable[..., MockEsisHandle]


def _check(value: Any, schema: dict[str, Any], where: str = "$") -> list[str]:
    """The subset of JSON Schema the state-file schema uses (type, const, minimum, required,
    properties, additionalProperties, items)."""
    kinds: dict[str, type] = {"object": dict, "array": list, "string": str, "null": type(None)}
    types = schema.get("type")
    problems: list[str] = []
    if types is not None:
        allowed = types if isinstance(types, list) else [types]
        ok = any(
            (isinstance(value, int) and not isinstance(value, bool))
            if t == "integer"
            else isinstance(value, kinds[t])
            for t in allowed
        )
        if not ok:
            return [f"{where}: {value!r} is not {types}"]
    if "const" in schema and value != schema["const"]:
        problems.append(f"{where}: {value!r} != {schema['const']!r}")
    if "minimum" in schema and value < schema["minimum"]:
        problems.append(f"{where}: below {schema['minimum']}")
    if isinstance(value, dict):
        props = schema.get("properties", {})
        problems += [f"{where}: misses {k}" for k in schema.get("required", []) if k not in value]
        if schema.get("additionalProperties") is False:
            problems += [f"{where}: unknown {k}" for k in value if k not in props]
        for key, sub in value.items():
            if key in props:
                problems += _check(sub, props[key], f"{where}.{key}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            problems += _check(item, schema["items"], f"{where}[{i}]")
    return problems


def test_the_written_file_follows_the_shipped_schema(
    mock_esis_factory: Factory, tmp_path: Path
) -> None:
    schema = json.loads(SCHEMA_FILE.read_text("utf-8"))
    handle = mock_esis_factory(schools=2, students_per_group=3, activate_all=True)
    handle.admin.koppeling_deactiveren(handle.schools[1].code)
    path = tmp_path / "esis.json"
    handle.server.write_state_file(path)
    document = json.loads(path.read_text("utf-8"))
    assert _check(document, schema) == []
    assert document["scholen"][1]["autorisatiesleutel"] is None
    assert _check({**document, "versie": 2}, schema) != []  # the checker can fail
    assert _check({**document, "poort": 1}, schema) != []


def test_the_schema_is_shipped_and_documented() -> None:
    doc = (Path(__file__).parents[2] / "docs" / "mock-esis-state-file.md").read_text("utf-8")
    schema = json.loads(SCHEMA_FILE.read_text("utf-8"))
    for key in schema["properties"]:
        assert f"`{key}`" in doc, f"{key} is not in docs/mock-esis-state-file.md"
    school = schema["properties"]["scholen"]["items"]["properties"]
    for key in school:
        assert f"`{key}`" in doc, f"scholen[].{key} is not in docs/mock-esis-state-file.md"


def test_files_of_the_previous_release_are_still_read(tmp_path: Path) -> None:
    old = {
        "pid": 1,
        "endpoints": {
            "leerlinggegevens": "http://127.0.0.1:1/uwlr/leerlinggegevens",
            "leerresultaten": "http://127.0.0.1:1/uwlr/leerresultaten",
            "admin": "http://127.0.0.1:1/__admin",
        },
        "klantnaam": "Boom testcentrum",
        "klantcode": "BOOM-TC-UWLR",
        "schools": [{"brincode": "99QQ", "dependancecode": "00", "autorisatiesleutel": "k" * 40}],
    }
    path = tmp_path / "old.json"
    path.write_text(json.dumps(old))
    state = read_state_file(path)
    assert state.versie == 0 and state.start_id is None
    assert [s.brincode for s in state.scholen] == ["99QQ"]
    target = LasTarget.from_state_file(path)  # uwlr-conformance reads it the same way
    assert target.brincode == "99QQ" and target.sleutel == "k" * 40


def test_a_newer_versie_is_refused_in_dutch(tmp_path: Path) -> None:
    with pytest.raises(StateFileError, match="versie 9.*werk boomlink bij"):
        parse_document({"versie": 9}, tmp_path / "x.json")


def test_the_health_route_needs_no_token_and_tells_nothing(mock_esis_factory: Factory) -> None:
    handle = mock_esis_factory(schools=1, students_per_group=3, admin_token="geheim-token")
    answer = httpx.get(f"{handle.base_url}/__admin/gezond", timeout=5)
    assert answer.status_code == 200
    assert answer.json() == {"status": "gezond", "start_id": handle.app.start_id}
    assert httpx.get(f"{handle.base_url}/__admin/state", timeout=5).status_code == 403


def test_a_file_naming_another_start_is_not_taken(
    mock_esis_factory: Factory, tmp_path: Path
) -> None:
    """A leftover whose port is now served by another mock (a fixed --port) is passed over."""
    handle = mock_esis_factory(schools=1, students_per_group=3)
    path = tmp_path / "esis.json"
    document = handle.server.state_json()
    path.write_text(json.dumps({**document, "start_id": "een-eerdere-start"}))
    with pytest.raises(StateFileError, match="andere nep-ESIS"):
        wait_for_state_file(path, 0.2)
    path.write_text(json.dumps(document))
    assert wait_for_state_file(path, 0.2).start_id == handle.app.start_id


def _leerlingen(handle: MockEsisHandle, index: int) -> int:
    school = handle.schools[index]
    verzoek = LeerlinggegevensVerzoek(
        schooljaar=school.schooljaar,
        brincode=school.brincode,
        dependancecode=school.dependancecode,
    )
    response = handle.call("HaalLeerlinggegevens", verzoek, handle.autorisatie(school))
    return len(answer_of(response).gegevens.leerlingen)


def test_reset_naar_start_brings_back_the_same_schools_and_keys(
    mock_esis_factory: Factory, capsys: pytest.CaptureFixture[str]
) -> None:
    handle = mock_esis_factory(schools=2, students_per_group=3, activate_all=True)
    start = handle.schools
    pupils = _leerlingen(handle, 0)
    first = start[0].code
    key_of_pupil = handle.admin.school(first)["leerlingen"][0]["key"]
    handle.admin.remove_leerling(first, key_of_pupil)
    handle.admin.koppeling_activeren(first)  # a new key
    handle.admin.koppeling_deactiveren(start[1].code)
    handle.admin.seed(seed=9, aantal=1)
    handle.admin.volgend_schooljaar()
    handle.admin.reset()

    admin_url = handle.endpoints["admin"]  # the state file's entry, as is
    assert mock_esis_main(["admin", "--url", admin_url, "reset", "--naar-start"]) == 0
    assert "terug bij de start" in capsys.readouterr().out

    back = handle.schools
    assert [(s.code, s.autorisatiesleutel, s.schooljaar) for s in back] == [
        (s.code, s.autorisatiesleutel, s.schooljaar) for s in start
    ]
    assert _leerlingen(handle, 0) == pupils
    assert _leerlingen(handle, 1) > 0  # the second school's start key works again
    handle.admin.reset_naar_start()  # twice is the same
    assert [s.autorisatiesleutel for s in handle.schools] == [s.autorisatiesleutel for s in start]


def test_reset_naar_start_is_saved_in_the_db(mock_esis_factory: Factory, tmp_path: Path) -> None:
    from mock_esis.web.factory import MockOptions, build_app

    db = tmp_path / "esis.sqlite3"
    handle = mock_esis_factory(schools=1, students_per_group=3, activate_all=True, db=str(db))
    key = handle.school.autorisatiesleutel
    handle.admin.koppeling_activeren(handle.school.code)
    handle.admin.reset_naar_start()
    restored = build_app(MockOptions(db=str(db)))
    assert restored.restored_from == db
    (school,) = restored.state.schools.values()
    assert school.koppeling.autorisatiesleutel == key


def test_the_writer_rewrites_on_key_changes_only(
    mock_esis_factory: Factory, tmp_path: Path
) -> None:
    """A key rotation gives a new file (a rename: a new inode); a field edit leaves the file as
    it was (no write)."""
    handle = mock_esis_factory(schools=1, students_per_group=3, activate_all=True)
    path = tmp_path / "esis.json"
    writer = StateFileWriter(handle.server, path)
    writer.open()
    try:
        first = path.stat().st_ino
        code = handle.school.code
        pupil = handle.admin.school(code)["leerlingen"][0]["key"]
        handle.admin.update_leerling(code, pupil, roepnaam="Anders")
        assert path.stat().st_ino == first
        handle.admin.koppeling_activeren(code)
        assert path.stat().st_ino != first
        assert (
            read_state_file(path).scholen[0].autorisatiesleutel == handle.school.autorisatiesleutel
        )
    finally:
        writer.close()
    assert not path.exists()


def test_waiting_for_a_tls_mock_uses_the_ca_in_the_file(tmp_path: Path) -> None:
    from mock_esis.web.factory import MockOptions, build_app
    from mock_esis.web.server import MockEsisServer
    from mock_esis.web.tls import make_certificates

    certificates = make_certificates(tmp_path / "tls", hosts=("127.0.0.1",))
    app = build_app(MockOptions(schools=1, students_per_group=3, activate_all=True))
    with MockEsisServer(app, tls=certificates) as server:
        path = tmp_path / "esis.json"
        server.write_state_file(path)
        state = wait_for_state_file(path, 5)
        assert state.gezond_url is not None and state.gezond_url.startswith("https://")
        assert state.start_id == app.start_id


def test_the_clients_take_the_state_file_entries_as_they_are() -> None:
    assert AdminClient("http://127.0.0.1:1/__admin/").base_url == "http://127.0.0.1:1"
    assert EsisClient("http://127.0.0.1:1/esis").base_url == "http://127.0.0.1:1"
    assert AdminClient("http://127.0.0.1:1").base_url == "http://127.0.0.1:1"


def test_waiting_for_a_file_of_the_previous_release(
    mock_esis_factory: Factory, tmp_path: Path
) -> None:
    """No ``start_id``, and its mock had no health route: any HTTP answer will do."""
    handle = mock_esis_factory(schools=1, students_per_group=3)
    old = {"endpoints": {"admin": f"{handle.base_url}/__admin/nergens"}, "schools": []}
    path = tmp_path / "old.json"
    path.write_text(json.dumps(old))
    assert wait_for_state_file(path, 0.5).versie == 0


def test_wacht_belongs_to_the_state_file(capsys: pytest.CaptureFixture[str]) -> None:
    from conformance.cli import main as conformance_main

    assert conformance_main(["las", "--wacht", "3", "--leerlinggegevens-url", "http://x"]) == 2
    assert "--wacht hoort bij --state-file" in capsys.readouterr().err
