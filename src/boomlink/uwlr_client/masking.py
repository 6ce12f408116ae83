"""Masking the autorisatiesleutel in everything the client keeps or shows: bytes and text.

The mask has the shape the rest of boomlink shows (``••••••••3f9a``): enough for support to tell
two keys apart, never enough to use one. In the request the key is replaced inside its own
``autorisatiesleutel`` element (exact, whatever the key looks like); everywhere else every
occurrence of the key, raw or XML-escaped, is replaced.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from uwlr.masking import MASK, mask_secret

__all__ = ["MASK", "Masker", "mask_key"]

#: The masked form of a key (:func:`uwlr.masking.mask_secret`).
mask_key = mask_secret


class Masker:
    """Replaces one secret in text and bytes. Its ``repr`` never shows the secret."""

    __slots__ = ("_escaped", "_mask", "_secret")

    def __init__(self, secret: str) -> None:
        self._secret = secret
        self._escaped = escape(secret)
        self._mask = mask_key(secret)

    def __repr__(self) -> str:
        return f"Masker({self._mask!r})"

    @property
    def mask(self) -> str:
        """The masked form of the secret."""
        return self._mask

    def text(self, value: str) -> str:
        """``value`` with every occurrence of the secret (raw or escaped) masked."""
        if not self._secret:
            return value
        return value.replace(self._secret, self._mask).replace(self._escaped, self._mask)

    def optional_text(self, value: str | None) -> str | None:
        """:meth:`text` for an optional value."""
        return None if value is None else self.text(value)

    def content(self, data: bytes) -> bytes:
        """``data`` (UTF-8 bytes) with every occurrence of the secret masked."""
        if not self._secret:
            return data
        mask = self._mask.encode()
        for form in {self._secret, self._escaped}:
            data = data.replace(form.encode(), mask)
        return data

    def request(self, data: bytes) -> bytes:
        """A serialized request with the key masked inside its ``autorisatiesleutel`` element.

        Keys shorter than 8 characters are only masked there, so that a short key does not
        garble the rest of the stored request; longer keys are masked everywhere.
        """
        if not self._secret:
            return data
        secret = self._escaped.encode()
        data = data.replace(
            b"autorisatiesleutel>" + secret + b"</",
            b"autorisatiesleutel>" + self._mask.encode() + b"</",
        )
        return self.content(data) if len(self._secret) >= 8 else data
