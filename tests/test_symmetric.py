"""Gradients by a symmetric matrix (engine.symmetric, checks.symmetric, present.symmetric).

The finite differences here are the test's own: numpy functions written out by hand, differenced
along symmetric directions, independent of mcdocgen's numeric check.
"""

from dataclasses import replace

import numpy as np
import pytest

from problem_factory import make_problem
from mcdocgen import language as E
from mcdocgen.checks.evaluate import evaluate
from mcdocgen.checks.results import CheckStatus
from mcdocgen.checks.sampling import sample_sizes
from mcdocgen.checks.symmetric import symmetric_directions
from mcdocgen.checks.verify import verify
from mcdocgen.engine.derive import derive
from mcdocgen.engine.symmetric import restrict, transposed
from mcdocgen.present import problem_view
from mcdocgen.language import Layout
from mcdocgen.publish.render import render_derivatives
from mcdocgen.publish.terminal import render_terminal

SQ = ["n", "n"]
SYM = {"X": ["symmetric"]}
SPD = {"X": ["symmetric", "positive_definite"]}

# expression, variables, assumptions, the same function in numpy (written here, not by mcdocgen)
CASES = [
    ("tr(A @ X)", {"A": SQ, "X": SQ}, SYM, lambda X, A: np.trace(A @ X)),
    ("tr(X @ X)", {"X": SQ}, SYM, lambda X: np.trace(X @ X)),
    ("tr(A @ X @ B @ X)", {"A": SQ, "B": SQ, "X": SQ}, SYM, lambda X, A, B: np.trace(A @ X @ B @ X)),
    ("log(det(X))", {"X": SQ}, SPD, lambda X: np.log(np.linalg.det(X))),
    ("norm(X - A)**2", {"A": SQ, "X": SQ}, SYM, lambda X, A: np.sum((X - A) ** 2)),
    ("sum(X)", {"X": SQ}, SYM, lambda X: np.sum(X)),
    ("a.T @ X @ b", {"a": ["n"], "b": ["n"], "X": SQ}, SYM, lambda X, a, b: (a.T @ X @ b).item()),
    ("tr(inv(X) @ A)", {"A": SQ, "X": SQ}, SPD, lambda X, A: np.trace(np.linalg.inv(X) @ A)),
    ("log(det(X)) + tr(S @ inv(X))", {"S": SQ, "X": SQ}, SPD,
     lambda X, S: np.log(np.linalg.det(X)) + np.trace(S @ np.linalg.inv(X))),
    ("tr(X @ A @ X.T)", {"A": SQ, "X": SQ}, SYM, lambda X, A: np.trace(X @ A @ X.T)),
    ("sum(A * X * X)", {"A": SQ, "X": SQ}, SYM, lambda X, A: np.sum(A * X * X)),
    ("det(X)", {"X": SQ}, SYM, lambda X: np.linalg.det(X)),
]


def _point(problem, rng):
    """Sizes and values: X symmetric (positive definite where asked), the rest unconstrained."""
    sizes = sample_sizes(problem, rng)
    n = next(iter(sizes.values()))
    env = {}
    for v in problem.variables:
        rows, cols = (n if str(d) == "n" else int(d) for d in (v.shape.rows, v.shape.cols))
        env[v.name] = rng.normal(size=(rows, cols))
    x = env["X"]
    env["X"] = x @ x.T + n * np.eye(n) if "positive_definite" in problem.variable("X").assume else (x + x.T) / 2
    return sizes, env, n


def _directional(f, env, e, h=1e-5):
    """Central difference of f along the symmetric direction e, computed with the test's own f."""
    args = {k: v for k, v in env.items() if k != "X"}
    return (f(env["X"] + h * e, **args) - f(env["X"] - h * e, **args)) / (2 * h)


