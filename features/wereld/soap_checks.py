"""Checks the UWLR steps share: a SOAP answer or fault, valid against our contract and the official schemas."""

from __future__ import annotations

from typing import Any

import httpx
from lxml import etree

from uwlr.envelope import CONTENT_TYPE, parse_envelope
from uwlr.faults import UwlrFault
from uwlr.official import OfficialSchemasMissing, official_schemas
from uwlr.parse import parse
from uwlr.validate import validate

__all__ = ["answer_of", "assert_valid", "fault_of"]


def assert_valid(envelope: etree._Element) -> None:
    """The envelope is valid against our contract and (when present) the official 2.2 schemas."""
    issues = validate(envelope)
    assert not issues, [str(i) for i in issues]
    try:
        official = official_schemas()
    except OfficialSchemasMissing:
        return
    errors = official.errors(envelope)
    assert not errors, errors


def answer_of(response: httpx.Response) -> Any:
    """The parsed answer of a 200 response in ``text/xml; charset=utf-8``, checked for validity."""
    assert response.status_code == 200, response.text[:1000]
    assert response.headers["content-type"] == CONTENT_TYPE
    envelope = parse_envelope(response.content)
    assert_valid(envelope.root)
    assert envelope.body is not None
    return parse(envelope.body)


def fault_of(response: httpx.Response) -> UwlrFault:
    """The SOAP 1.1 fault of a 500 response, faultcode ``soap:<UWLR code>``, checked for validity."""
    assert response.status_code == 500, response.text[:1000]
    assert response.headers["content-type"] == CONTENT_TYPE
    envelope = parse_envelope(response.content)
    assert_valid(envelope.root)
    fault = envelope.fault
    assert fault is not None
    assert envelope.body is not None
    assert envelope.body.findtext("faultcode") == f"soap:{fault.faultcode}"
    return fault
