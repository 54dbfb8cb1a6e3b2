"""The derivation engine: closed forms, both layouts, problems beyond the catalog, honest gaps."""

import pytest

from corpus import BEYOND_CATALOG, TENSORS
from problem_factory import make_problem
from mcdocgen.engine.derive import LocalKind, derive
from mcdocgen.engine.rules import RuleId
from mcdocgen import language as E
from mcdocgen.language import to_text
from mcdocgen.checks.results import CheckStatus
from mcdocgen.checks.verify import verify
from mcdocgen.engine.simplify import simplify


def derived(expression, variables, wrt, steps=(), assume=None):
    return derive(make_problem(expression, variables, [wrt], list(steps), assume=assume), wrt)


@pytest.mark.parametrize("expression, variables, wrt, denominator, numerator", [
    ("norm(X @ w - y)**2", {"X": ["m", "n"], "w": ["n"], "y": ["m"]}, "w",
     "2 * (X.T @ (X @ w - y))", "2 * ((X @ w - y).T @ X)"),
    ("x.T @ A @ x", {"x": ["n"], "A": ["n", "n"]}, "x", "(A + A.T) @ x", "x.T @ (A + A.T)"),
    ("det(X)", {"X": ["n", "n"]}, "X", "det(X) * inv(X).T", "det(X) * inv(X)"),
    ("log(det(X))", {"X": ["n", "n"]}, "X", "inv(X).T", "inv(X)"),
    ("W @ x", {"W": ["m", "n"], "x": ["n"]}, "x", "W.T", "W"),
    ("x.T @ W", {"x": ["m"], "W": ["m", "n"]}, "x", "W", "W.T"),
    ("w * x", {"w": ["n"], "x": ["n"]}, "w", "diag(x)", "diag(x)"),
    ("sum(x * z)", {"x": ["n"], "z": []}, "z", "sum(x)", "sum(x)"),
    ("x + z", {"x": ["n"], "z": []}, "z", "ones(n).T", "ones(n)"),
    ("x + x**2", {"x": []}, "x", "2 * x + 1", "2 * x + 1"),
    ("tr(A @ X)", {"A": ["n", "m"], "X": ["m", "n"]}, "X", "A.T", "A"),
    ("abs(x)", {"x": []}, "x", "sign(x)", "sign(x)"),
    ("sum(X * X) / 2", {"X": ["m", "n"]}, "X", "X", "X.T"),
    ("sum(log(1 + exp(-y * (X @ w))))", {"X": ["m", "n"], "w": ["n"], "y": ["m"]}, "w",
     "-(X.T @ (y * (1 - sigmoid(X @ w * y))))", "-((y * (1 - sigmoid(X @ w * y))).T @ X)"),
])
def test_closed_forms_in_both_layouts(expression, variables, wrt, denominator, numerator):
    d = derived(expression, variables, wrt)
    assert to_text(d.result) == denominator
    assert to_text(d.numerator) == numerator


def test_symmetric_matrix_gives_the_textbook_two_a_x():
    d = derived("x.T @ A @ x", {"x": ["n"], "A": ["n", "n"]}, "x", assume={"A": ["symmetric"]})
    assert to_text(d.result) == "2 * (A @ x)"


def test_catalog_steps_become_the_intermediates_and_the_chain():
    d = derived("norm(X @ w - y)**2", {"X": ["m", "n"], "w": ["n"], "y": ["m"]}, "w",
                steps=["a = X @ w", "b = a - y", "z = norm(b)**2"])
    assert [i.name for i in d.intermediates] == ["a", "b", "z"]
    assert len(d.paths) == 1
    assert [(local.of, local.wrt) for local in d.paths[0]] == [("z", "b"), ("b", "a"), ("a", "w")]
    assert [str(local.rule) for local in d.paths[0]] == ["squared-norm", "sum-rule", "linear-map"]
    assert to_text(d.product) == "2 * (X.T @ b)"


def test_matrix_chain_uses_the_matrix_form_a_times_gradient_transposed():
    d = derived("sum(exp(W.T @ a))", {"W": ["m", "n"], "a": ["m"]}, "W", steps=["f = W.T @ a", "g = sum(exp(f))"])
    through_f = next(local for local in d.locals if local.of == "f")
    assert through_f.kind is LocalKind.MATRIX_FORM
    assert to_text(through_f.backward) == "a @ dg_df.T"
    assert to_text(d.result) == "a @ exp(W.T @ a).T"


