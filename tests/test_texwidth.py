"""The width estimate of display TeX (mcdocgen.present.texwidth), in em of the site's math font (STIX Two
Math as Chromium draws Temml's MathML): its glyph widths, TeX's spacing around operators (in scripts
too), scripts, fractions, brackets and matrices. The drawn widths quoted were measured in Chromium
(bench/bench_texwidth.py)."""

from __future__ import annotations

import pytest

from mcdocgen.present.texwidth import naming_width, width

#: Rows as the site draws them at 18.4 px an em, measured in Chromium (Temml 0.13.5, STIX Two Math): em.
DRAWN = {
    # ml-huber-location's numerator: KaTeX's metrics made it 13.81 em, and its row broke early
    r"\frac{\left(\left\lvert \mathbf{x} - t \right\rvert - \max\mathopen{}\left(0, \left\lvert \mathbf{x} - t "
    r"\right\rvert - k\right)\right)^{\circ 2}}{2}": 13.084,
    r"E = \operatorname{sum}\mathopen{}\left(\frac{\left(\mathbf{a} - \mathbf{e}\right)^{\circ 2}}{2} + k\,\mathbf{e}\right)":
        11.150,
    r"\frac{\partial f}{\partial X} = \left(B - B X M X^{\top} C\right)^{\top} X M^{\top} + B X M - C X M X^{\top} B":
        20.177,
    r"\mathbf{a} = \operatorname{softmax}\mathopen{}\left(\frac{K \mathbf{q}}{\sqrt{d_{k}}}\right)": 8.817,
    r"f = \operatorname{tr}\mathopen{}\left(A \begin{bmatrix} a & b \\ c & d \end{bmatrix}\right)": 7.632,
    r"a \Rightarrow a": 2.542,     # the not-derived page's implication: an unknown symbol was 0.6 em, and no relation
}


@pytest.mark.parametrize("tex", list(DRAWN))
def test_the_estimate_is_within_two_percent_of_the_drawing(tex: str) -> None:
    """KaTeX's metrics, which the estimate used, made these rows 4-16% wider than the site draws them."""
    assert width(tex) == pytest.approx(DRAWN[tex], rel=0.02)


def test_letters_have_the_math_fonts_widths() -> None:
    assert width("x") == pytest.approx(0.56)
    assert width(r"\mathbf{x}") == pytest.approx(0.56)
    # STIX's italic capitals are narrow: KaTeX's X was 0.83 em, STIX draws 0.64
    assert width("X") == pytest.approx(0.64)
    assert width(r"\operatorname{diag}") == pytest.approx(0.54 + 0.29 + 0.48 + 0.48)


def test_an_operator_name_is_spaced_from_a_letter_not_from_its_call() -> None:
    """A thin space between an operator and a letter (diag x), none before the opening atom of a call
    (language.functions.call_latex: diag(x), not "diag (x)")."""
    diag = 0.54 + 0.29 + 0.48 + 0.48
    assert width(r"\operatorname{diag} x") == pytest.approx(diag + 0.167 + 0.56)
    assert width(r"\operatorname{diag}\mathopen{}\left(x\right)") == pytest.approx(diag + 0.36 + 0.56 + 0.36)


def test_operators_get_their_spacing_a_leading_relation_too() -> None:
    assert width("a + b") == pytest.approx(0.56 + 0.71 + 0.444 + 0.52)
    assert width("a = b") == pytest.approx(0.56 + 0.71 + 0.556 + 0.52)
    assert width("-a") == pytest.approx(0.71 + 0.56)
    assert width(r"{}+ a") == pytest.approx(0.71 + 0.444 + 0.56)     # kept binary by the empty group
    # an aligned block's "= ..." cell: Temml's <mo> keeps its left space at the row's start
    assert width("= b") == pytest.approx(0.71 + 0.556 + 0.52)


