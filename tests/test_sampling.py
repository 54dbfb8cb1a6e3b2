"""Sampling: sizes where every inverted matrix can be invertible (a structural rank bound), other sizes
on each new draw, and points for functions that exist only at some sizes."""

import numpy as np
import pytest

from problem_factory import make_problem
from mcdocgen import language as E
from mcdocgen.checks.evaluate import evaluate
from mcdocgen.checks.sampling import (
    KINK_MARGIN, MAX_CONDITION, NoPoint, determined, fine_at, fitting_sizes, kink_arguments, point_rng, rank_bound,
    sample, sample_value, sizes_fit,
)
from mcdocgen.checks.verify import verify
from mcdocgen.engine.derive import derive
from mcdocgen.language import shapes

M, N, K = (shapes.size_symbol(s) for s in "mnk")
VARIABLES = {"A": ["m", "n"], "B": ["k", "n"], "x": ["n"], "C": ["m", "m"]}


def _node(text: str) -> E.Node:
    p = make_problem(text, VARIABLES, ["A"])
    return p.expression


@pytest.mark.parametrize("text, sizes, rank", [
    ("A.T @ A", {M: 2, N: 4, K: 2}, 2),                 # n x n of rank m
    ("A.T @ A", {M: 5, N: 3, K: 2}, 3),
    ("A.T @ C @ A", {M: 2, N: 3, K: 2}, 2),
    ("A.T @ A + B.T @ B", {M: 2, N: 5, K: 2}, 4),       # rank(P + Q) <= rank P + rank Q
    ("A.T @ A + B.T @ B", {M: 2, N: 3, K: 2}, 3),
    ("outer(x, x.T) + 2 * A.T @ A", {M: 1, N: 4, K: 2}, 2),
    ("A.T @ A + 1", {M: 2, N: 4, K: 2}, 3),              # a scalar added everywhere: rank 1
    ("(A.T @ A) * (A.T @ A)", {M: 1, N: 4, K: 2}, 1),    # Hadamard: the product of the ranks
    ("-(A.T @ A).T / 3", {M: 2, N: 4, K: 2}, 2),
])
def test_the_rank_bound_follows_shapes_and_structure(text, sizes, rank):
    assert rank_bound(_node(text), sizes) == rank


def test_the_rank_bound_is_a_bound_at_random_values():
    rng = np.random.default_rng(3)
    for text in ("A.T @ A", "A.T @ C @ A", "A.T @ A + B.T @ B", "outer(x, x.T) + 2 * A.T @ A", "A.T @ A + 1"):
        node = _node(text)
        for m, n, k in ((2, 4, 1), (4, 2, 3), (3, 3, 2)):
            sizes = {M: m, N: n, K: k}
            env = {"A": rng.normal(size=(m, n)), "B": rng.normal(size=(k, n)), "x": rng.normal(size=(n, 1)),
                   "C": rng.normal(size=(m, m))}
            assert np.linalg.matrix_rank(evaluate(node, env, sizes)) <= rank_bound(node, sizes)


def test_sizes_that_make_an_inverted_matrix_singular_are_not_drawn():
    p = make_problem("tr(inv(A.T @ C @ A))", {"A": ["m", "n"], "C": ["m", "m"]}, ["A"])
    d = derive(p, "A")
    assert not sizes_fit(p, d, {M: 2, N: 3}) and sizes_fit(p, d, {M: 3, N: 3})
    rng, tried = point_rng(p, "A"), []
    for _ in range(6):
        sizes = fitting_sizes(p, rng, d, tried)
        assert sizes[M] >= sizes[N]
    assert len({tuple(s.items()) for s in tried}) == 6     # other sizes each time


def test_sizes_that_cannot_fit_are_drawn_anyway_and_the_point_search_says_why():
    # an outer product is never invertible (rank 1, n >= 2): sizes are still drawn, and no point is found
    p = make_problem("tr(inv(outer(x, x.T)))", {"x": ["n"]}, ["x"])
    d = derive(p, "x")
    assert not any(sizes_fit(p, d, {N: n}) for n in range(2, 6))
    tried = []
    assert fitting_sizes(p, point_rng(p, "x"), d, tried) == tried[0]
    assert "no point found" in verify(p, d).numeric.detail