@pytest.mark.parametrize("expression, variables, assume, f", CASES, ids=[c[0] for c in CASES])
def test_result_matches_differences_along_symmetric_directions(expression, variables, assume, f):
    p = make_problem(expression, variables, ["X"], assume=assume)
    d = derive(p, "X")
    assert d.ok, d.not_derived
    rng = np.random.default_rng(12)
    for _ in range(2):
        sizes, env, n = _point(p, rng)
        r = evaluate(d.result, env, sizes)
        other = evaluate(d.symmetric.entrywise, env, sizes)
        assert np.allclose(r, r.T, atol=1e-12)
        assert np.allclose(evaluate(d.numerator, env, sizes), r)
        scale = max(1.0, float(np.max(np.abs(r))))
        for i in range(n):
            for j in range(i, n):
                e = np.zeros((n, n))
                e[i, j] = e[j, i] = 1.0
                df = _directional(f, env, e)
                # moving X_ij and X_ji together: 2 R_ij off the diagonal, R_ii on it
                assert df == pytest.approx(np.sum(r * e), abs=1e-5 * scale)
                assert df == pytest.approx(other[i, j], abs=1e-5 * scale)
        e = rng.normal(size=(n, n))
        e = e + e.T
        assert _directional(f, env, e) == pytest.approx(np.sum(r * e), abs=1e-4 * scale)


@pytest.mark.parametrize("expression, variables, assume, f", CASES[:6], ids=[c[0] for c in CASES[:6]])
def test_every_check_passes_a_derived_symmetric_gradient(expression, variables, assume, f):
    p = make_problem(expression, variables, ["X"], assume=assume)
    v = verify(p, derive(p, "X"))
    for name, c in v.checks().items():
        assert c.status in (CheckStatus.PASSED, CheckStatus.NOT_APPLICABLE), (name, c.detail)
    assert v.numeric.passed and v.components.passed and v.steps.passed
    assert "symmetric perturbations" in v.numeric.detail
    assert "X_ij = X_ji" in v.components.detail


@pytest.mark.parametrize("expression, variables", [("tr(A @ X)", {"A": SQ, "X": SQ}),
                                                   ("tr(A @ X @ B @ X)", {"A": SQ, "B": SQ, "X": SQ})])
def test_the_unconstrained_gradient_fails_where_it_is_not_symmetric(expression, variables):
    p = make_problem(expression, variables, ["X"], assume=SYM)
    d = derive(p, "X")
    g = d.symmetric.unconstrained
    wrong = replace(d, result=g, numerator=E.transpose(g))
    v = verify(p, wrong)
    assert v.numeric.status is CheckStatus.FAILED and "not symmetric" in v.numeric.detail
    assert v.components.status is CheckStatus.FAILED
    assert v.steps.status is CheckStatus.FAILED
    assert not v.ok


def test_the_cookbook_convention_as_the_result_fails():
    # 2 inv(X) - inv(X) o I for log det X: symmetric, but twice too large off the diagonal
    p = make_problem("log(det(X))", {"X": SQ}, ["X"], assume=SPD)
    d = derive(p, "X")
    cookbook = d.symmetric.entrywise
    v = verify(p, replace(d, result=cookbook, numerator=cookbook))
    assert v.numeric.status is CheckStatus.FAILED
    assert v.components.status is CheckStatus.FAILED
    assert not v.ok


def test_a_wrong_other_convention_fails_the_checks():
    p = make_problem("tr(A @ X)", {"A": SQ, "X": SQ}, ["X"], assume=SYM)
    d = derive(p, "X")
    wrong = replace(d, symmetric=replace(d.symmetric, entrywise=d.symmetric.result))
    v = verify(p, wrong)
    assert v.numeric.status is CheckStatus.FAILED
    assert v.components.status is CheckStatus.FAILED
    assert v.steps.status is CheckStatus.FAILED


def test_a_wrong_expected_fails_and_the_right_one_passes():
    right = make_problem("tr(A @ X)", {"A": SQ, "X": SQ}, ["X"], assume=SYM, expected={"X": "(A + A.T) / 2"})
    assert verify(right, derive(right, "X")).expected.passed
    wrong = make_problem("tr(A @ X)", {"A": SQ, "X": SQ}, ["X"], assume=SYM, expected={"X": "A.T"})
    assert verify(wrong, derive(wrong, "X")).expected.status is CheckStatus.FAILED


