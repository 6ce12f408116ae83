"""``make demo``: the whole handbook walk-through, run as a real subprocess from the repo root.

The demo runs once per module (``sys.executable -m demo``); the tests read its output: every
handbook step in order, the screens and buttons by their handbook names, the 3 × 3 review with
counts, the key only masked, invitations and the Mijn Groep figures, and its own clean-up (how
long it takes is no test: speed goals live in ``benchmarks/``). A second run breaks ESIS halfway
(the mock's own fault injection, HTTP 503 on every ``HaalStructuur``) to see the Dutch failure
message, exit status 1 and the clean-up.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

KOPPEN = (
    "Voorbereiding  UWLR-koppeling aanvragen bij Boom",
    "Stap 1  Koppeling aanvragen in het Boom testcentrum",
    "Stap 2  Koppeling activeren en autorisatiesleutel aanmaken in ESIS",
    "Stap 3  Koppeling activeren in het Boom testcentrum",
    "Stap 4  Import controleren en afronden",
    "Resultaten  Een genormeerde toets in ESIS Mijn Groep",
    "Samenvatting",
)
# The handbook's screens and buttons, as the school admin knows them.
SCHERMEN_EN_KNOPPEN = (
    "Beheer → Koppelen met LAS",
    "Type koppeling",
    "ESIS UWLR",
    "[Verwijder nummers]",
    "[Aanvragen]",
    "goedgekeurd",
    "Import-Export-Koppelingen > Koppelingen",
    "[Activeren]",
    "verificatiecode",
    "SchoolKey",
    "[Wijzigingen opslaan]",
    "[Gegevens importeren]",
    "Niet importeren",
    "[Koppel met bestaande leerling]",
    "Mijn Groep",
)
# 256 random bits in URL-safe base64 (the key, an invitation token) are 43 characters.
GEHEIM = re.compile(r"[A-Za-z0-9_\-]{40,}")


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str

    @property
    def tekst(self) -> str:
        return self.stdout + self.stderr

    @property
    def plat(self) -> str:
        """stdout with the wrapping undone (every run of whitespace one space)."""
        return " ".join(self.stdout.split())

    def map(self) -> Path:
        match = re.search(r"Tijdelijke map: (\S+)", self.stdout)
        assert match, self.stdout
        return Path(match.group(1))


def _run(*args: str) -> Run:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BOOMLINK_")}
    env["PYTHONIOENCODING"] = "utf-8"
    result = subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        encoding="utf-8",
        timeout=180,
        check=False,
    )
    return Run(result.returncode, result.stdout, result.stderr)


@pytest.fixture(scope="module")
def demo() -> Run:
    return _run("-m", "demo")


def test_the_demo_exits_0_without_a_traceback(demo: Run) -> None:
    assert demo.returncode == 0, demo.tekst
    assert "Traceback" not in demo.tekst
    assert demo.stderr.strip() == "", demo.stderr


def test_every_step_of_the_handbook_appears_in_order(demo: Run) -> None:
    posities = [demo.stdout.find(f"── {kop} ──") for kop in KOPPEN]
    assert all(p >= 0 for p in posities), [
        k for k, p in zip(KOPPEN, posities, strict=True) if p < 0
    ]
    assert posities == sorted(posities)


def test_screens_and_buttons_carry_the_handbook_names(demo: Run) -> None:
    ontbreekt = [naam for naam in SCHERMEN_EN_KNOPPEN if naam not in demo.plat]
    assert not ontbreekt, ontbreekt


def test_the_output_stays_readable(demo: Run) -> None:
    regels = demo.stdout.splitlines()
    assert 50 <= len(regels) <= 110, len(regels)
    assert max(len(r) for r in regels) <= 110


def test_long_steps_show_a_progress_line(demo: Run) -> None:
    voortgang = [r for r in demo.stdout.splitlines() if r.lstrip().startswith("…")]
    assert len(voortgang) >= 4, voortgang


def test_the_confirmation_mail_arrives_at_the_mail_server(demo: Run) -> None:
    assert re.search(
        r"Bevestigingsmail ontvangen .*: ‘Bevestiging: UWLR-koppeling aangevraagd voor .+’",
        demo.plat,
    ), demo.plat


def test_stap1_is_first_refused_then_approved_and_test_data_stays(demo: Run) -> None:
    weigering = re.search(
        r"\[Aanvragen\] → geweigerd: Er zijn nog (\d+) externe nummers", demo.plat
    )
    assert weigering and int(weigering.group(1)) > 0, demo.plat
    geleegd = re.search(r"\[Verwijder nummers\] → (\d+) externe nummers geleegd", demo.plat)
    assert geleegd and geleegd.group(1) == weigering.group(1)
    assert re.search(r"toetsgegevens ongewijzigd: (\d+) afnames", demo.plat)
    assert re.search(r"\[Aanvragen\] → goedgekeurd", demo.plat)


def test_stap2_refuses_a_leerkracht_and_the_key_is_only_shown_masked(demo: Run) -> None:
    assert re.search(r"Leerkracht \S+ klikt \[Activeren\] → geweigerd \(403\)", demo.plat)
    assert re.search(r"gemaskeerd: autorisatiesleutel ••••••••[A-Za-z0-9_\-]{4}\)", demo.plat)
    assert not GEHEIM.findall(demo.tekst)


def test_stap3_verifies_the_key_and_imports(demo: Run) -> None:
    assert "aanvaard door ESIS" in demo.plat
    assert re.search(r"versleuteld opgeslagen, getoond als ••••••••[A-Za-z0-9_\-]{4}\s", demo.plat)
    assert re.search(r"(\d+) groepen, (\d+) leerkrachten, (\d+) leerlingen opgehaald", demo.plat)


def test_stap4_shows_the_three_by_three_review_with_counts(demo: Run) -> None:
    assert re.search(r"Nieuw\s+Bestaand\s+Niet importeren", demo.plat)
    for tab in ("Groepen", "Leerkrachten", "Leerlingen"):
        assert re.search(rf"^\s+{tab}\s+\d+\s+\d+\s+\d+\s*$", demo.stdout, re.M), tab


def test_stap4_fills_an_email_links_a_pupil_commits_and_invites(demo: Run) -> None:
    assert re.search(r"e-mailadres ingevuld: \S+@\S+", demo.plat)
    assert re.search(r"\[Koppel met bestaande leerling\] → .+ \(\d\d-\d\d-\d{4}\)", demo.plat)
    assert "Samenvatting van de import voor schooljaar" in demo.plat
    uitnodigingen = re.search(r"(\d+) uitnodigingen ontvangen door de mailserver", demo.plat)
    assert uitnodigingen and int(uitnodigingen.group(1)) > 0, demo.plat
    verwerkt = re.search(r"(\d+) uitnodigingen in de wachtrij", demo.plat)
    assert verwerkt and verwerkt.group(1) == uitnodigingen.group(1)


def test_the_group_result_is_visible_in_mijn_groep(demo: Run) -> None:
    normering = re.search(r"(\d+) afnames genormeerd, (\d+) op weg naar ESIS", demo.plat)
    assert normering and normering.group(1) == normering.group(2) != "0", demo.plat
    geleverd = re.search(r"(\d+) resultaten afgeleverd", demo.plat)
    assert geleverd and geleverd.group(1) == normering.group(1)
    figuren = re.search(
        r"(\d+) leerlingen, gemiddelde vaardigheidsscore \d+,\d, niveaus \S+=\d", demo.plat
    )
    assert figuren and figuren.group(1) == normering.group(1), demo.plat


def test_the_demo_cleans_up_what_it_started(demo: Run) -> None:
    assert not demo.map().exists()
    assert "Opgeruimd: nep-ESIS en mailserver gestopt, tijdelijke map verwijderd" in demo.plat
    assert "0 achtergrondtaken over" in demo.plat


_BREUK = textwrap.dedent(
    """
    import sys, threading
    from demo.stappen import STAPPEN
    from demo.verloop import Stap
    from demo.walkthrough import main

    def esis_valt_uit(demo):
        demo.omgeving.esis.inject(
            operation="HaalStructuur", kind="http_status", status=503, count=None
        )

    stappen = [*STAPPEN[:3], Stap("Storing", "ESIS valt uit", esis_valt_uit), *STAPPEN[3:]]
    code = main(stappen)
    over = [t.name for t in threading.enumerate() if t is not threading.main_thread()]
    print("draden over:", over)
    sys.exit(code)
    """
)


def test_a_failure_gives_a_dutch_message_exit_1_and_a_clean_up() -> None:
    run = _run("-c", _BREUK)
    assert run.returncode == 1, run.tekst
    assert "Traceback" not in run.tekst
    melding = " ".join(run.stderr.split())
    assert melding.startswith("De demo is gestopt bij Stap 3"), run.tekst
    assert "ESIS is nu niet bereikbaar" in melding, melding
    assert "de tijdelijke map is verwijderd" in melding, melding
    assert "Stap 4  Import controleren en afronden" not in run.stdout
    assert not run.map().exists()
    assert "draden over: []" in run.stdout, run.stdout
