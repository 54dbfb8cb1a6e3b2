"""The "Tensor form" view: the differential, its steps, the vec form in both layouts and the index form,
printed from the engine's computation, and the page section that shows them."""

from __future__ import annotations

import re
from dataclasses import replace

from mcdocgen import language as E
from mcdocgen.checks.verify import verify
from mcdocgen.engine.derive import derive
from mcdocgen.present.symbols import symbol_latex
from mcdocgen.present.tensor import entry_latex, tensor_view
from mcdocgen.present.views import problem_view
from mcdocgen.publish.render import render_derivatives
from problem_factory import make_problem


def _given(expression: str, variables: dict, wrt: str, numerator: str):
    """A problem and its derivation with a numerator-layout result given (the vec-form derivation is
    another module's; the tensor section only reads a finished one)."""
    p = make_problem(expression, variables, wrt=[wrt])
    d = derive(p, wrt)
    scope = E.Scope({v.name: E.var(v.name, v.shape) for v in p.variables},
                    {s: E.shapes.size_symbol(s) for s in p.sizes})
    num = E.parse(numerator, scope)
    den = E.transpose(num)
    return p, replace(d, not_derived=None, numerator=num, result=den, product=den, product_numerator=num)


def _names(p, d):
    """Every name's symbol as pages print it (vectors bold)."""
    return {v.name: symbol_latex(v.name, v.shape) for v in p.variables} | {
        i.name: symbol_latex(i.name, i.shape) for i in d.intermediates}


SANDWICH = ("A @ X @ B", {"A": ["m", "m"], "X": ["m", "n"], "B": ["n", "n"]}, "X", "kron(B.T, A)")


def test_sandwich_shows_three_notations():
    p, d = _given(*SANDWICH)
    t = tensor_view(p, d, _names(p, d))
    assert t is not None and t.available
    assert t.differential == r"A (\mathrm{d}X) B"
    assert [j.latex for j in t.jacobians] == [r"B^{\top} \otimes A", r"B \otimes A^{\top}"]
    assert [j.shape for j in t.jacobians] == ["(m n, m n)", "(m n, m n)"]
    assert [j.text for j in t.jacobians] == ["kron(B.T, A)", "kron(B, A.T)"]
    assert t.differential_text == "A @ d(X) @ B"
    assert t.index == r"\frac{\partial F_{ij}}{\partial X_{kl}} = A_{ik}\,B_{lj}"
    assert [s.rule for s in t.steps] == ["matmul-right-factor", "matmul-left-factor"]


def test_a_name_with_a_subscript_of_its_own_is_bracketed_before_the_entry_subscript():
    """X1 prints X_{1}: its entry is (X_{1})_{kl}, since X_{1}_{kl} is a TeX error (a double subscript)."""
    p, d = _given("A1 @ X1 @ B", {"A1": ["m", "m"], "X1": ["m", "n"], "B": ["n", "n"]}, "X1", "kron(B.T, A1)")
    t = tensor_view(p, d, _names(p, d))
    assert t is not None and t.available
    assert t.index == r"\frac{\partial F_{ij}}{\partial (X_{1})_{kl}} = (A_{1})_{ik}\,B_{lj}"


def test_vector_by_matrix_drops_the_index_of_a_size_one_side():
    """An entry of a bold vector is a number, plain as books print it: f_i and x_l (review s36 C-10)."""
    p, d = _given("W @ x", {"W": ["m", "n"], "x": ["n"]}, "W", "kron(x.T, eye(m))")
    t = tensor_view(p, d, _names(p, d))
    assert t is not None and t.available
    assert t.index == r"\frac{\partial f_{i}}{\partial W_{kl}} = \delta_{ik}\,x_{l}"


def test_an_entry_of_a_bold_symbol_is_plain_and_keeps_its_own_subscript_bracketed():
    assert entry_latex(r"\boldsymbol{\mu}", "k") == r"\mu_{k}"
    assert entry_latex(r"\mathbf{u}_{1}", "k") == r"(u_{1})_{k}"
    assert entry_latex(r"\mathbf{a}", "") == r"\mathbf{a}"    # the whole vector stays bold