@pytest.mark.parametrize("expression, variables, assume, want, g", [
    ("log(det(X))", {"X": SQ}, SPD, "inv(X)", "inv(X).T"),
    ("x.T @ X @ x", {"x": ["n"], "X": SQ}, SYM, "x @ x.T", "x @ x.T"),
    ("tr(X @ X)", {"X": SQ}, SYM, "2 * X", "2 * X.T"),
])
def test_sym_of_a_symmetric_gradient_is_itself(expression, variables, assume, want, g):
    d = derive(make_problem(expression, variables, ["X"], assume=assume), "X")
    assert d.symmetric.already
    assert E.to_text(d.result) == want and d.result == d.numerator
    # G is the gradient of X unconstrained (X^-T, 2 X^T): symmetric already as X is, written R at that step
    assert E.to_text(d.symmetric.unconstrained) == g


def test_a_non_symmetric_gradient_is_written_as_its_symmetric_part():
    d = derive(make_problem("tr(A @ X)", {"A": SQ, "X": SQ}, ["X"], assume=SYM), "X")
    assert not d.symmetric.already
    assert E.to_text(d.symmetric.unconstrained) == "A.T"
    assert {n.name for n in E.walk(d.result) if isinstance(n, E.Var)} == {"A"}
    assert any(isinstance(n, E.Transpose) for n in E.walk(d.result))


def test_transposed_goes_into_sums_and_products():
    n = E.shapes.square(E.shapes.dim("n"))
    a, b = E.var("A", n), E.var("B", n)
    x = E.var("X", n, symmetric=True)
    node = E.add(E.matmul(a, E.matmul(x, b)), E.mul(E.num(2), a))
    assert E.to_text(transposed(node)) == "B.T @ X.T @ A.T + 2 * A.T"


def test_restrict_gives_both_conventions():
    n = E.shapes.square(E.shapes.dim("n"))
    g = E.var("A", n)
    s = restrict(g)
    assert not s.already and s.unconstrained == g
    sizes = {E.shapes.size_symbol("n"): 3}
    a = np.arange(9.0).reshape(3, 3)
    assert np.allclose(evaluate(s.result, {"A": a}, sizes), (a + a.T) / 2)
    assert np.allclose(evaluate(s.entrywise, {"A": a}, sizes), a + a.T - a * np.eye(3))


def test_a_vector_function_of_a_symmetric_matrix_is_not_derived_with_the_reason():
    d = derive(make_problem("X @ x", {"x": ["n"], "X": SQ}, ["X"], assume=SYM), "X")
    assert not d.ok
    assert "symmetric" in d.not_derived.reason


def test_a_symmetric_vector_like_variable_is_unaffected():
    d = derive(make_problem("x.T @ A @ x", {"x": ["n"], "A": SQ}, ["x"], assume={"A": ["symmetric"]}), "x")
    assert d.ok and d.symmetric is None


def test_symmetric_directions_span_the_symmetric_matrices():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(4, 4))
    vectors, reach = symmetric_directions(x + x.T, rng, 400, 3)
    assert vectors.shape == (10, 16) and reach.shape == (10,)
    assert np.allclose(vectors @ vectors.T, np.eye(10))
    mats = vectors.reshape(-1, 4, 4)
    assert np.allclose(mats, np.transpose(mats, (0, 2, 1)))
    big = np.eye(25)
    vectors, _ = symmetric_directions(big, rng, 400, 3)
    mats = vectors.reshape(-1, 25, 25)
    assert np.allclose(mats, np.transpose(mats, (0, 2, 1)))
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0)


def test_the_page_states_both_conventions_and_the_last_step():
    p = make_problem("tr(A @ X)", {"A": SQ, "X": SQ}, ["X"], assume=SYM)
    d = derive(p, "X")
    view = problem_view(p, [d], [verify(p, d)])
    s = view.results[0].symmetric
    assert s is not None and not s.already
    assert s.unconstrained == r"A^{\top}"
    assert all(r"\operatorname{sym}" in lay.restriction for lay in view.results[0].layouts)
    page = render_derivatives(view)
    assert "gradient on the space of symmetric matrices" in page
    assert "G + G^{\\top} - G \\circ I" in page
    assert "Matrix Cookbook" in page and s.entrywise in page


