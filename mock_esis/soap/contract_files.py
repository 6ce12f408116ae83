"""Serving our contract WSDLs (with ``soap:address`` set to the URL used) and the XSDs they import."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import uwlr

__all__ = ["WSDL_FILES", "contract_file", "wsdl_for"]

#: Which WSDL describes which endpoint.
WSDL_FILES = {
    "leerlinggegevens": "leerlinggegevens.wsdl",
    "leerresultaten": "leerresultaten.wsdl",
}

_ADDRESS = re.compile(rb'(<(?:\w+:)?address\b[^>]*\blocation=")[^"]*(")')
_SAFE_NAME = re.compile(r"^[a-z0-9_.-]+\.xsd$")


def _contract_dir() -> Path:
    return Path(uwlr.__file__).resolve().parent / "contract"


@lru_cache(maxsize=8)
def _read(name: str) -> bytes:
    return (_contract_dir() / name).read_bytes()


def wsdl_for(endpoint: str, address: str) -> bytes:
    """The WSDL of ``endpoint`` with every ``soap:address`` pointing at ``address``."""
    source = _read(WSDL_FILES[endpoint])
    location = address.replace("&", "&amp;").replace('"', "&quot;").encode()
    return _ADDRESS.sub(lambda m: m.group(1) + location + m.group(2), source)


def contract_file(name: str) -> bytes | None:
    """An XSD of our contract by file name, or None (also for anything that is not a plain name)."""
    if not _SAFE_NAME.match(name):
        return None
    path = _contract_dir() / name
    if not path.is_file():
        return None
    return _read(name)