@pytest.mark.parametrize(("expression", "variables", "steps"), [
    ("log(sin(x**3)**2)", {"x": []}, ["u = x**3", "v = sin(u)", "s = v**2", "y = log(s)"]),
    ("sum(v**2)", {"v": ["n"]}, ["u = v**2", "y = sum(u)"]),
    ("dot(x, w)**2", {"x": ["n"], "w": ["n"]}, []),
])
def test_both_layouts_show_each_local_derivative_simplified_alike(expression, variables, steps):
    """The numerator tab shows the simplified Jacobian, as the denominator tab shows its transpose:
    never 3 x^(3 - 1) beside 3 x^2. The steps check then evaluates exactly these values."""
    wrt = next(iter(variables))
    problem = make_problem(expression, variables, [wrt], steps)
    d = derive(problem, wrt)
    for local in d.locals:
        assert local.kind is LocalKind.JACOBIAN
        assert local.numerator == simplify(E.transpose(local.denominator)), (local.of, local.wrt)
        assert local.numerator == simplify(local.numerator)
        powers = [n for n in E.walk(local.numerator) if isinstance(n, E.Pow)]
        assert all(isinstance(n.exp, E.Num) for n in powers), to_text(local.numerator)
    assert verify(problem, d).steps.status is CheckStatus.PASSED


def test_the_functions_own_step_has_no_d_f_by_d_f_factor():
    """d f / d f = 1 is not shown: the function's own matrix-form step is the derivative itself,
    while a step further down still says what it multiplies (d f / d u)."""
    own = derived("det(X)", {"X": ["n", "n"]}, "X", assume={"X": ["invertible"]})
    (local,) = own.locals
    assert local.kind is LocalKind.MATRIX_FORM
    for shown in (local.numerator, local.denominator):
        assert not any(isinstance(n, E.Grad) for n in E.walk(shown)), to_text(shown)
    further = derived("log(det(X))", {"X": ["n", "n"]}, "X", assume={"X": ["invertible"]})
    through_det = next(local for local in further.locals if local.wrt == "X")
    assert any(isinstance(n, E.Grad) for n in E.walk(through_det.denominator))


def test_total_derivative_sums_two_paths():
    d = derived("x + x**2", {"x": []}, "x")
    assert len(d.paths) == 2


@pytest.mark.parametrize("case", BEYOND_CATALOG, ids=[c[0] for c in BEYOND_CATALOG])
def test_problems_beyond_the_catalog_are_derived_and_verified(case):
    expression, variables, wrts, steps, assume = case
    problem = make_problem(expression, variables, wrts, steps, assume=assume)
    for wrt in wrts:
        d = derive(problem, wrt)
        assert d.ok, d.not_derived
        v = verify(problem, d, seed=7)
        for name, check in v.checks().items():
            assert check.status is not CheckStatus.FAILED, f"{expression} d/d{wrt}: {name}: {check.detail}"
        assert v.numeric.passed and v.components.passed and v.steps.passed


@pytest.mark.parametrize("expression, variables, wrt", TENSORS)
def test_vector_and_matrix_by_matrix_are_derived_in_vec_form(expression, variables, wrt):
    problem = make_problem(expression, variables, [wrt])
    d = derive(problem, wrt)
    assert d.ok, d.not_derived
    assert d.form is E.Form.VEC
    v = verify(problem, d)
    assert v.numeric.passed and v.components.passed and v.steps.passed, v


def test_a_matrix_by_a_scalar_is_the_matrix_of_entry_derivatives():
    d = derived("X * s", {"X": ["m", "n"], "s": []}, "s")
    assert d.ok, d.not_derived
    assert E.to_text(d.numerator) == "X"
    assert E.to_text(d.result) == "X.T"


def test_a_row_result_is_the_numerator_forms_transpose_where_that_is_shorter():
    """softmax(t z) by t: the row z^T (diag(s) - s s^T) simplifies less far than its column s o (z - <s, z>)."""
    d = derived("softmax(t * z)", {"t": [], "z": ["n"]}, "t")
    assert E.to_text(d.numerator) == "softmax(t * z) * (z - softmax(t * z).T @ z)"
    assert E.to_text(d.result) == "(softmax(t * z) * (z - softmax(t * z).T @ z)).T"
    v = verify(make_problem("softmax(t * z)", {"t": [], "z": ["n"]}, ["t"]), d, seed=7)
    assert v.numeric.passed and v.components.passed and v.steps.passed