@pytest.mark.parametrize("seed", range(8))
def test_a_projection_residual_is_checked_only_where_it_exists(seed):
    # P y - y with P the projection onto A's columns: singular for m < n, zero (the norm's kink) for m = n
    p = make_problem("norm(A @ inv(A.T @ A) @ A.T @ y - y)**2", {"A": ["m", "n"], "y": ["m"]}, ["y"])
    d = derive(p, "y")
    sizes, _ = sample(p, point_rng(p, "y", seed), kink_arguments(p.expression), d)
    assert sizes[M] > sizes[N]
    v = verify(p, d, seed)
    assert v.ok, {k: c.detail for k, c in v.checks().items()}


def test_a_point_is_fine_where_f_and_the_result_are_finite_clear_of_kinks_and_well_conditioned():
    p = make_problem("abs(tr(X)) + tr(inv(X))", {"X": ["n", "n"]}, ["X"])
    d = derive(p, "X")
    guards, sizes = kink_arguments(p.expression), {N: 2}
    assert fine_at(p, d.result, guards, {"X": np.array([[2.0, 0.5], [0.0, 1.0]])}, sizes)
    near_kink = np.array([[1.0, 0.0], [0.0, KINK_MARGIN / 2 - 1.0]])      # tr(X) close to 0
    assert not fine_at(p, d.result, guards, {"X": near_kink}, sizes)
    assert not fine_at(p, d.result, guards, {"X": np.array([[1.0, 0.0], [0.0, 0.0]])}, sizes)    # f not finite
    # finite, but X, which the result inverts, is ill-conditioned
    ill = np.array([[1.0, 0.0], [0.0, 0.1 / MAX_CONDITION]])   # condition 10 MAX_CONDITION
    assert not fine_at(p, d.result, guards, {"X": ill}, sizes)
    assert fine_at(p, None, guards, {"X": ill}, sizes)      # without a result: the function and its kinks only


def test_an_entry_of_a_kink_argument_identically_zero_keeps_no_point_away():
    # the Gini coefficient: abs's argument is x_i - x_i = 0 on its diagonal at every point, no kink there
    p = make_problem("mean(abs(outer(x, ones(n)) - outer(ones(n), x))) / (2 * mean(x))", {"x": ["n"]}, ["x"])
    d = derive(p, "x")
    guards, sizes = kink_arguments(p.expression), {N: 3}
    assert fine_at(p, d.result, guards, {"x": np.array([[1.0], [2.0], [4.0]])}, sizes)
    # an entry that can be nonzero still keeps the point away: x_0 close to x_1
    assert not fine_at(p, d.result, guards, {"x": np.array([[1.0], [1.0 + KINK_MARGIN / 2], [4.0]])}, sizes)
    sizes, env = sample(p, point_rng(p, "x"), guards, d)
    assert fine_at(p, d.result, guards, env, sizes)
    assert verify(p, d).ok


@pytest.mark.parametrize("text", ["sum(abs(x - x) + x)", "sum(relu(x - x) * x)", "sum(maximum(x, x))",
                                  "sum(sign(x - x) * x)"])
def test_a_kink_argument_identically_zero_everywhere_is_derived_and_checked(text):
    """abs(x - x) is the constant 0, max(x, x) is x: defined and differentiable everywhere, so derived (not refused)
    and checked like any function, every point allowed."""
    p = make_problem(text, {"x": ["n"]}, ["x"])
    d = derive(p, "x")
    v = verify(p, d)
    assert v.ok and v.numeric.passed and v.steps.passed, {k: c.detail for k, c in v.checks().items()}


def test_a_point_where_a_divisor_is_rounding_noise_is_not_fine_and_no_point_is_found():
    # sin^2 + cos^2 - 1 is 0, which the parser's zero test does not find: in floats it is 0 or about 1e-16
    p = make_problem("c / (sin(d)**2 + cos(d)**2 - 1)", {"c": [], "d": []}, ["c"])
    d = derive(p, "c")
    env = {"c": np.array([[1.5]]), "d": np.array([[0.7]])}
    assert not determined(p.expression, env, {})
    assert not fine_at(p, d.result, [], env, {})
    with pytest.raises(NoPoint, match="finite beyond rounding"):
        sample(p, point_rng(p, "c"), [], d)
    assert not verify(p, d).numeric.passed
    # a divisor that is small but well above its rounding bound leaves the point fine
    q = make_problem("c / (d - 1)", {"c": [], "d": []}, ["c"])
    near = {"c": np.array([[1.5]]), "d": np.array([[1.0 + 1e-9]])}
    assert determined(q.expression, near, {}) and fine_at(q, derive(q, "c").result, [], near, {})


