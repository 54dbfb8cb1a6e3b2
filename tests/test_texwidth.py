"""The width estimate of display TeX (mcdocgen.present.texwidth), in em of KaTeX's display font: KaTeX's
glyph metrics, TeX's spacing around operators, scripts, fractions, brackets and matrices."""

from __future__ import annotations

import pytest

from mcdocgen.present.texwidth import width


def test_letters_have_katex_widths() -> None:
    assert width("x") == pytest.approx(0.57)
    assert width(r"\mathbf{x}") == pytest.approx(0.61)
    # a capital is half as wide again as a small letter: the old one-character-each count missed it
    assert width("X") > 1.4 * width("x")
    assert width(r"\operatorname{diag}") == pytest.approx(0.56 + 0.28 + 0.50 + 0.50)


def test_an_operator_name_is_spaced_from_a_letter_not_from_its_call() -> None:
    """KaTeX sets a thin space between an operator and a letter (diag x), none before the opening
    atom of a call (language.functions.call_latex: diag(x), not "diag (x)")."""
    diag = 0.56 + 0.28 + 0.50 + 0.50
    assert width(r"\operatorname{diag} x") == pytest.approx(diag + 0.167 + 0.57)
    assert width(r"\operatorname{diag}\mathopen{}\left(x\right)") == pytest.approx(diag + 0.389 + 0.57 + 0.389)


def test_operators_get_their_spacing_except_a_leading_sign() -> None:
    assert width("a + b") == pytest.approx(0.53 + 0.778 + 0.444 + 0.43)
    assert width("a = b") == pytest.approx(0.53 + 0.778 + 0.556 + 0.43)
    assert width("-a") == pytest.approx(0.778 + 0.53)
    assert width(r"{}+ a") == pytest.approx(0.778 + 0.444 + 0.53)     # kept binary by the empty group


def test_scripts_are_smaller_and_stack() -> None:
    assert width("x^{2}") == pytest.approx(0.57 + 0.7 * 0.5 + 0.05)
    # a subscript and a superscript on one base are drawn one above the other
    assert width(r"u_{1}^{\top}") == pytest.approx(width(r"u^{\top}"))
    assert width("a^{b + c}") < width("a") + 0.7 * width("b + c") + 0.1    # no operator spacing in scripts


def test_a_fraction_is_as_wide_as_its_wider_part() -> None:
    assert width(r"\frac{\partial C}{\partial p_{4}}") < width(r"\partial C \partial p_{4}")
    assert width(r"\frac{a + b}{2}") == pytest.approx(width("a + b") + 0.24)
    # one level down (text style), a fraction's parts are in script size
    assert width(r"\frac{\frac{a}{b}}{2}") == pytest.approx(0.7 * 0.53 + 0.24 + 0.24)


def test_brackets_grow_around_a_fraction_and_matrices_count_their_columns() -> None:
    assert width(r"\left(x\right)") == pytest.approx(0.389 * 2 + 0.57)
    assert width(r"\left(\frac{x}{y}\right)") > width(r"\frac{x}{y}") + 2 * 0.5
    assert width(r"\left.x\right\vert") == pytest.approx(0.12 + 0.57 + 0.278)
    row = width(r"\begin{bmatrix} a & b & c \end{bmatrix}")
    column = width(r"\begin{bmatrix} a \\ b \\ c \end{bmatrix}")
    assert row == pytest.approx(column + 2 * 1.0 + 0.43 + 0.43, abs=0.2)
