"""The rules of softmax, log-sum-exp, norm1 and logdet, and the elementwise arcsin ... cosh in use: each
derived result against central differences that this test computes itself, with its own NumPy
definition of the function (not mcdocgen's evaluator, not its verify module)."""

from __future__ import annotations

import re

import numpy as np
import pytest
import sympy

from problem_factory import make_problem
from mcdocgen import language as E
from mcdocgen.checks.evaluate import NUMPY, SYMPY, evaluate
from mcdocgen.checks.verify import CheckStatus, verify
from mcdocgen.engine.derive import derive
from mcdocgen.engine.rules import RuleId
from mcdocgen.language.canonical import canonical
from mcdocgen.language.shapes import size_symbol
from mcdocgen.present.latex import McLatexPrinter
from mcdocgen.present.snippet import PRELUDE, numpy_snippet

SIZES = {"n": 3, "m": 4}
H = 1e-6


def softmax(v):
    e = np.exp(v - v.max())
    return e / e.sum()


def logsumexp(v):
    return np.log(np.sum(np.exp(v)))


def item(a):
    """The number in a 1 x 1 array."""
    return np.asarray(a).item()


def normal(*shape):
    return lambda rng: rng.normal(size=shape)


def inside(*shape):
    """Entries in (-0.8, 0.8): arcsin and arccos are defined on [-1, 1]."""
    return lambda rng: rng.uniform(-0.8, 0.8, size=shape)


def spd(n):
    def draw(rng):
        b = rng.normal(size=(n, n))
        return b @ b.T + n * np.eye(n)
    return draw


def far_from_zero(*shape):
    """Entries at least 0.2 from 0: away from norm1's kinks, one difference step is far smaller."""
    return lambda rng: rng.uniform(0.2, 1.5, size=shape) * rng.choice([-1.0, 1.0], size=shape)


# (expression, variables (dims), the function in NumPy, a draw for each variable, wrt, the rule it uses)
CASES = [
    ("softmax(W @ x)", {"W": ["m", "n"], "x": ["n"]}, lambda W, x: softmax(W @ x),
     {"W": normal(4, 3), "x": normal(3, 1)}, ["x"], RuleId.SOFTMAX),
    ("softmax(z)", {"z": ["n"]}, lambda z: softmax(z), {"z": normal(3, 1)}, ["z"], RuleId.SOFTMAX),
    ("-dot(y, log(softmax(z)))", {"y": ["n"], "z": ["n"]}, lambda y, z: -item(y.T @ np.log(softmax(z))),
     {"y": normal(3, 1), "z": normal(3, 1)}, ["z"], RuleId.SOFTMAX),
    ("softmax(x).T @ A @ softmax(x)", {"x": ["n"], "A": ["n", "n"]},
     lambda x, A: item(softmax(x).T @ A @ softmax(x)), {"x": normal(3, 1), "A": normal(3, 3)}, ["x"],
     RuleId.SOFTMAX),
    ("logsumexp(A @ x)", {"A": ["m", "n"], "x": ["n"]}, lambda A, x: logsumexp(A @ x),
     {"A": normal(4, 3), "x": normal(3, 1)}, ["x", "A"], RuleId.LOG_SUM_EXP),
    ("logsumexp(x.T) * c", {"x": ["n"], "c": []}, lambda x, c: logsumexp(x) * item(c),
     {"x": normal(3, 1), "c": normal(1, 1)}, ["x", "c"], RuleId.LOG_SUM_EXP),
    ("norm1(x - y)", {"x": ["n"], "y": ["n"]}, lambda x, y: np.abs(x - y).sum(),
     {"x": far_from_zero(3, 1), "y": lambda rng: np.zeros((3, 1))}, ["x", "y"], RuleId.ONE_NORM),
    ("norm1(A @ x) + norm(x)**2", {"A": ["m", "n"], "x": ["n"]}, lambda A, x: np.abs(A @ x).sum() + item(x.T @ x),
     {"A": normal(4, 3), "x": normal(3, 1)}, ["A", "x"], RuleId.ONE_NORM),
    ("logdet(X.T @ X)", {"X": ["m", "n"]}, lambda X: np.log(np.linalg.det(X.T @ X)), {"X": normal(4, 3)}, ["X"],
     RuleId.LOG_DET),
    ("logdet(X @ X)", {"X": ["n", "n"]}, lambda X: np.log(np.linalg.det(X @ X)), {"X": normal(3, 3)}, ["X"],
     RuleId.LOG_DET),   # not symmetric: the transpose of the inverse matters
    ("logdet(X) + tr(S @ X)", {"X": ["n", "n"], "S": ["n", "n"]},
     lambda X, S: np.log(np.linalg.det(X)) + np.trace(S @ X), {"X": spd(3), "S": normal(3, 3)}, ["X"],
     RuleId.LOG_DET),
    ("logdet(t * A)", {"t": [], "A": ["n", "n"]}, lambda t, A: np.log(np.linalg.det(item(t) * A)),
     {"t": lambda rng: rng.uniform(0.5, 2.0, size=(1, 1)), "A": spd(3)}, ["t"], RuleId.LOG_DET),
    ("arctan(x) * x", {"x": ["n"]}, lambda x: np.arctan(x) * x, {"x": normal(3, 1)}, ["x"], RuleId.ELEMENTWISE),
    ("sinh(x).T @ cosh(x)", {"x": ["n"]}, lambda x: item(np.sinh(x).T @ np.cosh(x)), {"x": normal(3, 1)}, ["x"],
     RuleId.ELEMENTWISE),
    ("sum(arcsin(x) + arccos(x * x))", {"x": ["n"]}, lambda x: np.sum(np.arcsin(x) + np.arccos(x * x)),
     {"x": inside(3, 1)}, ["x"], RuleId.ELEMENTWISE),
    ("arccos(a * x)", {"a": [], "x": ["n"]}, lambda a, x: np.arccos(item(a) * x),
     {"a": lambda rng: rng.uniform(0.2, 0.9, size=(1, 1)), "x": inside(3, 1)}, ["a", "x"], RuleId.ELEMENTWISE),
    ("cosh(t) * arctan(t) - sinh(t)", {"t": []}, lambda t: np.cosh(t) * np.arctan(t) - np.sinh(t),
     {"t": normal(1, 1)}, ["t"], RuleId.SCALAR_FUNCTION),
    ("sum(diag(X) * y)", {"X": ["n", "n"], "y": ["n"]}, lambda X, y: item(np.diag(X) @ y.ravel()),
     {"X": normal(3, 3), "y": normal(3, 1)}, ["X", "y"], RuleId.DIAG),
]


