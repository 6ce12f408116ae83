"""Stap 3's real key check against the running mock ESIS: each failure its own Dutch message."""

from __future__ import annotations

import dataclasses
import json

import pytest
from boomlink_link_testkit import RecordingRelay

from boomlink.config import Settings
from boomlink.crypto import Autorisatiesleutel
from boomlink.errors import EsisNietBereikbaar, SleutelGeweigerd
from boomlink.koppeling.stap3 import Verificatieverzoek, Verifier
from boomlink.koppeling.verificatie import Verificatiebeleid, esis_verifier
from boomlink.koppeling.verificatie_fouten import AfnemerNietHerkend, EsisNietIngesteld
from boomlink.las_config import LasSettings
from boomlink.schooljaar import huidig_schooljaar
from mock_esis.testing.handle import MockEsisHandle, SchoolInfo


def verzoek(school: SchoolInfo, key: str, *, schoolkey: str | None = None) -> Verificatieverzoek:
    return Verificatieverzoek(
        autorisatiesleutel=Autorisatiesleutel(key),
        schooljaar=huidig_schooljaar(),
        brincode=None if schoolkey else school.brincode,
        dependancecode=None if schoolkey else school.dependancecode,
        schoolkey=schoolkey,
    )


def met_las(settings: Settings, **fields: str) -> Settings:
    assert settings.las is not None
    return dataclasses.replace(settings, las=dataclasses.replace(settings.las, **fields))


def test_the_key_esis_showed_is_accepted(
    verify: Verifier, esis: MockEsisHandle, esis_school: SchoolInfo, esis_sleutel: str
) -> None:
    verify(verzoek(esis_school, esis_sleutel))
    calls = esis.journal(operation="HaalStructuur")
    assert len(calls) == 1 and calls[0]["verdict"] == "ok"
    assert calls[0]["header"]["klantcode"] == esis.klantcode


def test_a_wrong_key_is_refused_in_words_for_the_school(
    verify: Verifier, esis: MockEsisHandle, esis_school: SchoolInfo, esis_sleutel: str
) -> None:
    with pytest.raises(SleutelGeweigerd) as raised:
        verify(verzoek(esis_school, esis_sleutel[:-1] + "X"))
    assert "ESIS weigert deze autorisatiesleutel" in raised.value.bericht
    assert esis_school.code in raised.value.bericht
    assert esis_sleutel[:-1] not in raised.value.bericht
    assert len(esis.journal(operation="HaalStructuur")) == 1  # a refusal is never retried


def test_a_wrong_klantcode_is_a_boom_problem(
    settings: Settings,
    beleid: Verificatiebeleid,
    esis: MockEsisHandle,
    esis_school: SchoolInfo,
    esis_sleutel: str,
) -> None:
    verify = esis_verifier(met_las(settings, klantcode="BOOM-VERKEERD"), beleid=beleid)
    with pytest.raises(AfnemerNietHerkend) as raised:
        verify(verzoek(esis_school, esis_sleutel))
    bericht = raised.value.bericht
    assert "klantcode" in bericht and "neem contact op met Boom" in bericht
    assert "niet aan je school" in bericht
    assert not isinstance(raised.value, SleutelGeweigerd | EsisNietBereikbaar)
    assert esis.journal()[-1]["faultcode"] == "Client.OngeldigeKlantIdentificatie"


def test_a_closed_port_is_unreachable_after_a_few_quick_attempts(
    settings: Settings,
    beleid: Verificatiebeleid,
    waits: list[float],
    esis_school: SchoolInfo,
    esis_sleutel: str,
    closed_port: int,
) -> None:
    dicht = f"http://127.0.0.1:{closed_port}/uwlr/leerlinggegevens"
    verify = esis_verifier(met_las(settings, leerlinggegevens_url=dicht), beleid=beleid)
    with pytest.raises(EsisNietBereikbaar) as raised:
        verify(verzoek(esis_school, esis_sleutel))
    bericht = raised.value.bericht
    assert "niet bereikbaar" in bericht and "geen verbinding" in bericht
    assert "na 3 pogingen" in bericht and "niet opgeslagen" in bericht
    assert len(waits) == 2 and all(0 <= w <= 1.0 for w in waits)


def test_esis_answering_503_twice_then_ok_still_succeeds(
    verify: Verifier,
    waits: list[float],
    esis: MockEsisHandle,
    esis_school: SchoolInfo,
    esis_sleutel: str,
) -> None:
    esis.inject(operation="HaalStructuur", kind="http_status", status=503, count=2)
    verify(verzoek(esis_school, esis_sleutel))
    statuses = [e["http_status"] for e in esis.journal(operation="HaalStructuur")]
    assert statuses == [503, 503, 200]
    assert len(waits) == 2


def test_esis_in_maintenance_three_times_is_unreachable(
    verify: Verifier, esis: MockEsisHandle, esis_school: SchoolInfo, esis_sleutel: str
) -> None:
    esis.inject(operation="HaalStructuur", kind="uwlr_fault", count=5)
    with pytest.raises(EsisNietBereikbaar) as raised:
        verify(verzoek(esis_school, esis_sleutel))
    assert "tijdelijk niet beschikbaar" in raised.value.bericht
    assert len(esis.journal(operation="HaalStructuur")) == 3


def test_a_hanging_esis_times_out_quickly(
    settings: Settings, esis: MockEsisHandle, esis_school: SchoolInfo, esis_sleutel: str
) -> None:
    esis.inject(operation="HaalStructuur", kind="hang", ms=3000, count=1)
    beleid = Verificatiebeleid(pogingen=1, read_timeout=0.3, sleep=lambda _: None)
    with pytest.raises(EsisNietBereikbaar) as raised:
        esis_verifier(settings, beleid=beleid)(verzoek(esis_school, esis_sleutel))
    assert "niet op tijd" in raised.value.bericht


