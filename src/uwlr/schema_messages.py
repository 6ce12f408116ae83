"""Dutch lines for libxml2's XML Schema errors, for texts a user of the mock ESIS reads (fault strings).

:func:`uwlr.validate.validate` reports schema errors in libxml2's English ("Element 'brincode':
[facet 'pattern'] The value '99sy' is not accepted by the pattern '[0-9]{2}[A-Z]{2}'."). The mock
ESIS answers with Dutch fault strings, so :func:`dutch_schema_message` rewrites each known form
into Dutch, keeping the names and values; a form it does not know becomes "voldoet niet aan het
schema" for the element it names, so no English reaches the fault. :func:`is_follow_up` tells
libxml2's "No precomputed value" warnings (they only repeat an error already reported).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

__all__ = ["dutch_schema_message", "is_follow_up"]

_WHERE: Final = re.compile(r"^Element '([^']+)'(?:, attribute '([^']+)')?: (.*)$", re.DOTALL)


def _expected(names: str) -> str:
    items = [n.strip() for n in names.split(",") if n.strip()]
    if len(items) == 1:
        return f"verwacht: {items[0]}"
    return f"verwacht een van: {', '.join(items)}"


def _not_expected(match: re.Match[str]) -> str:
    if match.group(1):
        return f"dit element hoort hier niet; {_expected(match.group(1))}"
    return "dit element hoort hier niet"


def _missing(match: re.Match[str]) -> str:
    return f"er ontbreken kindelementen; {_expected(match.group(1))}"


def _set(values: str) -> str:
    return ", ".join(v.strip() for v in values.split(","))


_Render = Callable[[re.Match[str]], str]

#: (pattern over the text after "Element 'x': ", Dutch line).
_FORMS: Final[tuple[tuple[re.Pattern[str], _Render], ...]] = tuple(
    (re.compile(pattern, re.DOTALL), render)
    for pattern, render in (
        (
            r"This element is not expected\.(?: Expected is (?:one of )?\( (.*) \)\.)?$",
            _not_expected,
        ),
        (r"Missing child element\(s\)\. Expected is (?:one of )?\( (.*) \)\.$", _missing),
        (
            r"\[facet 'pattern'\] The value '(.*)' is not accepted by the pattern '(.*)'\.$",
            lambda m: f"de waarde '{m[1]}' past niet bij het patroon '{m[2]}'",
        ),
        (
            r"\[facet 'enumeration'\] The value '(.*)' is not an element of the set \{(.*)\}\.$",
            lambda m: f"de waarde '{m[1]}' is niet toegestaan; kies uit {_set(m[2])}",
        ),
        (
            r"\[facet 'maxLength'\] The value (?:'.*' )?has a length of '(\d+)'; this exceeds the "
            r"allowed maximum length of '(\d+)'\.$",
            lambda m: f"de waarde is {m[1]} tekens lang; hooguit {m[2]} mag",
        ),
        (
            r"\[facet 'minLength'\] The value (?:'.*' )?has a length of '(\d+)'; this underruns "
            r"the allowed minimum length of '(\d+)'\.$",
            lambda m: (
                "de waarde is leeg; laat het element weg of vul het"
                if m[1] == "0"
                else f"de waarde is {m[1]} tekens lang; minstens {m[2]} moet"
            ),
        ),
        (
            r"\[facet 'length'\] The value (?:'.*' )?has a length of '(\d+)'; this differs from "
            r"the allowed length of '(\d+)'\.$",
            lambda m: f"de waarde is {m[1]} tekens lang; precies {m[2]} moet",
        ),
        (
            r"\[facet 'minInclusive'\] The value '(.*)' is less than the minimum value allowed "
            r"\('(.*)'\)\.$",
            lambda m: f"de waarde {m[1]} is kleiner dan het minimum {m[2]}",
        ),
        (
            r"\[facet 'maxInclusive'\] The value '(.*)' is greater than the maximum value "
            r"allowed \('(.*)'\)\.$",
            lambda m: f"de waarde {m[1]} is groter dan het maximum {m[2]}",
        ),
        (
            r"\[facet 'minExclusive'\] The value '(.*)' must be greater than '(.*)'\.$",
            lambda m: f"de waarde {m[1]} moet groter zijn dan {m[2]}",
        ),
        (
            r"\[facet 'maxExclusive'\] The value '(.*)' must be less than '(.*)'\.$",
            lambda m: f"de waarde {m[1]} moet kleiner zijn dan {m[2]}",
        ),
        (
            r"\[facet 'totalDigits'\] The value '(.*)' has more digits than are allowed "
            r"\('(.*)'\)\.$",
            lambda m: f"de waarde {m[1]} heeft meer dan {m[2]} cijfers",
        ),
        (
            r"\[facet 'fractionDigits'\] The value '(.*)' has more fractional digits than are "
            r"allowed \('(.*)'\)\.$",
            lambda m: f"de waarde {m[1]} heeft meer dan {m[2]} cijfers achter de komma",
        ),
        (
            r"'(.*)' is not a valid value of the (?:local )?(?:atomic|union|list) type"
            r"(?: '(.*)')?\.$",
            lambda m: f"'{m[1]}' is geen geldige waarde" + (f" van type {m[2]}" if m[2] else ""),
        ),
        (
            r"The attribute '(.*)' is not allowed\.$",
            lambda m: f"attribuut '{m[1]}' is hier niet toegestaan",
        ),
        (
            r"The attribute '(.*)' is required but missing\.$",
            lambda m: f"het verplichte attribuut '{m[1]}' ontbreekt",
        ),
        (
            r"Character content other than whitespace is not allowed because the content type "
            r"is 'element-only'\.$",
            lambda m: "hier mag geen tekst staan, alleen elementen",
        ),
        (
            r"Element content is not allowed, because the (?:content type is a simple type|type "
            r"definition is simple)\.$",
            lambda m: "hier mogen geen elementen in staan, alleen een waarde",
        ),
        (
            r"Character content is not allowed, because the content type is empty\.$",
            lambda m: "dit element moet leeg zijn",
        ),
        (
            r"No matching global declaration available for the validation root\.$",
            lambda m: "dit element is geen UWLR-bericht",
        ),
        (
            r"Duplicate key-sequence \[(.*)\] in (?:key|unique) identity-constraint '(.*)'\.$",
            lambda m: f"de waarde {m[1]} komt twee keer voor; die moet uniek zijn ({m[2]})",
        ),
        (
            r"No match found for key-sequence \[(.*)\] of keyref '(.*)'\.$",
            lambda m: f"de waarde {m[1]} verwijst naar iets dat niet in het bericht staat ({m[2]})",
        ),
    )
)

_FOLLOW_UP: Final = "No precomputed value available"


def is_follow_up(message: str) -> bool:
    """True for libxml2's warning that only repeats an error already reported for that value."""
    return _FOLLOW_UP in message


def dutch_schema_message(message: str) -> str:
    """``message`` (libxml2's English, ``{uri}`` already removed) as one Dutch line.

    A message that is not libxml2's (our own Dutch checks) is returned as it is.
    """
    where = _WHERE.match(message.strip())
    if where is None:
        return message
    element, attribute, rest = where.groups()
    subject = (
        f"attribuut '{attribute}' van element '{element}'"
        if attribute
        else (f"element '{element}'")
    )
    for pattern, render in _FORMS:
        found = pattern.match(rest.strip())
        if found:
            return f"{subject}: {render(found)}"
    return f"{subject}: voldoet niet aan het schema"
