"""The UWLR operations as spyne services: one method per operation, raw elements in and out.

Each method hands the request to the :class:`mock_esis.las.Las` attached to the spyne
application (``app.las``); the LAS decides the answer or raises a :class:`uwlr.faults.UwlrFault`.
"""

from __future__ import annotations

from typing import Any

from spyne import AnyXml, Application, ServiceBase, rpc

from mock_esis.protocol import UwlrSoap11, exchange_of, spyne_fault
from uwlr.faults import UwlrFault
from uwlr.namespaces import LG, LR

__all__ = ["LeerlinggegevensService", "LeerresultatenService", "make_applications"]


def _handle(ctx: Any, operation: str) -> Any:
    exchange = exchange_of(ctx)
    exchange.operation = operation
    try:
        return ctx.app.las.handle(operation, ctx.in_header_doc, ctx.in_body_doc, exchange)
    except UwlrFault as fault:
        if exchange.verdict == "ok":
            exchange.verdict = "fault"
        exchange.fault = fault
        raise spyne_fault(fault) from None


class LeerlinggegevensService(ServiceBase):  # type: ignore[misc]
    """``LeerlinggegevensService``: the all-in-one and the getrapt operations."""

    __service_name__ = "LeerlinggegevensService"

    @rpc(
        AnyXml,
        _body_style="bare",
        _operation_name="HaalLeerlinggegevens",
        _in_message_name="leerlinggegevens_verzoek",
        _returns=AnyXml,
        _out_message_name="leerlinggegevens_antwoord",
    )
    def HaalLeerlinggegevens(ctx: Any, verzoek: Any) -> Any:  # noqa: N802, N805
        return _handle(ctx, "HaalLeerlinggegevens")

    @rpc(
        AnyXml,
        _body_style="bare",
        _operation_name="HaalStructuur",
        _in_message_name="structuur_verzoek",
        _returns=AnyXml,
        _out_message_name="structuur_antwoord",
    )
    def HaalStructuur(ctx: Any, verzoek: Any) -> Any:  # noqa: N802, N805
        return _handle(ctx, "HaalStructuur")

    @rpc(
        AnyXml,
        _body_style="bare",
        _operation_name="HaalLeerlingen",
        _in_message_name="leerlingen_verzoek",
        _returns=AnyXml,
        _out_message_name="leerlingen_antwoord",
    )
    def HaalLeerlingen(ctx: Any, verzoek: Any) -> Any:  # noqa: N802, N805
        return _handle(ctx, "HaalLeerlingen")

    @rpc(
        AnyXml,
        _body_style="bare",
        _operation_name="HaalLeerkrachten",
        _in_message_name="leerkrachten_verzoek",
        _returns=AnyXml,
        _out_message_name="leerkrachten_antwoord",
    )
    def HaalLeerkrachten(ctx: Any, verzoek: Any) -> Any:  # noqa: N802, N805
        return _handle(ctx, "HaalLeerkrachten")


class LeerresultatenService(ServiceBase):  # type: ignore[misc]
    """``LeerresultatenService``: results pushed by the afnemer."""

    __service_name__ = "LeerresultatenService"

    @rpc(
        AnyXml,
        _body_style="bare",
        _operation_name="BrengLeerresultaten",
        _in_message_name="leerresultaten_verzoek",
        _returns=AnyXml,
        _out_message_name="leerresultaten_bevestiging",
    )
    def BrengLeerresultaten(ctx: Any, verzoek: Any) -> Any:  # noqa: N802, N805
        return _handle(ctx, "BrengLeerresultaten")


def make_applications(las: Any, *, max_bytes: int) -> tuple[Application, Application]:
    """The two spyne applications (leerlinggegevens, leerresultaten) sharing one LAS."""
    apps = []
    for service, tns, name in (
        (LeerlinggegevensService, LG, "Leerlinggegevens"),
        (LeerresultatenService, LR, "Leerresultaten"),
    ):
        app = Application(
            [service],
            tns=tns,
            name=name,
            in_protocol=UwlrSoap11(max_bytes=max_bytes),
            out_protocol=UwlrSoap11(max_bytes=max_bytes),
        )
        app.las = las
        apps.append(app)
    return apps[0], apps[1]
