"""Hessians (engine.hessian): derived as the Jacobian of the gradient, compared with second
differences this test computes itself with numpy (not with mcdocgen's checks), and verified."""

from __future__ import annotations

import numpy as np
import pytest

from mcdocgen import language as E
from mcdocgen.checks.evaluate import evaluate
from mcdocgen.checks.results import CheckStatus
from mcdocgen.checks.verify import verify
from mcdocgen.engine.derive import derive, not_derived
from mcdocgen.engine.hessian import HESSIAN_ORDER, ROUTE, derive_hessian
from mcdocgen.language.shapes import Form, size_symbol
from problem_factory import make_problem

# Hessians not in the catalog: (expression, variables, wrt)
CASES = [
    ("norm(x)", {"x": ["n"]}, "x"),
    ("norm(A @ x - b)", {"A": ["m", "n"], "x": ["n"], "b": ["m"]}, "x"),
    ("log(sum(exp(x)))", {"x": ["n"]}, "x"),
    ("x.T @ A @ x / (x.T @ x)", {"x": ["n"], "A": ["n", "n"]}, "x"),
    ("sum((W2 @ tanh(W1 @ x) - y)**2)", {"W1": ["h", "n"], "W2": ["m", "h"], "x": ["n"], "y": ["m"]}, "x"),
    ("sum(x**3)", {"x": ["n"]}, "x"),
    ("(a.T @ x)**3", {"a": ["n"], "x": ["n"]}, "x"),
    ("exp(a.T @ x)", {"a": ["n"], "x": ["n"]}, "x"),
    ("sum(log(1 + exp(X @ w)) - y * (X @ w))", {"X": ["m", "n"], "w": ["n"], "y": ["m"]}, "w"),
    ("sum(sin(x) * cos(x))", {"x": ["n"]}, "x"),
    ("(x.T @ x)**2", {"x": ["n"]}, "x"),
    ("sin(t)**3 + exp(2 * t)", {"t": []}, "t"),
    ("x.T @ A @ x + b.T @ x", {"x": ["n"], "A": ["n", "n"], "b": ["n"]}, "x"),
]
# Hessians by a matrix: mn x mn in vec form (column-major)
MATRIX_CASES = [
    ("tr(X.T @ A @ X)", {"X": ["m", "n"], "A": ["m", "m"]}, "X"),
    ("sum(X**3)", {"X": ["m", "n"]}, "X"),
    ("norm(X @ w - y)**2", {"X": ["m", "n"], "w": ["n"], "y": ["m"]}, "X"),
    ("sum(exp(X @ v))", {"X": ["m", "n"], "v": ["n"]}, "X"),
]


def _point(problem, rng):
    sizes = {size_symbol(s): int(rng.integers(2, 5)) for s in problem.sizes}
    env = {}
    for v in problem.variables:
        r, c = int(v.shape.rows.subs(sizes)), int(v.shape.cols.subs(sizes))
        env[v.name] = rng.normal(size=(r, c))
    return sizes, env


def _second_differences(problem, wrt, env, sizes, h=1e-4):
    """The Hessian of f by mixed central differences, entries of x in column-major order."""
    x = env[wrt]
    flat = x.ravel(order="F")
    k = flat.size
    out = np.zeros((k, k))

    def f(v):
        return float(np.asarray(evaluate(problem.expression, {**env, wrt: v.reshape(x.shape, order="F")},
                                         sizes)).reshape(-1)[0])

    for i in range(k):
        for j in range(k):
            total = 0.0
            for si, sj in ((1, 1), (1, -1), (-1, 1), (-1, -1)):
                v = flat.copy()
                v[i] += si * h
                v[j] += sj * h
                total += si * sj * f(v)
            out[i, j] = total / (4 * h * h)
    return out


@pytest.mark.parametrize(("expression", "variables", "wrt"), CASES, ids=[c[0] for c in CASES])
def test_hessian_matches_second_differences(expression, variables, wrt):
    problem = make_problem(expression, variables, [wrt])
    d = derive_hessian(problem, wrt)
    assert d.ok, d.not_derived
    assert d.order == HESSIAN_ORDER and d.form is Form.MATRIX
    rng = np.random.default_rng(12)
    for _ in range(2):
        sizes, env = _point(problem, rng)
        want = _second_differences(problem, wrt, env, sizes)
        den = np.atleast_2d(evaluate(d.result, env, sizes))
        num = np.atleast_2d(evaluate(d.numerator, env, sizes))
        scale = max(1.0, float(np.max(np.abs(want))))
        assert np.max(np.abs(den - want)) < 1e-4 * scale, (E.to_text(d.result), den, want)
        assert np.max(np.abs(num - want.T)) < 1e-4 * scale