def central_differences(f, env, wrt):
    """The numerator-layout Jacobian d vec(f) / d vec(wrt)^T (column-major vec), by central differences."""
    x = env[wrt]
    base = np.atleast_2d(np.asarray(f(**env), dtype=float))
    jac = np.zeros((base.size, x.size))
    for k in range(x.size):
        step = np.zeros(x.size)
        step[k] = H
        step = step.reshape(x.shape, order="F")
        up = np.asarray(f(**{**env, wrt: x + step}), dtype=float)
        down = np.asarray(f(**{**env, wrt: x - step}), dtype=float)
        jac[:, k] = (up - down).ravel(order="F") / (2 * H)
    return jac


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_the_derived_result_agrees_with_central_differences(case):
    expression, variables, f, draws, wrts, rule = case
    p = make_problem(expression, variables, wrts)
    sizes = {size_symbol(s): v for s, v in SIZES.items()}
    rng = np.random.default_rng(12)
    env = {name: draw(rng) for name, draw in draws.items()}
    used = set()
    for wrt in wrts:
        d = derive(p, wrt)
        assert d.ok, d.not_derived
        used |= {r for loc in d.locals for r in loc.rules}
        jac = central_differences(f, env, wrt)
        got = evaluate(d.result, env, sizes)   # denominator layout
        scalar = np.size(f(**env)) == 1
        want = jac.reshape(env[wrt].shape, order="F") if scalar else jac.T
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)
    assert rule in used


@pytest.mark.parametrize("case", CASES[:: 3], ids=[c[0] for c in CASES[:: 3]])
def test_every_check_passes_on_the_new_functions(case):
    expression, variables, _, _, wrts, _ = case
    p = make_problem(expression, variables, wrts)
    for wrt in wrts:
        v = verify(p, derive(p, wrt))
        assert v.ok, v
        assert v.numeric.status is CheckStatus.PASSED


def test_norm1_states_sign_with_slopes_in_minus_one_to_one_at_its_kink_and_the_check_proves_it():
    p = make_problem("norm1(x - y)", {"x": ["n"], "y": ["n"]}, ["x"])
    d = derive(p, "x")
    (kink,) = d.kinks
    assert (kink.low, kink.high, kink.step) == (-1, 1, E.Fn.SIGN)
    assert kink.subgradient is not None
    assert verify(p, d).subgradient.status is CheckStatus.PASSED


