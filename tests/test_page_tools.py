"""The page-tool parts of a problem's Markdown (templates/derivatives.md.j2, macros.md.j2): the
source's layout stated and opened (``===+``), search words, the solution blocks, each result's TeX
on its lead-in, and the collapsed checks with their script out of search."""

from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import unquote

from problem_factory import make_problem
from mcdocgen.commands.pipeline import run_problem
from mcdocgen.language import Layout
from mcdocgen.publish.render import render_derivatives


def _page(layout: Layout | None, keywords: tuple[str, ...] = (), expression: str = "x.T @ A @ x",
          variables: dict | None = None) -> tuple[str, object]:
    problem = replace(make_problem(expression, variables or {"x": ["n"], "A": ["n", "n"]}, wrt=["x"]),
                      layout=layout, keywords=keywords)
    view = run_problem(problem).view
    assert view.layout == (layout.value if layout else "") and view.keywords == keywords
    return render_derivatives(view), view


def test_a_denominator_source_opens_its_tab_and_says_so():
    text, _ = _page(Layout.DENOMINATOR)
    assert '=== "Numerator"' in text and '===+ "Denominator"' in text
    assert "The source uses the **denominator layout**; the page opens in it unless you have picked a layout." in text


def test_a_numerator_source_marks_the_numerator_tab():
    text, _ = _page(Layout.NUMERATOR)
    assert '===+ "Numerator"' in text and '=== "Denominator"' in text


def test_no_layout_no_sentence_and_the_first_tab_opens():
    text, _ = _page(None)
    assert "===+" not in text and "The source uses" not in text and "Search words" not in text


def test_where_the_layouts_agree_the_sentence_says_so():
    text, _ = _page(Layout.NUMERATOR, expression="x**3", variables={"x": []})
    assert "===" not in text
    assert "The source uses the **numerator layout**; for this problem both layouts give the same steps." in text


def test_search_words_are_for_the_search_not_the_reader():
    # a problem's keywords go to its page's search entry (front matter: tests/test_page.py), not onto the page
    text, _ = _page(None, ("x^T A x", "*bold*", "Jacobian"))
    assert "Search words" not in text and "Jacobian" not in text and "bold" not in text


def test_each_result_holds_its_tex_and_the_solution_is_one_block():
    text, view = _page(Layout.DENOMINATOR)
    tex = [unquote(t) for t in re.findall(r'\{ \.mcd-result data-tex="([^"]*)" \}', text)]
    result = view.results[0]
    assert tex == [f"{lay.chain.lhs} = {lay.result.latex}" for lay in result.layouts]
    assert all(re.fullmatch(r"[A-Za-z0-9%./~-]*", t) for t in re.findall(r'data-tex="([^"]*)"', text))
    assert text.count('<div class="mcd-solution" markdown>') == 1 and text.count("</div>") == 1
    solution = text[text.index("mcd-solution"):text.index("</div>")]
    assert "**Result**" in solution and "How this was checked" in solution


def test_the_checks_are_collapsed_with_the_script_out_of_search():
    text, _ = _page(None)
    assert '??? info mcd-checks "How this was checked"' in text
    assert "### Verification" not in text
    block = text[text.index('??? info mcd-checks "How this was checked"'):]
    assert '    ``` { .text .mcd-snippet data-search-exclude="" }' in block and "import numpy as np" in block
