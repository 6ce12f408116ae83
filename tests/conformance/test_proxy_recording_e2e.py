"""End to end: the mock ESIS as the real LAS, the proxy in front, boomlink's link through it; the
recording anonymised; the anonymised school served by ``mock-esis serve --from-recording``.

Every personal value must differ from the original and the structure must be identical; the
served answers must be valid against our contract and (when present) the official schemas.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import TypedDict

import httpx
import pytest
from conformance_testkit import serving
from proxy_testkit import afnemer_env, post, proxy_for

from conformance.client.contract import RESULTATEN_FILE, results_for, write_results
from conformance.las import LasTarget
from conformance.las.requests import verzoek_envelope
from conformance.result import Report
from mock_esis.recording import AnonymisationError, anonymise_recording, load_recording
from mock_esis.state.model import MockState
from uwlr.envelope import parse_envelope, to_bytes
from uwlr.models import (
    Leerkracht,
    Leerling,
    Leerlinggegevens,
    LeerlinggegevensAntwoord,
    LeerresultatenVerzoek,
    Message,
)
from uwlr.official import OfficialSchemasMissing, official_schemas
from uwlr.parse import parse_with_warnings
from uwlr.recording import RecordingError, read_recording
from uwlr.validate import validate

pytestmark = pytest.mark.slow

BOOMLINK = [
    sys.executable,
    "-c",
    "import sys; from boomlink.cli.main import main; sys.exit(main())",
]
SECRET = "proef-geheim"


class Opname(TypedDict):
    """What :func:`recorded` gives the tests: the recording, raw and anonymised, and its run."""

    folder: Path
    raw: Path
    anon: Path
    report: Report
    target: LasTarget
    stored: int


def _message(path: Path) -> Message:
    envelope = parse_envelope(path.read_bytes())
    assert envelope.body is not None
    return parse_with_warnings(envelope.body).message


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> Opname:
    """boomlink uwlr-afnemer through the proxy (fetch and push), recorded, then anonymised."""
    folder = tmp_path_factory.mktemp("opname")
    with serving(students_per_group=4) as (server, target):
        school = next(iter(server.app.state.schools.values()))
        results = folder / "resultaten.json"
        gegevens = school.gegevens(school.schooljaar)
        assert gegevens is not None
        write_results(results, results_for(gegevens, school.schooljaar))
        with proxy_for(target, record=folder / "ruw") as proxy:
            env = afnemer_env(target, proxy.endpoints)
            env[RESULTATEN_FILE] = str(results)
            env["BOOMLINK_DB"] = str(folder / "boomlink.sqlite3")
            run = subprocess.run(
                [*BOOMLINK, "uwlr-afnemer"], env=env, capture_output=True, text=True, timeout=120
            )
            assert proxy.judge.wait_idle()
            report = proxy.report()
        stored = len(school.resultaten)
    assert run.returncode == 0, run.stdout + run.stderr
    anon = folder / "anon"
    anonymise_recording(folder / "ruw", anon, SECRET)
    return {
        "folder": folder,
        "raw": folder / "ruw",
        "anon": anon,
        "report": report,
        "target": target,
        "stored": stored,
    }


def test_boomlink_through_the_proxy_passes_and_its_results_arrive(recorded: Opname) -> None:
    report = recorded["report"]
    failing = {r.check.id: r.message for r in report.results if r.outcome.value == "FAIL"}
    assert failing == {}
    assert recorded["stored"] == 4  # the push went through the proxy unchanged
    operations = [x.operatie for x in read_recording(recorded["raw"]).exchanges]
    assert "BrengLeerresultaten" in operations


def _gegevens(folder: Path) -> Leerlinggegevens:
    recording = read_recording(folder)
    for exchange in recording.exchanges:
        if exchange.operatie == "HaalLeerlinggegevens" and exchange.antwoord:
            message = _message(folder / exchange.antwoord)
            if isinstance(message, LeerlinggegevensAntwoord) and message.gegevens is not None:
                return message.gegevens
    raise AssertionError("geen leerlinggegevens in de opname")


def _push(folder: Path) -> LeerresultatenVerzoek:
    recording = read_recording(folder)
    exchange = next(x for x in recording.exchanges if x.operatie == "BrengLeerresultaten")
    message = _message(folder / exchange.verzoek)
    assert isinstance(message, LeerresultatenVerzoek)
    return message


_PERSONAL = ("achternaam", "voornamen", "roepnaam", "geboortedatum", "emailadres",
             "gebruikersnaam", "key", "eckid")  # fmt: skip


def _differs(old: Leerling | Leerkracht, new: Leerling | Leerkracht) -> list[str]:
    return [
        name
        for name in _PERSONAL
        if getattr(old, name, None) is not None and getattr(old, name) == getattr(new, name)
    ]


def test_every_personal_value_differs_and_the_structure_is_identical(
    recorded: Opname,
) -> None:
    old, new = _gegevens(recorded["raw"]), _gegevens(recorded["anon"])
    assert old.school == new.school
    assert old.groepen == new.groepen and old.samengestelde_groepen == new.samengestelde_groepen
    assert len(old.leerlingen) == len(new.leerlingen) > 0
    assert len(old.leerkrachten) == len(new.leerkrachten) > 0
    keys: dict[str | None, str | None] = {}
    for a, b in zip(old.leerlingen, new.leerlingen, strict=True):
        assert _differs(a, b) == [], a.key
        assert (a.eckid is None) == (b.eckid is None)
        for name in ("jaargroep", "groep", "samengestelde_groepen", "geslacht", "mutatiedatum"):
            assert getattr(a, name) == getattr(b, name), name
        assert (a.voorletters is None) == (b.voorletters is None)
        if a.geboortedatum is not None:
            assert b.geboortedatum is not None
            assert _age(a.geboortedatum, old.school.schooljaar) == _age(
                b.geboortedatum, old.school.schooljaar
            )
        keys[a.key] = b.key
    for c, d in zip(old.leerkrachten, new.leerkrachten, strict=True):
        assert _differs(c, d) == [], c.key
        assert c.groepen == d.groepen and c.rollen == d.rollen
        assert c.mutatiedatum == d.mutatiedatum
        assert (c.emailadres is None) == (d.emailadres is None)
    # the same pupil, the same fake key, in the pushed results too
    old_push, new_push = _push(recorded["raw"]), _push(recorded["anon"])
    assert [keys[a.leerlingid] for a in old_push.toetsafnames] == [
        b.leerlingid for b in new_push.toetsafnames
    ]
    for e, f in zip(old_push.toetsafnames, new_push.toetsafnames, strict=True):
        assert [r.score for r in e.resultaten] == [r.score for r in f.resultaten]
        assert all(r.key not in {s.key for s in f.resultaten} for r in e.resultaten)
    # (a fake surname may equal some other person's real one: both come from the same lists)


def _age(born: dt.date, schooljaar: str) -> int:
    on = dt.date(int(schooljaar[:4]), 10, 1)
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def test_the_same_secret_gives_the_same_output(recorded: Opname, tmp_path: Path) -> None:
    again = tmp_path / "nogmaals"
    anonymise_recording(recorded["raw"], again, SECRET)
    other = tmp_path / "ander"
    anonymise_recording(recorded["raw"], other, "een ander geheim")
    first = read_recording(recorded["anon"])
    for exchange in first.exchanges:
        for name in (exchange.verzoek, exchange.antwoord):
            if name:
                assert (again / name).read_bytes() == (recorded["anon"] / name).read_bytes()
    assert _gegevens(other).leerlingen[0].key != _gegevens(recorded["anon"]).leerlingen[0].key
    report = json.loads((recorded["anon"] / "anonimisering.json").read_text("utf-8"))
    assert any(k.startswith("achternaam") for k in report["vervangen"])
    assert any(k.startswith("leerling/@key") for k in report["vervangen"])


def test_serve_from_recording_answers_like_the_recorded_school(
    recorded: Opname, tmp_path: Path
) -> None:
    state_file = tmp_path / "esis.json"
    process = subprocess.Popen(
        [sys.executable, "-m", "mock_esis", "serve", "--port", "0", "--activeren",
         "--from-recording", str(recorded["anon"]), "--state-file", str(state_file)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while not (state_file.exists() and state_file.stat().st_size):
            assert process.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        state = json.loads(state_file.read_text("utf-8"))
        school = state["scholen"][0]
        target = LasTarget(
            leerlinggegevens_url=state["endpoints"]["leerlinggegevens"],
            sleutel=school["autorisatiesleutel"],
            klantcode=state["klantcode"],
            klantnaam=state["klantnaam"],
            brincode=school["brincode"],
            schooljaar=school["schooljaar"],
        )
        response = post(target.leerlinggegevens_url, "HaalLeerlinggegevens",
                        to_bytes(verzoek_envelope(target)))  # fmt: skip
        refused = post(
            target.leerlinggegevens_url,
            "HaalLeerlinggegevens",
            to_bytes(verzoek_envelope(_with_key(target, "fout"))),
        )
        journal = httpx.get(state["endpoints"]["admin"] + "/journal", timeout=10).json()
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert response.status_code == 200
    envelope = parse_envelope(response.content)
    assert validate(envelope.root) == []
    assert refused.status_code == 500 and b"Client.AutorisatieOngeldig" in refused.content
    assert journal  # the mock's journal applies to the recorded school
    assert envelope.body is not None
    answer = parse_with_warnings(envelope.body).message
    assert isinstance(answer, LeerlinggegevensAntwoord) and answer.gegevens is not None
    served = answer.gegevens
    anon = _gegevens(recorded["anon"])
    assert [p.key for p in served.leerlingen] == [p.key for p in anon.leerlingen]
    assert [p.achternaam for p in served.leerlingen] == [p.achternaam for p in anon.leerlingen]
    assert served.groepen == anon.groepen
    try:
        official = official_schemas()
    except OfficialSchemasMissing as exc:
        pytest.skip(f"de officiële UWLR 2.2-schema's ontbreken: {exc}")
    assert official.errors(envelope.root) == []


def _with_key(target: LasTarget, key: str) -> LasTarget:
    from dataclasses import replace

    return replace(target, sleutel=key)


# -- bad input --------------------------------------------------------------------------------------


def _copy(source: Path, target: Path) -> Path:
    import shutil

    shutil.copytree(source, target)
    return target


def test_a_damaged_recording_is_refused_with_the_file_named(
    recorded: Opname, tmp_path: Path
) -> None:
    broken = _copy(recorded["raw"], tmp_path / "kapot")
    victim = read_recording(broken).exchanges[0].antwoord
    assert victim is not None
    (broken / victim).write_bytes((broken / victim).read_bytes()[:-40])
    with pytest.raises(RecordingError) as refused:
        anonymise_recording(broken, tmp_path / "uit", SECRET)
    assert victim in str(refused.value)
    assert not (tmp_path / "uit").exists()
    command = [sys.executable, "-m", "mock_esis", "recording", "anonimiseren", str(broken),
               "--out", str(tmp_path / "uit2"), "--secret", SECRET]  # fmt: skip
    run = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert run.returncode == 1 and victim in run.stderr and "Traceback" not in run.stderr
    serve = subprocess.run(
        [sys.executable, "-m", "mock_esis", "serve", "--port", "0", "--from-recording",
         str(broken), "--raw-recording"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert serve.returncode == 2 and victim in serve.stderr
    (broken / "index.json").write_text("{kapot", "utf-8")
    with pytest.raises(RecordingError, match="index.json"):
        read_recording(broken)


def test_an_unknown_element_stops_the_anonymisation_loudly(
    recorded: Opname, tmp_path: Path
) -> None:
    import hashlib

    odd = _copy(recorded["raw"], tmp_path / "vreemd")
    index = json.loads((odd / "index.json").read_text("utf-8"))
    entry = next(x for x in index["uitwisselingen"] if x["operatie"] == "HaalLeerlinggegevens")
    path = odd / entry["antwoord"]
    data = path.read_bytes().replace(
        b"</lg:roepnaam>", b"</lg:roepnaam><lg:huisarts>Dr. Jansen</lg:huisarts>", 1
    )
    path.write_bytes(data)
    entry["antwoord_sha256"] = hashlib.sha256(data).hexdigest()
    (odd / "index.json").write_text(json.dumps(index), "utf-8")
    with pytest.raises(AnonymisationError) as stopped:
        anonymise_recording(odd, tmp_path / "uit", SECRET)
    message = str(stopped.value)
    assert "huisarts" in message and entry["antwoord"] in message
    assert not (tmp_path / "uit").exists()


def test_a_raw_recording_is_not_served_by_default(recorded: Opname) -> None:
    with pytest.raises(RecordingError, match="niet geanonimiseerd"):
        load_recording(MockState(), recorded["raw"])
    assert load_recording(MockState(), recorded["anon"], activate=True)


def test_the_admin_api_loads_a_recording(recorded: Opname) -> None:
    from mock_esis.web.factory import MockOptions, build_app
    from mock_esis.web.server import MockEsisServer

    app = build_app(MockOptions(seed=9, students_per_group=1))
    with MockEsisServer(app) as server:
        admin = server.endpoints["admin"]
        loaded = httpx.post(
            f"{admin}/recording", json={"dir": str(recorded["anon"]), "activeren": True}, timeout=30
        )
        wrong = httpx.post(f"{admin}/recording", json={"dir": str(recorded["raw"])}, timeout=30)
        old = httpx.post(f"{admin}/opname", json={"map": str(recorded["anon"])}, timeout=30)
    assert loaded.status_code == 201, loaded.text
    brin = recorded["target"].brincode
    assert [s["brincode"] for s in loaded.json()["scholen"]] == [brin]
    assert "verouderd" not in loaded.json()
    assert wrong.status_code == 422 and "niet geanonimiseerd" in wrong.text
    assert old.status_code == 201, old.text
    assert [s["brincode"] for s in old.json()["scholen"]] == [brin]
    assert old.json()["verouderd"] == [
        "POST /__admin/opname is verouderd; gebruik POST /__admin/recording",
        "'map' is verouderd; gebruik 'dir'",
    ]
