"""The judging proxy: forwards byte for byte, and blames the right side for the right check."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from conformance_testkit import CLIENTS, Answer, operation_root, serving
from proxy_testkit import (
    afnemer_env,
    post,
    proxy_for,
    proxy_process,
    session,
    stop_process,
)
from test_conformance_las_broken import dangling_groep, getrapt_drops_pupil

from conformance.las import LasTarget
from conformance.las.requests import verzoek_envelope
from conformance.proxy import ClientCertificate, JudgingProxy, ProxyOptions
from conformance.proxy.certificate import CertificateError
from conformance.result import Outcome, Report
from mock_esis.web.server import MockEsisServer
from uwlr.envelope import parse_envelope, to_bytes
from uwlr.models import GroepRef
from uwlr.validate import validate


def _refs(server: MockEsisServer) -> list[GroepRef]:
    school = next(iter(server.app.state.schools.values()))
    gegevens = school.gegevens(school.schooljaar)
    assert gegevens is not None
    return [GroepRef(soort="groep", key=g.key) for g in gegevens.groepen] + [
        GroepRef(soort="samengestelde_groep", key=g.key) for g in gegevens.samengestelde_groepen
    ]


def _failed(report: Report) -> dict[str, str]:
    return {r.check.id: r.message for r in report.results if r.outcome is Outcome.FAIL}


def _capturing() -> tuple[list[tuple[bytes, bytes]], Any]:
    seen: list[tuple[bytes, bytes]] = []

    def capture(answer: Answer) -> None:
        if answer.environ.get("REQUEST_METHOD") == "POST":
            seen.append((answer.request, answer.body))

    return seen, capture


def test_a_healthy_session_is_forwarded_unchanged_and_passes_on_both_sides() -> None:
    seen, capture = _capturing()
    with serving(response=capture) as (server, target), proxy_for(target) as proxy:
        answers = session(target, proxy.endpoints["leerlinggegevens"], _refs(server))
        assert proxy.judge.wait_idle()
        report = proxy.report()
    # byte for byte: what the afnemer sent reached the LAS, what the LAS sent reached the afnemer
    assert len(seen) == 4
    sent = [a.request.content for a in answers]
    assert [request for request, _ in seen] == sent
    assert [body for _, body in seen] == [a.content for a in answers]
    assert all(a.status_code == 200 for a in answers)
    assert _failed(report) == {}
    outcomes = report.outcomes()
    for check_id in ("CLI-REQ-001", "CLI-REQ-002", "LAS-ENV-002", "LAS-CONT-002"):
        assert outcomes[check_id] is Outcome.PASS, check_id
    for check_id in ("LAS-GETR-002", "LAS-GETR-003", "LAS-GETR-004"):
        assert outcomes[check_id] is Outcome.PASS, report.result(check_id).message
    assert set(report.latency) == {
        "HaalLeerlinggegevens",
        "HaalStructuur",
        "HaalLeerlingen",
        "HaalLeerkrachten",
    }


@pytest.mark.parametrize(
    ("hook", "check_id"),
    [(dangling_groep, "LAS-CONT-002"), (getrapt_drops_pupil, "LAS-GETR-003")],
    ids=["referentiële integriteit", "getrapt inconsistent"],
)
def test_a_broken_las_is_blamed_on_the_las(hook: Any, check_id: str) -> None:
    with serving(response=hook) as (server, target), proxy_for(target) as proxy:
        session(target, proxy.endpoints["leerlinggegevens"], _refs(server))
        assert proxy.judge.wait_idle()
        report = proxy.report()
    failed = _failed(report)
    assert check_id in failed
    assert failed[check_id].startswith("LAS:")
    assert not [i for i in failed if i.startswith("CLI-")], failed  # the afnemer did nothing wrong
    data = report.to_json()
    row = next(r for r in data["results"] if r["id"] == check_id)
    assert row["kant"] == "LAS" and row["evidence"]
    assert target.sleutel not in json.dumps(data)  # evidence carries the key masked


@pytest.mark.parametrize(
    ("breuk", "check_id", "las_rule"),
    [
        ("header-onvolledig", "CLI-REQ-001", "LAS-AUTH-006"),
        ("geen-soapaction", "CLI-REQ-004", None),
    ],
)
def test_a_broken_afnemer_is_blamed_on_the_afnemer(
    breuk: str, check_id: str, las_rule: str | None
) -> None:
    with serving() as (_, target), proxy_for(target) as proxy:
        env = afnemer_env(target, proxy.endpoints)
        subprocess.run(
            [sys.executable, str(CLIENTS / "afnemer.py"), "--breuk", breuk],
            env=env,
            capture_output=True,
            timeout=60,
            check=False,
        )
        assert proxy.judge.wait_idle()
        report = proxy.report()
    failed = _failed(report)
    assert check_id in failed and failed[check_id].startswith("afnemer:")
    assert not [i for i in failed if i.startswith("LAS-")], failed  # the LAS answered rightly
    if las_rule is not None:  # the LAS's answer to the bad request is judged too: it was right
        assert report.outcomes()[las_rule] is Outcome.PASS


# -- a LAS that is down, hangs or answers garbage ---------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def hanging_las() -> Iterator[str]:
    """A TCP server that accepts and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/uwlr/leerlinggegevens"
    stop.set()
    thread.join()
    for connection in held:
        connection.close()
    listener.close()


