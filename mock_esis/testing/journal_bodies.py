"""What the journal keeps of one exchange's bodies: request and answer as UTF-8 bytes, keys masked,
and the school the request was for.

Every ``autorisatiesleutel`` element's value in the request is a secret, whether or not it is a
valid key (a wrong key can still be somebody's real one): it is masked in both bodies, the same way
the UWLR client masks what it records (:class:`uwlr.masking.Masker`). Bytes, because the journal
decodes them only when somebody reads an entry: per request it does no work in the size of the
answer beyond the masking scan. The request (at most ``MAX_REQUEST_BYTES``, from outside) is made
valid UTF-8 here; the answer is the mock's own, serialized as UTF-8.
"""

from __future__ import annotations

import re

from mock_esis.state.model import MockState
from uwlr.masking import Masker, mask_secret

__all__ = ["masked_bodies", "masker_for", "request_header", "request_keys", "school_of"]

_KEY = re.compile(rb"autorisatiesleutel>([^<]{1,512})</")
_BRIN = re.compile(rb"brincode>\s*(\d{2}[A-Za-z]{2})\s*</")
_VESTIGING = re.compile(rb"dependancecode>\s*(\d{2})\s*</")
_HEAD = 16_384  # the school is named near the top of a request


def request_keys(request: bytes) -> list[str]:
    """The values of the request's ``autorisatiesleutel`` elements."""
    return [m.decode("utf-8", "replace").strip() for m in _KEY.findall(request[:_HEAD])]


def _element(request: bytes, name: str) -> str | None:
    found = re.search(rb"<(?:\w+:)?" + name.encode() + rb">([^<]{0,512})</", request[:_HEAD])
    return None if found is None else found[1].decode("utf-8", "replace").strip()


def request_header(request: bytes) -> dict[str, str | None] | None:
    """The autorisatieheader as the journal shows it (key masked), read from the raw request:
    for exchanges the mock never parsed (an injected fault answered first)."""
    if b"autorisatie" not in request[:_HEAD]:
        return None
    keys = request_keys(request)
    return {
        "autorisatiesleutel": mask_secret(keys[0]) if keys else None,
        "klantcode": _element(request, "klantcode"),
        "klantnaam": _element(request, "klantnaam"),
    }


def masker_for(request: bytes, keys: list[str] | None = None) -> Masker:
    """The masker of every key the request carries (``keys``: the request's keys when known)."""
    return Masker(request_keys(request) if keys is None else keys)


def masked_bodies(
    request: bytes, answer: bytes, keys: list[str] | None = None, *, masker: Masker | None = None
) -> tuple[bytes, bytes]:
    """Request and answer as UTF-8 bytes with every key the request carries masked (``keys``:
    the request's keys when already known; ``masker``: their masker when already made)."""
    masker = masker or masker_for(request, keys)
    return _valid_utf8(masker.request(request)), masker.content(answer)


def _valid_utf8(data: bytes) -> bytes:
    """``data`` itself when it is UTF-8, else with every bad byte replaced (U+FFFD)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("utf-8", "replace").encode("utf-8")
    return data


def school_of(state: MockState, request: bytes, keys: list[str] | None = None) -> str | None:
    """BRIN + vestiging of the request: the school of its key, else the brincode it names
    (``keys``: the request's keys when already known)."""
    for key in request_keys(request) if keys is None else keys:
        school = state.school_for_key(key)
        if school is not None:
            return school.code
    head = request[:_HEAD]
    brin = _BRIN.search(head)
    if brin is None:
        return None
    vestiging = _VESTIGING.search(head)
    return brin[1].decode().upper() + (vestiging[1].decode() if vestiging else "00")
