"""The Python API's reference page (present.apidoc): signatures as written, docstrings as Markdown
that shows exactly their text, every public name documented, and the page valid for the site."""

from __future__ import annotations

import ast
from pathlib import Path

import markdown
import pytest

from mcdocgen import API
from mcdocgen.present.apidoc import SIGNATURE_WIDTH, Kind, _signature, api_view, docstring_markdown
from mcdocgen.publish.navigation import API_PAGE, CONTRIBUTOR_PAGES
from mcdocgen.publish.render import render_api_page

SOURCE = (Path(__file__).resolve().parents[1] / "mcdocgen" / "api.py").read_text(encoding="utf-8")


def _function(source: str) -> ast.FunctionDef:
    node = ast.parse(source).body[0]
    assert isinstance(node, ast.FunctionDef)
    return node


def test_every_public_name_of_the_api_is_documented():
    view = api_view(SOURCE, "mcdocgen.api", API)
    assert [e.name for e in view.entries] == list(API) == ["derive", "Derivation", "Check"]
    assert [e.kind for e in view.entries] == [Kind.FUNCTION, Kind.CLASS, Kind.CLASS]
    derivation = view.entries[1]
    members = {m.name.split(".")[1]: m.kind for m in derivation.members}
    assert members == {"ok": Kind.PROPERTY, "wrt": Kind.PROPERTY, "result": Kind.METHOD, "latex": Kind.METHOD,
                       "steps": Kind.METHOD, "checks": Kind.PROPERTY, "_repr_markdown_": Kind.METHOD,
                       "_repr_latex_": Kind.METHOD}
    for entry in (*view.entries, *derivation.members):
        assert len(entry.doc) > 40, f"{entry.name}: its docstring is the page's text; write one"
    assert view.entries[2].signature == "Check(wrt: str, name: str, passed: bool | None, detail: str)"
    assert view.doc.startswith("One expression derived") and "```pycon\n>>> from mcdocgen import derive" in view.doc


def test_a_name_the_module_does_not_define_is_refused():
    with pytest.raises(LookupError, match="defines no missing"):
        api_view(SOURCE, "mcdocgen.api", ["derive", "missing"])


@pytest.mark.parametrize("source, method, expected", [
    ("def f(a, b=1, /, c: int = 2, *args, d, e: str = 'x', **kw) -> None: pass", False,
     "f(a, b=1, /, c: int = 2, *args, d, e: str = 'x', **kw) -> None"),
    ("def f(self, *, d): pass", True, "f(*, d)"),
    ("def f(self): pass", True, "f()"),
])
def test_signatures_are_written_as_pep_8_spaces_them(source, method, expected):
    assert _signature("f", _function(source), method=method) == expected


def test_a_long_signature_takes_one_line_a_parameter():
    node = _function("def f(" + ", ".join(f"parameter_{i}: int = {i}" for i in range(5)) + ") -> int: pass")
    text = _signature("f", node)
    assert text.splitlines()[0] == "f(" and text.splitlines()[-1] == ") -> int"
    assert text.splitlines()[1] == "    parameter_0: int = 0,"
    assert max(len(line) for line in text.splitlines()) <= SIGNATURE_WIDTH


def test_docstrings_become_markdown_that_shows_their_text():
    doc = ("Derive ``x**2`` by :func:`~mcdocgen.api.derive` or :class:`Derivation`,\nnot *emphasis* or "
           "<b>html</b> or $math$.\n\n>>> derive('x', x='')\n>>> d.ok\n\n- not a list")
    md = docstring_markdown(doc)
    blocks = md.split("\n\n")
    assert blocks[0].startswith("Derive `x**2` by `derive` or `Derivation`, not ")
    assert blocks[1] == "```pycon\n>>> derive('x', x='')\n>>> d.ok\n```"
    html = markdown.markdown(md, extensions=["fenced_code"])
    assert "<em>" not in html and "<b>" not in html and "<li>" not in html
    assert "*emphasis*" in html.replace("&#42;", "*") and "&lt;b&gt;html" in html.replace("&#60;", "&lt;")


def test_the_page_is_generated_for_the_contributors_part():
    page = render_api_page()
    assert API_PAGE in CONTRIBUTOR_PAGES and page == render_api_page()  # the same bytes every time
    assert page.startswith("---\ntitle: \"The Python API\"") and "# The Python API" in page
    for name in ("## `derive` { #derive }", "### `Derivation.result` { #derivation-result }", "## `Check` { #check }"):
        assert f"\n{name}\n" in page


def test_references_to_documented_names_link_to_their_headings():
    view = api_view(SOURCE, "mcdocgen.api", API)
    derive_doc, derivation = view.entries[0].doc, view.entries[1]
    assert "[`Derivation`](#derivation)" in derive_doc and "[`Derivation.ok`](#derivation-ok)" in derive_doc
    assert "[`derive`](#derive)" in derivation.doc
    assert "`McdocgenError`" in derive_doc and "(#" not in derive_doc.split("`McdocgenError`")[1][:3]  # not documented here
    assert [m.anchor for m in derivation.members][-1] == "derivation-repr-latex"
    assert "\n## `Derivation` { #derivation }\n" in render_api_page()