def _garbage(answer: Answer) -> None:
    if operation_root(answer.body) == "leerlinggegevens_antwoord":
        answer.body = b"<html>Bad gateway</html"


def _target(url: str) -> LasTarget:
    return LasTarget(
        leerlinggegevens_url=url,
        sleutel="een-geheime-sleutel-1234",
        klantcode="BOOM-TC-UWLR",
        klantnaam="Boom testcentrum",
        brincode="99QQ",
        schooljaar="2026-2027",
    )


def _assert_tijdelijk(response: httpx.Response) -> None:
    assert response.status_code == 500
    envelope = parse_envelope(response.content)
    assert envelope.fault is not None
    assert envelope.fault.faultcode == "Server.TijdelijkNietBeschikbaar"
    assert validate(envelope.root) == []  # a valid fault per our contract


def test_a_las_that_is_down_gives_the_afnemer_tijdelijk_niet_beschikbaar() -> None:
    target = _target(f"http://127.0.0.1:{_free_port()}/uwlr/leerlinggegevens")
    with proxy_for(target, timeout=2) as proxy:
        response = post(proxy.endpoints["leerlinggegevens"], "HaalLeerlinggegevens",
                        to_bytes(verzoek_envelope(target)))  # fmt: skip
        assert proxy.judge.wait_idle()
        report = proxy.report()
    _assert_tijdelijk(response)
    assert report.outcomes()["LAS-ENV-001"] is Outcome.FAIL
    assert any("niet bereikbaar" in note for note in report.notes)


def test_a_las_that_hangs_is_cut_off_at_the_timeout(hanging_las: str) -> None:
    target = _target(hanging_las)
    with proxy_for(target, timeout=1) as proxy:
        # the client's own limit is far above the proxy's: a hanging proxy would fail here
        response = post(proxy.endpoints["leerlinggegevens"], "HaalLeerlinggegevens",
                        to_bytes(verzoek_envelope(target)), timeout=30)  # fmt: skip
        assert proxy.judge.wait_idle()
        report = proxy.report()
    _assert_tijdelijk(response)
    assert any("niet binnen 1 s" in note for note in report.notes)
    assert "niet binnen" in report.result("LAS-ENV-001").message


def test_a_las_that_answers_garbage_gives_a_fault_and_is_blamed() -> None:
    with serving(response=_garbage) as (_, target), proxy_for(target) as proxy:
        response = post(proxy.endpoints["leerlinggegevens"], "HaalLeerlinggegevens",
                        to_bytes(verzoek_envelope(target)))  # fmt: skip
        assert proxy.judge.wait_idle()
        report = proxy.report()
    _assert_tijdelijk(response)
    assert report.result("LAS-ENV-001").outcome is Outcome.FAIL
    assert any("geen SOAP-antwoord" in note for note in report.notes)


# -- the command line: reports, recording, never a key ----------------------------------------------


