"""Making and sharing lxml objects safely between threads.

libxml2 sets up its built-in schema types on the first schema compile in a process, and that
set-up is not thread-safe: two threads compiling at once can fail with ``XMLSchemaParseError``
("'anyURI' is not a built-in type") and leave every later compile in that process broken, or
crash it. So every ``XMLSchema`` in this project is compiled through :func:`compile_schema`,
which holds one process-wide lock, and memoised objects use :func:`once_per_key`, which builds
each value once (under that lock) instead of ``functools.cache``, which lets two threads build
at the same time. A compiled schema is then shared; validating with it goes through a per-object
lock (the validator's ``error_log`` belongs to the object). Parsers are never shared: lxml wants
one per thread (:mod:`uwlr.safexml` keeps one per thread).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Hashable
from typing import ParamSpec, TypeVar

from lxml import etree

__all__ = ["SCHEMA_LOCK", "compile_schema", "once_per_key"]

#: Held while any XMLSchema is compiled (re-entrant: a memoised loader compiles inside it).
SCHEMA_LOCK = threading.RLock()

P = ParamSpec("P")
T = TypeVar("T")


def compile_schema(document: etree._ElementTree) -> etree.XMLSchema:
    """``etree.XMLSchema(document)``, one compile at a time in this process."""
    with SCHEMA_LOCK:
        return etree.XMLSchema(document)


def once_per_key(build: Callable[P, T]) -> Callable[P, T]:
    """Memoise ``build`` by its (hashable) arguments; each value is built exactly once, even when
    many threads ask for it at the same moment. A build that raises is not remembered."""
    made: dict[Hashable, T] = {}

    @functools.wraps(build)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        key = (args, tuple(sorted(kwargs.items())))
        try:
            return made[key]
        except KeyError:
            pass
        with SCHEMA_LOCK:
            if key not in made:
                made[key] = build(*args, **kwargs)
            return made[key]

    return wrapper