def test_no_point_says_why_the_last_draw_missed():
    # arcsin(1) on the diagonal whatever x: the edge guard's entries there are identically zero, so no guard keeps the
    # point from them (checks.still); the cause is the edge, where the slope is infinite, not the function's value
    edge = make_problem("c * sum(arcsin(outer(x, ones(n)) - outer(ones(n), x) + eye(n))) + c * sum(x)",
                        {"x": ["n"], "c": []}, ["x"])
    d = derive(edge, "x")
    with pytest.raises(NoPoint, match=r"\(the last draw: an entry of arcsin's argument .* is at the edge of its domain, "
                                      r"1 or -1, whatever the point, where its slope is infinite\)$"):
        sample(edge, point_rng(edge, "x"), kink_arguments(edge.expression), d)
    # a function finite everywhere whose derivative is infinite everywhere (planted): the derivative is named
    p = make_problem("c * d", {"c": [], "d": []}, ["c"])
    nowhere = make_problem("log(-(d**2) - 1)", {"d": []}, ["d"]).expression
    with pytest.raises(NoPoint, match=r"the last draw: the function is finite but its derivative is not\)$"):
        sample(p, point_rng(p, "c"), [], _with_result(derive(p, "c"), nowhere))
    # the function itself not finite
    q = make_problem("log(-(d**2) - 1) * c", {"c": [], "d": []}, ["c"])
    with pytest.raises(NoPoint, match=r"the last draw: the function is not finite there\)$"):
        sample(q, point_rng(q, "c"), [])


def _with_result(d, result):
    from dataclasses import replace

    return replace(d, result=result, numerator=result)


def _fine_with_two_walks(problem, result, guards, env, sizes):
    """fine_at as it was written before it shared the rounded walk: f evaluated plainly and again with bounds."""
    from mcdocgen.checks.evaluate import evaluator
    from mcdocgen.checks.sampling import _inverses
    from mcdocgen.checks.still import kink_gaps

    at = evaluator(env, sizes)
    try:
        with np.errstate(all="ignore"):
            if not np.all(np.isfinite(at(problem.expression))) or not determined(problem.expression, env, sizes):
                return False
            if any(np.any(kink_gaps(at(g), g, sizes, KINK_MARGIN) < KINK_MARGIN) for g in guards):
                return False
            if result is None:
                return True
            if not np.all(np.isfinite(at(result))):
                return False
            return not any(np.linalg.cond(at(a)) > MAX_CONDITION for a in _inverses(result))
    except (np.linalg.LinAlgError, ZeroDivisionError, FloatingPointError):
        return False


@pytest.mark.parametrize("text, variables, wrt", [
    ("abs(tr(X)) + tr(inv(X))", {"X": ["n", "n"]}, "X"),            # kinks, an inverse, singular points
    ("c / (sin(d)**2 + cos(d)**2 - 1) + c * d", {"c": [], "d": []}, "d"),   # a divisor of rounding noise: none
    ("sum(log(x)) + norm(x - y) + maximum(c, d)", {"x": ["n"], "y": ["n"], "c": [], "d": []}, "x"),  # log < 0
    ("sum(arcsin(x)) + logdet(X @ X.T)", {"x": ["n"], "X": ["n", "m"]}, "X"),   # an edge; det 0 at some sizes
    ("mean(abs(outer(x, ones(n)) - outer(ones(n), x))) / (2 * mean(x))", {"x": ["n"]}, "x"),   # still entries
])
def test_one_rounded_walk_decides_every_point_as_two_walks_did(text, variables, wrt):
    # the values of the rounded walk are the float evaluation's: the same points are fine, the same draws taken
    p = make_problem(text, variables, [wrt])
    d = derive(p, wrt)
    guards, rng = kink_arguments(p.expression), np.random.default_rng(3)
    seen = set()
    for _ in range(150):
        sizes = {s: int(rng.integers(2, 4)) for s in (M, N)}
        env = {v.name: sample_value(v, sizes, rng) * rng.choice([0.2, 1.0, 3.0]) for v in p.variables}
        for result in (None, d.result):
            fine = fine_at(p, result, guards, env, sizes)
            assert fine == _fine_with_two_walks(p, result, guards, env, sizes)
            seen.add(fine)
    assert seen == ({False} if "sin(d)" in text else {True, False})
