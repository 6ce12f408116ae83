"""docs/getting-started-tester.md, run for real: every ```sh block, in order, in one bash.

As the page says: an empty folder, the venv's ``bin`` first on ``PATH``, and port 8080 replaced
by a free one. Each block's output is cut out of the transcript and checked, and so are the files
the blocks write (the five answers, the reports). The blocks start a real ``mock-esis serve`` and
run both harness modes, so this is one of the slower doc tests (about 15 s on an idle machine).
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from doc_blocks import DOCS, fenced_blocks
from lxml import etree

from uwlr.namespaces import LG, LR, SOAP_ENV

pytestmark = pytest.mark.slow

PAGE = DOCS / "getting-started-tester.md"
_MARK = "@@@ blok {}"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _script(blocks: list[str], port: int) -> str:
    lines = ["set -euo pipefail", "trap 'kill $(jobs -p) 2>/dev/null || true' EXIT"]
    for number, block in enumerate(blocks):
        lines.append(f"echo '{_MARK.format(number)}'")
        lines.append(block.replace("8080", str(port)))
        if number == 0:  # the server removes its state file when it stops: a copy for the checks
            lines.append("cp esis.json esis-bij-de-start.json")
    return "\n".join(lines) + "\n"


def _body_root(path: Path) -> str:
    body = etree.parse(str(path)).getroot().find(f"{{{SOAP_ENV}}}Body")
    assert body is not None, path
    return str(body[0].tag)


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], list[str]]:
    """The page's sh blocks run once: (the folder, the blocks, each block's output)."""
    folder = tmp_path_factory.mktemp("tester")
    blocks = fenced_blocks(PAGE, "sh")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("UWLR_", "BOOMLINK_"))}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    done = subprocess.run(
        ["bash", "-c", _script(blocks, _free_port())],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    transcript = done.stdout
    assert done.returncode == 0, transcript[-4000:] + done.stderr[-4000:]
    parts = re.split(r"^@@@ blok \d+\n", transcript, flags=re.M)[1:]
    assert len(parts) == len(blocks)
    return folder, blocks, parts


def _output(run: tuple[Path, list[str], list[str]], marker: str) -> str:
    """The output of the one block whose text holds ``marker``."""
    _, blocks, outputs = run
    [output] = [out for block, out in zip(blocks, outputs, strict=True) if marker in block]
    return output


def test_the_page_has_the_steps_a_stranger_needs() -> None:
    text = "\n".join(fenced_blocks(PAGE, "sh"))
    for needed in (
        "mock-esis serve",
        "journal",
        "fout-toevoegen",
        "uwlr-conformance las",
        "uwlr-conformance client",
    ):
        assert needed in text, needed
    for operation in ("HaalLeerlinggegevens", "structuur_verzoek", "leerlingen_verzoek"):
        assert f'SOAPAction: "{"" if operation[0] == "H" else LG + "/"}{operation}"' in text
    assert f'SOAPAction: "{LG}/leerkrachten_verzoek"' in text
    assert 'SOAPAction: "BrengLeerresultaten"' in text


def test_each_of_the_five_operations_is_answered(run: tuple[Path, list[str], list[str]]) -> None:
    folder = run[0]
    answers = {
        "leerlinggegevens": f"{{{LG}}}leerlinggegevens_antwoord",
        "structuur": f"{{{LG}}}structuur_antwoord",
        "leerlingen": f"{{{LG}}}leerlingen_antwoord",
        "leerkrachten": f"{{{LG}}}leerkrachten_antwoord",
        "leerresultaten": f"{{{LR}}}leerresultaten_bevestiging",
    }
    for name, root in answers.items():
        assert _body_root(folder / f"{name}-antwoord.xml") == root, name
        assert _output(run, f"-o {name}-antwoord.xml").count("HTTP 200") == 1, name
    assert re.search(r"eerste groep: G\d+", _output(run, "GROEP="))
    assert re.search(r"eerste leerling: \w+", _output(run, "LEERLING="))


def test_a_wrong_key_gets_the_documented_fault(run: tuple[Path, list[str], list[str]]) -> None:
    output = _output(run, "verkeerde-sleutel.xml")
    assert "<faultcode>soap:Client.AutorisatieOngeldig</faultcode>" in output
    assert output.rstrip().endswith("HTTP 500")


def test_the_journal_shows_the_requests_with_masked_keys(
    run: tuple[Path, list[str], list[str]],
) -> None:
    folder = run[0]
    state = json.loads((folder / "esis-bij-de-start.json").read_text("utf-8"))
    key = state["scholen"][0]["autorisatiesleutel"]
    cli = _output(run, "journal --operation BrengLeerresultaten")
    assert "BrengLeerresultaten" in cli
    assert "••••" in cli and key not in cli
    faults = json.loads(_output(run, "journal?verdict=fault"))
    assert [entry["faultcode"] for entry in faults] == ["Client.AutorisatieOngeldig"]


def test_the_injected_fault_fires_once(run: tuple[Path, list[str], list[str]]) -> None:
    output = _output(run, "fout-toevoegen")
    assert "poging 1: HTTP 503\npoging 2: HTTP 200\n" in output
    assert '"fired": 1' in output


def test_both_harness_modes_pass_and_write_their_reports(
    run: tuple[Path, list[str], list[str]],
) -> None:
    folder = run[0]
    for report in ("las.xml", "las.json", "las.html", "client.xml", "client.html"):
        assert (folder / report).stat().st_size > 0, report
    las = json.loads((folder / "las.json").read_text("utf-8"))
    assert las["passed"] is True
    client_cases = etree.parse(str(folder / "client.xml")).getroot().iter("testcase")
    assert len(list(client_cases)) > 0
    summary = _output(run, "grep -c '<testcase'")
    assert summary.startswith("las.xml:")
    assert "geslaagd {'PASS'" in summary
