"""LAS checks on ``BrengLeerresultaten``: accepted, refused for unknown pupils, idempotent by key.

Everything that may store a result runs only with ``--allow-writes``. The resultaat key is fixed
per pupil (``uwlr-conformance-<leerlingid>``), so repeated runs replace their own result instead
of piling up new ones.
"""

from __future__ import annotations

import datetime as dt
import json

import httpx

from conformance.las.auth import WRONG_KEY
from conformance.las.content import gegevens_of
from conformance.las.context import LasContext
from conformance.las.probe import Exchange
from conformance.las.registry import las_checks
from conformance.las.requests import leerresultaten_envelope
from conformance.result import Evidence, Verdict
from uwlr.faults import FaultCode
from uwlr.models import LeerresultatenVerzoek, Resultaat, ResultatenSchool, Toets, Toetsafname
from uwlr.namespaces import LR

__all__ = ["TOETSCODE", "resultaten_verzoek"]

TOETSCODE = "UWLR-CONFORMANCE"
_UNKNOWN_PUPIL = "uwlr-conformance-onbekende-leerling"


def resultaten_verzoek(
    ctx: LasContext, leerlingid: str, *, keys: tuple[str, ...] | None = None
) -> LeerresultatenVerzoek:
    """A minimal valid message: one toets, one result (per key) for ``leerlingid``."""
    target = ctx.target
    keys = keys or (f"uwlr-conformance-{leerlingid}",)
    return LeerresultatenVerzoek(
        school=ResultatenSchool(
            schooljaar=target.schooljaar,
            aanmaakdatum=dt.datetime.now(dt.UTC).replace(microsecond=0),
            auteur="uwlr-conformance",
            xsdversie=target.xsdversie,
            **target.address,
        ),
        toetsafnames=[
            Toetsafname(
                leerlingid=leerlingid,
                resultaten=[
                    Resultaat(key=key, afnamedatum=dt.date.today(), toetscode=TOETSCODE, score=1)
                    for key in keys
                ],
            )
        ],
        toetsen=[Toets(toetscode=TOETSCODE, toetsnaam="uwlr-conformance proeftoets")],
    )


def _writes_allowed(ctx: LasContext) -> Verdict | None:
    if ctx.target.leerresultaten_url is None:
        return Verdict.skipped("Geen --leerresultaten-url opgegeven")
    if not ctx.allow_writes:
        return Verdict.skipped("Schrijft in de LAS: alleen met --allow-writes")
    return None


def _pupil(ctx: LasContext) -> str | Verdict:
    gegevens = gegevens_of(ctx)
    if isinstance(gegevens, Verdict):
        return gegevens
    for leerling in gegevens.leerlingen:
        if leerling.key:
            return leerling.key
    return Verdict.skipped("Het antwoord heeft geen leerling met een key")


def _accepted(exchange: Exchange) -> str | None:
    """None when the answer is ``leerresultaten_bevestiging`` with HTTP 200, else why not."""
    envelope = exchange.envelope()
    body = envelope.body if envelope is not None else None
    if (
        exchange.status == 200
        and body is not None
        and body.tag == f"{{{LR}}}leerresultaten_bevestiging"
    ):
        return None
    return exchange.describe()


def _send(ctx: LasContext, leerlingid: str, label: str) -> Exchange:
    message = resultaten_verzoek(ctx, leerlingid)
    return ctx.call("BrengLeerresultaten", leerresultaten_envelope(ctx.target, message), label)


@las_checks.check("LAS-WRITE-001")
def resultaat_aanvaard(ctx: LasContext) -> Verdict:
    skip = _writes_allowed(ctx)
    if skip is not None:
        return skip
    pupil = _pupil(ctx)
    if isinstance(pupil, Verdict):
        return pupil
    exchange = _send(ctx, pupil, f"BrengLeerresultaten voor leerling {pupil}")
    ctx.share("written_pupil", pupil)
    problem = _accepted(exchange)
    if problem is not None:
        return Verdict.broken(f"Niet aanvaard: {problem}", ctx.evidence(exchange))
    return Verdict.ok("Aanvaard met leerresultaten_bevestiging", ctx.evidence(exchange))


