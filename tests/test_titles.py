"""Titles with math: catalog.titles (the spans parsed when the catalog loads) and present.titles
(their LaTeX and Unicode forms)."""

from __future__ import annotations

import dataclasses

import pytest

from catalog_support import load_catalog, only_error, replaced, write
from mcdocgen.catalog.titles import TitleMath, title_parts
from mcdocgen.errors import ExprError
from mcdocgen.present.titles import plain_math, title_view, unicode_math
from problem_factory import make_problem


def _problem(title: str):
    p = make_problem("norm(W.T @ a)**2", {"W": ["m", "n"], "a": ["m"]}, ["W"])
    return dataclasses.replace(p, title=title)


def test_a_title_is_text_and_spans_each_parsed_with_the_problems_shapes():
    p = _problem("Chain rule through `f = W.T @ a` to `W`")
    parts = title_parts(p.title, p.variables, p.sizes)
    assert parts[0] == "Chain rule through " and parts[2] == " to "
    assert isinstance(parts[1], TitleMath) and parts[1].name == "f" and parts[1].node.shape.label() == "(n, 1)"
    assert isinstance(parts[3], TitleMath) and parts[3].node.shape.label() == "(m, n)"


def test_names_that_are_no_variable_are_scalars():
    p = _problem("Gradient of `c * norm(a)**2` by `a`")
    (_, span, *_) = title_parts(p.title, p.variables, p.sizes)
    assert span.node.shape.is_scalar


def test_the_view_writes_math_as_latex_and_as_unicode_text():
    view = title_view(_problem("Through `f = W.T @ a`, `norm(a)**2` and `inv(X)`"))
    assert view.text == "Through f = Wᵀ a, ‖a‖² and X⁻¹"
    latex = [s.latex for s in view.spans if s.latex]
    assert latex[0] == r"\mathbf{f} = W^{\top} \mathbf{a}"
    assert all(s.latex == "" for s in view.spans if s.text in ("Through ", ", ", " and "))


@pytest.mark.parametrize(("tex", "text"), [
    (r"X^{-1}", "X⁻¹"), (r"\mathbf{x}^{\top} A \mathbf{x}", "xᵀ A x"), (r"\operatorname{tr}\left(A X\right)", "tr(A X)"),
    (r"\left\lVert \mathbf{x} \right\rVert^{2}", "‖x‖²"), (r"x^{n + 1}", "xⁿ⁺¹"), (r"x^{k + m}", "x^(k + m)"),
])
def test_unicode_math_raises_the_powers_it_can(tex, text):
    assert unicode_math(tex) == text


def test_plain_text_math_is_written_as_the_titles_text_writes_it():
    """A summary's x^T A x (the meta description, the handouts, the slides, the terminal) reads as
    the titles' plain text does: one home, present.titles.plain_math."""
    assert plain_math("The form x^T A x, S^T - X^-T and 1 / (1 + s^2); X^k stays") == (
        "The form xᵀ A x, Sᵀ - X⁻ᵀ and 1 / (1 + s²); X^k stays")
    assert unicode_math(r"\mathbf{x}^{\top} A") == plain_math("x^T A")


def test_plain_text_math_lowers_an_entrys_indices_not_a_words_underscore():
    """The "Not yet derived" page's "a single entry X_ij" and an erratum's "x_1" read as math; a
    name such as snake_case, an index it cannot lower (X_k,l) and a long one stay as written."""
    assert plain_math("a single entry X_ij, x_1, A_{kl} and ‖w‖_1") == "a single entry Xᵢⱼ, x₁, Aₖₗ and ‖w‖₁"
    assert plain_math("snake_case, w_lr, X_{k,l}, x_ijk") == "snake_case, w_lr, X_{k,l}, x_ijk"


def test_the_search_splits_words_at_every_superscript_a_title_writes():
    """The navigation's and search's titles are Unicode (x⁴, Xᵀ): the site's search separator
    (mkdocs.yml) must split there, or "x⁴" is one word that "x" finds only as a prefix."""
    import re

    import yaml

    from browser_support import REPO
    from mcdocgen.present.titles import _SUBSCRIPT, _SUPERSCRIPT

    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    search = next(p["search"] for p in config["plugins"] if isinstance(p, dict) and "search" in p)
    separator = re.compile(search["separator"])
    for raised in map(chr, [*_SUPERSCRIPT.values(), *_SUBSCRIPT.values()]):
        assert separator.split(f"x{raised}y") == ["x", "y"], raised
    assert separator.split(unicode_math(r"\ln\det\left(X^{4}\right)").lower()) == ["ln", "det", "x", ""]


def test_plain_titles_have_one_text_span():
    view = title_view(_problem("Gradient of a quadratic form"))
    assert view.spans == (view.spans[0],) and view.text == "Gradient of a quadratic form"


@pytest.mark.parametrize(("title", "message"), [
    ("Bad `W.T @@ a`", "the math `W.T @@ a` in the title: not valid syntax"),
    ("Bad `W @ W`", "the math `W @ W` in the title"),
    ("Open `W.T", "a backtick without its pair"),
    ("Call `__import__('os')`", "the math `__import__('os')` in the title"),
])
def test_a_bad_span_is_an_error(title, message):
    p = _problem(title)
    with pytest.raises(ExprError) as info:
        title_parts(p.title, p.variables, p.sizes)
    assert message in info.value.message


def test_a_bad_span_is_a_catalog_error_at_the_title_with_its_line(tmp_path):
    error = only_error(tmp_path, replaced("title: Demo", 'title: "Demo `x @@ A`"'))
    assert error.startswith("3:12: problem 'demo', title: the math `x @@ A` in the title: not valid syntax")
    good = load_catalog(write(tmp_path, replaced("title: Demo", 'title: "Demo `x.T @ A @ x`"')))
    assert good.problems[0].title == "Demo `x.T @ A @ x`"
