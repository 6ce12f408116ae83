"""Masking secrets (autorisatiesleutels) in everything the harness keeps, shows or writes.

A secret becomes ``••••••••3f9a``: enough to tell keys apart, never enough to use one (the same
form as the mock ESIS journal). Long texts are cut to ``limit`` characters for the evidence.
"""

from __future__ import annotations

from collections.abc import Iterable

from uwlr.masking import mask_secret

__all__ = ["EVIDENCE_LIMIT", "Masker", "mask"]

#: Evidence bodies longer than this are cut (a school's data can be megabytes).
EVIDENCE_LIMIT = 12_000


#: The masked form of a secret (:func:`uwlr.masking.mask_secret`).
mask = mask_secret


class Masker:
    """Replaces every known secret in texts and bytes; add secrets as they become known."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        self._secrets: set[str] = set()
        for secret in secrets:
            self.add(secret)

    @property
    def secrets(self) -> frozenset[str]:
        """Every secret known so far (for writers that mask on their own, like a recording)."""
        return frozenset(self._secrets)

    def add(self, secret: str | None) -> None:
        """Remember ``secret`` (ignored when empty or too short to be a key)."""
        if secret and len(secret.strip()) >= 4:
            self._secrets.add(secret.strip())

    def text(self, value: str | bytes | None, *, limit: int | None = EVIDENCE_LIMIT) -> str | None:
        """``value`` as text with every secret masked, cut to ``limit`` characters."""
        if value is None:
            return None
        text = value.decode("utf-8", errors="replace") if isinstance(value, bytes) else value
        for secret in sorted(self._secrets, key=len, reverse=True):
            text = text.replace(secret, mask(secret))
        if limit is not None and len(text) > limit:
            text = text[:limit] + f"\n… ({len(text) - limit} tekens weggelaten)"
        return text

    def leaks(self, value: str | bytes) -> list[str]:
        """The masked forms of the secrets that occur in ``value`` (empty: nothing leaks)."""
        text = value.decode("utf-8", errors="replace") if isinstance(value, bytes) else value
        return sorted(mask(secret) for secret in self._secrets if secret in text)