@pytest.mark.parametrize(("expression", "variables", "wrt"), MATRIX_CASES, ids=[c[0] for c in MATRIX_CASES])
def test_matrix_hessian_in_vec_form_matches_column_major_second_differences(expression, variables, wrt):
    problem = make_problem(expression, variables, [wrt])
    d = derive_hessian(problem, wrt)
    assert d.ok, d.not_derived
    assert d.form is Form.VEC
    rng = np.random.default_rng(5)
    sizes, env = _point(problem, rng)
    want = _second_differences(problem, wrt, env, sizes)
    den = evaluate(d.result, env, sizes)
    scale = max(1.0, float(np.max(np.abs(want))))
    assert np.max(np.abs(den - want)) < 1e-4 * scale, (E.to_text(d.result), den, want)
    assert np.max(np.abs(evaluate(d.numerator, env, sizes) - want.T)) < 1e-4 * scale


def test_logdet_hessian_is_minus_commutation_times_kron_of_inverses():
    problem = make_problem("log(det(X))", {"X": ["n", "n"]}, ["X"], assume={"X": ["invertible"]})
    d = derive_hessian(problem, "X")
    assert d.ok and d.form is Form.VEC
    rng = np.random.default_rng(3)
    n = 3
    x = rng.normal(size=(n, n)) + 3 * np.eye(n)
    env, sizes = {"X": x}, {size_symbol("n"): n}
    want = _second_differences(problem, "X", env, sizes)
    inv = np.linalg.inv(x)
    k = np.zeros((n * n, n * n))        # the commutation matrix: K vec(M) = vec(M.T)
    for i in range(n):
        for j in range(n):
            k[i * n + j, j * n + i] = 1
    stated = -k @ np.kron(inv.T, inv)
    assert np.max(np.abs(want - stated)) < 1e-5
    assert np.max(np.abs(evaluate(d.result, env, sizes) - stated)) < 1e-9
    assert verify(problem, d).ok


@pytest.mark.parametrize(("expression", "variables", "wrt"), CASES[:4], ids=[c[0] for c in CASES[:4]])
def test_hessian_passes_every_check(expression, variables, wrt):
    problem = make_problem(expression, variables, [wrt])
    v = verify(problem, derive_hessian(problem, wrt))
    assert v.numeric.passed and v.components.passed and v.steps.passed, v
    assert v.expected.status is CheckStatus.NOT_APPLICABLE


def test_targets_of_the_issue():
    cases = [("x.T @ A @ x", {"x": ["n"], "A": ["n", "n"]}, "x", "A + A.T"),
             ("norm(X @ w - y)**2", {"X": ["m", "n"], "w": ["n"], "y": ["m"]}, "w", "2 * (X.T @ X)")]
    for expression, variables, wrt, want in cases:
        d = derive_hessian(make_problem(expression, variables, [wrt]), wrt)
        assert E.to_text(d.result) == want


def test_the_hessian_is_the_jacobian_of_the_gradient_with_its_own_steps():
    problem = make_problem("sum(x**3)", {"x": ["n"]}, ["x"])
    gradient = derive(problem, "x")
    d = derive_hessian(problem, "x", gradient)
    # the function of the second derivation is the gradient, a step named g, over the declared variables
    assert d.function == "g" and d.intermediate("g").value == gradient.result
    assert d.function_shape == gradient.wrt_shape and not d.scalar_function
    assert d.locals and all(not i.from_catalog for i in d.intermediates)
    assert "gradient" in ROUTE and "differentiate" in ROUTE


def test_a_vector_function_has_no_hessian_and_says_why():
    problem = make_problem("A @ x", {"A": ["n", "n"], "x": ["n"]}, ["x"])
    d = derive_hessian(problem, "x")
    assert not d.ok and "scalar" in d.not_derived.reason
    assert d.order == HESSIAN_ORDER
    v = verify(problem, d)
    assert v.numeric.status is CheckStatus.FAILED and v.expected.status is CheckStatus.NOT_APPLICABLE


def test_a_gradient_not_derived_is_the_reason_given():
    problem = make_problem("sum(x**3)", {"x": ["n"]}, ["x"])
    d = derive_hessian(problem, "x", not_derived(problem, "x", "no rule for this test"))
    assert not d.ok and d.not_derived.reason == "the gradient was not derived: no rule for this test"
    assert d.function_shape == problem.variable("x").shape   # the gradient's shape: the form is the Hessian's


def test_the_second_derivation_names_its_intermediates_v_so_u_means_one_thing_on_a_page():
    from problem_factory import make_problem
    from mcdocgen.engine.derive import derive
    from mcdocgen.engine.hessian import derive_hessian

    p = make_problem("sum(softplus(X @ w) - y * (X @ w))", {"X": ["m", "n"], "w": ["n"], "y": ["m"]}, ["w"])
    first, second = derive(p, "w"), derive_hessian(p, "w")
    made = [i.name for i in second.intermediates if not i.from_catalog and i.name != second.function]
    assert made and all(name.startswith("v_") for name in made)
    assert not {i.name for i in first.intermediates} & set(made)
