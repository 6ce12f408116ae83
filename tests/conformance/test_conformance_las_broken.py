"""Broken servers: a mock ESIS broken in exactly one way is caught by the check meant for it.

Each case wraps the mock's WSGI app (:class:`conformance_testkit.Breaking`) and names the checks
that must FAIL: exactly those, so a breakage is neither missed nor blamed on something else.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from conformance_testkit import Answer, operation_root, serving

from conformance.las import LasOptions, run_las
from conformance.result import Outcome
from uwlr.official import OfficialSchemasMissing, official_schemas


def _official() -> Any:
    try:
        return official_schemas()
    except OfficialSchemasMissing:
        return None


# -- the breakages ---------------------------------------------------------------------------------


def echo_key(answer: Answer) -> None:
    """Fault texts repeat the key that was sent."""
    key = re.search(rb"autorisatiesleutel>([^<]+)<", answer.request)
    if key and b"<faultstring>" in answer.body:
        answer.body = answer.body.replace(
            b"<faultstring>", b"<faultstring>sleutel " + key.group(1) + b": ", 1
        )


def ok_on_faults(answer: Answer) -> None:
    """Faults come with HTTP 200."""
    if b"Fault>" in answer.body:
        answer.status = "200 OK"


def wrong_code_for_klant(answer: Answer) -> None:
    """A wrong klantcode/klantnaam gives AutorisatieOngeldig."""
    answer.body = answer.body.replace(
        b"Client.OngeldigeKlantIdentificatie", b"Client.AutorisatieOngeldig"
    )


def dangling_groep(answer: Answer) -> None:
    """In the all-in-one answer, the first pupil points at a group that does not exist."""
    if operation_root(answer.body) == "leerlinggegevens_antwoord":
        answer.body = re.sub(
            rb'(<lg:leerling\b.*?<lg:groep key=")[^"]+("/>)',
            rb"\1BESTAAT-NIET\2",
            answer.body,
            count=1,
            flags=re.S,
        )


def getrapt_drops_pupil(answer: Answer) -> None:
    """HaalLeerlingen leaves out the last pupil."""
    if operation_root(answer.body) == "leerlingen_antwoord":
        start = answer.body.rfind(b"<lg:leerling ")
        end = answer.body.find(b"</lg:leerling>", start) + len(b"</lg:leerling>")
        answer.body = answer.body[:start] + answer.body[end:]


def ignore_laatstontvangen(environ: dict[str, Any], body: bytes) -> bytes:
    """The LAS ignores laatstontvangengegevens (the delta request)."""
    return re.sub(rb"<lg:laatstontvangengegevens>[^<]*</lg:laatstontvangengegevens>", b"", body)


def soap12_content_type(answer: Answer) -> None:
    """Answers say application/soap+xml (SOAP 1.2) instead of text/xml."""
    if answer.environ.get("REQUEST_METHOD") == "POST":
        answer.header("Content-Type", "application/soap+xml; charset=utf-8")


def accept_duplicate_result_key(environ: dict[str, Any], body: bytes) -> bytes:
    """A resultaat key that occurs twice is quietly made unique, so the message is accepted."""
    keys: dict[bytes, int] = {}

    def unique(match: re.Match[bytes]) -> bytes:
        key = match.group(1)
        keys[key] = keys.get(key, 0) + 1
        suffix = b"" if keys[key] == 1 else b"-" + str(keys[key]).encode()
        return b'<lr:resultaat key="' + key + suffix + b'"'

    return re.sub(rb'<lr:resultaat key="([^"]+)"', unique, body)


def accept_lowercase_brin(environ: dict[str, Any], body: bytes) -> bytes:
    """A lowercase BRIN is uppercased instead of refused."""
    return re.sub(
        rb"<lg:brincode>([^<]+)</lg:brincode>",
        lambda m: b"<lg:brincode>" + m.group(1).upper() + b"</lg:brincode>",
        body,
    )


def xsdversie_as_ongeldig_bericht(answer: Answer) -> None:
    """An unknown xsdversie gives OngeldigBericht instead of XsdVersieOngeldig."""
    answer.body = answer.body.replace(b"Client.XsdVersieOngeldig", b"Client.OngeldigBericht")


def future_mutatiedatum(answer: Answer) -> None:
    """Every mutatiedatum of every answer lies in 2099."""
    answer.body = re.sub(
        rb"<lg:mutatiedatum>[^<]+</lg:mutatiedatum>",
        b"<lg:mutatiedatum>2099-01-01T00:00:00Z</lg:mutatiedatum>",
        answer.body,
    )


def no_wsdl(answer: Answer) -> None:
    """``?wsdl`` gives 404."""
    if answer.environ.get("REQUEST_METHOD") == "GET" and "wsdl" in answer.environ.get(
        "QUERY_STRING", ""
    ):
        answer.status, answer.body = "404 Not Found", b"niet gevonden"


def bad_geslacht(answer: Answer) -> None:
    """geslacht 5 in every answer (not in NEN-ISO 5218)."""
    answer.body = re.sub(
        rb"<lg:geslacht>\d</lg:geslacht>", b"<lg:geslacht>5</lg:geslacht>", answer.body
    )


def brin_not_checked(environ: dict[str, Any], body: bytes) -> bytes:
    """The key is not checked against the BRIN: any BRIN gets the key's school."""
    return body.replace(b"<lg:brincode>00ZZ</lg:brincode>", environ["test.brin"])


