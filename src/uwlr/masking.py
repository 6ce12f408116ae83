"""How every part of the project shows a secret (an autorisatiesleutel): ``••••••••3f9a``.

Eight bullets and the last four characters: enough to tell two keys apart, never enough to use
one. A value of eight characters or fewer shows only the bullets, so its length stays hidden too.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final
from xml.sax.saxutils import escape

__all__ = ["EVIDENCE_LIMIT", "MASK", "Masker", "mask_secret"]

MASK: Final = "•" * 8
_VISIBLE: Final = 4


def mask_secret(value: str) -> str:
    """The masked form of ``value``."""
    if len(value) <= 2 * _VISIBLE:
        return MASK
    return MASK + value[-_VISIBLE:]


#: Texts shown as evidence longer than this are cut (a school's data can be megabytes).
EVIDENCE_LIMIT: Final = 12_000


class Masker:
    """Replaces known secrets in texts and bytes, raw or XML-escaped; add secrets as they become
    known. Its ``repr`` never shows a secret. The one masker of the project (the UWLR client, the
    conformance harness); a secret shorter than ``min_length`` is ignored."""

    __slots__ = ("_forms_known", "_min_length", "_secrets")

    def __init__(self, secrets: Iterable[str] = (), *, min_length: int = 1) -> None:
        self._min_length = min_length
        self._secrets: set[str] = set()
        self._forms_known: list[tuple[str, str]] | None = None
        for secret in secrets:
            self.add(secret)

    def __repr__(self) -> str:
        return f"Masker({sorted(mask_secret(s) for s in self._secrets)!r})"

    @property
    def secrets(self) -> frozenset[str]:
        """Every secret known so far (for writers that mask on their own, like a recording)."""
        return frozenset(self._secrets)

    def add(self, secret: str | None) -> None:
        """Remember ``secret`` (ignored when empty or shorter than ``min_length``)."""
        if secret and len(secret.strip()) >= self._min_length:
            self._secrets.add(secret.strip())
            self._forms_known = None

    def _forms(self) -> list[tuple[str, str]]:
        """(form, mask) for every secret and its XML-escaped form, longest first."""
        if self._forms_known is None:
            forms = {(form, mask_secret(s)) for s in self._secrets for form in (s, escape(s))}
            self._forms_known = sorted(forms, key=lambda f: len(f[0]), reverse=True)
        return self._forms_known

    def text(self, value: str) -> str:
        """``value`` with every occurrence of a secret (raw or escaped) masked."""
        for form, mask in self._forms():
            value = value.replace(form, mask)
        return value

    def optional_text(self, value: str | None) -> str | None:
        """:meth:`text` for an optional value."""
        return None if value is None else self.text(value)

    def content(self, data: bytes) -> bytes:
        """``data`` (UTF-8 bytes) with every occurrence of a secret masked."""
        for form, mask in self._forms():
            data = data.replace(form.encode(), mask.encode())
        return data

    def request(self, data: bytes) -> bytes:
        """A serialized request with the key masked inside its ``autorisatiesleutel`` element.

        Secrets shorter than 8 characters are only masked there, so that a short key does not
        garble the rest of the stored request; longer ones are masked everywhere.
        """
        for form, mask in self._forms():
            data = data.replace(
                b"autorisatiesleutel>" + form.encode() + b"</",
                b"autorisatiesleutel>" + mask.encode() + b"</",
            )
            if len(form) >= 2 * _VISIBLE:
                data = data.replace(form.encode(), mask.encode())
        return data

    def evidence(
        self, value: str | bytes | None, *, limit: int | None = EVIDENCE_LIMIT
    ) -> str | None:
        """``value`` as text with every secret masked, cut to ``limit`` characters."""
        if value is None:
            return None
        text = self.text(value.decode("utf-8", "replace") if isinstance(value, bytes) else value)
        if limit is not None and len(text) > limit:
            text = text[:limit] + f"\n… ({len(text) - limit} tekens weggelaten)"
        return text

    def leaks(self, value: str | bytes) -> list[str]:
        """The masked forms of the secrets that occur in ``value`` (empty: nothing leaks)."""
        text = value.decode("utf-8", "replace") if isinstance(value, bytes) else value
        return sorted(mask_secret(secret) for secret in self._secrets if secret in text)