def test_transpose_reads_the_commutation_matrix():
    p, d = _given("X.T", {"X": ["m", "n"]}, "X", "commutation(m, n)")
    t = tensor_view(p, d, _names(p, d))
    assert t is not None
    assert t.jacobians[0].latex.startswith(r"\mathcal{K}_")
    assert t.index.endswith(r"\delta_{il}\,\delta_{kj}")


def test_matrix_by_scalar_is_a_matrix_not_a_vec_form():
    p, d = _given("inv(A + t * B)", {"A": ["n", "n"], "B": ["n", "n"], "t": []}, "t",
                  "-inv(A + t * B) @ B @ inv(A + t * B)")
    t = tensor_view(p, d, _names(p, d))
    assert t is not None and t.by_scalar
    assert t.jacobians[0].shape == "(n, n)"
    assert r"\otimes" not in t.jacobians[0].latex


def test_no_canonical_kind_is_not_available_with_the_reason():
    p, d = _given("sin(A @ sin(X))", {"X": ["m", "n"], "A": ["m", "m"]}, "X", "kron(eye(n), A)")
    t = tensor_view(p, d, _names(p, d))
    assert t is not None and not t.available
    assert "Hadamard" in t.reason


def test_scalar_results_have_no_tensor_section():
    p = make_problem("tr(X)", {"X": ["n", "n"]}, wrt=["X"])
    d = derive(p, "X")
    assert tensor_view(p, d, _names(p, d)) is None


def test_page_section_has_both_layout_tabs_and_the_index_form():
    p, d = _given(*SANDWICH)
    page = render_derivatives(problem_view(p, [d], [verify(p, d)]))
    assert "### Tensor form" in page
    assert '=== "Numerator"' in page and '=== "Denominator"' in page
    # the vec form is named as such: never d f / d X, which would name a four-index array
    numerator = r"\frac{\partial \operatorname{vec} F}{\partial (\operatorname{vec} X)^{\top}}"
    assert f"    $$\n    {numerator} = B^{{\\top}} \\otimes A\n    $$" in page
    assert r"\operatorname{vec}(L\,(\mathrm{d}X)\,R) = (R^{\top} \otimes L)" in page
    assert r"A_{ik}\,B_{lj}" in page


def test_handout_solutions_have_the_tensor_part_and_exercises_do_not():
    from mcdocgen.catalog import HandoutSpec
    from mcdocgen.publish.handout import render_handout

    p, d = _given(*SANDWICH)
    view = problem_view(p, [d], [verify(p, d)])
    solutions = render_handout(HandoutSpec("t"), [view], "solutions")
    assert r"\subsubsection*{Tensor form}" in solutions
    assert r"\mcfit{B^{\top} \otimes A}" in solutions
    assert r"A_{ik}\,B_{lj}" in solutions
    assert "Tensor form" not in render_handout(HandoutSpec("t"), [view], "exercises")


def test_hadamard_inside_a_product_sums_over_inner_indices():
    p, d = _given("sin(X) @ B", {"X": ["m", "n"], "B": ["n", "n"]}, "X", "kron(B.T, eye(m))")
    t = tensor_view(p, d, _names(p, d))
    assert t is not None and t.available
    # sum_b cos(X)_ib delta_ik delta_lb B_bj, the delta of the summed b contracted: b becomes l
    assert t.index.endswith(r"= \left(\cos\mathopen{}\left(X\right)\right)_{il}\,\delta_{ik}\,B_{lj}")


