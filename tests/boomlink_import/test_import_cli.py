"""The import review on the command line: gegevens importeren, import toon / acties /
samenvatting / verwerken, against the running mock ESIS."""

from __future__ import annotations

import re

import pytest
from import_testkit import Gekoppeld

from boomlink.cli.main import main
from boomlink.testing.mailsink import MailSink


@pytest.fixture
def cli_env(
    gekoppeld: Gekoppeld, env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> Gekoppeld:
    for naam, waarde in env.items():
        monkeypatch.setenv(naam, waarde)
    monkeypatch.setenv("BOOMLINK_ESIS_LEERLINGGEGEVENS_URL", gekoppeld.config.leerlinggegevens_url)
    monkeypatch.setenv("BOOMLINK_ESIS_LEERRESULTATEN_URL", gekoppeld.config.leerresultaten_url)
    monkeypatch.setenv("BOOMLINK_KLANTNAAM", gekoppeld.config.klantnaam)
    monkeypatch.setenv("BOOMLINK_KLANTCODE", gekoppeld.config.klantcode)
    return gekoppeld


def test_the_whole_review_on_the_command_line(
    cli_env: Gekoppeld, capsys: pytest.CaptureFixture[str], smtp_server: MailSink
) -> None:
    wie = ["--gebruiker", f"beheer@{cli_env.code.lower()}.example.nl"]
    assert main(["gegevens", "importeren", *wie]) == 0
    uit = capsys.readouterr().out
    assert "Er is nog niets veranderd" in uit and "Leerlingen: Nieuw" in uit

    assert main(["import", "toon", *wie, "--tab", "leerkrachten"]) == 0
    uit = capsys.readouterr().out
    assert "Tabblad ‘Leerkrachten’" in uit and "Niet importeren (0)" in uit
    zonder = re.findall(r"\[(\d+)\] [^\n]*geen e-mailadres", uit)
    assert zonder

    assert main(["import", "verwerken", *wie]) == 1
    assert "zonder e-mailadres" in capsys.readouterr().err

    eerste, *rest = zonder
    assert main(["import", "emailadres", *wie, "--regel", eerste, "--emailadres", "kim@x.nl"]) == 0
    for regel in rest:
        assert main(["import", "niet-importeren", *wie, "--regel", regel]) == 0
    capsys.readouterr()
    assert main(["import", "samenvatting", *wie]) == 0
    uit = capsys.readouterr().out
    assert "Leerkrachten: Nieuw: " in uit and f"Niet importeren: {len(rest)}" in uit
    assert "kim@x.nl" in uit

    assert main(["import", "verwerken", *wie]) == 0
    uit = capsys.readouterr().out
    assert "is verwerkt" in uit and "uitnodiging(en)" in uit
    assert main(["import", "toon", *wie]) == 1
    assert "Gegevens importeren" in capsys.readouterr().err
