"""LAS checks with known-bad requests (OneRoster style): each must be refused with the right code."""

from __future__ import annotations

from lxml import etree

from conformance.las.context import LasContext
from conformance.las.registry import las_checks
from conformance.las.requests import header, set_text, verzoek_envelope, with_extra_schoolkey
from conformance.result import Verdict
from uwlr.envelope import build_envelope, to_bytes
from uwlr.faults import FaultCode
from uwlr.namespaces import LG, SOAP_ENV

__all__: list[str] = []

_BROKEN_XML = (
    f'<?xml version="1.0" encoding="utf-8"?>\n<soap:Envelope xmlns:soap="{SOAP_ENV}">'
    f'<soap:Body><lg:leerlinggegevens_verzoek xmlns:lg="{LG}"><lg:schooljaar>2026-2027'
    "</lg:schoolj"
).encode()


@las_checks.check("LAS-BAD-001")
def kapotte_xml(ctx: LasContext) -> Verdict:
    exchange = ctx.call("HaalLeerlinggegevens", _BROKEN_XML, "HaalLeerlinggegevens: kapotte XML")
    return ctx.expect_fault(exchange, FaultCode.ONGELDIG_BERICHT, what="Kapotte XML")


@las_checks.check("LAS-BAD-002")
def schooljaar_formaat(ctx: LasContext) -> Verdict:
    wrong = ctx.target.schooljaar.replace("-", "/")
    body = set_text(verzoek_envelope(ctx.target), "schooljaar", wrong)
    exchange = ctx.call("HaalLeerlinggegevens", body, f"HaalLeerlinggegevens: schooljaar {wrong}")
    return ctx.expect_fault(exchange, FaultCode.ONGELDIG_BERICHT, what=f"Schooljaar {wrong}")


@las_checks.check("LAS-BAD-003")
def brin_kleine_letters(ctx: LasContext) -> Verdict:
    brin = (ctx.target.brincode or "99ZZ").lower()
    envelope = verzoek_envelope(
        ctx.target, brincode=(ctx.target.brincode or "99ZZ"), dependancecode="00"
    )
    body = set_text(envelope, "brincode", brin)
    exchange = ctx.call("HaalLeerlinggegevens", body, f"HaalLeerlinggegevens: BRIN {brin}")
    return ctx.expect_fault(exchange, FaultCode.ONGELDIG_BERICHT, what=f"BRIN {brin}")


@las_checks.check("LAS-BAD-004")
def onbekende_xsdversie(ctx: LasContext) -> Verdict:
    body = set_text(verzoek_envelope(ctx.target), "xsdversie", "9.9")
    exchange = ctx.call("HaalLeerlinggegevens", body, "HaalLeerlinggegevens: xsdversie 9.9")
    return ctx.expect_fault(exchange, FaultCode.XSD_VERSIE_ONGELDIG, what="xsdversie 9.9")


@las_checks.check("LAS-BAD-005")
def brin_en_schoolkey(ctx: LasContext) -> Verdict:
    body = with_extra_schoolkey(verzoek_envelope(ctx.target), "uwlr-conformance-schoolkey")
    exchange = ctx.call("HaalLeerlinggegevens", body, "HaalLeerlinggegevens: brincode én schoolkey")
    return ctx.expect_fault(exchange, FaultCode.ONGELDIG_BERICHT, what="brincode én schoolkey")


@las_checks.check("LAS-BAD-006")
def onbekend_bericht(ctx: LasContext) -> Verdict:
    body = etree.Element(f"{{{LG}}}leerlinggegevensverzoek", nsmap={"lg": LG})  # the 1.0 name
    etree.SubElement(body, f"{{{LG}}}schooljaar").text = ctx.target.schooljaar
    envelope = to_bytes(build_envelope(body, header(ctx.target)))
    exchange = ctx.call(
        "HaalLeerlinggegevens", envelope, "Onbekend bericht leerlinggegevensverzoek (UWLR 1.0)"
    )
    return ctx.expect_fault(exchange, FaultCode.ONGELDIG_BERICHT, what="Onbekend bericht")
