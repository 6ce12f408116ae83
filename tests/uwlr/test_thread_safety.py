"""Shared lxml objects of the UWLR core are safe from many threads at once (issue 13, finding 1).

libxml2 sets up its built-in schema types on the first compile; two threads compiling at that
moment in a fresh process fail ("'anyURI' is not a built-in type", ``XMLSchemaParseError``) and
poison every later compile. So each check runs in a FRESH interpreter, with many threads released
together by a barrier, and is repeated: one lucky run proves nothing.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from uwlr.official import official_xsd_dir

REPEATS = 5
THREADS = 16

_SCRIPT = textwrap.dedent(
    """
    import json, sys, threading, traceback
    from uwlr.examples import KINDS, example_bytes
    import uwlr.validate as validate
    import uwlr.official as official
    from conformance.las import wsdl

    what = sys.argv[1]
    threads = int(sys.argv[2])
    barrier = threading.Barrier(threads)
    errors, seen = [], []
    lock = threading.Lock()
    messages = [example_bytes(kind) for kind in sorted(KINDS)[:6]]

    def contract():
        seen.append(id(validate.load_contract()))
        for xml in messages:
            issues = validate.validate_bytes(xml)
            assert not issues, issues

    def official_schemas():
        schemas = official.official_schemas()
        seen.append(id(schemas))
        from uwlr.safexml import parse_xml
        for xml in messages:
            assert schemas.errors(parse_xml(xml)) == []

    def mixed(number):
        # the harness compiles fetched XSDs while the contract is compiled elsewhere
        if number % 2:
            contract()
        else:
            folder = validate.contract_dir()
            name = "leerresultaten.xsd"
            docs = {(folder / n).as_uri(): (folder / n).read_bytes() for n in validate.CONTRACT_XSDS}
            docs[(folder / "oso.xsd").as_uri()] = (folder / "oso.xsd").read_bytes()
            from uwlr.safexml import parse_xml
            wsdl._compile(parse_xml((folder / name).read_bytes()), (folder / name).as_uri(), docs)

    def run(number):
        try:
            barrier.wait()
            if what == "contract":
                contract()
            elif what == "official":
                official_schemas()
            else:
                mixed(number)
        except BaseException:
            with lock:
                errors.append(traceback.format_exc(limit=3))

    workers = [threading.Thread(target=run, args=(n,)) for n in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print(json.dumps({"errors": errors, "objects": len(set(seen))}))
    """
)


def _run(what: str) -> list[str]:
    root = Path(__file__).resolve().parents[2]
    failures: list[str] = []
    for attempt in range(REPEATS):
        done = subprocess.run(
            [sys.executable, "-c", _SCRIPT, what, str(THREADS)],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=root,
        )
        if done.returncode != 0:
            failures.append(f"run {attempt}: exit {done.returncode}: {done.stderr[-800:]}")
            continue
        outcome = json.loads(done.stdout.strip().splitlines()[-1])
        if outcome["errors"]:
            failures.append(f"run {attempt}: {outcome['errors'][0]}")
        elif what != "mixed" and outcome["objects"] != 1:
            failures.append(f"run {attempt}: {outcome['objects']} compiled objects, not one")
    return failures


def test_the_contract_is_compiled_once_and_validates_from_many_threads() -> None:
    assert _run("contract") == []


def test_harness_compiles_and_the_contract_compile_together_in_a_fresh_process() -> None:
    assert _run("mixed") == []


@pytest.mark.official
def test_the_official_schemas_are_compiled_once_and_validate_from_many_threads() -> None:
    if official_xsd_dir() is None:
        pytest.skip("de officiële UWLR 2.2-schema's staan niet in ../shared/uwlr-xsd")
    assert _run("official") == []
