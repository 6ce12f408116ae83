"""``uwlr-conformance`` option words follow the CLI word rule (ADR 0025): the certificate's
password variable is ``--client-cert-password-env`` (technical, English); the old
``--client-cert-wachtwoord-env`` still works for one release with one deprecation line."""

from __future__ import annotations

import pytest

from conformance.cli import _parser

LAS = ["las", "--state-file", "esis.json"]
PROXY = ["proxy", "--upstream-leerlinggegevens", "http://127.0.0.1:9/uwlr"]


@pytest.mark.parametrize("base", [LAS, PROXY], ids=["las", "proxy"])
def test_password_env_option(base: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    args = _parser().parse_args([*base, "--client-cert-password-env", "MIJN_WW"])
    assert args.client_cert_password_env == "MIJN_WW"
    assert capsys.readouterr().err == ""
    assert _parser().parse_args(base).client_cert_password_env == "UWLR_CLIENT_CERT_WACHTWOORD"


@pytest.mark.parametrize("base", [LAS, PROXY], ids=["las", "proxy"])
def test_old_password_env_option_still_works(
    base: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    args = _parser().parse_args([*base, "--client-cert-wachtwoord-env", "MIJN_WW"])
    assert args.client_cert_password_env == "MIJN_WW"
    assert capsys.readouterr().err == (
        "--client-cert-wachtwoord-env is verouderd; gebruik --client-cert-password-env\n"
    )