def test_a_missing_vec_form_rule_is_named_not_guessed():
    d = derived("kron(X, X) * s", {"X": ["m", "n"], "s": []}, "X")
    assert d.ok, d.not_derived  # kron has a vec-form Jacobian
    d = derived("sum(kron(X, X))", {"X": ["m", "n"]}, "X")   # a scalar through kron: J^T vec(G), unstacked
    assert d.ok, d.not_derived
    # X[0, 1] sits at entry m of vec(X), not a number: its Jacobian is vec(E_12).T
    p = make_problem("X[0, 1] * A", {"X": ["m", "n"], "A": ["p", "q"]}, ["X"])
    d = derive(p, "X")
    assert d.ok, d.not_derived
    v = verify(p, d)
    assert v.numeric.passed and v.components.passed and v.steps.passed


def test_results_are_deterministic():
    a = derived("sum(tanh(W2 @ tanh(W1 @ x)))", {"W1": ["h", "n"], "W2": ["k", "h"], "x": ["n"]}, "W1")
    b = derived("sum(tanh(W2 @ tanh(W1 @ x)))", {"W1": ["h", "n"], "W2": ["k", "h"], "x": ["n"]}, "W1")
    assert a == b


def test_kinks_at_one_place_are_merged_and_state_no_single_interval():
    # relu(c) + relu(-c) = |c| (relu(c) - relu(-c) = c has no kink at all: tests/test_kinks.py)
    p = make_problem("relu(c) + relu(-c)", {"c": []}, ["c"])
    d = derive(p, "c")
    assert len(d.kinks) == 1 and d.kinks[0].shared


def test_inverse_pairs_cancel():
    d = derived("log(det(inv(X)))", {"X": ["n", "n"]}, "X")
    assert to_text(d.result) == "-inv(X).T"


def test_a_vec_form_too_large_to_hold_is_refused_with_the_limit():
    d = derived("inv(X)", {"X": [60, 60]}, "X")
    assert not d.ok and "MAX_VEC_ENTRIES" in d.not_derived.reason and "12960000 entries" in d.not_derived.reason
    assert derived("inv(X)", {"X": [4, 4]}, "X").ok


def test_a_scalar_function_through_vec_is_unstacked_back_to_the_matrix():
    d = derived("dot(vec(X), vec(Y))", {"X": ["m", "n"], "Y": ["m", "n"]}, "X")
    assert d.ok and E.to_text(d.result) == "Y"
    d = derived("vec(X).T @ A @ vec(X)", {"X": [2, 3], "A": [6, 6]}, "X")
    assert d.ok and d.result.shape == d.wrt_shape   # the gradient has X's shape, unstacked from a column


@pytest.mark.parametrize("expression, variables, wrt, denominator, numerator", [
    ("a**2", {"a": [], "x": ["n"]}, "x", "zeros(n)", "zeros(n).T"),
    ("a**2", {"a": [], "t": []}, "t", "0", "0"),
    ("tr(A)", {"A": ["n", "n"], "X": ["n", "m"]}, "X", "zeros(n, m)", "zeros(m, n)"),
    ("A @ b", {"A": ["n", "n"], "b": ["n"], "t": []}, "t", "zeros(n).T", "zeros(n)"),
    ("A", {"A": ["n", "m"], "t": []}, "t", "zeros(m, n)", "zeros(n, m)"),
])
def test_a_variable_the_function_does_not_use_gets_the_constant_rule(expression, variables, wrt, denominator,
                                                                       numerator):
    p = make_problem(expression, variables, [wrt])
    d = derive(p, wrt)
    assert d.ok, d.not_derived
    assert [loc.rules for loc in d.locals] == [(RuleId.CONSTANT,)]
    assert to_text(d.result) == denominator and to_text(d.numerator) == numerator
    v = verify(p, d)
    assert v.ok and "trivially" in v.steps.detail


def test_the_constant_rule_by_a_symmetric_matrix_is_zero_in_both_conventions():
    p = make_problem("tr(A)", {"A": ["n", "n"], "X": ["n", "n"]}, ["X"], assume={"X": ["symmetric"]})
    d = derive(p, "X")
    assert to_text(d.result) == "zeros(n, n)" and to_text(d.symmetric.entrywise) == "zeros(n, n)"
    assert verify(p, d).ok



