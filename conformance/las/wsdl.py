"""LAS checks on the published contract: the WSDLs (``?wsdl``) and the XSDs they import."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

from lxml import etree

from conformance.las.context import LasContext
from conformance.las.probe import Exchange
from conformance.las.registry import las_checks
from conformance.result import Evidence, Verdict
from uwlr.namespaces import AUT, LG, LR, SOAP_ACTIONS
from uwlr.safexml import XmlInputError, parse_xml
from uwlr.shared_lxml import compile_schema

__all__ = ["Wsdl", "fetch_wsdl", "wsdl_url"]

WSDL = "http://schemas.xmlsoap.org/wsdl/"
WSDL_SOAP = "http://schemas.xmlsoap.org/wsdl/soap/"
XS = "http://www.w3.org/2001/XMLSchema"
_MAX_SCHEMAS = 40
_GETRAPT = ("HaalStructuur", "HaalLeerlingen", "HaalLeerkrachten")


@dataclass(frozen=True)
class Wsdl:
    """A downloaded WSDL: the exchange, and the document (None when unusable, see ``problem``)."""

    exchange: Exchange
    root: etree._Element | None
    problem: str | None

    def operations(self) -> set[str]:
        """Names of the portType operations."""
        if self.root is None:
            return set()
        return {
            op.get("name", "")
            for op in self.root.iterfind(f"{{{WSDL}}}portType/{{{WSDL}}}operation")
        }

    def header_messages(self) -> set[str]:
        """Local names of the messages whose part is the ``aut:autorisatie`` element."""
        found: set[str] = set()
        if self.root is None:
            return found
        for message in self.root.iterfind(f"{{{WSDL}}}message"):
            for part in message.iterfind(f"{{{WSDL}}}part"):
                if _resolve(part, part.get("element")) == f"{{{AUT}}}autorisatie":
                    found.add(message.get("name", ""))
        return found

    def operations_without_header(self) -> list[str]:
        """Binding operations whose input has no ``soap:header`` with the autorisatie message."""
        if self.root is None:
            return []
        headers = self.header_messages()
        missing = []
        for operation in self.root.iterfind(f"{{{WSDL}}}binding/{{{WSDL}}}operation"):
            refs = {
                _resolve(h, h.get("message")).split("}", 1)[-1]
                for h in operation.iterfind(f"{{{WSDL}}}input/{{{WSDL_SOAP}}}header")
            }
            if not refs & headers:
                missing.append(operation.get("name", "?"))
        return missing

    def soap_actions(self) -> dict[str, str]:
        """``{operation: soapAction}`` of the binding operations (quotes removed)."""
        actions: dict[str, str] = {}
        if self.root is None:
            return actions
        for operation in self.root.iterfind(f"{{{WSDL}}}binding/{{{WSDL}}}operation"):
            soap_op = operation.find(f"{{{WSDL_SOAP}}}operation")
            if soap_op is not None:
                actions[operation.get("name", "")] = soap_op.get("soapAction", "").strip('"')
        return actions

    def input_element(self, operation: str) -> str | None:
        """The Clark name of the input element of ``operation`` (via message and part)."""
        if self.root is None:
            return None
        port_op = next(
            (
                op
                for op in self.root.iterfind(f"{{{WSDL}}}portType/{{{WSDL}}}operation")
                if op.get("name") == operation
            ),
            None,
        )
        put = port_op.find(f"{{{WSDL}}}input") if port_op is not None else None
        if put is None:
            return None
        message_name = _resolve(put, put.get("message")).split("}", 1)[-1]
        for message in self.root.iterfind(f"{{{WSDL}}}message"):
            if message.get("name") == message_name:
                part = message.find(f"{{{WSDL}}}part")
                return _resolve(part, part.get("element")) if part is not None else None
        return None


def _resolve(element: etree._Element, value: str | None) -> str:
    """A QName attribute value (``lg:x``) in Clark notation (``{ns}x``)."""
    if not value:
        return ""
    prefix, _, local = value.rpartition(":")
    namespace = element.nsmap.get(prefix or None)
    return f"{{{namespace}}}{local}" if namespace else local


def wsdl_url(endpoint: str) -> str:
    """``endpoint?wsdl`` (or ``&wsdl`` when the URL has a query already)."""
    return endpoint + ("&wsdl" if "?" in endpoint else "?wsdl")


def fetch_wsdl(ctx: LasContext, endpoint: str, name: str) -> Wsdl:
    """Download and read the WSDL of ``endpoint`` once per run."""
    cached = ctx.shared(f"wsdl:{endpoint}")
    if isinstance(cached, Wsdl):
        return cached
    exchange = ctx.probe.get(wsdl_url(endpoint), label=f"WSDL {name}")
    root: etree._Element | None = None
    problem: str | None = None
    if exchange.status != 200:
        problem = f"GET ?wsdl gaf {exchange.describe().split(',')[0]}"
    else:
        try:
            root = parse_xml(exchange.response)
        except XmlInputError as exc:
            problem = f"geen XML: {exc}"
        else:
            if root.tag != f"{{{WSDL}}}definitions":
                problem = f"geen WSDL 1.1: het hoofdelement is {root.tag}"
                root = None
    wsdl = Wsdl(exchange, root, problem)
    ctx.share(f"wsdl:{endpoint}", wsdl)
    return wsdl


def _evidence(ctx: LasContext, wsdl: Wsdl, note: str | None = None) -> Evidence:
    return ctx.evidence(wsdl.exchange, note)


@las_checks.check("LAS-WSDL-001")
def wsdl_bereikbaar(ctx: LasContext) -> Verdict:
    wsdl = fetch_wsdl(ctx, ctx.target.leerlinggegevens_url, "leerlinggegevens")
    if wsdl.root is None:
        return Verdict.broken(f"De WSDL is niet bruikbaar: {wsdl.problem}", _evidence(ctx, wsdl))
    return Verdict.ok("De WSDL is bereikbaar (HTTP 200, WSDL 1.1)", _evidence(ctx, wsdl))


@las_checks.check("LAS-WSDL-002")
def wsdl_beschrijft_alles_in_een(ctx: LasContext) -> Verdict:
    wsdl = fetch_wsdl(ctx, ctx.target.leerlinggegevens_url, "leerlinggegevens")
    if wsdl.root is None:
        return Verdict.broken(f"Geen WSDL: {wsdl.problem}", _evidence(ctx, wsdl))
    problems = []
    if "HaalLeerlinggegevens" not in wsdl.operations():
        problems.append("operatie HaalLeerlinggegevens ontbreekt")
    elif wsdl.input_element("HaalLeerlinggegevens") != f"{{{LG}}}leerlinggegevens_verzoek":
        problems.append("de invoer van HaalLeerlinggegevens is niet lg:leerlinggegevens_verzoek")
    if not wsdl.header_messages():
        problems.append("geen bericht met aut:autorisatie als part")
    elif missing := wsdl.operations_without_header():
        problems.append(f"zonder autorisatieheader: {', '.join(missing)}")
    if problems:
        return Verdict.broken("; ".join(problems), _evidence(ctx, wsdl))
    return Verdict.ok(
        "HaalLeerlinggegevens en de autorisatieheader staan in de WSDL", _evidence(ctx, wsdl)
    )


@las_checks.check("LAS-WSDL-003")
def wsdl_getrapt_en_soapactions(ctx: LasContext) -> Verdict:
    wsdl = fetch_wsdl(ctx, ctx.target.leerlinggegevens_url, "leerlinggegevens")
    if wsdl.root is None:
        return Verdict.broken(f"Geen WSDL: {wsdl.problem}", _evidence(ctx, wsdl))
    problems = [f"operatie {op} ontbreekt" for op in _GETRAPT if op not in wsdl.operations()]
    for operation, action in sorted(wsdl.soap_actions().items()):
        expected = SOAP_ACTIONS.get(operation)
        if expected is not None and action != expected:
            problems.append(f"soapAction van {operation} is {action!r}, officieel {expected!r}")
    if problems:
        return Verdict.broken("; ".join(problems), _evidence(ctx, wsdl))
    return Verdict.ok(
        "De getrapte operaties staan erin, met de officiële soapActions", _evidence(ctx, wsdl)
    )


@las_checks.check("LAS-WSDL-004")
def wsdl_leerresultaten(ctx: LasContext) -> Verdict:
    url = ctx.target.leerresultaten_url
    if url is None:
        return Verdict.skipped("Geen --leerresultaten-url opgegeven")
    wsdl = fetch_wsdl(ctx, url, "leerresultaten")
    if wsdl.root is None:
        return Verdict.broken(f"De WSDL is niet bruikbaar: {wsdl.problem}", _evidence(ctx, wsdl))
    problems = []
    if wsdl.input_element("BrengLeerresultaten") != f"{{{LR}}}leerresultaten_verzoek":
        problems.append(
            "operatie BrengLeerresultaten met invoer lr:leerresultaten_verzoek ontbreekt"
        )
    if not wsdl.header_messages():
        problems.append("geen bericht met aut:autorisatie als part")
    elif missing := wsdl.operations_without_header():
        problems.append(f"zonder autorisatieheader: {', '.join(missing)}")
    if problems:
        return Verdict.broken("; ".join(problems), _evidence(ctx, wsdl))
    return Verdict.ok(
        "BrengLeerresultaten en de autorisatieheader staan erin", _evidence(ctx, wsdl)
    )


@las_checks.check("LAS-WSDL-005")
def xsds_lossen_op(ctx: LasContext) -> Verdict:
    wsdls = [fetch_wsdl(ctx, ctx.target.leerlinggegevens_url, "leerlinggegevens")]
    if ctx.target.leerresultaten_url is not None:
        wsdls.append(fetch_wsdl(ctx, ctx.target.leerresultaten_url, "leerresultaten"))
    usable = [w for w in wsdls if w.root is not None]
    if not usable:
        return Verdict.broken("Geen bruikbare WSDL om XSD's uit te halen")
    fetched: dict[str, bytes] = {}
    evidence: list[Evidence] = []
    problems: list[str] = []
    inline: list[tuple[etree._Element, str]] = []
    queue: list[str] = []
    for wsdl in usable:
        assert wsdl.root is not None
        for schema in wsdl.root.iterfind(f"{{{WSDL}}}types/{{{XS}}}schema"):
            inline.append((schema, wsdl.exchange.url))
            queue += _locations(schema, wsdl.exchange.url)
    while queue and len(fetched) < _MAX_SCHEMAS:
        url = queue.pop(0)
        if url in fetched:
            continue
        exchange = ctx.probe.get(url, label=f"XSD {url.rsplit('/', 1)[-1]}")
        fetched[url] = exchange.response if exchange.status == 200 else b""
        if exchange.status != 200:
            problems.append(f"{url}: {exchange.describe().split(',')[0]}")
            evidence.append(ctx.evidence(exchange))
            continue
        try:
            queue += _locations(parse_xml(exchange.response), url)
        except XmlInputError as exc:
            problems.append(f"{url}: geen XML ({exc})")
            evidence.append(ctx.evidence(exchange))
    if problems:
        return Verdict.broken("; ".join(problems[:5]), *evidence[:5])
    for schema, base in inline:
        try:
            _compile(schema, base, fetched)
        except (etree.XMLSchemaParseError, etree.XMLSyntaxError) as exc:
            return Verdict.broken(
                f"De schema's compileren niet: {exc}",
                Evidence("XSD's", note="\n".join(sorted(fetched))),
            )
    return Verdict.ok(
        f"{len(fetched)} XSD's opgehaald en gecompileerd",
        Evidence("opgehaalde XSD's", note="\n".join(sorted(fetched))),
    )


def _locations(schema: etree._Element, base: str) -> list[str]:
    return [
        urljoin(base, location)
        for tag in ("import", "include", "redefine")
        for element in schema.iter(f"{{{XS}}}{tag}")
        if (location := element.get("schemaLocation"))
    ]


class _Fetched(etree.Resolver):
    """Serves the downloaded XSDs by URL; nothing else is loaded."""

    def __init__(self, documents: dict[str, bytes]) -> None:
        super().__init__()
        self.documents = documents

    def resolve(  # type: ignore[override]
        self, system_url: str, public_id: str, context: object
    ) -> object:
        content = self.documents.get(system_url)
        if content is None:
            return self.resolve_string(b"<unresolved/>", context, base_url=system_url)
        return self.resolve_string(content, context, base_url=system_url)


def _compile(schema: etree._Element, base: str, documents: dict[str, bytes]) -> None:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    parser.resolvers.add(_Fetched(documents))
    source = etree.tostring(schema)
    document = etree.fromstring(source, parser, base_url=base)
    compile_schema(etree.ElementTree(document))