def test_the_command_records_and_reports_without_ever_writing_a_key(tmp_path: Path) -> None:
    record = tmp_path / "opname"
    reports = {name: tmp_path / f"proxy.{name}" for name in ("json", "html", "junit")}
    with serving() as (server, target):
        args = [
            "--upstream-leerlinggegevens", target.leerlinggegevens_url,
            "--upstream-leerresultaten", target.leerresultaten_url or "",
            "--record", str(record),
            "--json", str(reports["json"]),
            "--html", str(reports["html"]),
            "--junit", str(reports["junit"]),
        ]  # fmt: skip
        with proxy_process(tmp_path, *args) as (process, state):
            session(target, state["endpoints"]["leerlinggegevens"], _refs(server))
            code, out, err = stop_process(process)
    assert code == 0, out + err
    data = json.loads(reports["json"].read_text("utf-8"))
    assert data["mode"] == "proxy" and data["counts"]["FAIL"] == 0
    index = json.loads((record / "index.json").read_text("utf-8"))
    assert [x["operatie"] for x in index["uitwisselingen"]] == [
        "HaalLeerlinggegevens", "HaalStructuur", "HaalLeerlingen", "HaalLeerkrachten",
    ]  # fmt: skip
    assert all(x["http_status"] == 200 and x["duur_ms"] > 0 for x in index["uitwisselingen"])
    written = [p.read_bytes() for p in [*record.iterdir(), *reports.values()]]
    assert all(target.sleutel.encode() not in data for data in written)
    assert target.sleutel not in out + err
    assert (
        b"autorisatiesleutel>\xe2\x80\xa2"
        in (record / index["uitwisselingen"][0]["verzoek"]).read_bytes()
    )


def test_the_command_refuses_wrong_use(capsys: pytest.CaptureFixture[str]) -> None:
    from conformance.cli import main

    assert main(["proxy", "--upstream-leerlinggegevens", "ftp://las"]) == 2
    assert "http://" in capsys.readouterr().err
    assert main(["proxy", "--upstream-leerlinggegevens", "http://x", "--listen", "geen"]) == 2
    assert "HOST:POORT" in capsys.readouterr().err
    missing = ["proxy", "--upstream-leerlinggegevens", "http://x", "--client-cert", "/nee.p12"]
    assert main(missing) == 2
    assert "bestaat niet" in capsys.readouterr().err


# -- the ESIS client certificate (.p12) -----------------------------------------------------------


def _p12(folder: Path, password: bytes) -> Path:
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "boom-testcentrum")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    path = folder / "esis.p12"
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"boom", key, certificate, None, BestAvailableEncryption(password)
        )
    )
    return path


def test_a_p12_becomes_a_private_pem_that_is_removed_afterwards(tmp_path: Path) -> None:
    p12 = _p12(tmp_path, b"wachtwoord-123")
    certificate = ClientCertificate.from_options(str(p12), None, "wachtwoord-123")
    assert isinstance(certificate.cert, str)
    pem = Path(certificate.cert)
    assert pem.stat().st_mode & 0o777 == 0o600
    text = pem.read_text("ascii")
    assert "PRIVATE KEY" in text and "CERTIFICATE" in text
    certificate.ssl_context()  # ssl accepts it as a client certificate
    certificate.close()
    assert not pem.exists()
    with pytest.raises(CertificateError) as wrong:
        ClientCertificate.from_options(str(p12), None, "fout-wachtwoord")
    assert "fout-wachtwoord" not in str(wrong.value) and "esis.p12" in str(wrong.value)


def test_the_proxy_reaches_a_tls_las_with_a_ca_file(tmp_path: Path) -> None:
    from mock_esis.web.factory import MockOptions, build_app
    from mock_esis.web.tls import make_certificates

    app = build_app(MockOptions(seed=3, students_per_group=2, activate_all=True))
    tls = make_certificates(tmp_path / "tls", hosts=("127.0.0.1",))
    with MockEsisServer(app, tls=tls) as server:
        school = next(iter(app.state.schools.values()))
        target = LasTarget(
            leerlinggegevens_url=server.endpoints["leerlinggegevens"],
            sleutel=school.koppeling.autorisatiesleutel or "",
            klantcode=app.state.klantcode,
            klantnaam=app.state.klantnaam,
            brincode=school.fake.brincode,
            schooljaar=school.schooljaar,
        )
        options = ProxyOptions(leerlinggegevens_url=target.leerlinggegevens_url, verify=str(tls.ca))
        with JudgingProxy(options) as proxy:
            response = post(proxy.endpoints["leerlinggegevens"], "HaalLeerlinggegevens",
                            to_bytes(verzoek_envelope(target)))  # fmt: skip
    assert response.status_code == 200
    assert b"leerlinggegevens_antwoord" in response.content
