"""The commutation matrix has one symbol that no page's name prints as, and each derivation whose steps use it
defines it, with the page's sizes, before its first step; the tensor form's read-off rule is stated with the
variable's sizes (review s34 item 4)."""

from __future__ import annotations

from problem_factory import make_problem
from mcdocgen.checks.verify import verify
from mcdocgen.engine.derive import derive
from mcdocgen.present.commutation import SYMBOL, commutation_note
from mcdocgen.present.latex import to_latex
from mcdocgen.present.views import problem_view
from mcdocgen.publish.render import render_derivatives

# the attention output by the values, on a page whose key matrix is K
ATTENTION = ("V.T @ softmax(K @ q)", {"K": ["m", "d"], "q": ["d"], "V": ["m", "p"]}, "V")


def _page(expression: str, variables: dict, wrt: str) -> str:
    p = make_problem(expression, variables, wrt=[wrt])
    d = derive(p, wrt)
    return render_derivatives(problem_view(p, [d], [verify(p, d)]))


def test_no_variable_prints_as_the_commutation_matrix():
    assert to_latex(make_problem("K", {"K": ["m", "d"]}).expression) == "K"
    assert SYMBOL != "K" and SYMBOL.startswith("\\")


def test_the_read_off_rule_uses_the_variables_sizes_and_the_pages_symbol():
    page = _page(*ATTENTION)
    tensor = page.split("### Tensor form", 1)[1]
    assert rf"{SYMBOL}_{{m,p}} \operatorname{{vec}} Y = \operatorname{{vec}} Y^{{\top}}$ for an $m \times p$ matrix" in tensor
    assert "K_{m,n}" not in page and "K_{m,p}" not in page.replace(f"{SYMBOL}_{{m,p}}", "")


def test_steps_that_use_it_define_it_before_the_first_step():
    p = make_problem("inv(X).T", {"X": ["n", "n"]}, wrt=["X"], assume={"X": ["invertible"]})
    d = derive(p, "X")
    note = commutation_note(d)
    assert note.startswith(rf"Here ${SYMBOL}_{{n,n}}$ is the commutation matrix")
    page = render_derivatives(problem_view(p, [d], [verify(p, d)]))
    assert page.index(note) + len("Here $") == page.index(SYMBOL)      # the page's first use is its definition
    assert page.count(SYMBOL) > note.count(SYMBOL)                      # and the steps use it after


def test_steps_without_it_say_nothing_of_it():
    p = make_problem("A @ X @ B", {"A": ["m", "m"], "X": ["m", "n"], "B": ["n", "n"]}, wrt=["X"])
    assert commutation_note(derive(p, "X")) == ""


def test_the_read_off_is_reduced_to_the_steps_result_in_the_set_up_names():
    p = make_problem("V.T @ softmax(K @ q)", {"K": ["m", "d"], "q": ["d"], "V": ["m", "p"]}, wrt=["V"],
                     steps=["s = K @ q", "a = softmax(s)", "o = V.T @ a"])
    d = derive(p, "V")
    tensor = render_derivatives(problem_view(p, [d], [verify(p, d)])).split("### Tensor form", 1)[1]
    assert r"\left(\mathbf{a}^{\top} \otimes I_{p}\right) \mathcal{K}_{m,p} = I_{p} \otimes \mathbf{a}^{\top}" in tensor
    assert r"\mathcal{K}_{p,m} \left(\mathbf{a} \otimes I_{p}\right) = I_{p} \otimes \mathbf{a}" in tensor
    assert r"\delta_{il}\,a_{k}" in tensor and "softmax" not in tensor.split("How this was checked")[0]


def test_a_matrix_by_a_scalar_says_what_is_read_off_without_pattern_letters():
    tensor = _page("A @ sin(x * C) @ B", {"A": ["p", "m"], "C": ["m", "n"], "B": ["n", "q"], "x": []}, "x")
    tensor = tensor.split("### Tensor form", 1)[1]
    assert "known kinds" not in tensor and "collected as one factor times" in tensor
    assert "|\n\nPut together, in" in tensor     # a paragraph of its own, not a row of the steps' table above


def test_a_handout_gives_the_reduced_read_off_and_defines_the_symbol():
    from mcdocgen.catalog import HandoutSpec
    from mcdocgen.publish.handout import render_handout

    p = make_problem("V.T @ softmax(K @ q)", {"K": ["m", "d"], "q": ["d"], "V": ["m", "p"]}, wrt=["V"],
                     steps=["s = K @ q", "a = softmax(s)", "o = V.T @ a"])
    d = derive(p, "V")
    tex = render_handout(HandoutSpec("t"), [problem_view(p, [d], [verify(p, d)])], "solutions")
    assert r"\mathcal{K}_{m,p} = I_{p} \otimes \mathbf{a}^{\top}}" in tex
    q = make_problem("inv(X).T", {"X": ["n", "n"]}, wrt=["X"], assume={"X": ["invertible"]})
    e = derive(q, "X")
    tex = render_handout(HandoutSpec("t"), [problem_view(q, [e], [verify(q, e)])], "solutions")
    assert rf"Here ${SYMBOL}_{{n,n}}$ is the commutation matrix" in tex
