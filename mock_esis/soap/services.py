"""The UWLR operations as spyne services: one method per operation, raw elements in and out.

Each method (one per operation, made by :func:`_operation`) hands the request to the :class:`mock_esis.soap.las.Las` attached to the spyne
application (``app.las``); the LAS decides the answer or raises a :class:`uwlr.faults.UwlrFault`.
"""

from __future__ import annotations

from typing import Any

from mock_esis.soap.protocol import UwlrSoap11, exchange_of, spyne_fault
from mock_esis.soap.spyne_compat import AnyXml, Application, ServiceBase, rpc
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


def _operation(operation: str, request: str, answer: str) -> Any:
    """A spyne ``@rpc`` method for one UWLR operation: raw body root in, answer element out."""

    def method(ctx: Any, verzoek: Any) -> Any:
        return _handle(ctx, operation)

    method.__name__ = method.__qualname__ = operation
    return rpc(
        AnyXml,
        _body_style="bare",
        _operation_name=operation,
        _in_message_name=request,
        _returns=AnyXml,
        _out_message_name=answer,
    )(method)


def _service(name: str, operations: tuple[tuple[str, str, str], ...]) -> type[ServiceBase]:
    namespace: dict[str, Any] = {"__service_name__": name, "__doc__": f"``{name}``."}
    namespace.update({op: _operation(op, request, answer) for op, request, answer in operations})
    return type(name, (ServiceBase,), namespace)


#: ``LeerlinggegevensService``: the all-in-one and the getrapt operations.
LeerlinggegevensService = _service(
    "LeerlinggegevensService",
    (
        ("HaalLeerlinggegevens", "leerlinggegevens_verzoek", "leerlinggegevens_antwoord"),
        ("HaalStructuur", "structuur_verzoek", "structuur_antwoord"),
        ("HaalLeerlingen", "leerlingen_verzoek", "leerlingen_antwoord"),
        ("HaalLeerkrachten", "leerkrachten_verzoek", "leerkrachten_antwoord"),
    ),
)
#: ``LeerresultatenService``: results pushed by the afnemer.
LeerresultatenService = _service(
    "LeerresultatenService",
    (("BrengLeerresultaten", "leerresultaten_verzoek", "leerresultaten_bevestiging"),),
)


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
