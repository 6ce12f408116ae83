"""The official UWLR 2.2 schemas, read in place from ``../shared/uwlr-xsd`` (never copied).

Used by tests and by the conformance harness as a second opinion next to our own contract.
The published school-year enumeration (``EDEXSchooljaarType``) stops at 2024-2025; it is relaxed
in memory to the pattern ``YYYY-YYYY`` while the files are loaded, so current answers validate.
"""

from __future__ import annotations

import os
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from uwlr.shared_lxml import compile_schema, once_per_key

__all__ = [
    "OFFICIAL_DIR_ENV",
    "OfficialSchemasMissing",
    "OfficialSchemas",
    "load_official",
    "official_xsd_dir",
    "official_schemas",
]

#: Environment variable that points at a ``uwlr-xsd`` folder (the one holding ``v2p2/``).
OFFICIAL_DIR_ENV = "UWLR_OFFICIAL_XSD_DIR"

_REPO_ROOT = Path(__file__).resolve().parents[2]
_SCHOOLJAAR_ENUM = re.compile(
    rb'(<xs:simpleType name="EDEXSchooljaarType">\s*<xs:restriction base="xs:string">)'
    rb"(.*?)(</xs:restriction>)",
    re.S,
)
_ENTRY_FILES = (
    "UWLR_Leerlinggegevens_v2p2.xsd",
    "UWLR_Leerresultaten_v2p2.xsd",
    "UWLR_Autorisatie_v2p2.xsd",
)


class OfficialSchemasMissing(RuntimeError):
    """The official schema folder is not there (tests skip with this message)."""


def official_xsd_dir() -> Path | None:
    """The ``v2p2`` folder of the official files, or None when it cannot be found.

    Looked up in ``$UWLR_OFFICIAL_XSD_DIR``, then ``../shared/uwlr-xsd`` beside the repository
    and beside the current directory.
    """
    candidates: list[Path] = []
    env = os.environ.get(OFFICIAL_DIR_ENV)
    if env:
        candidates.append(Path(env))
    candidates += [
        _REPO_ROOT.parent / "shared" / "uwlr-xsd",
        Path.cwd().parent / "shared" / "uwlr-xsd",
    ]
    for base in candidates:
        for folder in (base / "v2p2", base):
            if (folder / "Schemas" / "UWLR_Leerlinggegevens_v2p2.xsd").is_file():
                return folder
    return None


def _relax_schooljaar(source: bytes) -> bytes:
    replacement = rb'\1<xs:pattern value="[1-2][0-9]{3}-[1-2][0-9]{3}"/>\3'
    return _SCHOOLJAAR_ENUM.sub(replacement, source, count=1)


class _RelaxingResolver(etree.Resolver):
    """Serves ``EDEXML.types.variabel.xsd`` with the school-year facet relaxed."""

    def resolve(  # type: ignore[override]  # lxml-stubs miss the context argument
        self, system_url: str, public_id: str, context: object
    ) -> object:
        if system_url.endswith("EDEXML.types.variabel.xsd"):
            path = Path(system_url.removeprefix("file://"))
            return self.resolve_string(
                _relax_schooljaar(path.read_bytes()), context, base_url=system_url
            )
        return None


@dataclass(frozen=True)
class OfficialSchemas:
    """One compiled schema set covering the envelope, header and both UWLR bodies."""

    folder: Path
    schema: etree.XMLSchema
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def errors(self, document: etree._Element | etree._ElementTree) -> list[str]:
        """Validation errors as ``line N: message`` strings; empty when the document is valid."""
        with self._lock:  # the error log belongs to the shared schema object
            if self.schema.validate(document):
                return []
            log = self.schema.error_log
            return [f"line {e.line}: {e.message}" for e in log]  # type: ignore[attr-defined]

    def is_valid(self, document: etree._Element | etree._ElementTree) -> bool:
        """True when ``document`` (an envelope, a header or a bare body element) is valid."""
        with self._lock:
            return bool(self.schema.validate(document))


@once_per_key
def _load(folder: Path) -> OfficialSchemas:
    schemas = folder / "Schemas"
    imports = "".join(
        f'<xs:import namespace="{_target_namespace(schemas / name)}" '
        f'schemaLocation="{(schemas / name).as_uri()}"/>'
        for name in _ENTRY_FILES
    )
    wrapper = (
        f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>'
    ).encode()
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    parser.resolvers.add(_RelaxingResolver())
    doc = etree.fromstring(wrapper, parser, base_url=schemas.as_uri() + "/")
    return OfficialSchemas(folder=folder, schema=compile_schema(etree.ElementTree(doc)))


def _target_namespace(path: Path) -> str:
    match = re.search(rb'targetNamespace="([^"]+)"', path.read_bytes())
    if match is None:  # pragma: no cover - every official entry file declares one
        raise OfficialSchemasMissing(f"{path.name} declares no targetNamespace")
    return match.group(1).decode()


def official_schemas() -> OfficialSchemas:
    """The compiled official schemas; raises :class:`OfficialSchemasMissing` when absent."""
    folder = official_xsd_dir()
    if folder is None:
        raise OfficialSchemasMissing(
            "de officiële UWLR 2.2-schema's staan niet in ../shared/uwlr-xsd "
            f"(of zet ${OFFICIAL_DIR_ENV}); deze controle wordt overgeslagen"
        )
    return _load(folder)


def load_official(folder: Path | str) -> OfficialSchemas:
    """The official schemas from ``folder``: a ``v2p2`` folder, or one that holds ``v2p2/``.

    Raises :class:`OfficialSchemasMissing` when the UWLR 2.2 schema files are not there.
    """
    base = Path(folder).expanduser()
    for candidate in (base / "v2p2", base):
        if (candidate / "Schemas" / "UWLR_Leerlinggegevens_v2p2.xsd").is_file():
            return _load(candidate.resolve())
    raise OfficialSchemasMissing(
        f"in {base} staan de officiële UWLR 2.2-schema's niet "
        "(verwacht Schemas/UWLR_Leerlinggegevens_v2p2.xsd, eventueel onder v2p2/)"
    )
