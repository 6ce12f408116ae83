"""A WSGI wrapper around the mock ESIS that records every SOAP request byte for byte.

The mock's own journal holds its verdict per request (key masked); the harness also needs the
raw request (to validate it against the official schemas, count resultaat keys, read the
SOAPAction) and, for the ``geenwijzigingen`` scenario, to answer ``<geenwijzigingen/>`` where
the mock would send data. Attributes the server needs (``state``, ``injector``, ...) are passed
through to the wrapped app, so a :class:`~mock_esis.web.server.MockEsisServer` can serve this object.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from lxml import etree

from mock_esis.testing.injection import BROKEN_KEY
from mock_esis.web.app import SOAP_ENDPOINTS, MockEsisApp
from uwlr.envelope import build_envelope, to_bytes
from uwlr.namespaces import LG
from uwlr.safexml import XmlInputError, parse_xml

__all__ = ["OPERATION_OF_ROOT", "Recorded", "RecordingApp", "operation_of"]

#: Body root (Clark name) → operation.
OPERATION_OF_ROOT = {
    f"{{{LG}}}leerlinggegevens_verzoek": "HaalLeerlinggegevens",
    f"{{{LG}}}structuur_verzoek": "HaalStructuur",
    f"{{{LG}}}leerlingen_verzoek": "HaalLeerlingen",
    f"{{{LG}}}leerkrachten_verzoek": "HaalLeerkrachten",
    "{http://www.edustandaard.nl/leerresultaten/2/leerresultaten}leerresultaten_verzoek": (
        "BrengLeerresultaten"
    ),
}


def operation_of(body: bytes) -> str | None:
    """The operation a request body asks for (None when it is not a readable UWLR request)."""
    try:
        root = parse_xml(body)
    except XmlInputError:
        return None
    for envelope_body in root:
        if isinstance(envelope_body.tag, str) and envelope_body.tag.endswith("}Body"):
            for child in envelope_body:
                if isinstance(child.tag, str):
                    return OPERATION_OF_ROOT.get(child.tag)
    return None


@dataclass
class Recorded:
    """One HTTP request to a SOAP endpoint and the answer (``status`` None: none was sent)."""

    endpoint: str
    soapaction: str | None
    content_type: str | None
    body: bytes
    operation: str | None
    started: float
    status: int | None = None
    response: bytes = b""
    seconds: float = 0.0
    note: str | None = None

    @property
    def faultcode(self) -> str | None:
        """The UWLR fault code of the answer, when it was a fault."""
        marker = b"<faultcode>"
        start = self.response.find(marker)
        if start < 0:
            return None
        end = self.response.find(b"</faultcode>", start)
        text = self.response[start + len(marker) : end].decode("utf-8", "replace")
        return text.rsplit(":", 1)[-1].strip()


StartResponse = Callable[..., Any]


class RecordingApp:
    """Wraps a :class:`MockEsisApp`; ``geenwijzigingen`` turns data answers into ``geenwijzigingen``."""

    def __init__(self, app: MockEsisApp, *, geenwijzigingen: bool = False) -> None:
        self.app = app
        self.geenwijzigingen = geenwijzigingen
        self.records: list[Recorded] = []
        self._lock = threading.Lock()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.app, name)

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        endpoint = SOAP_ENDPOINTS.get((environ.get("PATH_INFO") or "").rstrip("/"))
        if endpoint is None or environ.get("REQUEST_METHOD") != "POST":
            return self.app(environ, start_response)
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        raw = environ["wsgi.input"].read(length) if length > 0 else b""
        environ["wsgi.input"] = BytesIO(raw)
        record = Recorded(
            endpoint=endpoint,
            soapaction=environ.get("HTTP_SOAPACTION"),
            content_type=environ.get("CONTENT_TYPE"),
            body=raw,
            operation=operation_of(raw),
            started=time.monotonic(),
        )
        with self._lock:
            self.records.append(record)
        captured: dict[str, Any] = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            captured["status"], captured["headers"] = status, headers
            return lambda data: None

        body = b"".join(self.app(environ, capture))
        status_line: str = captured.get("status", "500 Internal Server Error")
        headers: list[tuple[str, str]] = captured.get("headers", [])
        record.seconds = time.monotonic() - record.started
        if environ.get(BROKEN_KEY):
            record.note = "verbinding verbroken zonder antwoord"
            start_response(status_line, headers)
            return [body]
        if (
            self.geenwijzigingen
            and endpoint == "leerlinggegevens"
            and status_line.startswith("200")
        ):
            body = _geenwijzigingen(body)
            headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
            headers.append(("Content-Length", str(len(body))))
            record.note = "antwoord vervangen door <geenwijzigingen/>"
        record.status = int(status_line.split(" ", 1)[0])
        record.response = body
        start_response(status_line, headers)
        return [body]


def _geenwijzigingen(answer: bytes) -> bytes:
    """The same kind of answer, with ``<geenwijzigingen/>`` instead of the data."""
    try:
        root = parse_xml(answer)
    except XmlInputError:
        return answer
    antwoord = next(
        (el for el in root.iter() if isinstance(el.tag, str) and el.tag.endswith("_antwoord")),
        None,
    )
    if antwoord is None:
        return answer
    replacement = etree.Element(antwoord.tag, nsmap={"lg": LG})
    etree.SubElement(replacement, f"{{{LG}}}geenwijzigingen")
    return to_bytes(build_envelope(replacement))
