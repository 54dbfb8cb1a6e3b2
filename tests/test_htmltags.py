"""The tag scanner behind the archive's page edits (mcdocgen/publish/htmltags.py)."""

from __future__ import annotations

import pytest

from mcdocgen.errors import SiteError
from mcdocgen.publish.htmltags import edit, element, elements, scan, text

PAGE = (
    '<!DOCTYPE html><html><head><title>A &amp; B</title>'
    '<script src="a.js"></script><script>if (a < b) document.write("<div id=fake>")</script>'
    '<style>p > a { color: red }</style><!-- <div id="commented"> --></head>'
    '<body><div id="outer" title="x > y"><div>inner</div><a href=\'x/\' class="one two">link</a></div>'
    '<p data-flag>flag</p><br/></body></html>'
)


def test_scan_finds_tags_and_skips_comments_and_script_bodies() -> None:
    names = [(t.name, t.closing) for t in scan(PAGE) if t.name in ("div", "script", "style")]
    assert names == [("script", False), ("script", False), ("style", False),
                     ("div", False), ("div", False), ("div", True), ("div", True)]
    script = scan(PAGE, ("script",))[0]
    assert PAGE[script.start:script.end] == '<script src="a.js">' and script.attr("src") == "a.js"


def test_scan_of_some_names_gives_the_same_tags_as_a_full_scan() -> None:
    assert scan(PAGE, ("a", "DIV")) == [t for t in scan(PAGE) if t.name in ("a", "div")]


def test_attributes_with_quotes_entities_and_no_value() -> None:
    outer, link = scan(PAGE, ("div",))[0], scan(PAGE, ("a",))[0]
    assert outer.attr("title") == "x > y" and outer.attr("id") == "outer" and outer.attr("class") is None
    assert link.attr("href") == "x/" and link.has_class("two") and not link.has_class("on")
    span = link.attr_span("href")
    assert span is not None and PAGE[span[0]:span[1]] == "x/"
    flag = scan(PAGE, ("p",))[0]
    assert flag.attr("data-flag") == ""


def test_element_spans_nested_elements_of_the_same_name() -> None:
    tags = scan(PAGE)
    start, end = element(tags, lambda t: t.attr("id") == "outer")
    assert PAGE[start:end].startswith('<div id="outer"') and PAGE[start:end].endswith("link</a></div>")
    assert len(elements(tags, lambda t: t.name == "div")) == 2
    assert element(tags, lambda t: t.name == "table") is None
    with pytest.raises(SiteError, match="never closed"):
        element(scan("<div><p>x</div>"), lambda t: t.name == "p")


def test_text_and_edit() -> None:
    tags = scan(PAGE)
    title = element(tags, lambda t: t.name == "title")
    assert text(PAGE, title) == "A & B"
    outer = element(tags, lambda t: t.attr("id") == "outer")
    link = element(tags, lambda t: t.name == "a")
    assert text(PAGE, outer, [link]) == "inner"
    assert edit("abcdef", [(4, 5, "E"), (0, 3, "X"), (1, 2, "dropped"), (3, 3, "+")]) == "X+dEf"