_OFFICIAL = _official()
_SCHEMA_FAILS = {"LAS-ENV-002"} | ({"LAS-ENV-003"} if _OFFICIAL is not None else set())

CASES: list[tuple[str, dict[str, Any], set[str]]] = [
    ("sleutel in fouttekst", {"response": echo_key}, {"LAS-AUTH-014"}),
    ("HTTP 200 bij fouten", {"response": ok_on_faults}, {"LAS-ENV-005"}),
    (
        "verkeerde foutcode bij klantidentificatie",
        {"response": wrong_code_for_klant},
        {"LAS-AUTH-009", "LAS-AUTH-010"},
    ),
    (
        "referentiële integriteit kapot",
        {"response": dangling_groep},
        # the contract's keyref catches it too, the pupil is then in no group, and the getrapt
        # answer (unbroken) no longer matches: all four are right
        {"LAS-CONT-002", "LAS-CONT-010", "LAS-GETR-003", "LAS-ENV-002"},
    ),
    ("getrapt inconsistent", {"response": getrapt_drops_pupil}, {"LAS-GETR-003"}),
    ("geenwijzigingen genegeerd", {"request": ignore_laatstontvangen}, {"LAS-DELTA-001"}),
    ("content-type SOAP 1.2", {"response": soap12_content_type}, {"LAS-ENV-004"}),
    (
        "dubbele resultaatsleutel aanvaard",
        {"request": accept_duplicate_result_key},
        {"LAS-WRITE-004"},
    ),
    ("BRIN in kleine letters aanvaard", {"request": accept_lowercase_brin}, {"LAS-BAD-003"}),
    (
        "xsdversie als ongeldig bericht",
        {"response": xsdversie_as_ongeldig_bericht},
        {"LAS-BAD-004"},
    ),
    ("mutatiedatum in de toekomst", {"response": future_mutatiedatum}, {"LAS-DELTA-002"}),
    (
        "geen WSDL",
        {"response": no_wsdl},
        {"LAS-WSDL-001", "LAS-WSDL-002", "LAS-WSDL-004", "LAS-WSDL-005"},
    ),
    ("geslacht buiten de codelijst", {"response": bad_geslacht}, {"LAS-CONT-007"} | _SCHEMA_FAILS),
]


def _failed(report: Any) -> set[str]:
    return {r.check.id for r in report.results if r.outcome is Outcome.FAIL}


def test_the_unbroken_wrapper_passes_everything() -> None:
    with serving(response=lambda answer: None) as (_, target):
        report = run_las(target, LasOptions(allow_writes=True, official=_OFFICIAL))
    assert _failed(report) == set()
    assert report.passed


@pytest.mark.parametrize(("breakage", "hooks", "expected"), CASES, ids=[c[0] for c in CASES])
def test_each_breakage_is_caught_by_its_check(
    breakage: str, hooks: dict[str, Any], expected: set[str]
) -> None:
    with serving(**hooks) as (_, target):
        report = run_las(target, LasOptions(allow_writes=True, official=_OFFICIAL))
    assert _failed(report) == expected, breakage
    assert not report.passed
    assert report.exit_code == 1


def test_a_key_that_covers_any_brin_is_caught() -> None:
    holder: dict[str, bytes] = {}

    def rewrite(environ: dict[str, Any], body: bytes) -> bytes:
        environ["test.brin"] = holder["brin"]
        return brin_not_checked(environ, body)

    with serving(request=rewrite) as (_, target):
        holder["brin"] = f"<lg:brincode>{target.brincode}</lg:brincode>".encode()
        report = run_las(target, LasOptions(official=_OFFICIAL))
    assert _failed(report) == {"LAS-AUTH-011"}


def test_the_echoed_key_is_masked_in_the_evidence() -> None:
    with serving(response=echo_key) as (_, target):
        report = run_las(target, LasOptions(only=frozenset({"LAS-AUTH-009", "LAS-AUTH-014"})))
    result = report.result("LAS-AUTH-014")
    assert result.outcome is Outcome.FAIL
    text = "".join(f"{e.request}{e.response}{e.note}" for e in result.evidence)
    assert target.sleutel not in text
    assert "••••••••" + target.sleutel[-4:] in text