def test_a_garbled_answer_is_unreachable_with_its_own_words(
    verify: Verifier, esis: MockEsisHandle, esis_school: SchoolInfo, esis_sleutel: str
) -> None:
    esis.inject(operation="HaalStructuur", kind="malformed", count=5)
    with pytest.raises(EsisNietBereikbaar) as raised:
        verify(verzoek(esis_school, esis_sleutel))
    assert "onleesbaar antwoord" in raised.value.bericht


def test_three_failures_have_three_different_messages(
    settings: Settings,
    beleid: Verificatiebeleid,
    esis_school: SchoolInfo,
    esis_sleutel: str,
    closed_port: int,
) -> None:
    berichten = set()
    dicht = f"http://127.0.0.1:{closed_port}/uwlr/leerlinggegevens"
    for instellingen, key in [
        (settings, "VERKEERDE-SLEUTEL-0000"),
        (met_las(settings, klantcode="X"), esis_sleutel),
        (met_las(settings, leerlinggegevens_url=dicht), esis_sleutel),
    ]:
        with pytest.raises((SleutelGeweigerd, AfnemerNietHerkend, EsisNietBereikbaar)) as raised:
            esis_verifier(instellingen, beleid=beleid)(verzoek(esis_school, key))
        berichten.add((type(raised.value), raised.value.bericht))
    assert len({soort for soort, _ in berichten}) == 3
    assert len({tekst for _, tekst in berichten}) == 3


def test_a_filled_schoolkey_is_sent_instead_of_the_brin(
    settings: Settings,
    beleid: Verificatiebeleid,
    esis: MockEsisHandle,
    esis_school: SchoolInfo,
    esis_sleutel: str,
) -> None:
    relay = RecordingRelay(esis.base_url)
    try:
        via_relay = met_las(
            settings, leerlinggegevens_url=relay.base_url + "/uwlr/leerlinggegevens"
        )
        verify = esis_verifier(via_relay, beleid=beleid)
        verify(verzoek(esis_school, esis_sleutel, schoolkey=esis_school.schoolkey))
        with pytest.raises(SleutelGeweigerd):
            verify(verzoek(esis_school, esis_sleutel, schoolkey="ESIS-00AA00"))
    finally:
        relay.stop()
    raw = relay.bodies[0].decode("utf-8")
    assert f">{esis_school.schoolkey}</" in raw and "schoolkey>" in raw
    assert "brincode" not in raw and "dependancecode" not in raw
    assert [e["verdict"] for e in esis.journal(operation="HaalStructuur")][0] == "ok"
    assert not esis.journal(operation="HaalStructuur")[0]["warnings"]


def test_without_brin_the_request_names_brincode_and_dependancecode(
    settings: Settings,
    beleid: Verificatiebeleid,
    esis: MockEsisHandle,
    esis_school: SchoolInfo,
    esis_sleutel: str,
) -> None:
    relay = RecordingRelay(esis.base_url)
    try:
        url = relay.base_url + "/uwlr/leerlinggegevens"
        esis_verifier(met_las(settings, leerlinggegevens_url=url), beleid=beleid)(
            verzoek(esis_school, esis_sleutel)
        )
    finally:
        relay.stop()
    raw = relay.bodies[0].decode("utf-8")
    assert f">{esis_school.brincode}</" in raw and "schoolkey" not in raw
    assert ">2.3</" in raw  # xsdversie by default


def test_the_key_stays_out_of_logs_and_journal(
    verify: Verifier,
    esis: MockEsisHandle,
    esis_school: SchoolInfo,
    esis_sleutel: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level("DEBUG")
    esis.inject(operation="HaalStructuur", kind="http_status", status=503, count=1)
    verify(verzoek(esis_school, esis_sleutel))
    with pytest.raises(SleutelGeweigerd):
        verify(verzoek(esis_school, esis_sleutel + "Z"))
    assert caplog.records, "the verifier logs what it did"
    assert esis_sleutel not in caplog.text
    assert esis_sleutel[-4:] in caplog.text  # masked form: ••••••••xxxx
    assert esis_sleutel not in json.dumps(esis.journal(), ensure_ascii=False)


def test_no_las_configured_refuses_without_storing(
    settings: Settings, esis_school: SchoolInfo
) -> None:
    verify = esis_verifier(dataclasses.replace(settings, las=None))
    with pytest.raises(EsisNietIngesteld) as raised:
        verify(verzoek(esis_school, "WAT-DAN-OOK-1234"))
    assert "nog niet aangesloten" in raised.value.bericht
    assert "BOOMLINK_ESIS_LEERLINGGEGEVENS_URL" in raised.value.bericht


def test_deactivating_in_esis_makes_the_key_refused(
    verify: Verifier, esis: MockEsisHandle, esis_school: SchoolInfo, esis_sleutel: str
) -> None:
    verify(verzoek(esis_school, esis_sleutel))
    esis.esis.deactiveren(esis_school.code, esis_school.gebruiker("Directie"))
    with pytest.raises(SleutelGeweigerd):
        verify(verzoek(esis_school, esis_sleutel))


def test_las_settings_repr_hides_the_key_password() -> None:
    las = LasSettings(
        leerlinggegevens_url="https://esis.example/l",
        leerresultaten_url="https://esis.example/r",
        klantnaam="Boom testcentrum",
        klantcode="BOOM",
        client_key_password="wachtwoord-geheim",
    )
    assert "wachtwoord-geheim" not in repr(las)