def test_scripts_are_smaller_stack_and_clear_a_slanted_letter() -> None:
    assert width("x^{2}") == pytest.approx(0.56 + 0.03 + 0.7 * 0.5 + 0.04)
    assert width("A^{2}") == pytest.approx(width("A") + 0.1 + 0.7 * 0.5 + 0.04)    # a capital's overhang
    assert width(r"\mathrm{A}^{2}") == pytest.approx(width(r"\mathrm{A}") + 0.7 * 0.5 + 0.04)
    # a subscript and a superscript on one base are drawn one above the other
    assert width(r"u_{1}^{\top}") == pytest.approx(width(r"u^{\top}") - 0.03)
    # Chromium spaces an operator in a script (x^{k - 1} drawn 2.17 em; without the spaces 1.82)
    assert width("a^{b + c}") == pytest.approx(width("a") + 0.03 + 0.7 * width("b + c") + 0.04)


def test_a_fraction_is_as_wide_as_its_wider_part() -> None:
    assert width(r"\frac{\partial C}{\partial p_{4}}") < width(r"\partial C \partial p_{4}")
    assert width(r"\frac{a + b}{2}") == pytest.approx(width("a + b") + 0.24)
    # one level down (text style), a fraction's parts are in script size
    assert width(r"\frac{\frac{a}{b}}{2}") == pytest.approx(0.7 * 0.56 + 0.24 + 0.24)


def test_brackets_grow_around_a_fraction_or_a_matrix_but_bars_do_not() -> None:
    assert width(r"\left(x\right)") == pytest.approx(0.36 * 2 + 0.56)
    assert width(r"\left(\frac{x}{y}\right)") == pytest.approx(width(r"\frac{x}{y}") + 2 * 0.63)
    matrix = r"\begin{bmatrix} a \end{bmatrix}"
    assert width(rf"\left({matrix}\right)") == pytest.approx(width(matrix) + 2 * 0.63)
    # Temml draws nothing for \left., and a bar around a fraction stays narrow
    assert width(r"\left.x\right\vert") == pytest.approx(0.56 + 0.27)
    assert width(r"\left.\frac{x}{y}\right\vert") == pytest.approx(width(r"\frac{x}{y}") + 0.27)
    assert width(r"\bigl(x\bigr)") == width(r"\Biggl(x\Biggr)") == pytest.approx(2 * 0.63 + 0.56)


def test_a_matrix_is_as_wide_as_its_columns() -> None:
    row = width(r"\begin{bmatrix} a & b & c \end{bmatrix}")
    column = width(r"\begin{bmatrix} a \\ b \\ c \end{bmatrix}")
    assert row == pytest.approx(column + 2 * 0.87 + 0.52 + 0.41)
    # each column as wide as its widest cell, wherever that is: not the widest row
    crossed = width(r"\begin{bmatrix} a & bbbb \\ cccc & d \end{bmatrix}")
    assert crossed == pytest.approx(4 * 0.41 + 4 * 0.52 + 0.87 + 1.17)      # cccc, bbbb
    assert width(r"\begin{aligned} a &= b \\ c &= d \end{aligned}") == pytest.approx(width("a = d"))     # the widest of each half


def test_the_names_measure_keeps_katex_metrics_and_rules() -> None:
    """present.naming's thresholds (MIN_WIDTH 3.5, a row wider than 17.5) were reviewed in KaTeX's em: the names
    are decided in that measure, not the site's font (x0.936 on the thresholds lost the batch softmax's M = E 1 1^T)."""
    assert naming_width("x") == pytest.approx(0.57)
    assert naming_width("X") == pytest.approx(0.83 + 0.04)     # KaTeX's italic correction after every slanted capital
    assert naming_width("a = b") == pytest.approx(0.53 + 0.778 + 0.556 + 0.43)
    assert naming_width("= b") == pytest.approx(0.778 + 0.278 + 0.43)      # no leading relation's left space
    assert naming_width("a^{b + c}") == pytest.approx(0.53 + 0.7 * (0.43 + 0.778 + 0.43) + 0.05)   # no space in a script
    assert naming_width(r"\left.x\right\vert") == pytest.approx(0.12 + 0.57 + 0.278)     # \nulldelimiterspace
    # the two measures differ: a capital-heavy part is 10% narrower in the site's font
    part = r"X - \mathbf{1} \boldsymbol{\mu}^{\top}"
    assert naming_width(part) > 3.5 > width(part)
