"""Hostile and oversized XML is refused before anything is expanded or fetched."""

from __future__ import annotations

import pytest

from uwlr.safexml import (
    UnsafeXmlError,
    XmlSyntaxError,
    XmlTooLargeError,
    parse_xml,
)

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<foo>&xxe;</foo>"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<lolz>&lol4;</lolz>"""

EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE foo SYSTEM "http://127.0.0.1:9/evil.dtd"><foo/>"""


@pytest.mark.parametrize("document", [XXE, BILLION_LAUGHS, EXTERNAL_DTD])
def test_dtds_and_entities_are_refused(document: bytes) -> None:
    with pytest.raises(UnsafeXmlError) as info:
        parse_xml(document)
    assert "DTD" in str(info.value)
    assert info.value.line == 2


def test_xxe_never_reads_the_file() -> None:
    with pytest.raises(UnsafeXmlError) as info:
        parse_xml(XXE)
    assert "root:" not in str(info.value)


def test_oversized_input_is_refused_before_parsing() -> None:
    big = b"<a>" + b"x" * 2000 + b"</a>"
    with pytest.raises(XmlTooLargeError, match="te groot"):
        parse_xml(big, max_bytes=1000)


def test_malformed_xml_names_the_line() -> None:
    with pytest.raises(XmlSyntaxError) as info:
        parse_xml(b"<a>\n<b>\n</a>")
    assert info.value.line == 3
    assert "regel 3" in str(info.value)


def test_empty_input_is_a_syntax_error() -> None:
    with pytest.raises(XmlSyntaxError, match="leeg"):
        parse_xml(b"  ")


def test_plain_xml_parses() -> None:
    root = parse_xml("<a xmlns='urn:x'><b>Zoë</b></a>")
    assert root[0].text == "Zoë"


def test_syntax_errors_are_one_dutch_line_with_regel_and_kolom() -> None:
    with pytest.raises(XmlSyntaxError) as info:
        parse_xml(b"<a>\n  <soap:Envelope/>\n</a>")
    text = str(info.value)
    assert text == (
        "Ongeldige XML op regel 2, kolom 17: het namespace-voorvoegsel 'soap' van element "
        "'Envelope' is niet gedeclareerd (xmlns:soap=\"...\" ontbreekt)"
    )
    assert (info.value.line, info.value.column) == (2, 17)


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        (b"<a><b></a>", "eindtag '</a>' past niet bij de begintag van element 'b' (regel 1)"),
        (b'<a x="1" x="2"/>', "attribuut 'x' staat twee keer in hetzelfde element"),
        (b"<a>&foo;</a>", "onbekende entiteit '&foo;'"),
        (b'<?xml version="1.0" encoding="bogus"?><a/>', "onbekende tekenset 'bogus'"),
        (b"<a>\x00</a>", "niet is toegestaan (teken 0x00)"),
        (b"<a>", "het document houdt op voordat element 'a' (regel 1) is gesloten"),
    ],
)
def test_the_dutch_line_keeps_the_names_that_matter(document: bytes, expected: str) -> None:
    with pytest.raises(XmlSyntaxError) as info:
        parse_xml(document)
    assert expected in str(info.value)


def test_an_error_without_its_own_line_gets_the_general_dutch_one() -> None:
    from typing import Any, cast

    from lxml import etree

    from uwlr.xml_syntax import dutch_syntax_error

    make = cast("Any", etree.XMLSyntaxError)  # the stubs know only the error-log signature
    odd = make("Something odd happened, line 4, column 2", 99_999, 4, 2)
    assert dutch_syntax_error(odd) == (
        "Ongeldige XML op regel 4, kolom 2: de XML is niet goed gevormd"
    )