def test_a_sum_of_scalar_terms_is_one_step_by_the_sum_rule():
    # the KL divergence's (tr(T^-1 S) + q - d + logdet(T) - logdet(S)) / 2, which the parser nests as
    # (((a + b) - c) + d) - e: one sum of five terms (df/dterm = 1 for each), not four additions whose
    # steps pass the derivative on unchanged (df/du_6 = df/du_7 = ...)
    p = make_problem("(tr(inv(T) @ S) + dot(m, inv(T) @ m) - c + logdet(T) - logdet(S)) / 2",
                     {"S": ["d", "d"], "T": ["d", "d"], "m": ["d"], "c": []}, ["S"],
                     assume={"S": ["symmetric", "positive_definite"], "T": ["symmetric", "positive_definite"]})
    d = derive(p, "S")
    (total,) = [i for i in d.intermediates if isinstance(i.definition, E.Add)]
    assert len(total.definition.terms) == 5
    assert [loc.rule for loc in d.locals].count(RuleId.SUM_RULE) == 2   # the two terms that depend on S
    v = verify(p, d)
    assert v.steps.status is CheckStatus.PASSED and v.numeric.status is CheckStatus.PASSED, v


@pytest.mark.parametrize(("expression", "variables", "wrt"), [
    ("-y.T @ inv(K + s * eye(n)) @ y / 2 - logdet(K + s * eye(n)) / 2", {"K": ["n", "n"], "y": ["n"], "s": []}, "s"),
    ("exp(x) - x * w", {"x": ["n"], "w": ["n"]}, "x"),      # vectors: d(u - v)/dv = -I
    ("x - sum(x)", {"x": ["n"]}, "x"),                      # a subtracted scalar, expanded: -1 1^T
])
def test_a_subtracted_term_stays_subtracted_in_its_sum(expression, variables, wrt):
    # the GP marginal likelihood read u_8 = -u_7, L = u_5 + u_8: a book writes L = u_5 - u_7, one step
    p = make_problem(expression, variables, [wrt])
    d = derive(p, wrt)
    assert not any(isinstance(i.definition, E.Neg) for i in d.intermediates), [i.definition for i in d.intermediates]
    total = d.intermediates[-1].definition      # the function: u - v
    assert isinstance(total, E.Add) and isinstance(total.terms[-1], E.Neg) and isinstance(total.terms[-1].arg, E.Var)
    v = verify(p, d)
    assert v.ok and v.steps.status is CheckStatus.PASSED and v.numeric.status is CheckStatus.PASSED, v


def test_the_product_spells_an_intermediate_one_way_and_collects_its_terms():
    # tr(X X X X) (no catalog problem): the product was (X (u_1 + 2 X X) + u_2)^T for u_1 = X X, u_2 = u_1 X;
    # written with one spelling of each name its equal terms are collected: 4 u_2^T
    problem = make_problem("tr(X @ X @ X @ X)", {"X": ["n", "n"]}, ["X"])
    d = derive(problem, "X")
    assert d.ok and d.product is not None
    shown = E.to_text(d.product)
    assert "X.T @ X.T" not in shown and "X @ X" not in shown and shown.startswith("4 *"), shown
    assert E.to_text(d.result) == "4 * (X @ X @ X).T"
    assert verify(problem, d).ok


def test_the_product_names_no_intermediate_by_a_symmetry_the_page_has_not_used_yet():
    # u_1 = x^T S for a symmetric S (no catalog problem): the product is u_1^T + S x, not 2 u_1^T, which
    # would use S^T = S before the step that says so (and put back as 2 (x^T S)^T, not the row shown)
    problem = make_problem("x.T @ S @ x + sum(exp(x))", {"x": ["n"], "S": ["n", "n"]}, ["x"], assume={"S": ["symmetric"]})
    d = derive(problem, "x")
    assert d.ok and d.product is not None and not E.to_text(d.product).startswith("2 *"), E.to_text(d.product)
    assert verify(problem, d).ok


