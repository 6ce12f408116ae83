"""SOAP 1.1 envelopes and faults: built strictly, read with any prefix."""

from __future__ import annotations

import pytest
from lxml import etree

from uwlr.envelope import (
    EnvelopeError,
    build_envelope,
    build_fault,
    parse_envelope,
    to_bytes,
)
from uwlr.faults import FaultCode, UwlrFault, local_faultcode
from uwlr.safexml import XmlSyntaxError

REQUEST = b"""<?xml version="1.0" encoding="utf-8"?>
<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/">
  <S:Header><a:autorisatie xmlns:a="http://www.edustandaard.nl/leerresultaten/2/autorisatie">
    <a:autorisatiesleutel>GEHEIM</a:autorisatiesleutel><a:klantcode>BOOM</a:klantcode>
    <a:klantnaam> </a:klantnaam></a:autorisatie></S:Header>
  <S:Body><x:leerlinggegevens_verzoek
      xmlns:x="http://www.edustandaard.nl/leerresultaten/2/leerlinggegevens"/></S:Body>
</S:Envelope>"""


def test_any_prefix_is_read_and_header_fields_reported() -> None:
    envelope = parse_envelope(REQUEST)
    assert envelope.body is not None
    assert etree.QName(envelope.body).localname == "leerlinggegevens_verzoek"
    header = envelope.autorisatie
    assert header is not None
    assert header.autorisatiesleutel == "GEHEIM"
    assert header.missing() == ["klantnaam"]
    assert "GEHEIM" not in repr(header)


def test_missing_header_is_none() -> None:
    body = etree.Element("{urn:x}ping")
    envelope = parse_envelope(to_bytes(build_envelope(body)))
    assert envelope.autorisatie is None


def test_fault_round_trip_uses_soap_prefix_and_local_part() -> None:
    data = to_bytes(build_fault(UwlrFault(FaultCode.AUTORISATIE_ONGELDIG)))
    assert b"<faultcode>soap:Client.AutorisatieOngeldig</faultcode>" in data
    fault = parse_envelope(data).fault
    assert fault is not None
    assert fault.code is FaultCode.AUTORISATIE_ONGELDIG
    assert fault.is_client
    assert "Autorisatiesleutel is ongeldig" in fault.faultstring


def test_unknown_faultcode_is_kept_raw() -> None:
    data = b"""<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body>
      <e:Fault><faultcode>e:Server</faultcode><faultstring>boom</faultstring>
      <detail><x>meer</x></detail></e:Fault></e:Body></e:Envelope>"""
    fault = parse_envelope(data).fault
    assert fault is not None
    assert fault.code is None
    assert fault.faultcode == "Server"
    assert fault.detail == "meer"
    assert not fault.is_client


@pytest.mark.parametrize(
    ("raw", "local"),
    [
        ("soap:Client.OngeldigBericht", "Client.OngeldigBericht"),
        ("Client.OngeldigBericht", "Client.OngeldigBericht"),
        ("{http://schemas.xmlsoap.org/soap/envelope/}Server.InterneFout", "Server.InterneFout"),
        (" s:Server.TijdelijkNietBeschikbaar ", "Server.TijdelijkNietBeschikbaar"),
    ],
)
def test_faultcodes_compare_by_local_part(raw: str, local: str) -> None:
    assert local_faultcode(raw) == local
    assert FaultCode.from_faultcode(raw) is not None


def test_every_fault_code_has_a_dutch_string() -> None:
    for code in FaultCode:
        assert code.default_faultstring
    assert not FaultCode.TIJDELIJK_NIET_BESCHIKBAAR.is_client


def test_not_an_envelope() -> None:
    with pytest.raises(EnvelopeError, match="Geen SOAP 1.1-envelop"):
        parse_envelope(b"<a/>")


def test_body_with_two_elements_is_refused() -> None:
    data = b"""<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body>
      <a/><b/></e:Body></e:Envelope>"""
    with pytest.raises(EnvelopeError, match="precies één"):
        parse_envelope(data)


def test_malformed_is_a_syntax_error() -> None:
    with pytest.raises(XmlSyntaxError):
        parse_envelope(b"<e:Envelope")
