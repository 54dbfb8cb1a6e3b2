"""Evaluation at many points at once gives, slice by slice, what evaluation at each point alone gives
(bit for bit but for the last bits on alignment-sensitive BLAS kernels: see _same)."""

import numpy as np
import pytest

from catalog_support import ROOT
from language_support import SCOPE
from mcdocgen import language as E
from mcdocgen.catalog import load_catalog
from mcdocgen.checks import batched
from mcdocgen.checks.batched import evaluate_at
from mcdocgen.checks.evaluate import evaluate
from mcdocgen.checks.numeric import Directions, finite_difference
from mcdocgen.checks.sampling import kink_arguments, point_rng, sample
from mcdocgen.language import shapes

CATALOG = load_catalog(ROOT / "derivations.yaml")
SIZES = {shapes.size_symbol("n"): 3, shapes.size_symbol("m"): 2}
RNG = np.random.default_rng(11)
VALUES = {
    "x": RNG.uniform(0.5, 1.5, (3, 1)), "y": RNG.uniform(0.5, 1.5, (3, 1)),
    "A": RNG.normal(size=(3, 3)) + 3 * np.eye(3), "B": RNG.normal(size=(3, 3)),
    "S": np.eye(3) + 0.1, "c": np.array([[0.7]]), "d": np.array([[1.3]]), "X": RNG.normal(size=(2, 3)),
}


def _one_by_one(node, env, sizes, name, points):
    return [evaluate(node, {**env, name: p}, sizes) for p in points]


# Bit for bit on most BLAS kernels; within a few units of rounding on those whose vector code depends on
# the operands' alignment (OPENBLAS_CORETYPE=Prescott: a slice of a stack is not aligned as a fresh
# array is). Either way the grouping is fixed, so a kernel gives the same figures on every run.
ROUNDING = 64 * np.finfo(float).eps


def _same(stacked, alone) -> bool:
    return len(stacked) == len(alone) and all(
        s.shape == a.shape and np.allclose(s, a, rtol=ROUNDING, atol=ROUNDING, equal_nan=True)
        for s, a in zip(stacked, alone, strict=True))


def _moves(x: np.ndarray, rng, count: int = 6) -> np.ndarray:
    steps = rng.normal(size=(count, *x.shape)) * 10.0 ** rng.integers(-6, 0, size=(count, 1, 1))
    return np.concatenate([x + steps, x - steps])


@pytest.mark.parametrize("text", [
    "x.T @ A @ x", "sum(exp(x) * y) / n", "mean(A) + norm(x) + det(A) + tr(inv(A))", "diag(x) @ A + diag(A).T @ y",
    "outer(x, y.T) - maximum(A, c)", "dot(x.T, y) * [[c, d], [d, c]][0, 1]", "(X @ x)[1] + A[2, 0] * ones(n).T @ x",
    "sigmoid(x) + relu(x - 1) + heaviside(y - 1) + abs(x - 1) + sign(x - 1)", "log(x) + sqrt(y) + tanh(x) ** 2",
    "sin(c) * cos(d) + tan(c) - eye(n)", "c ** d + x ** 2", "softmax(A @ x) + logsumexp(x) + norm1(y) * x",
    "kron(A, x) @ x", "vec(A @ X.T) ** 3", "logdet(A @ A.T) * inv(A).T", "arcsin(x / 4) + arccos(y / 4) + arctan(x)",
    "sinh(c) * cosh(x) + softplus(x) + x ** 0.5 + c ** -1 + c ** 2", "sym(A) @ S + A * (1 / c)",
])
def test_every_node_type_gives_each_slice_as_alone(text):
    node = E.parse(text, SCOPE)
    rng = np.random.default_rng(3)
    for name in sorted(VALUES):
        points = _moves(VALUES[name], rng)
        assert _same(evaluate_at(node, VALUES, SIZES, name, points), _one_by_one(node, VALUES, SIZES, name, points))


@pytest.mark.parametrize("problem", CATALOG.problems, ids=lambda p: p.id)
def test_every_catalog_function_gives_each_slice_as_alone(problem):
    """At the numeric check's own points: every variable moved, each in its own stack."""
    for wrt in problem.wrt:
        rng = point_rng(problem, wrt)
        sizes, env = sample(problem, rng, kink_arguments(problem.expression))
        points = _moves(env[wrt], rng)
        assert _same(evaluate_at(problem.expression, env, sizes, wrt, points),
                     _one_by_one(problem.expression, env, sizes, wrt, points)), wrt


def test_groups_of_one_point_give_the_same(monkeypatch):
    node = E.parse("x.T @ A @ x + sum(kron(A, A))", SCOPE)
    points = _moves(VALUES["A"], np.random.default_rng(5))
    whole = evaluate_at(node, VALUES, SIZES, "A", points)
    monkeypatch.setattr(batched, "BATCH_ENTRIES", 1)
    assert _same(evaluate_at(node, VALUES, SIZES, "A", points), list(whole))


def test_a_function_that_does_not_move_gives_its_one_value_at_every_point():
    node = E.parse("tr(B) * x", SCOPE)
    points = _moves(VALUES["A"], np.random.default_rng(5))
    assert _same(evaluate_at(node, VALUES, SIZES, "A", points), _one_by_one(node, VALUES, SIZES, "A", points))


def _finite_difference_one_by_one(problem, wrt, env, sizes, dirs, step, order):
    """The numeric check's differences as they were computed before they were batched: one point at a time."""
    x = env[wrt]
    rows, largest = [], 0.0
    for v, reach in zip(dirs.vectors, dirs.reach, strict=True):
        h = step * reach
        move = h * v.reshape(x.shape, order=order)
        fp = evaluate(problem.expression, {**env, wrt: x + move}, sizes)
        fm = evaluate(problem.expression, {**env, wrt: x - move}, sizes)
        largest = max(largest, float(np.max(np.abs(fp))), float(np.max(np.abs(fm))))
        rows.append(((fp - fm) / (2 * h)).ravel(order=order))
    return np.array(rows), largest


@pytest.mark.parametrize("problem", CATALOG.problems[::7], ids=lambda p: p.id)
def test_the_differences_are_those_of_one_point_at_a_time(problem):
    for wrt in problem.wrt:
        rng = point_rng(problem, wrt)
        sizes, env = sample(problem, rng, kink_arguments(problem.expression))
        dirs = Directions.choose(env[wrt], rng)
        for order in "CF":
            got, largest = finite_difference(problem, wrt, env, sizes, dirs, 1e-3, order)
            want, want_largest = _finite_difference_one_by_one(problem, wrt, env, sizes, dirs, 1e-3, order)
            assert np.array_equal(got, want, equal_nan=True) and largest == want_largest
