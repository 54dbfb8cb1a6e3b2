"""The differential, its canonical terms, the vec form read off them and the index form, against numpy
finite differences computed here (independently of mcdocgen's checks)."""

from __future__ import annotations

import numpy as np
import pytest
from mcdocgen import language as E
from mcdocgen.checks.readoff import commutation, differential_value, index_value, readoff_value
from mcdocgen.engine.differential import NoDifferential, differential, dvar, local_differential
from mcdocgen.checks.evaluate import evaluate
from mcdocgen.engine.linear_terms import Canonical, NotCanonical, TermKind, canonical, canonical_node
from mcdocgen.engine.readoff import readoff
from mcdocgen.present.changes import change_last
from mcdocgen.engine.rules import RuleId
from mcdocgen.language import Layout
from mcdocgen.language.shapes import Shape, column, size_symbol

m, n, k = size_symbol("m"), size_symbol("n"), size_symbol("k")
inv = np.linalg.inv
SIZES = {m: 3, n: 3, k: 2}
SCOPE = {
    "X": Shape(m, n), "Y": Shape(m, m), "A": Shape(m, m), "B": Shape(n, n), "C": Shape(k, m),
    "W": Shape(k, n), "x": column(n), "t": E.shapes.SCALAR, "D": Shape(m, m),
}


def V(name: str) -> E.Var:
    return E.var(name, SCOPE[name])


def _parse(text: str) -> E.Node:
    return E.parse(text, E.Scope({name: V(name) for name in SCOPE}, {}))


