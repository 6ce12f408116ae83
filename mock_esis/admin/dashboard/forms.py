"""From a submitted dashboard form to the admin-API call it stands for: (method, path, JSON body).

Only translation lives here (empty fields left out, numbers as numbers, lists from multi-selects);
every rule is checked by the admin API's own code when the call is performed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from mock_esis.web.http import HttpError

__all__ = ["ACTIONS", "ApiCall", "Form", "change_call", "fault_call", "seed_call"]


class Form:
    """A submitted form: the last value of a field, or all values of a multi-select."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self.pairs = pairs

    def get(self, name: str) -> str:
        values = self.all(name)
        return values[-1].strip() if values else ""

    def all(self, name: str) -> list[str]:
        return [v for k, v in self.pairs if k == name and v.strip()]

    def checked(self, name: str) -> bool:
        return bool(self.all(name))

    def texts(self, *names: str) -> dict[str, Any]:
        """The non-empty text fields among ``names``."""
        return {n: self.get(n) for n in names if self.get(n)}

    def number(self, name: str) -> int | None:
        value = self.get(name)
        if not value:
            return None
        if not value.lstrip("-").isdigit():
            raise HttpError(422, f"Veld '{name}' moet een geheel getal zijn, niet '{value}'.")
        return int(value)

    def numbers(self, *names: str) -> dict[str, Any]:
        return {n: v for n in names if (v := self.number(n)) is not None}


@dataclass(frozen=True)
class ApiCall:
    method: str
    path: str
    body: dict[str, Any] | None = None


def seg(value: str) -> str:
    """One URL path segment (``Groep 1/2a`` → ``Groep%201%2F2a``)."""
    return quote(value, safe="")


def seed_call(form: Form) -> ApiCall:
    """Nepscholen toevoegen → ``POST /scholen``."""
    body: dict[str, Any] = form.numbers(
        "seed", "aantal", "index", "leerlingen_per_groep", "aantal_groepen", "aantal_leerlingen"
    )
    body.update(form.texts("brincode", "dependancecode", "naam", "schooljaar"))
    if form.checked("activeren"):
        body["activeren"] = True
    return ApiCall("POST", "/scholen", body)


def fault_call(form: Form) -> ApiCall:
    """Foutregel toevoegen → ``POST /faults``: the filled-in fields as text; the injector reads
    the numbers and refuses a field the chosen kind does not take (naming the ones it does)."""
    body: dict[str, Any] = form.texts(
        "operation", "kind", "body", "faultcode", "faultstring", "share"
    )
    body.update(form.texts("count", "status", "ms", "min_ms", "max_ms", "seed"))
    return ApiCall("POST", "/faults", body)


_PUPIL_FIELDS = ("achternaam", "voorvoegsel", "roepnaam", "voornamen", "geboortedatum", "eckid")
_TEACHER_FIELDS = ("achternaam", "voorvoegsel", "roepnaam", "voornamen", "gebruikersnaam")


def _person_fields(form: Form, names: tuple[str, ...]) -> dict[str, Any]:
    body = form.texts(*names, "emailadres", "jaargroep")
    geslacht = form.number("geslacht")
    if geslacht is not None:
        body["geslacht"] = geslacht
    return body


def _need(form: Form, name: str, what: str) -> str:
    value = form.get(name)
    if not value:
        raise HttpError(422, f"Kies {what}.")
    return value


def _leerling(form: Form) -> str:
    return seg(_need(form, "leerling", "een leerling"))


def _leerkracht(form: Form) -> str:
    return seg(_need(form, "leerkracht", "een leerkracht"))


def _groep(form: Form) -> str:
    return seg(_need(form, "groep", "een groep"))


def _leerling_toevoegen(form: Form) -> ApiCall:
    body = _person_fields(form, _PUPIL_FIELDS)
    body.update(form.texts("key", "groep"))
    if form.all("samengestelde_groepen"):
        body["samengestelde_groepen"] = form.all("samengestelde_groepen")
    return ApiCall("POST", "/leerlingen", body)


def _leerling_wijzigen(form: Form) -> ApiCall:
    return ApiCall("PATCH", f"/leerlingen/{_leerling(form)}", _person_fields(form, _PUPIL_FIELDS))


def _leerling_verplaatsen(form: Form) -> ApiCall:
    return ApiCall(
        "POST", f"/leerlingen/{_leerling(form)}/verplaatsen", {"groep": form.get("groep") or None}
    )


def _leerkracht_toevoegen(form: Form) -> ApiCall:
    body = _person_fields(form, _TEACHER_FIELDS)
    body.update(form.texts("key"))
    body["groepen"] = form.all("groepen")
    return ApiCall("POST", "/leerkrachten", body)


def _leerkracht_wijzigen(form: Form) -> ApiCall:
    body = _person_fields(form, _TEACHER_FIELDS)
    if form.all("groepen"):
        body["groepen"] = form.all("groepen")
    return ApiCall("PATCH", f"/leerkrachten/{_leerkracht(form)}", body)


def _groep_splitsen(form: Form) -> ApiCall:
    body: dict[str, Any] = form.texts("naam", "oude_naam")
    if form.all("leerlingen"):
        body["leerlingen"] = form.all("leerlingen")
    return ApiCall("POST", f"/groepen/{_groep(form)}/splitsen", body)


#: Every data change of the dashboard: action name → the call below ``/scholen/{school}``.
ACTIONS: dict[str, Any] = {
    "leerling-toevoegen": _leerling_toevoegen,
    "leerling-wijzigen": _leerling_wijzigen,
    "leerling-verplaatsen": _leerling_verplaatsen,
    "leerling-verwijderen": lambda f: ApiCall("DELETE", f"/leerlingen/{_leerling(f)}"),
    "leerling-eckid-als-sleutel": lambda f: ApiCall(
        "POST", f"/leerlingen/{_leerling(f)}/eckid-als-sleutel"
    ),
    "leerkracht-toevoegen": _leerkracht_toevoegen,
    "leerkracht-wijzigen": _leerkracht_wijzigen,
    "leerkracht-verwijderen": lambda f: ApiCall("DELETE", f"/leerkrachten/{_leerkracht(f)}"),
    "leerkracht-eckid-als-sleutel": lambda f: ApiCall(
        "POST", f"/leerkrachten/{_leerkracht(f)}/eckid-als-sleutel"
    ),
    "groep-hernoemen": lambda f: ApiCall(
        "POST", f"/groepen/{_groep(f)}/hernoemen", f.texts("naam", "omschrijving")
    ),
    "groep-splitsen": _groep_splitsen,
}


def change_call(school: str, action: str, form: Form) -> ApiCall:
    """The admin-API call of data change ``action`` on ``school``; 404 for an unknown action."""
    build = ACTIONS.get(action)
    if build is None:
        raise HttpError(404, f"Onbekende wijziging '{action}'.")
    call: ApiCall = build(form)
    return ApiCall(call.method, f"/scholen/{seg(school)}{call.path}", call.body)