def test_a_read_off_by_a_scalar_says_what_it_is_and_adds_its_equal_terms():
    # (x A)^3: the read-off was "A x A x A + x A A x A + x A x A A", with no left side (a reader review)
    p, d = _given("(x * A) @ (x * A) @ (x * A)", {"A": ["n", "n"], "x": []}, "x", "3 * x**2 * A @ A @ A")
    t = tensor_view(p, d, _names(p, d))
    assert t is not None and t.by_scalar
    assert [j.lhs for j in t.jacobians] == [r"\frac{\partial F}{\partial x} = "] * 2
    assert [j.latex for j in t.jacobians] == [r"3\,x^{2}\,A^{3}", r"3\,x^{2}\,\left(A^{3}\right)^{\top}"]
    assert t.index == r"\frac{\partial F_{ij}}{\partial x} = 3\,\left(x^{2}\,A^{3}\right)_{ij}"


def test_the_matrix_cube_prints_its_powers_alike_in_every_form():
    # X X X: "(X X)^T (x) I" in the result but "X^T X^T (x) I" in the tensor form (a reader review)
    p, d = _given("X @ X @ X", {"X": ["n", "n"]}, "X", "kron((X @ X).T, eye(n)) + kron(X.T, X) + kron(eye(n), X @ X)")
    t = tensor_view(p, d, _names(p, d))
    assert t is not None
    assert t.jacobians[0].latex == r"\left(X^{2}\right)^{\top} \otimes I_{n} + X^{\top} \otimes X + I_{n} \otimes X^{2}"


def test_the_full_derivative_counts_its_indices_from_the_shapes():
    """A matrix-valued function by a matrix has four indices (F_ij by X_kl), a vector-valued one three (f_i by W_kl)."""
    p, d = _given(*SANDWICH)
    assert tensor_view(p, d, _names(p, d)).indices == "four"
    p, d = _given("W @ x", {"W": ["m", "n"], "x": ["n"]}, "W", "kron(x.T, eye(m))")
    t = tensor_view(p, d, _names(p, d))
    assert t is not None and t.indices == "three"


def test_a_hadamard_form_without_outer_factors_is_named_without_letters_the_page_never_shows():
    """d sin(K q) = cos(K q) o ((dK) q): the form is M o (L dK R), not P (M o (L dK R)) Q (review s36 C-3);
    the sentence lists two forms as "F and G"."""
    p = make_problem("sin(K @ q) + K @ q", {"K": ["m", "n"], "q": ["n"]}, wrt=["K"])
    d = derive(p, "K")
    page = render_derivatives(problem_view(p, [d], [verify(p, d)])).split("### Tensor form", 1)[1]
    forms = re.search(r"terms of the forms\s+\$([^$]*)\$ and \$([^$]*)\$, where", page)
    assert forms is not None, page[:2000]
    assert r"M \circ \left(L" in page[:forms.end()] and r"P \left(M" not in page, forms.groups()


def test_the_index_letters_avoid_the_pages_names_and_a_shared_factor_is_written_once():
    """Review s37 B-2: attention's index form read (1/sqrt(d_k)) a_i delta_ik q_l - (1/sqrt(d_k)) (a a^T)_ik q_l, the
    running k beside the fixed d_k. The size's subscript reserves k, so the key entry is K_jl; the outer product's
    entry is a_i a_j, and the shared 1/sqrt(d_k) and q_l are written once, as a book prints the form."""
    from mcdocgen.commands.pipeline import run_problem
    p = make_problem("softmax(K @ q / sqrt(d_k))", {"K": ["m", "d_k"], "q": ["d_k"]}, ["K"],
                     steps=["s = K @ q / sqrt(d_k)", "a = softmax(s)"])
    (result,) = run_problem(p).view.results
    t = result.tensor
    assert t is not None and t.available and t.delta == ("i", "j")
    assert t.index == (r"\frac{\partial a_{i}}{\partial K_{jl}} = \frac{\left(a_{i}\,\delta_{ij} - a_{i}\,a_{j}\right)"
                       r"\,q_{l}}{\sqrt{d_{k}}}")
    # and the differential steps bracket no differential that nothing follows; one over a scalar reads (1 / c) dp, never
    # dp / c, a small fraction that reads as a derivative (review s38)
    assert re.fullmatch(r"\\frac\{1\}\{\\sqrt\{d_\{k\}\}\}\\,\\mathrm\{d\}\\mathbf\{\w\}_\{1\}", t.steps[1].value)
    assert t.steps[2].value == r"\mathbf{a} \circ \mathrm{d}\mathbf{s} - \mathbf{a} \mathbf{a}^{\top}\,\mathrm{d}\mathbf{s}"


