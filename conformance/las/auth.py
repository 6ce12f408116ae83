"""LAS checks on the ``autorisatie`` header and the school the key covers (faults, no key echo)."""

from __future__ import annotations

from conformance.las.context import LasContext
from conformance.las.envelope import answers
from conformance.las.registry import las_checks
from conformance.las.requests import broken_header, header, verzoek_envelope
from conformance.result import Verdict
from uwlr.faults import FaultCode

__all__ = ["WRONG_KEY"]

#: The well-formed key that no LAS issued (masked like a real one in every report).
WRONG_KEY = "uwlr-conformance-0000-onbekende-sleutel-ZZZZ"

_HEADER_CASES = {
    "LAS-AUTH-002": ("autorisatiesleutel", "missing"),
    "LAS-AUTH-003": ("autorisatiesleutel", "empty"),
    "LAS-AUTH-004": ("klantcode", "missing"),
    "LAS-AUTH-005": ("klantcode", "empty"),
    "LAS-AUTH-006": ("klantnaam", "missing"),
    "LAS-AUTH-007": ("klantnaam", "empty"),
}


@las_checks.check("LAS-AUTH-001")
def geen_header(ctx: LasContext) -> Verdict:
    exchange = ctx.call(
        "HaalLeerlinggegevens",
        verzoek_envelope(ctx.target, autorisatie=None),
        "HaalLeerlinggegevens zonder autorisatieheader",
    )
    return ctx.expect_fault(exchange, FaultCode.AUTORISATIE_ONGELDIG, what="Zonder header")


def _header_check(check_id: str, field: str, how: str) -> None:
    what = f"{field} {'ontbreekt' if how == 'missing' else 'is leeg'}"

    def check(ctx: LasContext) -> Verdict:
        envelope = verzoek_envelope(
            ctx.target, autorisatie=broken_header(ctx.target, field, how=how)
        )
        exchange = ctx.call("HaalLeerlinggegevens", envelope, f"HaalLeerlinggegevens: {what}")
        return ctx.expect_fault(exchange, FaultCode.AUTORISATIE_ONGELDIG, what=what.capitalize())

    check.__name__ = f"header_{field}_{how}"
    las_checks.check(check_id)(check)


for _check_id, (_field, _how) in _HEADER_CASES.items():
    _header_check(_check_id, _field, _how)


@las_checks.check("LAS-AUTH-008")
def verkeerde_sleutel(ctx: LasContext) -> Verdict:
    envelope = verzoek_envelope(ctx.target, autorisatie=header(ctx.target, sleutel=WRONG_KEY))
    exchange = ctx.call("HaalLeerlinggegevens", envelope, "HaalLeerlinggegevens: onbekende sleutel")
    return ctx.expect_fault(exchange, FaultCode.AUTORISATIE_ONGELDIG, what="Onbekende sleutel")


@las_checks.check("LAS-AUTH-009")
def verkeerde_klantcode(ctx: LasContext) -> Verdict:
    wrong = ctx.target.klantcode + "-FOUT"
    envelope = verzoek_envelope(ctx.target, autorisatie=header(ctx.target, klantcode=wrong))
    exchange = ctx.call(
        "HaalLeerlinggegevens", envelope, "HaalLeerlinggegevens: verkeerde klantcode"
    )
    return ctx.expect_fault(
        exchange, FaultCode.ONGELDIGE_KLANT_IDENTIFICATIE, what="Verkeerde klantcode"
    )


@las_checks.check("LAS-AUTH-010")
def verkeerde_klantnaam(ctx: LasContext) -> Verdict:
    wrong = ctx.target.klantnaam + " (fout)"
    envelope = verzoek_envelope(ctx.target, autorisatie=header(ctx.target, klantnaam=wrong))
    exchange = ctx.call(
        "HaalLeerlinggegevens", envelope, "HaalLeerlinggegevens: verkeerde klantnaam"
    )
    return ctx.expect_fault(
        exchange, FaultCode.ONGELDIGE_KLANT_IDENTIFICATIE, what="Verkeerde klantnaam"
    )


@las_checks.check("LAS-AUTH-011")
def brin_buiten_sleutel(ctx: LasContext) -> Verdict:
    brin = "00ZZ" if ctx.target.brincode != "00ZZ" else "01ZZ"
    envelope = verzoek_envelope(ctx.target, brincode=brin, dependancecode="00")
    exchange = ctx.call("HaalLeerlinggegevens", envelope, f"HaalLeerlinggegevens voor BRIN {brin}")
    return ctx.expect_fault(
        exchange, FaultCode.AUTORISATIE_ONGELDIG, what=f"BRIN {brin} valt niet onder de sleutel"
    )


@las_checks.check("LAS-AUTH-012")
def dependance_buiten_sleutel(ctx: LasContext) -> Verdict:
    if not ctx.target.brincode:
        return Verdict.skipped("De school wordt met een schoolkey aangesproken")
    own = ctx.target.dependancecode or "00"
    other = "99" if own != "99" else "98"
    envelope = verzoek_envelope(ctx.target, brincode=ctx.target.brincode, dependancecode=other)
    exchange = ctx.call(
        "HaalLeerlinggegevens",
        envelope,
        f"HaalLeerlinggegevens voor {ctx.target.brincode} dependancecode {other}",
    )
    return ctx.expect_fault(
        exchange,
        FaultCode.AUTORISATIE_ONGELDIG,
        what=f"dependancecode {other} valt niet onder de sleutel",
    )


@las_checks.check("LAS-AUTH-013")
def schoolkey_buiten_sleutel(ctx: LasContext) -> Verdict:
    envelope = verzoek_envelope(ctx.target, schoolkey="uwlr-conformance-onbekende-school")
    exchange = ctx.call(
        "HaalLeerlinggegevens", envelope, "HaalLeerlinggegevens: onbekende schoolkey"
    )
    return ctx.expect_fault(
        exchange, FaultCode.AUTORISATIE_ONGELDIG, what="Een schoolkey buiten de sleutel"
    )


@las_checks.check("LAS-AUTH-014", phase=1)
def sleutel_niet_herhaald(ctx: LasContext) -> Verdict:
    exchanges = answers(ctx)
    leaking = [(x, ctx.probe.masker.leaks(x.response)) for x in exchanges]
    leaking = [(x, found) for x, found in leaking if found]
    if leaking:
        first, found = leaking[0]
        return Verdict.broken(
            f"{len(leaking)} antwoorden bevatten een verstuurde sleutel ({', '.join(found)}); "
            f"eerste: {first.label}",
            *(ctx.evidence(x, f"bevat {', '.join(f)}") for x, f in leaking[:5]),
        )
    return Verdict.ok(f"Geen van de {len(exchanges)} antwoorden bevat een verstuurde sleutel")
