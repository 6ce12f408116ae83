"""Checking a fault-injection rule: which fields each kind takes, and what each field may hold.

Every rule takes the common fields (:data:`COMMON_FIELDS`); each kind adds its own
(:data:`KIND_FIELDS`). A field the kind does not take (``seconds``, or ``ms`` on a ``reset``), a
value of the wrong type (``status: "abc"``) or out of range is refused with :class:`RuleError`:
one Dutch line that names the field and the fields the kind allows. The admin API answers it with
HTTP 400, ``mock-esis admin fout-toevoegen`` with exit code 2. docs/mock-esis-admin.md
("Foutinjectie") shows one accepted example per kind.
"""

from __future__ import annotations

import re
from typing import Any, Final

from uwlr.faults import FaultCode

__all__ = [
    "COMMON_FIELDS",
    "KINDS",
    "KIND_FIELDS",
    "OPERATION_NAMES",
    "RuleError",
    "checked_rule",
]

KINDS: Final = (
    "latency",
    "hang",
    "http_status",
    "uwlr_fault",
    "malformed",
    "empty",
    "garbage",
    "reset",
)

#: The operations a rule may name (``*``: every one).
OPERATION_NAMES: Final = (
    "*",
    "HaalLeerlinggegevens",
    "HaalStructuur",
    "HaalLeerlingen",
    "HaalLeerkrachten",
    "BrengLeerresultaten",
)

#: Fields every rule takes.
COMMON_FIELDS: Final = ("operation", "kind", "count", "share", "seed")

#: The fields each kind takes besides :data:`COMMON_FIELDS`.
KIND_FIELDS: Final[dict[str, tuple[str, ...]]] = {
    "latency": ("ms", "min_ms", "max_ms"),
    "hang": ("ms",),
    "http_status": ("status", "body", "faultstring"),
    "uwlr_fault": ("faultcode", "faultstring"),
    "malformed": (),
    "empty": (),
    "garbage": (),
    "reset": (),
}

_INTEGER: Final = re.compile(r"-?\d+")


class RuleError(ValueError):
    """A rule refused: ``str()`` is one Dutch line naming the field and the allowed fields."""


def checked_rule(spec: dict[str, Any]) -> dict[str, Any]:
    """The rule's fields, checked and normalised (numbers as numbers, absent fields left out).

    ``count`` is 1 unless given, or unless a ``share`` is given; ``count: null`` means every
    matching request. Raises :class:`RuleError`.
    """
    kind = spec.get("kind")
    if kind not in KINDS:
        raise RuleError(f"Onbekende soort fout {kind!r}; kies uit {', '.join(KINDS)}")
    allowed = (*COMMON_FIELDS, *KIND_FIELDS[kind])
    check = _Checker(kind, allowed)
    for name in spec:
        if name not in allowed:
            raise check.error(f"Onbekend veld {name!r} voor soort {kind!r}")
    operation = spec.get("operation", "*")
    if operation not in OPERATION_NAMES:
        raise check.error(
            f"Onbekende operatie {operation!r} in veld 'operation'; kies uit "
            f"{', '.join(OPERATION_NAMES)}"
        )
    rule: dict[str, Any] = {"operation": operation, "kind": kind}
    share = check.number(spec, "share")
    if share is not None and not 0 <= share <= 1:
        raise check.error(f"Veld 'share' moet tussen 0 en 1 liggen, niet {spec['share']!r}")
    rule["share"] = share
    if "count" in spec:
        rule["count"] = check.integer(spec, "count", minimum=1, null="elk verzoek")
    else:
        rule["count"] = None if share is not None else 1
    rule["seed"] = check.integer(spec, "seed") or 0
    for name in ("ms", "min_ms", "max_ms"):
        rule[name] = check.integer(spec, name, minimum=0)
    if (rule["min_ms"] is None) != (rule["max_ms"] is None):
        raise check.error("Geef min_ms en max_ms samen (of alleen ms)")
    if rule["min_ms"] is not None:
        if rule["ms"] is not None:
            raise check.error("Geef ms, of min_ms en max_ms, niet allebei")
        if rule["min_ms"] > rule["max_ms"]:
            raise check.error("Veld 'min_ms' mag niet groter zijn dan 'max_ms'")
    rule["status"] = check.integer(spec, "status", minimum=100, maximum=599)
    body = check.text(spec, "body")
    if body not in (None, "", "soap"):
        raise check.error(f"Veld 'body' is 'soap' of leeg, niet {body!r}")
    rule["body"] = body or None
    faultcode = check.text(spec, "faultcode")
    if faultcode is not None and FaultCode.from_faultcode(faultcode) is None:
        raise check.error(
            f"Onbekende UWLR-foutcode {faultcode!r} in veld 'faultcode'; kies uit "
            f"{', '.join(code.value for code in FaultCode)}"
        )
    rule["faultcode"] = faultcode
    rule["faultstring"] = check.text(spec, "faultstring")
    return rule


class _Checker:
    """Reads one field at a time; every refusal names the kind's allowed fields."""

    def __init__(self, kind: str, allowed: tuple[str, ...]) -> None:
        self.kind = kind
        self.allowed = allowed

    def error(self, what: str) -> RuleError:
        return RuleError(f"{what}; toegestaan voor {self.kind}: {', '.join(self.allowed)}")

    def integer(
        self,
        spec: dict[str, Any],
        name: str,
        *,
        minimum: int | None = None,
        maximum: int | None = None,
        null: str | None = None,
    ) -> int | None:
        value = spec.get(name)
        if value is None:
            return None
        number: int | None = None
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        elif isinstance(value, float) and value.is_integer():
            number = int(value)
        elif isinstance(value, str) and _INTEGER.fullmatch(value.strip()):
            number = int(value.strip())
        low_ok = number is not None and (minimum is None or number >= minimum)
        if number is None or not low_ok or (maximum is not None and number > maximum):
            raise self.error(
                f"Veld {name!r} moet {_range(minimum, maximum, null)} zijn, niet {value!r}"
            )
        return number

    def number(self, spec: dict[str, Any], name: str) -> float | None:
        value = spec.get(name)
        if value is None:
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        if isinstance(value, str):
            try:
                return float(value.strip().replace(",", "."))
            except ValueError:
                pass
        raise self.error(f"Veld {name!r} moet een getal zijn, niet {value!r}")

    def text(self, spec: dict[str, Any], name: str) -> str | None:
        value = spec.get(name)
        if value is None or isinstance(value, str):
            return value
        raise self.error(f"Veld {name!r} moet tekst zijn, niet {value!r}")


def _range(minimum: int | None, maximum: int | None, null: str | None) -> str:
    if minimum is not None and maximum is not None:
        what = f"een geheel getal van {minimum} tot en met {maximum}"
    elif minimum is not None:
        what = f"een geheel getal van {minimum} of meer"
    else:
        what = "een geheel getal"
    return f"{what} (of null voor {null})" if null else what