def test_index_letters_keep_their_own_where_free_and_take_the_next_free_one_where_not():
    from mcdocgen.engine.index_form import Idx
    from mcdocgen.present.index_letters import index_letters, page_letters
    assert page_letters([r"\mathbf{p}_{1}", "d_{k}", r"\alpha", r"\mathrm{d}X"]) == {"p", "d", "k", "X"}
    free = index_letters([Idx.I, Idx.J, Idx.K, Idx.L], frozenset({"X", "A"}))
    assert [free[r] for r in (Idx.I, Idx.J, Idx.K, Idx.L, Idx.A, Idx.B)] == ["i", "j", "k", "l", "a", "b"]
    # a vector a takes the summed a's letter; j is printed, so k's replacement is the next free one
    taken = index_letters([Idx.I, Idx.J, Idx.K, Idx.L], frozenset({"k", "a"}))
    assert [taken[r] for r in (Idx.I, Idx.J, Idx.K, Idx.L, Idx.A, Idx.B)] == ["i", "j", "m", "l", "n", "b"]


def test_an_outer_products_entry_is_the_product_of_two_entries_in_the_right_order():
    """(u v^T)_{ik} = u_i v_k, and of its transpose v_i u_k (the transposed factor of dX^T terms)."""
    from mcdocgen.engine.index_form import Factor, Idx
    from mcdocgen.present.latex import McLatexPrinter
    from mcdocgen.present.tensor import _factor
    u, v = E.var("u", E.shapes.from_spec(["n"])), E.var("v", E.shapes.from_spec(["n"]))
    p = McLatexPrinter({"u": r"\mathbf{u}", "v": r"\mathbf{v}"})
    sides = dict.fromkeys(Idx, True)
    letters = {i: i.value for i in Idx}
    outer = E.matmul(u, E.transpose(v))
    assert _factor(Factor(outer, Idx.I, Idx.K), p, sides, letters) == r"u_{i}\,v_{k}"
    assert _factor(Factor(E.transpose(outer), Idx.I, Idx.K), p, sides, letters) == r"v_{i}\,u_{k}"


def test_a_differential_stands_bare_as_a_term_of_a_sum_and_bracketed_in_a_product():
    """Review s37 B-3: dF = (dX) + (dY) bracketed both differentials; a sum needs no brackets around its terms, a
    product keeps them where a factor follows, (dX) Y + X dY as the identities write d(UV)."""
    mats = {"A": ["m", "n"], "B": ["m", "n"], "C": ["m", "n"], "t": []}
    p = make_problem("t * A + exp(t) * B + C", mats, ["t"], steps=["X = t * A", "Y = exp(t) * B + C", "F = X + Y"])
    d = derive(p, "t")
    view = tensor_view(p, d, _names(p, d))
    assert view is not None and view.steps[-1].value == r"\mathrm{d}X + \mathrm{d}Y", [s.value for s in view.steps]
    square = {"A": ["n", "n"], "B": ["n", "n"], "C": ["n", "n"], "D": ["n", "n"], "t": []}
    p = make_problem("(A + t * B) @ (C + t * D)", square, ["t"], steps=["X = A + t * B", "Y = C + t * D", "F = X @ Y"])
    d = derive(p, "t")
    view = tensor_view(p, d, _names(p, d))
    assert view is not None and view.steps[-1].value == r"(\mathrm{d}X) Y + X\,\mathrm{d}Y", view.steps[-1].value
