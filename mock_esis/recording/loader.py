"""Turning an (anonymised) recording into schools of the mock: ``serve --from-recording``.

Every answer with data is read with :mod:`uwlr.parse`. Per school (BRIN + vestiging) and school
year the last all-in-one answer wins; a school the afnemer only fetched getrapt is put together
from its HaalStructuur, HaalLeerlingen and HaalLeerkrachten answers. The result is an ordinary
:class:`~uwlr.fake.FakeSchool`, so the mock's checks, keys, faults, screens and journal apply.
A recording that was not anonymised is refused unless the caller says otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mock_esis.state.model import MockState, SchoolState
from uwlr.envelope import EnvelopeError, parse_envelope
from uwlr.fake import FakeSchool, Gebruiker
from uwlr.models import (
    GegevensStatus,
    Groep,
    Leerkracht,
    LeerkrachtenAntwoord,
    Leerling,
    LeerlingenAntwoord,
    Leerlinggegevens,
    LeerlinggegevensAntwoord,
    SamengesteldeGroep,
    School,
    StructuurAntwoord,
)
from uwlr.parse import ParseError, parse_with_warnings
from uwlr.recording import Recording, RecordingError, read_recording
from uwlr.safexml import XmlInputError

__all__ = ["RecordedSchool", "load_recording", "schools_from_recording"]

SchoolYear = tuple[str, str, str]


@dataclass
class _Parts:
    school: School | None = None
    groepen: dict[str, Groep] = field(default_factory=dict)
    samengestelde_groepen: dict[str, SamengesteldeGroep] = field(default_factory=dict)
    leerlingen: dict[str, Leerling] = field(default_factory=dict)
    leerkrachten: dict[str, Leerkracht] = field(default_factory=dict)

    def gegevens(self) -> Leerlinggegevens | None:
        if self.school is None:
            return None
        return Leerlinggegevens(
            school=self.school,
            groepen=list(self.groepen.values()),
            samengestelde_groepen=list(self.samengestelde_groepen.values()),
            leerlingen=list(self.leerlingen.values()),
            leerkrachten=list(self.leerkrachten.values()),
        )


@dataclass
class RecordedSchool:
    """One school of a recording: its data per school year."""

    brincode: str
    dependancecode: str
    jaren: dict[str, Leerlinggegevens]

    @property
    def code(self) -> str:
        return f"{self.brincode}{self.dependancecode}"

    @property
    def schooljaar(self) -> str:
        return max(self.jaren)

    def fake(self) -> FakeSchool:
        """The school as the mock's fake-school model (its latest school year)."""
        return FakeSchool(
            naam=f"Opgenomen school {self.code}",
            brincode=self.brincode,
            dependancecode=self.dependancecode,
            schooljaar=self.schooljaar,
            email_domein="opname.example",
            leerlinggegevens=self.jaren[self.schooljaar],
            gebruikers=[
                Gebruiker(naam="Directie Opname", rol="Directie", gebruikersnaam="directie")
            ],
        )


def _ident(record: Leerling | Leerkracht) -> str:
    return record.key or f"eckid:{record.eckid}"


def schools_from_recording(recording: Recording) -> list[RecordedSchool]:
    """The schools in the answers of ``recording``, in order of first appearance."""
    full: dict[SchoolYear, Leerlinggegevens] = {}
    parts: dict[SchoolYear, _Parts] = {}
    for exchange in recording.exchanges:
        if exchange.antwoord is None or exchange.http_status != 200 or exchange.fout:
            continue
        try:
            envelope = parse_envelope(recording.read(exchange.antwoord))
            if envelope.body is None or envelope.fault is not None:
                continue
            message = parse_with_warnings(envelope.body).message
        except (XmlInputError, EnvelopeError, ParseError) as exc:
            raise RecordingError(
                f"Opname {recording.folder}: {exchange.antwoord} is geen leesbaar UWLR-antwoord "
                f"({exc})."
            ) from None
        if isinstance(message, LeerlinggegevensAntwoord) and message.gegevens is not None:
            full[_key(message.gegevens.school, exchange.antwoord, recording)] = message.gegevens
            continue
        if not isinstance(message, StructuurAntwoord | LeerlingenAntwoord | LeerkrachtenAntwoord):
            continue
        if message.status is not GegevensStatus.GEGEVENS or message.school is None:
            continue
        part = parts.setdefault(_key(message.school, exchange.antwoord, recording), _Parts())
        part.school = message.school
        if isinstance(message, StructuurAntwoord):
            part.groepen.update({g.key: g for g in message.groepen})
            part.samengestelde_groepen.update({g.key: g for g in message.samengestelde_groepen})
        elif isinstance(message, LeerlingenAntwoord):
            part.leerlingen.update({_ident(p): p for p in message.leerlingen})
        else:
            part.leerkrachten.update({_ident(t): t for t in message.leerkrachten})
    for key, part in parts.items():
        gegevens = part.gegevens()
        if key not in full and gegevens is not None:
            full[key] = gegevens
    schools: dict[tuple[str, str], RecordedSchool] = {}
    for (brin, dependance, jaar), gegevens in full.items():
        school = schools.setdefault((brin, dependance), RecordedSchool(brin, dependance, {}))
        school.jaren[jaar] = gegevens
    return list(schools.values())


def _key(school: School, file: str, recording: Recording) -> SchoolYear:
    if not school.brincode:
        raise RecordingError(
            f"Opname {recording.folder}: {file} noemt de school alleen met een schoolkey; "
            "de nep-ESIS heeft een BRIN nodig."
        )
    return school.brincode, school.dependancecode or "00", school.schooljaar


def load_recording(
    state: MockState,
    folder: Path,
    *,
    activate: bool = False,
    ruwe_opname: bool = False,
) -> list[SchoolState]:
    """Add the recorded schools of ``folder`` to ``state`` (replacing same-coded ones)."""
    recording = read_recording(folder)
    if not recording.geanonimiseerd and not ruwe_opname:
        raise RecordingError(
            f"Opname {folder} is niet geanonimiseerd en kan echte leerlingen bevatten; "
            "maak eerst 'mock-esis recording anonimiseren' en serveer die map."
        )
    recorded = schools_from_recording(recording)
    if not recorded:
        raise RecordingError(
            f"Opname {folder} bevat geen antwoord met leerlinggegevens; er is geen school te maken."
        )
    added = []
    with state.change():
        for item in recorded:
            school = state.add_school(item.fake())
            with state.change(school):
                for jaar, gegevens in item.jaren.items():
                    school.jaren[jaar] = gegevens
            if activate:
                state.activate(
                    school, verificatiecode=f"{school.code}-opname-000000", door="opname"
                )
            added.append(school)
    return added
