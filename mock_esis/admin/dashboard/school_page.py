"""One school's data as the dashboard lists it, from ``GET /__admin/scholen/{school}``.

Groups with how many pupils and teachers they have, people with their group names and the value
that names them in an admin-API path (their key, or the last segment of their eckid).
"""

from __future__ import annotations

from typing import Any

__all__ = ["people_view", "person_ref"]


_EMPTY: dict[str, Any] = dict.fromkeys(
    ("key", "eckid", "gebruikersnaam", "jaargroep", "groep", "omschrijving")
)


def person_ref(person: dict[str, Any]) -> str:
    """How the admin API's paths name a person: key, else the eckid's last segment."""
    key = person.get("key")
    if key:
        return str(key)
    return str(person.get("eckid") or "").rstrip("/").rsplit("/", 1)[-1]


def _name(person: dict[str, Any]) -> str:
    parts = [person.get("roepnaam") or person.get("voorletters"), person.get("voorvoegsel")]
    parts.append(person.get("achternaam"))
    return " ".join(str(p) for p in parts if p) or "(geen naam)"


def people_view(detail: dict[str, Any]) -> dict[str, Any]:
    """Groups, samengestelde groepen, teachers and pupils (grouped and not) ready for a table."""
    names = {g["key"]: g["naam"] for g in detail.get("groepen", [])}
    names.update({g["key"]: g["naam"] for g in detail.get("samengestelde_groepen", [])})
    pupils = []
    for grouped, people in (
        (True, detail.get("leerlingen", [])),
        (False, detail.get("ongegroepeerde_leerlingen", [])),
    ):
        for p in people:
            pupils.append(
                {
                    **_EMPTY,
                    **p,
                    "ref": person_ref(p),
                    "naam": _name(p),
                    "groepnaam": names.get(p.get("groep") or "", ""),
                    "samengesteld": [names.get(k, k) for k in p.get("samengestelde_groepen", [])],
                    "gegroepeerd": grouped,
                }
            )
    teachers = []
    for grouped, people in (
        (True, detail.get("leerkrachten", [])),
        (False, detail.get("ongegroepeerde_leerkrachten", [])),
    ):
        for t in people:
            teachers.append(
                {
                    **_EMPTY,
                    **t,
                    "ref": person_ref(t),
                    "naam": _name(t),
                    "groepnamen": [names.get(g["key"], g["key"]) for g in t.get("groepen", [])],
                    "gegroepeerd": grouped,
                }
            )
    count_pupils: dict[str, int] = {}
    for p in pupils:
        for key in [p.get("groep"), *p.get("samengestelde_groepen", [])]:
            if key:
                count_pupils[key] = count_pupils.get(key, 0) + 1
    count_teachers: dict[str, int] = {}
    for t in teachers:
        for g in t.get("groepen", []):
            count_teachers[g["key"]] = count_teachers.get(g["key"], 0) + 1

    def group(g: dict[str, Any], soort: str) -> dict[str, Any]:
        return {
            **_EMPTY,
            **g,
            "soort": soort,
            "leerlingen": count_pupils.get(g["key"], 0),
            "leerkrachten": count_teachers.get(g["key"], 0),
        }

    return {
        "school": detail.get("school", {}),
        "schooljaar": detail.get("schooljaar"),
        "groepen": [
            group(g, "combinatiegroep" if g.get("jaargroep") == "C" else "stamgroep")
            for g in detail.get("groepen", [])
        ],
        "samengestelde_groepen": [
            group(g, "samengestelde groep") for g in detail.get("samengestelde_groepen", [])
        ],
        "leerlingen": pupils,
        "leerkrachten": teachers,
    }