def test_a_wrong_expected_result_fails():
    p = make_problem("logsumexp(A @ x)", {"A": ["m", "n"], "x": ["n"]}, ["x"], expected={"x": "softmax(A @ x)"})
    assert verify(p, derive(p, "x")).expected.status is CheckStatus.FAILED


@pytest.mark.parametrize(("expression", "variables"), [
    ("sum(arcsin(A @ x))", {"x": ["n"], "A": ["m", "n"]}),
    ("sum(arcsin(x))", {"x": [30]}),                  # 30 normal draws rarely all fit in [-1, 1]
    ("sum(arccos(X) * X)", {"X": [6, 6]}),
])
def test_arcsin_points_are_drawn_inside_its_domain(expression, variables):
    """arcsin(a) is finite only where every entry of a is in [-1, 1]: the checks find such points,
    narrowing their draws where many entries must fit."""
    p = make_problem(expression, variables, ["x" if "x" in variables else "X"])
    assert verify(p, derive(p, p.wrt[0])).ok


# ---------------------------------------------------------------- the language side

SCOPE = E.Scope({"v": E.var("v", E.shapes.column(size_symbol("n"))),
                 "M": E.var("M", E.shapes.square(size_symbol("n")))}, {"n": size_symbol("n")})


@pytest.mark.parametrize("text, latex", [
    ("softmax(v)", r"\operatorname{softmax}\mathopen{}\left(\mathbf{v}\right)"),
    ("logsumexp(v)", r"\operatorname{LSE}\mathopen{}\left(\mathbf{v}\right)"),
    ("norm1(v)", r"\left\lVert \mathbf{v} \right\rVert_{1}"),
    ("logdet(M)", r"\ln\det\mathopen{}\left(M\right)"),
    ("arcsin(v) * sinh(v)", r"\arcsin\mathopen{}\left(\mathbf{v}\right) \circ \sinh\mathopen{}\left(\mathbf{v}\right)"),
    ("arctan(v.T @ v) + cosh(norm1(v)) - arccos(v.T @ v)",
     r"\arctan\mathopen{}\left(\mathbf{v}^{\top} \mathbf{v}\right) + \cosh\mathopen{}\left(\left\lVert \mathbf{v} \right\rVert_{1}\right)"
     r" - \arccos\mathopen{}\left(\mathbf{v}^{\top} \mathbf{v}\right)"),
    ("diag(M)", r"\operatorname{diag}\mathopen{}\left(M\right)"),
])
def test_each_prints_back_into_the_language_and_into_latex(text, latex):
    node = E.parse(text, SCOPE)
    assert E.parse(E.to_text(node), SCOPE) == node
    assert McLatexPrinter().doprint(node) == latex


@pytest.mark.parametrize("text, message", [
    ("softmax(M)", "softmax() needs a vector"),
    ("logsumexp(v.T @ v)", "logsumexp() needs a vector"),
    ("norm1(M)", "norm1() needs a vector"),
    ("logdet(v)", "logdet() needs a square matrix"),
])
def test_a_wrong_shape_is_refused_with_the_function_named(text, message):
    with pytest.raises(E.ExprError, match=re.escape(message)):
        E.parse(text, SCOPE)


def test_the_shapes():
    assert E.parse("softmax(v)", SCOPE).shape == E.parse("v", SCOPE).shape
    assert E.parse("softmax(v.T)", SCOPE).shape.is_row
    for text in ("logsumexp(v)", "norm1(v)", "logdet(M)"):
        assert E.parse(text, SCOPE).shape.is_scalar
    assert E.parse("diag(M)", SCOPE).shape == E.parse("v", SCOPE).shape


def test_numpy_forms_are_stable_where_exp_overflows():
    v = np.array([[1000.0], [999.0], [-1000.0]])
    env = {"v": v}
    sizes = {size_symbol("n"): 3}
    s = evaluate(E.parse("softmax(v)", SCOPE), env, sizes)
    np.testing.assert_allclose(s.ravel(), [1 / (1 + np.exp(-1)), np.exp(-1) / (1 + np.exp(-1)), 0.0], atol=1e-300)
    lse = evaluate(E.parse("logsumexp(v)", SCOPE), env, sizes)[0, 0]
    assert lse == pytest.approx(1000.0 + np.log1p(np.exp(-1.0)))


def test_logdet_is_not_a_number_where_the_determinant_is_negative():
    env = {"M": np.diag([1.0, -2.0, 3.0])}
    assert np.isnan(evaluate(E.parse("logdet(M)", SCOPE), env, {size_symbol("n"): 3})[0, 0])


