"""A lean spyne server transport: one SOAP request's bytes in, the status and answer bytes out.

spyne's ``WsgiApplication`` does per request what the mock does not need: it rebuilds the URL,
checks for ``?wsdl`` (the mock serves its own contract WSDL), parses the Content-Type with
``cgi``, reads the body in blocks, fires WSGI events and chains the answer through generators.
:class:`UwlrSoapServer` is a spyne ``ServerBase`` that keeps what spyne is there for, in
spyne's order: a ``MethodContext``, the protocol's ``create_in_document`` /
``decompose_incoming_envelope`` / ``generate_method_contexts`` (dispatch on the body's root
element), ``get_in_object``, ``get_out_object`` (the ``@rpc`` method through the application's
``process_request``, so faults are spyne ``Fault``s) and ``get_out_string``. The WSGI plumbing
around it (reading the body, the journal, fault injection) is :class:`mock_esis.web.app.MockEsisApp`.
"""

from __future__ import annotations

from typing import Any

from mock_esis.soap.protocol import Exchange
from mock_esis.soap.spyne_compat import Application, EventManager, MethodContext, ServerBase

__all__ = ["UwlrSoapServer", "quiet_events"]

_OK = 200


class _QuietEventManager(EventManager):  # type: ignore[misc]
    """spyne's EventManager without the empty ordered set it makes for every event fired.

    Nothing in the mock listens to spyne's events, yet a request fires about 17 of them;
    spyne's ``fire_event`` builds an ``oset()`` for each one that has no listeners.
    """

    def fire_event(self, event_name: str, ctx: Any, *args: Any, **kwargs: Any) -> None:
        handlers = self.handlers.get(event_name)
        if handlers:
            for handler in handlers:
                handler(ctx, *args, **kwargs)


def quiet_events(owner: Any) -> None:
    """Give ``owner`` (an application, protocol or server) the quiet event manager, keeping
    any listeners it had."""
    old = getattr(owner, "event_manager", None)
    quiet = _QuietEventManager(owner)
    if old is not None:
        quiet.handlers.update(old.handlers)
    owner.event_manager = quiet


class _LeanContext(MethodContext):  # type: ignore[misc]
    """spyne's MethodContext without its guard against new attributes: that guard runs a Python
    ``__setattr__`` for each of the ~60 attributes a request sets. The mock's code keeps its own
    data in ``udc`` (the :class:`Exchange`), as spyne asks."""

    __setattr__ = object.__setattr__


class UwlrSoapServer(ServerBase):  # type: ignore[misc]
    """A spyne server transport for one :class:`spyne.Application` (see the module docstring)."""

    transport = "http://schemas.xmlsoap.org/soap/http"

    def __init__(self, app: Application) -> None:
        super().__init__(app)
        for owner in (self, app, app.in_protocol, app.out_protocol):
            quiet_events(owner)

    def handle(self, request: bytes, exchange: Exchange) -> tuple[int, bytes]:
        """Run one request through spyne; the HTTP status and the answer envelope bytes.

        ``exchange`` is the request's journal record; the protocol and the services fill it.
        """
        initial = _LeanContext(self, MethodContext.SERVER)
        initial.udc = exchange
        initial.in_string = [request]
        contexts = self.generate_contexts(initial)
        ctx = contexts[0]
        if ctx.in_error is None:
            self.get_in_object(ctx)
        if ctx.in_error is None:
            self.get_out_object(ctx)
        error = ctx.in_error or ctx.out_error
        status = _OK
        if error is not None:
            ctx.out_error = error
            status = int(ctx.out_protocol.fault_to_http_response_code(error).split(" ", 1)[0])
        self.get_out_string(ctx)
        answer = b"".join(ctx.out_string)
        ctx.close()
        return status, answer
