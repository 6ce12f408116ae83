"""``boomlink uwlr-afnemer``: the command that fits the client contract (unit and against the mock)."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from boomlink.cli.afnemer import AfnemerInstellingen, InstellingFout, lees_resultaten, run
from boomlink.cli.main import main as boomlink_main
from mock_esis.testing.handle import MockEsisHandle

RESULTATEN = [
    {
        "resultaat_key": "r-1",
        "leerlingid": "L1",
        "toetscode": "REK",
        "toetsnaam": "Rekenen",
        "afnamedatum": "2026-10-15",
        "score": 31,
        "vaardigheidsscore": 151.5,
        "dle": 21,
    },
    {
        "resultaat_key": "r-2",
        "leerlingid": "L2",
        "toetscode": "REK",
        "toetsnaam": "Rekenen",
        "afnamedatum": "2026-10-16",
        "score": 12,
        "vaardigheidsscore": None,
        "dle": None,
    },
]


def _env(handle: MockEsisHandle, **extra: str) -> dict[str, str]:
    school = handle.school
    return {
        "UWLR_LEERLINGGEGEVENS_URL": handle.endpoints["leerlinggegevens"],
        "UWLR_LEERRESULTATEN_URL": handle.endpoints["leerresultaten"],
        "UWLR_AUTORISATIESLEUTEL": school.autorisatiesleutel or "",
        "UWLR_KLANTCODE": handle.klantcode,
        "UWLR_KLANTNAAM": handle.klantnaam,
        "UWLR_BRINCODE": school.brincode,
        "UWLR_DEPENDANCECODE": school.dependancecode,
        "UWLR_SCHOOLJAAR": school.schooljaar,
        "BOOMLINK_UWLR_READ_TIMEOUT": "2",
        **extra,
    }


def _run(env: dict[str, str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(env, out, err)
    return code, out.getvalue(), err.getvalue()


def test_missing_settings_are_named(tmp_path: Path) -> None:
    code, _, err = _run({"UWLR_KLANTCODE": "X"})
    assert code == 2
    assert "UWLR_LEERLINGGEGEVENS_URL" in err and "UWLR_BRINCODE (of UWLR_SCHOOLKEY)" in err


def test_results_file_mapping(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_text(json.dumps(RESULTATEN), "utf-8")
    env = {
        "UWLR_LEERLINGGEGEVENS_URL": "http://x/lg",
        "UWLR_LEERRESULTATEN_URL": "http://x/lr",
        "UWLR_AUTORISATIESLEUTEL": "sleutel-123456",
        "UWLR_KLANTCODE": "K",
        "UWLR_KLANTNAAM": "N",
        "UWLR_BRINCODE": "99qq",
        "UWLR_SCHOOLJAAR": "2026-2027",
    }
    instellingen = AfnemerInstellingen.uit_omgeving(env)
    assert instellingen.brincode == "99QQ" and instellingen.dependancecode == "00"
    assert "sleutel-123456" not in repr(instellingen)
    verzoek = lees_resultaten(path, instellingen)
    first, second = (a.resultaten[0] for a in verzoek.toetsafnames)
    assert first.score is None and first.osoresultaat is not None
    assert first.osoresultaat.toetsscore is not None
    assert str(first.osoresultaat.toetsscore.vaardigheidsscore) == "151.5"
    assert first.osoresultaat.toetsscore.aantalgoed == 31
    assert [r.waarde for r in first.osoresultaat.referentiescores] == ["21"]
    assert second.score == 12 and second.osoresultaat is None
    assert [t.toetscode for t in verzoek.toetsen] == ["REK"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"resultaat_key": "r-1"}, "meer dan eens"),
        ({"afnamedatum": "15-10-2026"}, "JJJJ-MM-DD"),
        ({"score": -1}, "geheel getal"),
        ({"score": None, "vaardigheidsscore": None, "dle": None}, "geen score"),
        ({"leerlingid": ""}, "leerlingid ontbreekt"),
    ],
)
def test_bad_results_files_are_refused(
    tmp_path: Path, change: dict[str, Any], message: str
) -> None:
    path = tmp_path / "r.json"
    path.write_text(json.dumps([RESULTATEN[0], {**RESULTATEN[1], **change}]), "utf-8")
    env = {
        "UWLR_LEERLINGGEGEVENS_URL": "http://x/lg",
        "UWLR_LEERRESULTATEN_URL": "http://x/lr",
        "UWLR_AUTORISATIESLEUTEL": "s",
        "UWLR_KLANTCODE": "K",
        "UWLR_KLANTNAAM": "N",
        "UWLR_BRINCODE": "99QQ",
    }
    with pytest.raises(InstellingFout, match=message):
        lees_resultaten(path, AfnemerInstellingen.uit_omgeving(env))


def test_fetch_and_push_against_the_mock(mock_esis: MockEsisHandle, tmp_path: Path) -> None:
    school = mock_esis.school
    gegevens = mock_esis.app.state.schools[school.code].gegevens(school.schooljaar)
    assert gegevens is not None
    pupils = gegevens.leerlingen[:2]
    results = [dict(r, leerlingid=p.key) for r, p in zip(RESULTATEN, pupils, strict=True)]
    path = tmp_path / "r.json"
    path.write_text(json.dumps(results), "utf-8")
    code, out, err = _run(_env(mock_esis, UWLR_RESULTATEN_FILE=str(path)))
    assert code == 0, err
    assert "Leerlinggegevens opgehaald" in out and "2 resultaten van 2 leerlingen" in out
    stored = mock_esis.app.state.schools[school.code].resultaten
    assert set(stored) == {"r-1", "r-2"}
    assert stored["r-1"].dle == "21"


def test_a_refused_key_exits_1_with_a_message(mock_esis: MockEsisHandle) -> None:
    env = _env(mock_esis, UWLR_AUTORISATIESLEUTEL="verkeerde-sleutel-0000")
    code, out, err = _run(env)
    assert code == 1
    assert "autorisatiesleutel" in err and "verkeerde-sleutel-0000" not in err + out
    assert "Traceback" not in err


def test_the_boomlink_subcommand(
    mock_esis: MockEsisHandle, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, value in _env(mock_esis).items():
        monkeypatch.setenv(name, value)
    assert boomlink_main(["uwlr-afnemer"]) == 0
    assert "Leerlinggegevens opgehaald" in capsys.readouterr().out


def _plain_env(**extra: str) -> dict[str, str]:
    return {
        "UWLR_LEERLINGGEGEVENS_URL": "http://127.0.0.1:9/uwlr/leerlinggegevens",
        "UWLR_LEERRESULTATEN_URL": "http://127.0.0.1:9/uwlr/leerresultaten",
        "UWLR_AUTORISATIESLEUTEL": "sleutel-1234567890",
        "UWLR_KLANTCODE": "BOOM",
        "UWLR_KLANTNAAM": "Boom",
        "UWLR_BRINCODE": "99QQ",
        **extra,
    }


def test_the_harness_answer_timeout_is_the_read_timeout() -> None:
    assert AfnemerInstellingen.uit_omgeving(_plain_env()).config.read_timeout == 30.0
    given = AfnemerInstellingen.uit_omgeving(_plain_env(UWLR_TIMEOUT="1.5"))
    assert given.config.read_timeout == 1.5
    own = _plain_env(UWLR_TIMEOUT="1.5", BOOMLINK_UWLR_READ_TIMEOUT="4")
    assert AfnemerInstellingen.uit_omgeving(own).config.read_timeout == 4.0  # boomlink's own wins
    with pytest.raises(InstellingFout, match="UWLR_TIMEOUT"):
        AfnemerInstellingen.uit_omgeving(_plain_env(UWLR_TIMEOUT="lang"))


def test_the_lean_entry_point_for_ci() -> None:
    # python -m boomlink.cli.afnemer skips the rest of the boomlink CLI (much faster to start)
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "boomlink.cli.afnemer"],
        env={"PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert "UWLR_LEERLINGGEGEVENS_URL" in done.stderr and "Traceback" not in done.stderr