@las_checks.check("LAS-WRITE-002")
def onbekende_leerling(ctx: LasContext) -> Verdict:
    skip = _writes_allowed(ctx)
    if skip is not None:
        return skip
    exchange = _send(ctx, _UNKNOWN_PUPIL, "BrengLeerresultaten voor een onbekende leerling")
    return ctx.expect_fault(exchange, FaultCode.LEERLING_ONGELDIG, what="Onbekende leerling")


@las_checks.check("LAS-WRITE-003")
def opnieuw_sturen(ctx: LasContext) -> Verdict:
    skip = _writes_allowed(ctx)
    if skip is not None:
        return skip
    pupil = _pupil(ctx)
    if isinstance(pupil, Verdict):
        return pupil
    first = _send(ctx, pupil, f"BrengLeerresultaten voor leerling {pupil} (eerste keer)")
    again = _send(ctx, pupil, f"BrengLeerresultaten voor leerling {pupil} (opnieuw)")
    evidence = [ctx.evidence(first), ctx.evidence(again)]
    for exchange in (first, again):
        problem = _accepted(exchange)
        if problem is not None:
            return Verdict.broken(f"{exchange.label}: niet aanvaard: {problem}", *evidence)
    key = f"uwlr-conformance-{pupil}"
    count = _stored_count(ctx, key)
    if count is None:
        return Verdict.ok(
            "Beide keren aanvaard (of er één resultaat is opgeslagen, is van buitenaf niet te zien)",
            *evidence,
        )
    evidence.append(
        Evidence("admin-API van de LAS", note=f"resultaat {key}: {count} keer opgeslagen")
    )
    if count != 1:
        return Verdict.broken(f"Resultaat {key} staat {count} keer in de LAS", *evidence)
    return Verdict.ok(f"Beide keren aanvaard; resultaat {key} staat één keer in de LAS", *evidence)


def _stored_count(ctx: LasContext, key: str) -> int | None:
    """How often ``key`` is stored, from a mock ESIS admin API (None when there is none)."""
    if ctx.target.admin_url is None:
        return None
    try:
        response = httpx.get(f"{ctx.target.admin_url.rstrip('/')}/state", timeout=10)
        state = response.json()
    except (httpx.HTTPError, json.JSONDecodeError):
        return None
    if not isinstance(state, dict):
        return None
    return sum(
        1
        for school in state.get("scholen", [])
        for resultaat in school.get("resultaten", [])
        if resultaat.get("key") == key
    )


@las_checks.check("LAS-WRITE-004")
def dubbele_sleutel_geweigerd(ctx: LasContext) -> Verdict:
    skip = _writes_allowed(ctx)
    if skip is not None:
        return skip
    pupil = _pupil(ctx)
    if isinstance(pupil, Verdict):
        return pupil
    key = f"uwlr-conformance-{pupil}-dubbel"
    message = resultaten_verzoek(ctx, pupil, keys=(key, key))
    exchange = ctx.call(
        "BrengLeerresultaten",
        leerresultaten_envelope(ctx.target, message),
        "BrengLeerresultaten met twee keer dezelfde resultaatsleutel",
    )
    return ctx.expect_fault(exchange, FaultCode.ONGELDIG_BERICHT, what="Dubbele resultaatsleutel")


@las_checks.check("LAS-WRITE-005")
def verkeerde_sleutel_bij_resultaten(ctx: LasContext) -> Verdict:
    if ctx.target.leerresultaten_url is None:
        return Verdict.skipped("Geen --leerresultaten-url opgegeven")
    message = resultaten_verzoek(ctx, _UNKNOWN_PUPIL)
    exchange = ctx.call(
        "BrengLeerresultaten",
        leerresultaten_envelope(ctx.target, message, sleutel=WRONG_KEY),
        "BrengLeerresultaten met een onbekende sleutel",
    )
    return ctx.expect_fault(exchange, FaultCode.AUTORISATIE_ONGELDIG, what="Onbekende sleutel")
