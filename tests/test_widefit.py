"""A display formula broken for a phone and shown on one line where its box has room
(mcdocgen.publish.widefit, the math hook, the display template): the parts a browser does not test."""

from __future__ import annotations

import re
import pytest

from mcdocgen.present.lines import LINE_WIDTH, equation_rows
from mcdocgen.publish.math_hook import fill_page, render_page
from mcdocgen.publish.mathml import Renderer, find_package, package_candidates, stylesheet
from mcdocgen.publish.widefit import NARROWEST, WIDEST, fit_css, fit_em, split_wide

LHS = r"\nabla^{2} f = \frac{\partial \mathbf{g}}{\partial \mathbf{v}}"
SIDE = r"Z_{1}^{\top} \operatorname{diag}\mathopen{}\left(\sigma\mathopen{}\left(Z_{1} \mathbf{v}\right) \circ \left(\mathbf{1} - \sigma\mathopen{}\left(Z_{1} \mathbf{v}\right)\right)\right) Z_{1}"


@pytest.fixture(scope="module")
def renderer():
    with Renderer(find_package(package_candidates())) as made:
        yield made


def test_the_one_line_form_is_read_back_whole() -> None:
    tex = r"\mcdwide{a = \left\{ x \right\} + \frac{1}{2}} \begin{aligned} a &= \left\{ x \right\} \\ &\quad {}+ \frac{1}{2} \end{aligned}"
    assert split_wide(tex) == (r"a = \left\{ x \right\} + \frac{1}{2}",
                               r"\begin{aligned} a &= \left\{ x \right\} \\ &\quad {}+ \frac{1}{2} \end{aligned}")
    assert split_wide(r"\begin{aligned} a &= b \end{aligned}") is None
    assert split_wide(r"\mcdwide{a = {b}") is None      # unbalanced: not a one-line form


def test_every_width_a_formula_may_need_has_its_container_query() -> None:
    rules = set(re.findall(r"@container \(min-width:(\d+)em\)\{\.mcd-fit-(\d+)>", fit_css()))
    assert {(str(n), str(n)) for n in range(NARROWEST, WIDEST + 1)} == rules
    assert fit_em("x") == NARROWEST     # never below the narrowest rule
    assert fit_em(" + ".join(["x"] * 200)) is None     # wider than any screen: no one-line form
    wide = equation_rows(LHS, SIDE)
    assert len(wide) > 1 and NARROWEST <= (fit_em(wide.whole) or 0) <= WIDEST
    assert fit_em(wide.whole) > LINE_WIDTH      # a broken formula needs more than a phone's line


def test_the_math_stylesheet_holds_the_queries() -> None:
    assert stylesheet(find_package(package_candidates())).endswith(fit_css())


def test_a_broken_display_holds_its_one_line_form_first_and_its_rows(renderer: Renderer) -> None:
    rows = equation_rows(LHS, SIDE)
    tex = rf"\mcdwide{{{rows.whole}}}" + "\n" + r"\begin{aligned}" + "\n" + " \\\\\n".join(rows) + "\n" + r"\end{aligned}"
    page = f'<div class="arithmatex">\\[\n{tex}\n\\]</div>'
    content, rendered = render_page(page, renderer, "a.md")
    assert len(rendered) == 2 and "mtable" not in rendered[0] and "mtable" in rendered[1]
    n = fit_em(rows.whole)
    assert content.startswith(f'<div class="arithmatex mcd-fit mcd-fit-{n}"><!--mcdocgen-math:0--><!--mcdocgen-math:1-->')
    out = fill_page(content, rendered, "a.md")
    assert out.count("<math") == 2 and "mcdwide" not in out
    # a formula too wide for any screen keeps only its rows
    huge = " + ".join([SIDE] * 12)
    content, rendered = render_page(f'<div class="arithmatex">\\[\\mcdwide{{{huge}}} x \\]</div>', renderer, "a.md")
    assert len(rendered) == 1 and 'class="arithmatex"' in content and "mcd-fit" not in content
