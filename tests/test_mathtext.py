"""mcdocgen.present.mathtext: a formula's TeX as readable text for the search index."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mcdocgen.present.mathtext import WORDS_MARK, MathText, math_text, unmark
from test_mathml import PAGE_TEX


@pytest.mark.parametrize(
    ("tex", "text", "words"),
    [
        (r"\mathbf{x}^{\top} A \mathbf{x}", "x^T A x", ("transpose",)),
        (r"\frac{a}{b}", "a/b", ()),
        (r"\operatorname{tr}\left(A B\right)", "tr(A B)", ("trace",)),
        (r"\partial f", "∂f", ()),
        (r"X^{-1}", "X^-1", ("inverse",)),
        (r"X^{-\top}", "X^-T", ("inverse transpose",)),
        (r"G + G^{\top} - G \circ I", "G + G^T - G ∘ I", ("transpose", "Hadamard product")),
        (r"B \otimes A", "B ⊗ A", ("Kronecker product",)),
        (r"\det\left(X\right) X^{-\top}", "det(X) X^-T", ("determinant", "inverse transpose")),
        (r"\left\lVert X \mathbf{w} - \mathbf{y} \right\rVert^{2}", "‖X w - y‖^2", ("norm",)),
        (r"\left\langle \mathbf{x}, \mathbf{w} \right\rangle", "⟨x, w⟩", ()),
        (r"\frac{\partial f}{\partial \mathbf{x}} = \mathbf{x}^\top (A + A^\top)", "∂f/∂x = x^T (A + A^T)", ("transpose",)),
        (r"\frac{\partial \mathbf{u}}{\partial \mathbf{w}}\frac{\partial s}{\partial \mathbf{u}}", "∂u/∂w ∂s/∂u", ()),
        (r"\frac{\partial (\operatorname{vec} f)}{\partial \operatorname{vec} X}", "∂(vec f)/(∂vec X)", ("vectorization",)),
        (r"\frac{1}{2}\,\left(I + K_{n,n}\right)", "(1/2) (I + K_(n,n))", ()),
        # a fraction before a factor is bracketed: 2/N sum(...) would read as 2 / (N sum(...))
        (r"\frac{2}{N}\,\operatorname{sum}\mathopen{}\left(\mathbf{v}\right)", "(2/N) sum(v)", ()),
        (r"-\frac{1}{x}", "-1/x", ()),
        (r"x^{k+1} \in \mathbb{R}^{n}", "x^(k+1) ∈ ℝ^n", ()),
        (r"\sum_{k=1}^{n} x_k", "∑_(k=1)^n x_k", ()),
        (r"\sin x + \ln\left(u_{1}\right)", "sin x + ln(u_1)", ()),
        # two operator names in a row are two words, as TeX spaces them (not "lndet")
        (r"\ln\det\left(X\right)", "ln det(X)", ("determinant",)),
        (r"\det\mathbf{X} + \sin\theta", "det X + sin θ", ("determinant",)),
        (r"\left.\frac{\partial f}{\partial \mathbf{x}}\right\vert_{\mathbf{u}_{1} \text{ fixed}}", "∂f/∂x|_(u_1 fixed)", ()),
        (r"\begin{bmatrix} 2\,u_{1} & 0 \\ 4\,u_{3} & 1 \end{bmatrix}", "[2 u_1, 0; 4 u_3, 1]", ()),
        (r"\begin{aligned} a &= b \\ c &= d \end{aligned}", "a = b; c = d", ()),
        # a formula broken for display (present.lines): its continued rows go on as one line of text
        (r"\begin{aligned} f &= \frac{1}{2} \bigl(\operatorname{tr}\left(S\right) + x \\ &\quad {}- d + \ln\det\left(T\right)\bigr) \\ &= g \end{aligned}",
         "f = (1/2) (tr(S) + x - d + ln det(T)) = g", ("trace", "determinant")),
        (r"\begin{cases} x & x > 0 \\ 0 & \text{else} \end{cases}", "x x > 0; 0 else", ()),
        (r"\begin{gathered} f(X) + E, \\ g = h \end{gathered}", "f(X) + E, g = h", ()),
        (r"\operatorname{diag}\left(\sigma\left(\mathbf{u}_{1}\right)\right)", "diag(σ(u_1))", ("diagonal",)),
        (r"v^{\circ 2}", "v^∘2", ("Hadamard product",)),
        (r"\hat{y} = \sqrt{x + 1}", "ŷ = √(x + 1)", ()),
        (r"f(x) \tag{1}\label{eq}", "f(x)", ()),
        (r"\{ s : s \in [0, 1] \}", "{s : s ∈ [0, 1]}", ()),
        (r"\unknowncommand{x}", "unknowncommandx", ()),
    ],
)
def test_tex_becomes_readable_text(tex: str, text: str, words: tuple[str, ...]) -> None:
    assert math_text(tex) == MathText(text, words)


def test_the_words_follow_the_text_in_parentheses_once_each() -> None:
    assert str(math_text(r"A^{\top} B^{\top} C^{-1}")) == "A^T B^T C^-1 (transpose, inverse)"
    assert str(math_text("a + b")) == "a + b"


def test_the_words_are_marked_for_the_search_index_to_take_out() -> None:
    marked = math_text(r"A^{\top} C^{-1}").marked()
    assert marked == f"A^T C^-1 {WORDS_MARK}transpose, inverse{WORDS_MARK}" and math_text("a").marked() == "a"
    trace = math_text(r"\operatorname{tr}(A^{\top})").marked()
    page = f"<p>Since {marked} and {trace}, so.</p>"
    assert unmark(page) == ("<p>Since A^T C^-1 and tr(A^T), so.</p>", ("transpose", "inverse", "trace"))
    assert unmark("no math") == ("no math", ())


def test_no_page_formula_leaves_tex_behind() -> None:
    for tex in PAGE_TEX:
        text = str(math_text(tex))
        assert "\\" not in text and "{" not in text.replace("{s", ""), (tex, text)


@given(st.lists(st.sampled_from([r"\frac", r"\left", r"\right", "{", "}", "^", "_", "&", r"\\", r"\begin{bmatrix}",
                                 r"\end{bmatrix}", r"\mathbf", r"\text", "x", " ", r"\top", "-1", r"\,", r"\{", "."]),
                max_size=30))
def test_any_token_soup_gives_text_without_a_backslash(tokens: list[str]) -> None:
    result = math_text("".join(tokens))
    assert "\\" not in str(result) and "\x00" not in result.text and "\x01" not in result.text