def _point(seed: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    env = {}
    for name, shape in SCOPE.items():
        r, c = int(shape.rows.subs(SIZES)), int(shape.cols.subs(SIZES))
        env[name] = rng.normal(size=(r, c))
    env["Y"] = env["Y"] + 4 * np.eye(3)   # well away from singular for inv and det
    return env


def _finite_jacobian(f, wrt: str, env: dict[str, np.ndarray], h: float = 1e-6) -> np.ndarray:
    """d vec(F) / d vec(X)^T by central differences, column-major on both sides."""
    x = env[wrt]
    cols = []
    for idx in range(x.size):
        e = np.zeros(x.size)
        e[idx] = h
        step = e.reshape(x.shape, order="F")
        up = np.atleast_2d(f({**env, wrt: x + step}))
        down = np.atleast_2d(f({**env, wrt: x - step}))
        cols.append(((up - down) / (2 * h)).reshape(-1, order="F"))
    return np.stack(cols, axis=1)


# (expression, numpy spelling, variable, kinds of its canonical terms)
CASES = [
    ("A @ X @ B", lambda v: v["A"] @ v["X"] @ v["B"], "X", [TermKind.SANDWICH]),
    ("inv(Y)", lambda v: inv(v["Y"]), "Y", [TermKind.SANDWICH]),
    ("X.T", lambda v: v["X"].T, "X", [TermKind.TRANSPOSED]),
    ("W @ x", lambda v: v["W"] @ v["x"], "W", [TermKind.SANDWICH]),
    ("X * X", lambda v: v["X"] * v["X"], "X", [TermKind.HADAMARD]),
    ("X.T @ X", lambda v: v["X"].T @ v["X"], "X", [TermKind.TRANSPOSED, TermKind.SANDWICH]),
    ("A @ inv(Y) @ D", lambda v: v["A"] @ inv(v["Y"]) @ v["D"], "Y", [TermKind.SANDWICH]),
    ("exp(X)", lambda v: np.exp(v["X"]), "X", [TermKind.HADAMARD]),
    ("tr(Y) * Y", lambda v: np.trace(v["Y"]) * v["Y"], "Y", [TermKind.TRACE, TermKind.SANDWICH]),
    ("inv(A + t * D)", lambda v: inv(v["A"] + v["t"] * v["D"]), "t", [TermKind.TRACE]),
    ("det(Y) * A", lambda v: np.linalg.det(v["Y"]) * v["A"], "Y", [TermKind.TRACE]),
    ("C @ X @ X.T", lambda v: v["C"] @ v["X"] @ v["X"].T, "X", [TermKind.SANDWICH, TermKind.TRANSPOSED]),
    ("sin(Y) * A + Y", lambda v: np.sin(v["Y"]) * v["A"] + v["Y"], "Y", [TermKind.HADAMARD, TermKind.SANDWICH]),
    ("sum(X * X) * C", lambda v: np.sum(v["X"] * v["X"]) * v["C"], "X", [TermKind.TRACE]),
    ("X / t", lambda v: v["X"] / v["t"], "t", [TermKind.TRACE]),
    ("Y @ Y", lambda v: v["Y"] @ v["Y"], "Y", [TermKind.SANDWICH, TermKind.SANDWICH]),
    ("A @ (X * X)", lambda v: v["A"] @ (v["X"] * v["X"]), "X", [TermKind.HADAMARD]),
    ("sin(X) @ B", lambda v: np.sin(v["X"]) @ v["B"], "X", [TermKind.HADAMARD]),
    ("W.T @ tanh(W @ x)", lambda v: v["W"].T @ np.tanh(v["W"] @ v["x"]), "W", [TermKind.TRANSPOSED, TermKind.HADAMARD]),
    ("sum(exp(A @ X))", lambda v: np.sum(np.exp(v["A"] @ v["X"])), "X", [TermKind.TRACE]),
    ("tr(A @ (X * X) @ B.T @ X.T)", lambda v: np.trace(v["A"] @ (v["X"] * v["X"]) @ v["B"].T @ v["X"].T), "X",
     [TermKind.TRACE, TermKind.TRACE]),
    ("vec(A @ X)", lambda v: (v["A"] @ v["X"]).reshape(-1, 1, order="F"), "X", [TermKind.SANDWICH]),
    ("sym(Y) @ A", lambda v: (v["Y"] + v["Y"].T) / 2 @ v["A"], "Y", [TermKind.SANDWICH, TermKind.TRANSPOSED]),
    ("x.T @ B @ x", lambda v: v["x"].T @ v["B"] @ v["x"], "x", [TermKind.TRANSPOSED, TermKind.SANDWICH]),
    ("log(det(Y))", lambda v: np.log(abs(np.linalg.det(v["Y"]))), "Y", [TermKind.TRACE]),
]


@pytest.mark.parametrize(("text", "f", "wrt", "kinds"), CASES, ids=[c[0] for c in CASES])
def test_readoff_and_index_form_equal_finite_differences(text, f, wrt, kinds):
    c = canonical(_parse(text), V(wrt))
    assert isinstance(c, Canonical), c
    assert [t.kind for t in c.terms] == kinds
    env = _point(7)
    expected = _finite_jacobian(f, wrt, env)
    readoff = readoff_value(c, env, SIZES)
    assert np.allclose(readoff, expected, rtol=1e-6, atol=1e-6)
    assert np.allclose(index_value(c, env, SIZES), expected, rtol=1e-6, atol=1e-6)
    # the displayed dF, along a random change, is the read-off times vec(dX)
    direction = np.random.default_rng(3).normal(size=env[wrt].shape)
    along = readoff @ direction.reshape(-1, 1, order="F")
    assert np.allclose(differential_value(c, env, SIZES, direction), along)
    # the canonical terms, as printed, are the same change
    terms = evaluate(canonical_node(c, dvar(V(wrt))), {**env, f"d({wrt})": direction}, SIZES)
    assert np.allclose(np.reshape(terms, (-1, 1), order="F"), along)


def test_wrong_readoff_is_caught():
    """A dX^T term read as dX (commutation forgotten) differs from the finite differences."""
    c = canonical(_parse("X.T"), V("X"))
    assert isinstance(c, Canonical)
    env = _point(1)
    wrong = np.kron(np.eye(3), np.eye(3))
    assert not np.allclose(wrong, _finite_jacobian(lambda v: v["X"].T, "X", env))
    assert np.allclose(readoff_value(c, env, SIZES), commutation(3, 3))


def test_commutation_takes_vec_to_vec_of_transpose():
    x = np.arange(6.0).reshape(2, 3)
    assert np.array_equal(commutation(2, 3) @ x.reshape(-1, 1, order="F"), x.T.reshape(-1, 1, order="F"))


@pytest.mark.parametrize(("text", "rule", "shown"), [
    ("A + Y", RuleId.SUM_RULE, "d(A) + d(Y)"),
    ("A @ Y", RuleId.PRODUCT, "d(A) @ Y + A @ d(Y)"),
    ("Y.T", RuleId.TRANSPOSE, "d(Y).T"),
    ("inv(Y)", RuleId.INVERSE, "-(inv(Y) @ d(Y) @ inv(Y))"),
    ("exp(Y)", RuleId.ELEMENTWISE, "exp(Y) * d(Y)"),
    ("A * Y", RuleId.HADAMARD, "d(A) * Y + A * d(Y)"),
    ("t * Y", RuleId.SCALAR_MULTIPLE, "d(t) * Y + t * d(Y)"),
    ("tr(Y)", RuleId.TRACE, "tr(d(Y))"),
    ("det(Y)", RuleId.DETERMINANT, "det(Y) * tr(inv(Y) @ d(Y))"),
    ("sum(Y)", RuleId.SUM_REDUCTION, "sum(d(Y))"),
    ("norm(Y)", RuleId.NORM, "sum(Y * d(Y)) / norm(Y)"),
    ("Y / t", RuleId.QUOTIENT, "d(Y) / t - Y * d(t) / t**2"),
    ("Y ** 3", RuleId.POWER, "3 * Y**2 * d(Y)"),
    ("Y ** 2", RuleId.POWER, "2 * Y * d(Y)"),     # Y, not Y**1 (a student review found x^1 on three pages)
    ("vec(Y)", RuleId.LINEAR_MAP, "vec(d(Y))"),
    ("sym(Y)", RuleId.LINEAR_MAP, "sym(d(Y))"),
    ("kron(A, Y)", RuleId.PRODUCT, "kron(d(A), Y) + kron(A, d(Y))"),
    ("mean(Y)", RuleId.MEAN, "mean(d(Y))"),
    ("-Y", RuleId.NEGATION, "-d(Y)"),
    ("Y[0, 1]", RuleId.COMPONENT, "d(Y)[0, 1]"),
])
def test_each_rule_is_one_step_deep(text, rule, shown):
    node = _parse(text)
    names = frozenset(E.free_vars(node))
    step = local_differential(node, names)
    assert step.rule is rule
    assert step.value is not None
    assert E.to_text(step.value) == shown
    # the identity holds: the stated differential is the first-order change, by central differences
    env = _point(5)
    rng = np.random.default_rng(9)
    directions = {name: rng.normal(size=env[name].shape) for name in names}
    h = 1e-6
    up = evaluate(node, {**env, **{k: env[k] + h * v for k, v in directions.items()}}, SIZES)
    down = evaluate(node, {**env, **{k: env[k] - h * v for k, v in directions.items()}}, SIZES)
    change = evaluate(step.value, {**env, **{f"d({k})": v for k, v in directions.items()}}, SIZES)
    assert np.allclose((np.asarray(up) - np.asarray(down)) / (2 * h), change, rtol=1e-5, atol=1e-6)


def test_constants_do_not_change():
    assert differential(_parse("A @ A"), "X") is None
    step = local_differential(_parse("A @ Y"), frozenset({"Y"}))
    assert step.value is not None and E.to_text(step.value) == "A @ d(Y)"


def test_a_node_without_a_rule_is_named():
    lit = E.lit(((V("t"), E.num(1)),))
    with pytest.raises(NoDifferential) as err:
        differential(lit, "t")
    assert "Lit" in err.value.reason


@pytest.mark.parametrize("text", ["exp(A @ (X * X))", "sin(A @ sin(X))"])
def test_no_canonical_kind_says_why(text):
    """A Hadamard product inside a matrix product is no kind of the list: not available, with the reason."""
    c = canonical(_parse(text), V("X"))
    assert isinstance(c, NotCanonical)
    assert "Hadamard" in c.reason


def test_differential_variable_prints_as_d_of():
    assert E.to_text(dvar(V("X"))) == "d(X)"


@pytest.mark.parametrize(("text", "f", "wrt", "kinds"), CASES, ids=[c[0] for c in CASES])
def test_symbolic_readoff_evaluates_to_the_numeric_one(text, f, wrt, kinds):
    """The vec form a page prints (kron, commutation, diag(vec)) is the numeric read-off, both layouts."""
    c = canonical(_parse(text), V(wrt))
    assert isinstance(c, Canonical)
    env = _point(11)
    jac = readoff_value(c, env, SIZES)
    num = np.atleast_2d(evaluate(readoff(c, Layout.NUMERATOR), env, SIZES))
    den = np.atleast_2d(evaluate(readoff(c, Layout.DENOMINATOR), env, SIZES))
    if SCOPE[wrt].is_scalar:
        p = np.atleast_2d(f(env)).shape
        assert np.allclose(num, jac.reshape(p, order="F"))
        assert np.allclose(den, jac.reshape(p, order="F").T)
    else:
        assert np.allclose(num, jac)
        assert np.allclose(den, jac.T)


def test_spec_examples_read_off_as_the_spec_writes_them():
    def text(expr: str, wrt: str) -> str:
        c = canonical(_parse(expr), V(wrt))
        assert isinstance(c, Canonical)
        return E.to_text(readoff(c, Layout.NUMERATOR))

    assert text("A @ X @ B", "X") == "kron(B.T, A)"
    assert text("X.T", "X") == "commutation(m, n)"
    assert text("W @ x", "W") == "kron(x.T, eye(k))"
    assert text("inv(Y)", "Y") == "-kron(inv(Y).T, inv(Y))"



@pytest.mark.parametrize(("text", "shown", "collected"), [
    ("(Y + t * A) @ (Y + t * D)", "A @ (Y + t * D) * d(t) + (Y + t * A) @ D * d(t)",
     "(A @ (Y + t * D) + (Y + t * A) @ D) * d(t)"),
    ("exp(t) * A + t * D", "exp(t) * A * d(t) + D * d(t)", "(exp(t) * A + D) * d(t)"),
    ("inv(Y + t * A)", "-(inv(Y + t * A) @ A @ inv(Y + t * A) * d(t))", "-(inv(Y + t * A) @ A @ inv(Y + t * A) * d(t))"),
])
def test_a_scalar_differential_is_printed_after_its_arrays_and_collected(text, shown, collected):
    """dF = A Y dt + Y D dt, then (A Y + Y D) dt, as books write a matrix by a scalar; never dt A Y + Y dt D,
    where dt A reads as d(t A) (review s35 item 16). Each printed form is the first-order change."""
    node = _parse(text)
    c = canonical(node, V("t"))
    assert isinstance(c, Canonical)
    printed, terms = change_last(c.differential), canonical_node(c, dvar(V("t")))
    assert (E.to_text(printed), E.to_text(terms)) == (shown, collected)
    env, h = _point(3), 1e-6
    change = (np.asarray(evaluate(node, {**env, "t": env["t"] + h}, SIZES))
              - np.asarray(evaluate(node, {**env, "t": env["t"] - h}, SIZES))) / (2 * h)
    for form in (printed, terms):
        assert np.allclose(evaluate(form, {**env, "d(t)": np.ones((1, 1))}, SIZES), change, rtol=1e-5, atol=1e-6)
