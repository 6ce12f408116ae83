"""Fake schools as JSON files (``fixtures/schools/*.json``) and back.

Layout (``"formaat": "uwlr-fake-school/1"``), UTF-8, one JSON object with these keys in this order:
``formaat``, ``naam``, ``brincode``, ``dependancecode``, ``schooljaar``, ``email_domein``,
``school`` (the :class:`~uwlr.models.School` head), then the lists ``groepen``,
``samengestelde_groepen``, ``leerlingen``, ``leerkrachten``, ``ongegroepeerde_leerlingen``,
``ongegroepeerde_leerkrachten`` and ``gebruikers``, one record per line so diffs stay readable.
A record holds the dataclass fields under their own names, in field order; fields that are None or
an empty list are left out. Dates are ISO ``2019-03-14``, datetimes ISO with offset
``2026-03-14T09:30:00+00:00``; a leerkracht's groepen are ``{"soort": ..., "key": ...}`` objects.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any, Final, Literal, cast

from uwlr.fake.records import GEBRUIKERSROLLEN, FakeSchool, Gebruiker
from uwlr.models import (
    Groep,
    Leerkracht,
    LeerkrachtGroep,
    Leerling,
    Leerlinggegevens,
    SamengesteldeGroep,
    School,
)

__all__ = [
    "FORMAAT",
    "dump_school",
    "load_school",
    "parse_record",
    "parse_school",
    "render_record",
    "render_school",
]

FORMAAT: Final = "uwlr-fake-school/1"


# --------------------------------------------------------------------------------------------
# Writing


def _plain(value: object) -> object:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, LeerkrachtGroep):
        return {"soort": value.soort, "key": value.key}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _record(obj: object) -> dict[str, object]:
    out: dict[str, object] = {}
    for f in dataclasses.fields(obj):  # type: ignore[arg-type]
        value = getattr(obj, f.name)
        if value is not None and value != []:
            out[f.name] = _plain(value)
    return out


def _line(obj: object) -> str:
    return json.dumps(_record(obj), ensure_ascii=False)


def render_school(school: FakeSchool) -> str:
    """The JSON text of a school, in the documented layout (ends in a newline)."""
    gg = school.leerlinggegevens
    head = {
        "formaat": FORMAAT,
        "naam": school.naam,
        "brincode": school.brincode,
        "dependancecode": school.dependancecode,
        "schooljaar": school.schooljaar,
        "email_domein": school.email_domein,
    }
    lists: dict[str, list[Any]] = {
        "groepen": gg.groepen,
        "samengestelde_groepen": gg.samengestelde_groepen,
        "leerlingen": gg.leerlingen,
        "leerkrachten": gg.leerkrachten,
        "ongegroepeerde_leerlingen": school.ongegroepeerde_leerlingen,
        "ongegroepeerde_leerkrachten": school.ongegroepeerde_leerkrachten,
        "gebruikers": school.gebruikers,
    }
    parts = [f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in head.items()]
    parts.append(f'"school": {_line(gg.school)}')
    for name, records in lists.items():
        body = ",\n".join(_line(r) for r in records)
        parts.append(f"{json.dumps(name)}: [\n{body}\n]" if records else f"{json.dumps(name)}: []")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def dump_school(school: FakeSchool, path: Path | str) -> None:
    """Write the school to ``path`` as UTF-8 JSON."""
    Path(path).write_text(render_school(school), encoding="utf-8")


# --------------------------------------------------------------------------------------------
# Reading


class _Fields:
    """Typed access to one JSON object; wrong types raise ValueError naming the field."""

    def __init__(self, data: object, where: str) -> None:
        if not isinstance(data, dict):
            raise ValueError(f"{where}: verwacht een JSON-object.")
        self._data = cast(dict[str, object], data)
        self._where = where

    def _wrong(self, name: str, wanted: str) -> ValueError:
        return ValueError(f"{self._where}.{name}: verwacht {wanted}.")

    def opt_text(self, name: str) -> str | None:
        value = self._data.get(name)
        if value is not None and not isinstance(value, str):
            raise self._wrong(name, "tekst")
        return value

    def text(self, name: str) -> str:
        value = self.opt_text(name)
        if value is None:
            raise self._wrong(name, "tekst")
        return value

    def opt_int(self, name: str) -> int | None:
        value = self._data.get(name)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            raise self._wrong(name, "een geheel getal")
        return value

    def opt_date(self, name: str) -> dt.date | None:
        value = self.opt_text(name)
        try:
            return None if value is None else dt.date.fromisoformat(value)
        except ValueError:
            raise self._wrong(name, "een datum (JJJJ-MM-DD)") from None

    def opt_datetime(self, name: str) -> dt.datetime | None:
        value = self.opt_text(name)
        try:
            return None if value is None else dt.datetime.fromisoformat(value)
        except ValueError:
            raise self._wrong(name, "een tijdstip (ISO 8601)") from None

    def items(self, name: str) -> list[object]:
        value = self._data.get(name, [])
        if not isinstance(value, list):
            raise self._wrong(name, "een lijst")
        return cast(list[object], value)

    def texts(self, name: str) -> list[str]:
        values = self.items(name)
        if not all(isinstance(v, str) for v in values):
            raise self._wrong(name, "een lijst van teksten")
        return cast(list[str], values)

    def child(self, name: str) -> _Fields:
        return _Fields(self._data.get(name), f"{self._where}.{name}")

    def children(self, name: str) -> list[_Fields]:
        return [_Fields(v, f"{self._where}.{name}[{i}]") for i, v in enumerate(self.items(name))]


def _school(f: _Fields) -> School:
    return School(
        schooljaar=f.text("schooljaar"),
        brincode=f.opt_text("brincode"),
        dependancecode=f.opt_text("dependancecode"),
        schoolkey=f.opt_text("schoolkey"),
        peildatum=f.opt_date("peildatum"),
        aanmaakdatum=f.opt_datetime("aanmaakdatum"),
        auteur=f.opt_text("auteur"),
        xsdversie=f.opt_text("xsdversie"),
        commentaar=f.opt_text("commentaar"),
    )


def _groep(f: _Fields) -> Groep:
    return Groep(
        key=f.text("key"),
        naam=f.text("naam"),
        jaargroep=f.text("jaargroep"),
        omschrijving=f.opt_text("omschrijving"),
        mutatiedatum=f.opt_datetime("mutatiedatum"),
    )


def _samengestelde_groep(f: _Fields) -> SamengesteldeGroep:
    return SamengesteldeGroep(
        key=f.text("key"),
        naam=f.text("naam"),
        omschrijving=f.opt_text("omschrijving"),
        mutatiedatum=f.opt_datetime("mutatiedatum"),
    )


def _leerling(f: _Fields) -> Leerling:
    return Leerling(
        key=f.opt_text("key"),
        eckid=f.opt_text("eckid"),
        achternaam=f.opt_text("achternaam"),
        voorvoegsel=f.opt_text("voorvoegsel"),
        voornamen=f.opt_text("voornamen"),
        voorletters=f.opt_text("voorletters"),
        roepnaam=f.opt_text("roepnaam"),
        geboortedatum=f.opt_date("geboortedatum"),
        geslacht=f.opt_int("geslacht"),
        jaargroep=f.opt_text("jaargroep"),
        groep=f.opt_text("groep"),
        samengestelde_groepen=f.texts("samengestelde_groepen"),
        gebruikersnaam=f.opt_text("gebruikersnaam"),
        emailadres=f.opt_text("emailadres"),
        mutatiedatum=f.opt_datetime("mutatiedatum"),
    )


def _leerkracht_groep(f: _Fields) -> LeerkrachtGroep:
    soort = f.text("soort")
    if soort not in ("groep", "samengestelde_groep"):
        raise ValueError(f"Onbekende soort groep {soort!r}.")
    return LeerkrachtGroep(
        soort=cast(Literal["groep", "samengestelde_groep"], soort), key=f.text("key")
    )


def _leerkracht(f: _Fields) -> Leerkracht:
    return Leerkracht(
        key=f.opt_text("key"),
        eckid=f.opt_text("eckid"),
        achternaam=f.opt_text("achternaam"),
        voorvoegsel=f.opt_text("voorvoegsel"),
        voornamen=f.opt_text("voornamen"),
        voorletters=f.opt_text("voorletters"),
        roepnaam=f.opt_text("roepnaam"),
        gebruikersnaam=f.opt_text("gebruikersnaam"),
        emailadres=f.opt_text("emailadres"),
        rollen=f.texts("rollen"),
        groepen=[_leerkracht_groep(g) for g in f.children("groepen")],
        mutatiedatum=f.opt_datetime("mutatiedatum"),
    )


def _gebruiker(f: _Fields) -> Gebruiker:
    rol = f.text("rol")
    if rol not in GEBRUIKERSROLLEN:
        raise ValueError(f"Onbekende ESIS-rol {rol!r}.")
    return Gebruiker(naam=f.text("naam"), rol=rol, gebruikersnaam=f.text("gebruikersnaam"))


def parse_school(text: str) -> FakeSchool:
    """A school from JSON text in the documented layout."""
    top = _Fields(json.loads(text), "school-bestand")
    if top.opt_text("formaat") != FORMAAT:
        raise ValueError(f"Onbekend formaat {top.opt_text('formaat')!r}: verwacht {FORMAAT!r}.")
    return FakeSchool(
        naam=top.text("naam"),
        brincode=top.text("brincode"),
        dependancecode=top.text("dependancecode"),
        schooljaar=top.text("schooljaar"),
        email_domein=top.text("email_domein"),
        leerlinggegevens=Leerlinggegevens(
            school=_school(top.child("school")),
            groepen=[_groep(g) for g in top.children("groepen")],
            samengestelde_groepen=[
                _samengestelde_groep(g) for g in top.children("samengestelde_groepen")
            ],
            leerlingen=[_leerling(p) for p in top.children("leerlingen")],
            leerkrachten=[_leerkracht(t) for t in top.children("leerkrachten")],
        ),
        ongegroepeerde_leerlingen=[_leerling(p) for p in top.children("ongegroepeerde_leerlingen")],
        ongegroepeerde_leerkrachten=[
            _leerkracht(t) for t in top.children("ongegroepeerde_leerkrachten")
        ],
        gebruikers=[_gebruiker(g) for g in top.children("gebruikers")],
    )


def load_school(path: Path | str) -> FakeSchool:
    """Read a school written by :func:`dump_school`; equal to the school that was written."""
    return parse_school(Path(path).read_text(encoding="utf-8"))


# --------------------------------------------------------------------------------------------
# One record at a time (the mock ESIS' state store keeps a row per record)

_RECORD_READERS: Final[dict[str, Any]] = {
    "school": _school,
    "groep": _groep,
    "samengestelde_groep": _samengestelde_groep,
    "leerling": _leerling,
    "leerkracht": _leerkracht,
    "gebruiker": _gebruiker,
}


def render_record(record: object) -> str:
    """One record (school head, groep, leerling, leerkracht, gebruiker) as one JSON line."""
    return _line(record)


def parse_record(kind: str, text: str) -> Any:
    """A record of ``kind`` (a key of the school layout, singular) from :func:`render_record`.

    Fields are read by name: a field missing from ``text`` gets its default, an unknown one is
    ignored, so records written before a field was added or dropped still read.
    """
    reader = _RECORD_READERS.get(kind)
    if reader is None:
        raise ValueError(f"Onbekende soort record {kind!r}.")
    return reader(_Fields(json.loads(text), kind))
