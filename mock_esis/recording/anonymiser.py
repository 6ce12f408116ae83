"""``mock-esis recording anonimiseren``: a recording with every personal value replaced.

Each request and answer is walked element by element against the allow-list in
:mod:`mock_esis.recording.treatments`. Personal values get keyed pseudonyms
(:mod:`mock_esis.recording.pseudonyms`), the same for the same person in every exchange: the
leerling of a leerlinggegevens answer and the ``leerlingid`` of a BrengLeerresultaten request
share one fake key. Structure stays as it was: every record, group key, membership, jaargroep,
geslacht, role and mutatiedatum. An unknown element stops the run with its file and path, and
nothing is written; the output is made in a temporary folder and renamed at the end.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from lxml import etree

from mock_esis.recording.pseudonyms import PersonPseudonym, Pseudonyms
from mock_esis.recording.treatments import ATTRIBUTES, ELEMENTS, PERSON_ONLY, Treatment
from uwlr.fake.names import PersonName
from uwlr.masking import MASK
from uwlr.namespaces import LG, SOAP_ENV, XSI
from uwlr.recording import RecordingWriter, read_recording
from uwlr.safexml import XmlInputError, parse_xml

__all__ = ["REPORT", "AnonymisationError", "AnonymisationReport", "anonymise_recording"]

REPORT: Final = "anonimisering.json"
_PEOPLE: Final = ("leerling", "leerkracht")
_ONBEKEND: Final = {
    "etniciteit": "9",
    "land": "?",
    "land_vader": "?",
    "land_moeder": "?",
    "gewicht": "?",
    "gewicht_nieuw": "?",
}
_T = Treatment


class AnonymisationError(ValueError):
    """Anonymising stopped; the Dutch message names the file and the element."""


@dataclass
class AnonymisationReport:
    """What was replaced (count per element and treatment) and what was kept."""

    bron: str
    doel: str
    uitwisselingen: int = 0
    vervangen: Counter[str] = field(default_factory=Counter)
    behouden: Counter[str] = field(default_factory=Counter)
    weggelaten: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "bron": self.bron,
            "doel": self.doel,
            "uitwisselingen": self.uitwisselingen,
            "vervangen": dict(sorted(self.vervangen.items())),
            "behouden": dict(sorted(self.behouden.items())),
            "weggelaten": self.weggelaten,
        }

    def lines(self) -> list[str]:
        """The report for the terminal."""
        out = [
            f"{self.uitwisselingen} uitwisselingen geanonimiseerd naar {self.doel}",
            "vervangen:",
        ]
        out += [f"  {name}: {count}" for name, count in sorted(self.vervangen.items())]
        out += [f"weggelaten: {item}" for item in self.weggelaten]
        return out


def _local(element: etree._Element) -> tuple[str, str]:
    qname = etree.QName(element)
    return qname.namespace or "", qname.localname


class _Walker:
    """Rewrites the documents of one run, sharing pseudonyms between them."""

    def __init__(self, pseudonyms: Pseudonyms, report: AnonymisationReport) -> None:
        self.p = pseudonyms
        self.report = report
        self.tokens: dict[str, str] = {}

    # -- first pass: every identifier, so free texts can be cleaned wherever they come -----------
    def collect(self, root: etree._Element) -> None:
        for element in root.iter():
            if not isinstance(element.tag, str):
                continue
            namespace, name = _local(element)
            if name in _PEOPLE:
                if element.get("key"):
                    self.tokens[element.get("key", "")] = self.p.key(element.get("key", ""))
                if element.get("eckid"):
                    self.tokens[element.get("eckid", "")] = self.p.eckid(element.get("eckid", ""))
            elif name == "leerlingid" and element.text and element.text.strip():
                self.tokens[element.text.strip()] = self.p.key(element.text.strip())
            elif name == "eckid" and element.text and element.text.strip():
                self.tokens[element.text.strip()] = self.p.eckid(element.text.strip())

    # -- second pass -------------------------------------------------------------------------------
    def rewrite(self, root: etree._Element, file: str) -> None:
        self._element(root, file, f"/{_local(root)[1]}", None)

    def _element(
        self,
        element: etree._Element,
        file: str,
        path: str,
        person: PersonPseudonym | None,
    ) -> None:
        namespace, name = _local(element)
        treatment = ELEMENTS.get((namespace, name))
        if treatment is None:
            raise AnonymisationError(
                f"{file}: onbekend element {path} ({{{namespace}}}{name}); de anonimisering "
                "weet niet of het persoonsgegevens bevat en stopt (niets geschreven)."
            )
        if treatment in PERSON_ONLY and person is None:
            raise AnonymisationError(
                f"{file}: {path} staat buiten een leerling of leerkracht; onbekende plaats, "
                "de anonimisering stopt (niets geschreven)."
            )
        self._attributes(element, file, path, name)
        if name in _PEOPLE and namespace == LG:
            person = self._person(element, file)
        self._value(element, treatment, name, person)
        for child in list(element):
            if isinstance(child.tag, str):
                self._element(child, file, f"{path}/{_local(child)[1]}", person)

    def _attributes(self, element: etree._Element, file: str, path: str, name: str) -> None:
        for attribute, raw in list(element.attrib.items()):
            value = raw if isinstance(raw, str) else raw.decode()
            qname = etree.QName(attribute)
            if qname.namespace == XSI:
                continue
            treatment = ATTRIBUTES.get((name, qname.localname))
            if treatment is None or qname.namespace not in (None, SOAP_ENV):
                raise AnonymisationError(
                    f"{file}: onbekend attribuut {path}/@{qname.localname}; de anonimisering "
                    "stopt (niets geschreven)."
                )
            label = f"{name}/@{qname.localname}"
            if treatment is _T.HOUDEN:
                self.report.behouden[label] += 1
                continue
            if treatment is _T.PERSOONSSLEUTEL:
                element.set(attribute, self.p.key(value))
            elif treatment is _T.ECKID:
                element.set(attribute, self.p.eckid(value))
            elif treatment is _T.RESULTAATSLEUTEL:
                element.set(attribute, self.p.resultaat_key(value))
            self.report.vervangen[f"{label} → {treatment.value}"] += 1

    def _person(self, element: etree._Element, file: str) -> PersonPseudonym:
        values = {
            _local(child)[1]: (child.text or "").strip()
            for child in element
            if isinstance(child.tag, str)
        }
        identity = element.get("key") or (
            f"eckid:{element.get('eckid')}" if element.get("eckid") else None
        )
        if identity is None:
            raise AnonymisationError(
                f"{file}: een {_local(element)[1]} zonder key en zonder eckid; niet consequent "
                "te vervangen, de anonimisering stopt (niets geschreven)."
            )
        original = None
        if values.get("roepnaam") or values.get("achternaam"):
            original = PersonName(
                roepnaam=values.get("roepnaam") or "",
                achternaam=values.get("achternaam"),
                voorvoegsel=values.get("voorvoegsel"),
                voornamen=values.get("voornamen"),
                voorletters=values.get("voorletters-1"),
            )
        geslacht = values.get("geslacht")
        born = values.get("geboortedatum")
        email = values.get("emailadres")
        return self.p.person(
            identity,
            geslacht=int(geslacht) if geslacht and geslacht.isdigit() else None,
            original=original,
            geboortedatum=dt.date.fromisoformat(born) if born else None,
            email_domain=self.p.domain(email.rsplit("@", 1)[-1]) if email else None,
        )

    def _value(
        self,
        element: etree._Element,
        treatment: Treatment,
        name: str,
        person: PersonPseudonym | None,
    ) -> None:
        if treatment is _T.HOUDEN:
            if element.text and element.text.strip():
                self.report.behouden[name] += 1
            return
        old = (element.text or "").strip()
        new = self._replacement(element, treatment, name, old, person)
        if new is None:
            return
        element.text = new
        self.report.vervangen[f"{name} → {treatment.value}"] += 1

    def _replacement(
        self,
        element: etree._Element,
        treatment: Treatment,
        name: str,
        old: str,
        person: PersonPseudonym | None,
    ) -> str | None:
        if treatment is _T.VRIJE_TEKST:
            return self._clean(element) if old else None
        if treatment is _T.COMMENTAAR:
            return "geanonimiseerd" if old else None
        if treatment is _T.AUTORISATIESLEUTEL:
            return MASK
        if treatment is _T.PERSOONSSLEUTEL:
            return self.p.key(old)
        if treatment is _T.ECKID:
            return self.p.eckid(old)
        assert person is not None
        name_parts = {
            _T.ACHTERNAAM: person.name.achternaam,
            _T.VOORNAMEN: person.name.voornamen,
            _T.VOORLETTERS: person.name.voorletters,
            _T.ROEPNAAM: person.name.roepnaam,
        }
        if treatment in name_parts:
            return name_parts[treatment] or person.name.roepnaam
        if treatment is _T.VOORVOEGSEL:
            return self._voorvoegsel(element, person)
        if treatment is _T.GEBOORTEDATUM:
            return person.geboortedatum.isoformat() if person.geboortedatum else None
        if treatment is _T.PERSOONSDATUM:
            return (dt.date.fromisoformat(old) + person.shift).isoformat()
        if treatment is _T.EMAILADRES:
            return person.email
        if treatment is _T.GEBRUIKERSNAAM:
            return person.login
        if treatment is _T.BSN:
            return self.p.bsn(old)
        if treatment is _T.CIJFERS:
            return self.p.digits(name, old, len(old) or 4)
        if treatment is _T.POSTCODE:
            return self.p.postcode(old)
        if treatment is _T.ONBEKEND:
            return _ONBEKEND[name]
        if treatment is _T.FOTOURL:
            return f"https://foto.example/{self.p.digest('foto', old).hex()[:20]}.jpg"
        raise AssertionError(treatment)  # pragma: no cover - every treatment is handled above

    def _voorvoegsel(self, element: etree._Element, person: PersonPseudonym) -> str | None:
        if person.name.voorvoegsel:
            return person.name.voorvoegsel
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)  # the fake name has none: leave the optional part out
        self.report.vervangen["voorvoegsel: weggelaten (de nepnaam heeft er geen)"] += 1
        return None

    def _clean(self, element: etree._Element) -> str:
        text = element.text or ""
        for old in sorted(self.tokens, key=len, reverse=True):
            if len(old) >= 4:
                text = re.sub(rf"(?<![\w/]){re.escape(old)}(?![\w])", self.tokens[old], text)
        return text

    def add_missing_voorvoegsels(self, root: etree._Element) -> None:
        """A fake name with a voorvoegsel where the original had none gets it after achternaam."""
        for element in root.iter(f"{{{LG}}}leerling", f"{{{LG}}}leerkracht"):
            key = element.get("key") or (
                f"eckid:{element.get('eckid')}" if element.get("eckid") else None
            )
            person = self.p.known(key or "")
            achternaam = element.find(f"{{{LG}}}achternaam")
            if (
                person is None
                or not person.name.voorvoegsel
                or achternaam is None
                or element.find(f"{{{LG}}}voorvoegsel") is not None
            ):
                continue
            added = etree.Element(f"{{{LG}}}voorvoegsel")
            added.text = person.name.voorvoegsel
            added.tail = achternaam.tail
            achternaam.addnext(added)
            self.report.vervangen["voorvoegsel: toegevoegd (de nepnaam heeft er een)"] += 1


def anonymise_recording(source: Path, target: Path, secret: str) -> AnonymisationReport:
    """Anonymise the recording in ``source`` into ``target`` (which must not exist yet)."""
    recording = read_recording(source)
    if target.exists() and any(target.iterdir()):
        raise AnonymisationError(f"Doelmap {target} bestaat al en is niet leeg; kies een nieuwe.")
    report = AnonymisationReport(bron=str(source), doel=str(target))
    walker = _Walker(Pseudonyms(secret), report)
    documents: list[dict[str, Any]] = []
    for exchange in recording.exchanges:
        parsed: dict[str, etree._Element | None] = {}
        for role, name in (("verzoek", exchange.verzoek), ("antwoord", exchange.antwoord)):
            if name is None:
                continue
            data = recording.read(name)
            if role == "antwoord" and exchange.fout is not None:
                parsed[role] = None  # an unreadable answer is left out, and said so
                report.weggelaten.append(f"{name}: onleesbaar antwoord ({exchange.fout})")
                continue
            try:
                parsed[role] = parse_xml(data) if data.strip() else None
            except XmlInputError as exc:
                raise AnonymisationError(f"{name}: geen leesbare XML ({exc}).") from None
            root = parsed[role]
            if root is not None:
                walker.collect(root)
        documents.append({"exchange": exchange, **parsed})
    for item in documents:
        for role in ("verzoek", "antwoord"):
            root = item.get(role)
            if root is not None:
                walker.rewrite(root, getattr(item["exchange"], role))
    for item in documents:
        for role in ("verzoek", "antwoord"):
            root = item.get(role)
            if root is not None:
                walker.add_missing_voorvoegsels(root)
    _write(recording.header, documents, target, report)
    return report


def _serialise(root: etree._Element | None) -> bytes | None:
    if root is None:
        return None
    return bytes(etree.tostring(root, xml_declaration=True, encoding="utf-8"))


def _write(
    header: dict[str, Any],
    documents: list[dict[str, Any]],
    target: Path,
    report: AnonymisationReport,
) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        kept = {k: v for k, v in header.items() if k not in ("formaat", "versie", "gemaakt")}
        kept.update({"geanonimiseerd": True, "bron_gemaakt": header.get("gemaakt")})
        writer = RecordingWriter(work, kept)
        for item in documents:
            exchange = item["exchange"]
            request = _serialise(item.get("verzoek")) or b""
            writer.add(
                nummer=exchange.nummer,
                endpoint=exchange.endpoint,
                operatie=exchange.operatie,
                begonnen=dt.datetime.fromisoformat(exchange.begonnen),
                duur_ms=exchange.duur_ms,
                http_status=exchange.http_status,
                soapaction=exchange.soapaction,
                verzoek_content_type=exchange.verzoek_content_type,
                antwoord_content_type=exchange.antwoord_content_type,
                verzoek=request,
                antwoord=_serialise(item.get("antwoord")),
                fout=exchange.fout,
            )
            report.uitwisselingen += 1
        (work / REPORT).write_text(
            json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n", "utf-8"
        )
        if target.exists():
            target.rmdir()
        work.replace(target)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