@pytest.mark.parametrize("text", ["softmax(v)", "logsumexp(v)", "norm1(v)", "logdet(M)", "diag(M)"])
def test_numpy_and_sympy_evaluation_agree(text):
    rng = np.random.default_rng(3)
    b = rng.normal(size=(3, 3))
    env = {"v": rng.normal(size=(3, 1)), "M": b @ b.T + 3 * np.eye(3)}
    exact = {k: sympy.Matrix(np.round(a, 6).tolist()).applyfunc(sympy.nsimplify) for k, a in env.items()}
    env = {k: np.array(m.tolist(), dtype=float) for k, m in exact.items()}
    node = E.parse(text, SCOPE)
    sizes = {size_symbol("n"): 3}
    symbolic = np.array(evaluate(node, exact, sizes, SYMPY).evalf(30).tolist(), dtype=float)
    np.testing.assert_allclose(evaluate(node, env, sizes, NUMPY), symbolic, rtol=1e-12)


@pytest.mark.parametrize("text", ["softmax(v)", "logsumexp(v)", "norm1(v)", "logdet(M)", "diag(M)"])
def test_the_snippet_prelude_defines_each_as_the_checks_compute_it(text):
    namespace: dict = {}
    exec(PRELUDE, namespace)  # our own generated text, as a reader of the published snippet runs it
    rng = np.random.default_rng(4)
    b = rng.normal(size=(3, 3))
    env = {"v": rng.normal(size=(3, 1)), "M": b @ b.T + 3 * np.eye(3)}
    name, arg = text.rstrip(")").split("(")
    ours = np.atleast_2d(namespace[name](env[arg]))
    np.testing.assert_allclose(ours, evaluate(E.parse(text, SCOPE), env, {size_symbol("n"): 3}), rtol=1e-12)


@pytest.mark.parametrize(("left", "right"), [
    ("norm1(v.T)", "norm1(v)"),
    ("logsumexp(v.T)", "logsumexp(v)"),
    ("logdet(M.T)", "logdet(M)"),
    ("softmax(v).T @ v", "v.T @ softmax(v)"),
    ("softmax(v.T) @ v", "v.T @ softmax(v)"),
])
def test_steps_may_write_the_reductions_of_a_transpose(left, right):
    """The normal form in which steps are compared knows that these do not change under a transpose."""
    assert canonical(E.parse(left, SCOPE)) == canonical(E.parse(right, SCOPE))


def test_softmax_of_another_vector_is_another_form():
    assert canonical(E.parse("softmax(v)", SCOPE)) != canonical(E.parse("softmax(2 * v)", SCOPE))


@pytest.mark.parametrize(("expression", "variables"), [
    ("sum(arcsin(A @ x))", {"A": ["m", "n"], "x": ["n"]}),
    ("dot(arccos(x), x) + logsumexp(A @ x)", {"A": ["m", "n"], "x": ["n"]}),
    ("sum(arcsin(A @ x))", {"A": [30, 30], "x": [30]}),
])
def test_the_published_snippet_draws_inside_the_domain_of_arcsin_and_agrees_with_differences(
        expression, variables, capsys):
    p = make_problem(expression, variables, ["x"])
    source = numpy_snippet(p, derive(p, "x"))
    assert "if np.all(np.isfinite(_f(A, x))):" in source and "_spread *= " in source
    exec(source, {})  # our own generated text, as a reader runs it
    assert float(capsys.readouterr().out) < 1e-5


def test_a_snippet_without_arcsin_or_arccos_draws_again_where_f_is_not_finite_but_never_narrower():
    # as the checks do (checks.sampling.sample_point): log(b - A x) needs b - A x > 0
    p = make_problem("logsumexp(A @ x)", {"A": ["m", "n"], "x": ["n"]}, ["x"])
    source = numpy_snippet(p, derive(p, "x"))
    assert "if np.all(np.isfinite(_f(A, x))):" in source and "_spread" not in source


@pytest.mark.parametrize("fn", sorted(E.BOUNDED_DOMAIN))
def test_a_bounded_function_is_defined_inside_its_bound_and_not_outside(fn):
    bound = E.BOUNDED_DOMAIN[fn]
    with np.errstate(invalid="ignore"):
        values = E.FUNCTIONS[fn].numpy(np.array([[-0.99 * bound, 0.99 * bound, -1.01 * bound, 1.01 * bound]]))
    assert np.isfinite(values[0, :2]).all() and np.isnan(values[0, 2:]).all()
    assert set(E.BOUNDED_DOMAIN) == {E.Fn.ARCSIN, E.Fn.ARCCOS}