def test_a_square_s_local_derivative_reads_x_g_plus_g_x_in_numerator_layout():
    """The numerator tab's local derivative of tr(X X) through X X is X G + G X, its chain row too; not
    (G^T X^T + X^T G^T)^T, a whole transposed sum no textbook prints (review s35 item 12)."""
    problem = make_problem("tr(X @ X @ B)", {"X": ["n", "n"], "B": ["n", "n"]}, ["X"], [])
    d = derive(problem, "X")
    shown = [to_text(x) for local in d.locals for x in (local.numerator,)] + \
        [to_text(t) for acc in d.accumulations for t in acc.numerator]
    assert any(t.startswith("X @ ") and " + " in t for t in shown), shown
    assert not any(t.endswith(").T") and t.startswith("(") for t in shown), shown
    assert verify(problem, d).steps.status is CheckStatus.PASSED


def test_the_denominator_result_is_written_as_the_cookbook_writes_it():
    """tr(A X B X) by X: A^T X^T B^T + B^T X^T A^T (Cookbook eq. 116), not (A X B + B X A)^T; a matrix by a
    scalar, whose denominator layout transposes its shape, is written term by term as its steps are, in the
    problem's order: exp(t) B^T + A^T, not (exp(t) B + A)^T (review s37 B-3)."""
    d = derived("tr(A @ X @ B @ X)", {"A": ["n", "n"], "B": ["n", "n"], "X": ["n", "n"]}, "X")
    assert E.flat_text(d.result) == "B.T @ X.T @ A.T + A.T @ X.T @ B.T"
    d = derived("exp(t) * B + t * A", {"t": [], "A": ["m", "n"], "B": ["m", "n"]}, "t")
    assert E.flat_text(d.result) == "exp(t) * B.T + A.T"


def test_a_transposed_sum_with_an_inverse_of_a_letter_is_written_term_by_term():
    """tr(S X) - log det X by X: S^T - X^-T (Cookbook eqs. 57, 100), not (S - X^-1)^T; det(X) + tr(A X):
    A^T + det(X) X^-T (review s36 C-9)."""
    d = derived("tr(S @ X) - logdet(X)", {"S": ["n", "n"], "X": ["n", "n"]}, "X")
    assert E.flat_text(d.result) == "S.T - inv(X).T"
    d = derived("det(X) + tr(A @ X)", {"A": ["n", "n"], "X": ["n", "n"]}, "X")
    assert E.flat_text(d.result) == "A.T + det(X) * inv(X).T"


def test_a_matrix_by_scalar_denominator_result_keeps_a_transposed_sum_of_products_whole():
    """Review s38: written term by term, (B (C + t D) + (A + t B) D)^T turned each product round, (C + t D)^T B^T +
    D^T (A + t B)^T, four marks for one; a sum of letters is written term by term, A^T + exp(t) B^T."""
    shapes = {"A": ["n", "n"], "B": ["n", "n"], "C": ["n", "n"], "D": ["n", "n"], "t": []}
    d = derived("(A + t * B) @ (C + t * D)", shapes, "t")
    assert E.flat_text(d.result) == "(B @ (C + t * D) + (A + t * B) @ D).T"
    d = derived("A + t * B + t**2 * C", shapes, "t")
    assert E.flat_text(d.result) == "B.T + 2 * t * C.T"


def test_derive_leaves_the_forms_only_a_page_reads_unmade_and_reading_makes_each_once():
    """The steps as each layout shows them and the product put back are made when first read (engine.deferred),
    and a reader gets what ``derive`` would have made (the steps check reads the same trees)."""
    d = derived("sum(W * (X @ B)) + norm(X @ b)**2", {"W": ["m", "p"], "X": ["m", "n"], "B": ["n", "p"], "b": ["n"]}, "X")
    v = derived("exp(A @ x) + x", {"A": ["n", "n"], "x": ["n"]}, "x")
    assert d.ok and d.locals and d.accumulations and v.ok and v.unsimplified is not None
    held = [loc.shown for loc in (*d.locals, *v.locals)] + [a.shown for a in (*d.accumulations, *v.accumulations)]
    assert not any(h.is_made for h in [*held, v.unsimplified])
    first = [h.value for h in held] + [v.put_back]
    assert all(h.is_made for h in held) and [h.value for h in held] + [v.put_back] == first
    assert all(x is y for x, y in zip([h.value for h in held], first, strict=False))   # the memo, not made again
    assert verify(make_problem("exp(A @ x) + x", {"A": ["n", "n"], "x": ["n"]}, ["x"]), v).steps.status is CheckStatus.PASSED