def test_an_entry_of_a_variable_named_with_a_digit_is_not_a_double_subscript():
    """S1 prints S_{1}: its entries are (S_{1})_{ij}, as KaTeX refuses S_{1}_{ij} (it stopped a site build)."""
    p = make_problem("logdet(S1)", {"S1": SQ}, ["S1"], assume={"S1": ["symmetric"]})
    d = derive(p, "S1")
    page = render_derivatives(problem_view(p, [d], [verify(p, d)]))
    assert "(S_{1})_{ij}" in page and "(S_{1})_{ji}" in page
    assert "}_{ij}" not in page.replace("(S_{1})_{ij}", "")

def test_no_symmetric_block_for_other_variables():
    p = make_problem("tr(A @ X)", {"A": SQ, "X": SQ}, ["X"])
    d = derive(p, "X")
    view = problem_view(p, [d], [verify(p, d)])
    assert view.results[0].symmetric is None
    assert all(lay.restriction == "" for lay in view.results[0].layouts)


def test_a_subgradient_set_by_a_symmetric_matrix_is_restricted_and_checked_symmetrically():
    p = make_problem("sum(abs(X @ x))", {"x": ["n"], "X": SQ}, ["X"], assume=SYM)
    d = derive(p, "X")
    (kink,) = d.kinks
    sizes = {E.shapes.size_symbol("n"): 3}
    rng = np.random.default_rng(3)
    env = {"x": rng.normal(size=(3, 1)), kink.slope: rng.uniform(-1, 1, size=(3, 1))}
    value = evaluate(kink.subgradient, env, sizes)
    assert np.allclose(value, value.T)
    assert verify(p, d).subgradient.passed
    unrestricted = derive(make_problem("sum(abs(X @ x))", {"x": ["n"], "X": SQ}, ["X"]), "X").kinks[0]
    wrong = replace(d, kinks=(replace(kink, subgradient=unrestricted.subgradient),))
    assert verify(p, wrong).subgradient.status is CheckStatus.FAILED


def test_show_prints_the_unconstrained_gradient_and_the_other_convention():
    p = make_problem("tr(A @ X)", {"A": SQ, "X": SQ}, ["X"], assume=SYM)
    d = derive(p, "X")
    text = render_terminal(problem_view(p, [d], [verify(p, d)]), Layout.DENOMINATOR)
    assert "G (X unconstrained, denominator layout):  A.T" in text
    assert "other convention, by the entries i <= j:" in text


def test_the_restriction_row_broken_for_a_phone_breaks_at_its_equals_signs_and_puts_the_note_on_a_row():
    # ml-kl-gaussians read "= 1/2 / . (T^-1 - S^-1) / . (symmetric already)": the side cut as a product
    p = make_problem("(tr(inv(T) @ S) + logdet(T) - logdet(S)) / 2", {"S": SQ, "T": SQ}, ["S"],
                     assume={"S": ["symmetric", "positive_definite"], "T": ["symmetric", "positive_definite"]})
    d = derive(p, "S")
    view = problem_view(p, [d], [verify(p, d)])
    # the denominator layout's G = 1/2 (T^-T - S^-T), printed 1/2 (T^-1 - S^-1)^T, is its own row before the
    # result, the note saying why they are equal (review s36 C-9: G written term by term)
    notes = {r"&\quad \text{(symmetric already)}", r"&\quad \text{(since } S, T \text{ are symmetric)}"}
    for lay in view.results[0].layouts:
        rows = lay.displays.restriction
        assert len(rows) in (3, 4), rows
        assert rows[0].endswith(r"\right)") and r"\operatorname{sym}" in rows[0]
        assert all(row.startswith("&= ") for row in rows[1:-1]) and rows[-1] in notes
        assert not any(r"\cdot" in row for row in rows)
        assert rows[-2] == r"&= \frac{1}{2}\,\left(T^{-1} - S^{-1}\right)"


@pytest.mark.parametrize("factor, half", [("1/2", r"\tfrac{1}{4}\left(A^{\top} + A\right)"),
                                          ("3", r"\tfrac{3}{2}\left(A^{\top} + A\right)"), ("2", r"A^{\top} + A"),
                                          ("-1", r"-\tfrac{1}{2}\left(A^{\top} + A\right)")])
def test_a_number_times_the_gradient_multiplies_out_of_the_restriction(factor, half):
    # ml-gaussian-log-likelihood read sym(G) = 1/2 (1/2 (H) + 1/2 (H^T)): a factor nested in a factor
    p = make_problem(f"{factor} * tr(A @ X)", {"A": SQ, "X": SQ}, ["X"], assume=SYM)
    d = derive(p, "X")
    step = problem_view(p, [d], [verify(p, d)]).results[0].symmetric.step
    assert step.split(" = ")[1] == half, step


GAUSSIAN = "-N / 2 * logdet(S) - tr(inv(S) @ (X - outer(ones(N), mu)).T @ (X - outer(ones(N), mu))) / 2"


def test_the_section_and_its_checks_write_the_page_s_own_names_and_free_letters():
    """A student review of ml-gaussian-log-likelihood: the section said f where the function is L, the checks X_ij
    where the variable is S and D where the page's D is X - 1 mu^T; its sym(.) row wrote D^T beside (X^T - mu 1^T),
    G being symmetric already (up to a transpose taken into a sum); Copy LaTeX left out the "where D = ..."."""
    p = make_problem(GAUSSIAN, {"X": ["N", "d"], "mu": ["d"], "S": ["d", "d"]}, ["S"],
                     steps=["D = X - outer(ones(N), mu)", "C = D.T @ D", "L = -N / 2 * logdet(S) - tr(inv(S) @ C) / 2"],
                     assume={"S": ["symmetric", "positive_definite"]})
    d = derive(p, "S")
    v = verify(p, d)
    assert d.symmetric.already and v.ok
    assert "S_ij = S_ji" in v.components.detail and "X_ij" not in v.components.detail
    assert "symmetric perturbations E only" in v.numeric.detail and "other convention B as" in v.numeric.detail
    view = problem_view(p, [d], [v], plots=False)
    page = render_derivatives(view)
    section = page[page.index("### The gradient by a symmetric matrix"):page.index("How this was checked")]
    assert "the change of $L$" in section and r"L(S + E) \approx L(S)" in section
    assert r"\left[\frac{\partial L}{\partial S_{ij}}\right]_{i \le j}" in section
    assert "$f$" not in section and r"\partial f" not in section and r"2S^{-1} - S^{-1} \circ I" in section
    assert r"X^{\top} - " not in section and r"\text{(symmetric already)}" in section
    # the other convention in the page's names, as the result: D, not (X - 1 mu^T) over four lines (review item 16)
    assert r"\left(X - \mathbf{1} \boldsymbol{\mu}^{\top}\right)" not in section
    # with the steps' C = D^T D it holds, all or none (setupnames): S^{-1} C S^{-1}, never S^{-1} D^T D S^{-1} beside D
    assert r"D &= X - \mathbf{1} \boldsymbol{\mu}^{\top} \\" in section and r"C &= D^{\top} D" in section
    assert r"D^{\top} D S^{-1}" not in section.replace(r"C &= D^{\top} D", "") and r"S^{-1} C S^{-1}" in section
    # a likelihood is maximised: the step is worded for either direction (review item 16)
    assert r"a step $S \pm \eta\, \frac{\partial L}{\partial S}$ (minus to minimise $L$, plus to maximise it)" in section
    for lay in view.results[0].layouts:
        assert lay.restriction_copy.startswith(r"\operatorname{sym}") and lay.restriction_copy.endswith(
            r", \quad \text{where } D = X - \mathbf{1} \boldsymbol{\mu}^{\top}, C = D^{\top} D")
    assert "%5Ctext%7Bwhere%20%7D%20D" in page     # the Copy LaTeX button's text (macros.result_tex)


def test_a_perturbation_letter_the_page_uses_is_not_taken_for_the_perturbation():
    p = make_problem("tr(A @ X)", {"A": SQ, "X": SQ}, ["X"], steps=["E = A @ X", "f = tr(E)"], assume=SYM)
    d = derive(p, "X")
    v = verify(p, d)
    section = render_derivatives(problem_view(p, [d], [v], plots=False)).split("### The gradient by a symmetric")[1]
    assert r"perturbations $V = V^{\top}$" in section and "$E$" not in section
    assert "perturbations V only (V_ij = V_ji)" in v.numeric.detail and "other convention D as" in v.numeric.detail
