"""Planted wrong results: each is caught by the numeric check AND by the components check (exact
entries, checks.identity), or, for a subgradient set, by the check of that set; and every right
result of the catalog still passes both.

Each plant replaces a derived result (denominator layout, the numerator its transpose) by a wrong
one written as text: the kinds of mistake the issue lists (dropped transposes, wrong signs, factors
of 2, a missing term, a swapped factor order, a wrong layout, a Hessian off by a transpose or a
term), on vector, matrix, inverse and determinant, elementwise and Hessian problems.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from problem_factory import make_problem
from mcdocgen import language as E
from mcdocgen.catalog import Assumption, load_catalog
from mcdocgen.checks.components import _component_sizes, component_limit, components_check, exact_agreement
from mcdocgen.checks.numeric import numeric_check
from mcdocgen.checks.results import CheckStatus
from mcdocgen.checks.sampling import kink_arguments, point_rng
from mcdocgen.checks.second import second_components_check, second_numeric_check
from mcdocgen.checks.verify import verify
from mcdocgen.engine.derive import derive
from mcdocgen.engine.hessian import derive_hessian
from mcdocgen.engine.notation import derive_page
from mcdocgen.language import shapes

from conftest import ROOT

SQUARE = {"A": ["n", "n"], "B": ["n", "n"], "X": ["n", "n"]}
INVERTIBLE = {"X": ["invertible"]}

_M = "(outer(x, ones(n)) - outer(ones(n), x))"
GINI = f"mean(abs({_M})) / (2 * mean(x))"

# (label, function, variables, wrt, assumptions, order, the wrong denominator-layout result)
PLANTS = [
    # vector
    ("least squares: factor of 2", "norm(A @ x - b)**2", {"A": ["m", "n"], "x": ["n"], "b": ["m"]}, "x", {}, 1,
     "A.T @ (A @ x - b)"),
    ("least squares: wrong sign", "norm(A @ x - b)**2", {"A": ["m", "n"], "x": ["n"], "b": ["m"]}, "x", {}, 1,
     "2 * A.T @ (b - A @ x)"),
    ("quadratic form: a missing term", "x.T @ A @ x", {"x": ["n"], "A": ["n", "n"]}, "x", {}, 1, "A @ x"),
    ("quadratic form: a dropped transpose", "x.T @ A @ x", {"x": ["n"], "A": ["n", "n"]}, "x", {}, 1,
     "2 * A @ x"),
    ("linear map: wrong layout", "A @ x", {"A": ["n", "n"], "x": ["n"]}, "x", {}, 1, "A"),
    ("affine dot: a missing term", "dot(w, x) * dot(w, y)", {"w": ["n"], "x": ["n"], "y": ["n"]}, "w", {}, 1,
     "x * dot(w, y)"),
    # matrix
    ("trace product: dropped transposes", "tr(A @ X @ B)", SQUARE, "X", {}, 1, "A @ B"),
    ("trace product: swapped factor order", "tr(A @ X @ B)", SQUARE, "X", {}, 1, "B.T @ A.T"),
    ("trace product: wrong layout", "tr(A @ X @ B)", SQUARE, "X", {}, 1, "B @ A"),
    ("trace quadratic: a missing term", "tr(X.T @ A @ X)", SQUARE, "X", {}, 1, "A @ X"),
    ("Frobenius residual: wrong sign", "norm(X @ B - A)**2", SQUARE, "X", {}, 1, "2 * (A - X @ B) @ B.T"),
    # inverse and determinant
    ("determinant: a dropped transpose", "det(X)", {"X": ["n", "n"]}, "X", INVERTIBLE, 1, "det(X) * inv(X)"),
    ("determinant: a missing factor", "det(X)", {"X": ["n", "n"]}, "X", INVERTIBLE, 1, "inv(X).T"),
    ("log det: wrong sign", "log(det(X))", {"X": ["n", "n"]}, "X", {"X": ["positive_definite"]}, 1, "-inv(X).T"),
    ("trace of an inverse: wrong sign", "tr(A @ inv(X) @ B)", SQUARE, "X", INVERTIBLE, 1,
     "inv(X).T @ A.T @ B.T @ inv(X).T"),
    ("trace of an inverse: swapped factor order", "tr(A @ inv(X) @ B)", SQUARE, "X", INVERTIBLE, 1,
     "-inv(X).T @ B.T @ A.T @ inv(X).T"),
    ("inverse by a scalar: swapped factor order", "inv(A + t * B)",
     {"A": ["n", "n"], "B": ["n", "n"], "t": []}, "t", {"A": ["invertible"]}, 1,
     "-(inv(A + t * B) @ inv(A + t * B) @ B).T"),
    # elementwise
    ("softplus: the derivative of the wrong function", "sum(softplus(x))", {"x": ["n"]}, "x", {}, 1,
     "sigmoid(-x)"),
    ("tanh: wrong sign", "sum(tanh(x))", {"x": ["n"]}, "x", {}, 1, "1 + tanh(x)**2"),
    ("softmax cross-entropy: sum(y) taken as 1", "-dot(y, log(softmax(z)))", {"z": ["n"], "y": ["n"]}, "z", {}, 1,
     "softmax(z) - y"),
    ("exp times x: a missing term", "sum(exp(x) * x)", {"x": ["n"]}, "x", {}, 1, "exp(x)"),
    ("relu: the step on the wrong side", "sum(relu(x) * y)", {"x": ["n"], "y": ["n"]}, "x", {}, 1,
     "heaviside(-x) * y"),
    # rational results, where the components check's exact route decides (checks.exact): mistakes
    # that agree with the right result on part of the space, or at equal sizes
    ("trace quadratic: a dropped transpose on a symmetric-looking case", "tr(X.T @ A @ X)",
     {"A": ["n", "n"], "X": ["n", "m"]}, "X", {}, 1, "2 * A @ X"),
    ("gram inverse: factor of 2", "tr(inv(X.T @ X))", {"X": [3, 2]}, "X", {}, 1,
     "-X @ inv(X.T @ X) @ inv(X.T @ X)"),
    ("shifted inverse: a missing term", "tr(inv(A + X.T @ C @ X) @ B)",
     {"A": [2, 2], "X": [3, 2], "C": [3, 3], "B": [2, 2]}, "X", {"A": ["positive_definite"]}, 1,
     "-C @ X @ inv(A + X.T @ C @ X) @ B @ inv(A + X.T @ C @ X)"),
    ("determinant of a product: wrong sign", "det(A @ X)", {"A": ["n", "n"], "X": ["n", "n"]}, "X",
     {"X": ["invertible"], "A": ["invertible"]}, 1, "-det(A @ X) * inv(X).T"),
    ("cube trace: a dropped transpose", "tr(X @ X @ X)", {"X": ["n", "n"]}, "X", {}, 1, "3 * X @ X"),
    ("log det, symmetric X: the other convention as the result", "log(det(X))", {"X": ["n", "n"]}, "X",
     {"X": ["symmetric", "positive_definite"]}, 1, "2 * inv(X) - inv(X) * eye(n)"),
    # evaluated at a stack of points per difference level (checks.batched): powers and Kronecker products slice
    # by slice, traces per slice in one call, log-sum-exp slice by slice
    ("cube of a trace: a missing factor", "tr(X)**3", {"X": ["n", "n"]}, "X", {}, 1, "tr(X)**2 * eye(n)"),
    ("Kronecker sum: factor of 2", "sum(kron(x, y) * kron(x, y))", {"x": ["n"], "y": ["m"]}, "x", {}, 1,
     "4 * dot(y, y) * x"),
    ("log-sum-exp of a map: wrong sign", "logsumexp(A @ x)", {"A": ["m", "n"], "x": ["n"]}, "x", {}, 1,
     "-A.T @ softmax(A @ x)"),
    ("squared norm of a ratio: a missing factor", "norm(x / dot(a, x))**2", {"x": ["n"], "a": ["n"]}, "x", {}, 1,
     "2 * x / dot(a, x)**2"),
    # Hessians
    ("Hessian of a quadratic form: off by a term", "x.T @ A @ x", {"x": ["n"], "A": ["n", "n"]}, "x", {}, 2, "A"),
    ("Hessian of a quadratic form: off by a transpose", "x.T @ A @ B @ x",
     {"x": ["n"], "A": ["n", "n"], "B": ["n", "n"]}, "x", {}, 2, "2 * A @ B"),
    ("Hessian of least squares: factor of 2", "norm(A @ x - b)**2", {"A": ["m", "n"], "x": ["n"], "b": ["m"]},
     "x", {}, 2, "A.T @ A"),
    ("Hessian of the logistic loss: a missing factor", "sum(softplus(X @ w) - y * (X @ w))",
     {"X": ["m", "n"], "w": ["n"], "y": ["m"]}, "w", {}, 2, "X.T @ diag(sigmoid(X @ w)) @ X"),
    # the Gini coefficient: abs's argument is identically zero on its diagonal (no kink there, checks.still); the
    # right result is (sign(M) @ 1 - sign(M).T @ 1) / (2 n^2 mean(x)) - mean(|M|) 1 / (2 n mean(x)^2)
    ("Gini: a dropped term", GINI, {"x": ["n"]}, "x", {}, 1,
     f"(sign({_M}) @ ones(n) - sign({_M}).T @ ones(n)) / (2 * n**2 * mean(x))"),
    ("Gini: wrong sign", GINI, {"x": ["n"]}, "x", {}, 1,
     f"(sign({_M}) @ ones(n) - sign({_M}).T @ ones(n)) / (2 * n**2 * mean(x)) + mean(abs({_M})) * ones(n) "
     "/ (2 * n * mean(x)**2)"),
    ("Gini: factor of 2", GINI, {"x": ["n"]}, "x", {}, 1,
     f"(sign({_M}) @ ones(n) - sign({_M}).T @ ones(n)) / (n**2 * mean(x)) - mean(abs({_M})) * ones(n) "
     "/ (2 * n * mean(x)**2)"),
]


def _parse(problem, text: str) -> E.Node:
    table = {v.name: E.var(v.name, v.shape, symmetric=Assumption.SYMMETRIC in v.assume) for v in problem.variables}
    return E.parse(text, E.Scope(table, {s: shapes.size_symbol(s) for s in problem.sizes}))


def _planted(label, expression, variables, wrt, assume, order, wrong):
    problem = make_problem(expression, variables, [wrt], assume=assume, pid=label)
    d = derive(problem, wrt) if order == 1 else derive_hessian(problem, wrt)
    node = _parse(problem, wrong)
    assert node.shape == d.result.shape, f"{label}: the plant must keep the result's shape"
    return problem, d, replace(d, result=node, numerator=E.transpose(node))


def test_there_are_at_least_twenty_plants_of_every_kind():
    assert len(PLANTS) >= 20
    assert {p[5] for p in PLANTS} == {1, 2}


@pytest.mark.parametrize("plant", PLANTS, ids=[p[0] for p in PLANTS])
def test_a_planted_wrong_result_fails_numeric_and_components(plant):
    problem, right, wrong = _planted(*plant)
    numeric, components = (numeric_check, components_check) if right.order == 1 else \
        (second_numeric_check, second_components_check)
    guards = kink_arguments(problem.expression)
    with np.errstate(all="ignore"):
        # the derived result passes both (the plant is what fails, not the problem)
        assert numeric(problem, right, point_rng(problem, right.wrt), guards).passed
        assert components(problem, right).passed
        by_numbers = numeric(problem, wrong, point_rng(problem, wrong.wrt), guards)
    by_entries = components(problem, wrong)
    assert by_numbers.status is CheckStatus.FAILED, by_numbers.detail
    assert by_entries.status is CheckStatus.FAILED, by_entries.detail


@pytest.mark.parametrize("wrong", [
    lambda k: replace(k, low=-2),                                     # an interval too wide
    lambda k: replace(k, subgradient=E.neg(k.subgradient)),           # the set with the wrong sign
], ids=["interval too wide", "wrong sign"])
def test_a_planted_wrong_subgradient_fails_the_subgradient_check(wrong):
    # a set at a kink is not a derivative: the one-sided differences at the kink are its check
    problem = make_problem("sum(abs(A @ x))", {"A": ["m", "n"], "x": ["n"]}, ["x"])
    d = derive(problem, "x")
    assert verify(problem, d).subgradient.passed
    planted = replace(d, kinks=(wrong(d.kinks[0]), *d.kinks[1:]))
    assert verify(problem, planted).subgradient.status is CheckStatus.FAILED


# (label, function, variables, wrt, the wrong result): functions whose terms cancel (zero up to rounding, so the
# numeric check judges their differences at the scale of the terms) and ordinary ones beside them, with the
# mistakes that scale could hide: a nonzero derivative where zero is right, a wrong term a millionth in size
CANCELLING_PLANTS = [
    ("commutator trace: one term's derivative", "tr(X @ A) - tr(A @ X)", {"X": ["n", "n"], "A": ["n", "n"]}, "X",
     "A.T"),
    ("commutator trace: a dropped transpose", "tr(X @ A) - tr(A @ X)", {"X": ["n", "n"], "A": ["n", "n"]}, "X",
     "A - A.T"),
    ("commutator trace: a millionth of X", "tr(X @ A) - tr(A @ X)", {"X": ["n", "n"], "A": ["n", "n"]}, "X",
     "1e-6 * X"),
    ("norm minus dot: one term's derivative", "norm(x)**2 - dot(x, x)", {"x": ["n"]}, "x", "2 * x"),
    ("norm minus dot: a millionth of x", "norm(x)**2 - dot(x, x)", {"x": ["n"]}, "x", "1e-6 * x"),
    ("cyclic trace: one term's derivative", "tr(X @ A @ B) - tr(B @ X @ A)", SQUARE, "X", "(A @ B).T"),
    ("cyclic trace: swapped factor order", "tr(X @ A @ B) - tr(B @ X @ A)", SQUARE, "X", "(A @ B).T - (B @ A).T"),
    ("log of exp minus s: a constant", "log(exp(s)) - s", {"s": []}, "s", "1e-6"),
    ("quadratic form: a millionth of x", "x.T @ A @ x", {"x": ["n"], "A": ["n", "n"]}, "x",
     "(A + A.T) @ x + 1e-6 * x"),
    ("trace product: a millionth of X", "tr(A @ X)", SQUARE, "X", "A.T + 1e-6 * X"),
]


@pytest.mark.parametrize("plant", CANCELLING_PLANTS, ids=[p[0] for p in CANCELLING_PLANTS])
def test_a_planted_wrong_result_fails_numeric_where_the_terms_cancel(plant):
    label, expression, variables, wrt, text = plant
    problem, right, wrong = _planted(label, expression, variables, wrt, {}, 1, text)
    guards = kink_arguments(problem.expression)
    with np.errstate(all="ignore"):
        for seed in range(5):
            assert numeric_check(problem, right, point_rng(problem, wrt, seed), guards).passed
            by_numbers = numeric_check(problem, wrong, point_rng(problem, wrt, seed), guards)
            assert by_numbers.status is CheckStatus.FAILED, (seed, by_numbers.detail)
    assert components_check(problem, wrong).status is CheckStatus.FAILED


@pytest.mark.parametrize("wrong", ["2 * A @ x", "(A + A.T) @ x + 0.01 * x"], ids=["a dropped transpose", "a hundredth"])
def test_a_planted_wrong_result_on_a_large_variable_fails_numeric_along_random_directions(wrong):
    """Over FD_FULL_MAX_ENTRIES entries the differences go along random directions, all of a level in one
    stack (checks.batched); the components check does not apply at that size."""
    problem, right, planted = _planted("large quadratic form", "x.T @ A @ x", {"x": [450], "A": [450, 450]}, "x",
                                       {}, 1, wrong)
    guards = kink_arguments(problem.expression)
    with np.errstate(all="ignore"):
        passed = numeric_check(problem, right, point_rng(problem, "x"), guards)
        failed = numeric_check(problem, planted, point_rng(problem, "x"), guards)
    assert passed.passed and "random directions" in passed.detail
    assert failed.status is CheckStatus.FAILED, failed.detail


def test_every_result_of_the_catalog_passes_numeric_and_components():
    catalog = load_catalog(ROOT / "derivations.yaml")
    failed = []
    for problem in catalog.problems:
        for d in derive_page(problem, derive, derive_hessian):
            numeric, components = (numeric_check, components_check) if d.order == 1 else \
                (second_numeric_check, second_components_check)
            with np.errstate(all="ignore"):
                results = (numeric(problem, d, point_rng(problem, d.wrt), kink_arguments(problem.expression)),
                           components(problem, d))
            failed += [(problem.id, d.wrt, d.order, r.detail) for r in results
                       if r.status is CheckStatus.FAILED]
    assert failed == []


RATIONAL = [p for p in PLANTS if p[5] == 1 and p[0].split(":")[0] in {
    "least squares", "quadratic form", "linear map", "affine dot", "trace product", "trace quadratic",
    "Frobenius residual", "determinant", "trace of an inverse", "inverse by a scalar", "gram inverse",
    "shifted inverse", "determinant of a product", "cube trace", "log det, symmetric X", "squared norm of a ratio",
    "cube of a trace", "Kronecker sum"}]


def test_most_first_derivative_plants_are_rational():
    assert len(RATIONAL) >= 20


@pytest.mark.parametrize("plant", RATIONAL, ids=[p[0] for p in RATIONAL])
def test_the_exact_route_passes_the_right_result_and_finds_the_planted_difference(plant):
    """On its own, without the SymPy route behind it: the right result agrees at every point, the
    wrong one differs at the first point (it is never passed, however it came to agree elsewhere)."""
    problem, right, wrong = _planted(*plant)
    sizes = next(s for s in _component_sizes(problem) if component_limit(problem, right, s) is None)
    assert exact_agreement(problem, right, sizes) is True
    assert exact_agreement(problem, wrong, sizes) is False


@pytest.mark.parametrize("plant", [p for p in PLANTS if p[5] == 1 and p not in RATIONAL],
                         ids=[p[0] for p in PLANTS if p[5] == 1 and p not in RATIONAL])
def test_the_exact_route_never_passes_a_planted_wrong_result_with_exponentials_or_kinks(plant):
    """Exponentials are modelled by variables (checks.exact): a wrong result differs there, or the
    route cannot decide and leaves it to the SymPy route; it is never passed."""
    problem, right, wrong = _planted(*plant)
    sizes = next(s for s in _component_sizes(problem) if component_limit(problem, right, s) is None)
    assert exact_agreement(problem, wrong, sizes) is not True


# ---------------------------------------------------------------- wrong steps where the result is (near) zero

def _scaled(node: E.Node, factor: str) -> E.Node:
    return E.mul(E.num(float(factor)), node)


def _wrong_local(d, of: str, wrt: str, factor: str):
    """d with the displayed local derivative d of / d wrt multiplied by ``factor``, in every path."""
    def fix(loc):
        if (loc.of, loc.wrt) != (of, wrt):
            return loc
        return loc.shown_as(_scaled(loc.numerator, factor), _scaled(loc.denominator, factor))
    assert any((loc.of, loc.wrt) == (of, wrt) for path in d.paths for loc in path)
    return replace(d, paths=tuple(tuple(fix(loc) for loc in path) for path in d.paths),
                   locals=tuple(fix(loc) for loc in d.locals))


def _wrong_accumulation(d, name: str, factor: str):
    """d with the first displayed term of d f / d name multiplied by ``factor``."""
    def fix(acc):
        if acc.name != name:
            return acc
        return acc.shown_as((_scaled(acc.numerator[0], factor), *acc.numerator[1:]),
                            (_scaled(acc.denominator[0], factor), *acc.denominator[1:]))
    assert any(acc.name == name for acc in d.accumulations)
    return replace(d, accumulations=tuple(fix(acc) for acc in d.accumulations))


def _wrong_product(d, name: str, factor: str):
    """d with ``factor`` times the intermediate ``name`` added to the displayed product (both layouts)."""
    item = d.intermediate(name)
    extra = _scaled(E.var(item.name, item.definition.shape, intermediate=True), factor)
    return replace(d, product=E.add(d.product, extra), product_numerator=E.add(d.product_numerator, E.transpose(extra)))


# (label, function, variables, wrt, how the displayed steps are made wrong): results that are zero, whose
# terms cancel; a steps check measuring against the values alone fails the right ones (issue s26),
# one measuring against a scale too large passes these
STEP_PLANTS = [
    ("ratio of negatives: a local derivative's sign", "(x - y)/(y - x)", {"x": [], "y": []}, "x",
     lambda d: _wrong_local(d, "f", "u_2", "-1")),
    ("ratio of negatives: a local derivative one part in a million off", "(x - y)/(y - x)", {"x": [], "y": []}, "x",
     lambda d: _wrong_local(d, "f", "u_2", "1.000001")),
    ("trace ratio: an accumulated term one part in a million off", "tr(X)/(2*tr(X))", {"X": ["n", "n"]}, "X",
     lambda d: _wrong_accumulation(d, "u_1", "1.000001")),
    ("trace ratio: an accumulated term's sign", "tr(X)/(2*tr(X))", {"X": ["n", "n"]}, "X",
     lambda d: _wrong_accumulation(d, "u_1", "-1")),
    ("softmax sums to one: a local derivative one part in a million off", "sum(exp(x) / sum(exp(x)))", {"x": ["n"]},
     "x", lambda d: _wrong_local(d, "u_3", "u_2", "1.000001")),
    ("softmax sums to one: the product off by a millionth of a term", "sum(exp(x) / sum(exp(x)))", {"x": ["n"]},
     "x", lambda d: _wrong_product(d, "u_3", "1e-6")),
]


@pytest.mark.parametrize("plant", STEP_PLANTS, ids=[p[0] for p in STEP_PLANTS])
def test_a_planted_wrong_step_fails_the_steps_check_where_the_terms_cancel(plant):
    label, expression, variables, wrt, corrupt = plant
    problem = make_problem(expression, variables, [wrt], pid=label)
    d = derive(problem, wrt)
    assert verify(problem, d).steps.passed      # the right steps pass, although the terms cancel
    steps = verify(problem, corrupt(d)).steps
    assert steps.status is CheckStatus.FAILED, steps.detail


# ---------------------------------------------------------------- wrong Hessians where the terms cancel

ZERO_FORM = {"x": ["n"], "A": ["n", "n"]}
ZERO_FORM_PLUS = {"x": ["n"], "A": ["n", "n"], "B": ["n", "n"]}
COMMUTATOR = {"X": ["n", "n"], "A": ["n", "n"]}

# (label, function, variables, wrt, the wrong Hessian): functions whose terms cancel, so that the Hessian
# numeric check judges their second differences at the scale of the terms (checks.second), with the
# mistakes that scale could hide, on the cancelling part alone and beside a part that does not cancel
SECOND_CANCELLING_PLANTS = [
    ("zero form: one term's Hessian", "dot(x, A @ x) - dot(A.T @ x, x)", ZERO_FORM, "x", "A + A.T"),
    ("zero form: a millionth of the identity", "dot(x, A @ x) - dot(A.T @ x, x)", ZERO_FORM, "x",
     "1e-6 * eye(n)"),
    ("zero form plus a form: factor of 2", "dot(x, A @ x) - dot(A.T @ x, x) + dot(x, B @ x)", ZERO_FORM_PLUS, "x",
     "2 * (B + B.T)"),
    ("zero form plus a form: a dropped transpose", "dot(x, A @ x) - dot(A.T @ x, x) + dot(x, B @ x)",
     ZERO_FORM_PLUS, "x", "2 * B"),
    ("zero form plus a form: a millionth of the identity", "dot(x, A @ x) - dot(A.T @ x, x) + dot(x, B @ x)",
     ZERO_FORM_PLUS, "x", "B + B.T + 1e-6 * eye(n)"),
    ("quartic norm minus squared dot: one term's Hessian", "norm(x)**4 - dot(x, x)**2", {"x": ["n"]}, "x",
     "8 * x @ x.T"),
    ("quartic norm minus squared dot: a millionth of x x^T", "norm(x)**4 - dot(x, x)**2", {"x": ["n"]}, "x",
     "1e-6 * x @ x.T"),
    ("commutator trace: a millionth of the identity", "tr(X @ A) - tr(A @ X)", COMMUTATOR, "X",
     "1e-6 * kron(eye(n), eye(n))"),
    ("squared trace minus transposed: one term's Hessian", "tr(X @ X) - tr(X.T @ X.T)", {"X": ["n", "n"]}, "X",
     "2 * commutation(n, n)"),
    ("squared trace minus transposed: a millionth", "tr(X @ X) - tr(X.T @ X.T)", {"X": ["n", "n"]}, "X",
     "1e-6 * kron(eye(n), eye(n))"),
]


@pytest.mark.parametrize("plant", SECOND_CANCELLING_PLANTS, ids=[p[0] for p in SECOND_CANCELLING_PLANTS])
def test_a_planted_wrong_hessian_fails_numeric_where_the_terms_cancel(plant):
    label, expression, variables, wrt, text = plant
    problem, right, wrong = _planted(label, expression, variables, wrt, {}, 2, text)
    with np.errstate(all="ignore"):
        for seed in range(5):
            assert second_numeric_check(problem, right, point_rng(problem, wrt, seed), []).passed
            by_numbers = second_numeric_check(problem, wrong, point_rng(problem, wrt, seed), [])
            assert by_numbers.status is CheckStatus.FAILED, (seed, by_numbers.detail)
    assert second_components_check(problem, wrong).status is CheckStatus.FAILED


def _wrong_inverse_rule(definition, changing):
    """The forward rule of the inverse with its factors swapped: -inv(U) inv(U) dU (a real mistake:
    d(U^-1) = -U^-1 dU U^-1 does not commute)."""
    from mcdocgen.engine.differential import Step, local_differential
    right = local_differential(definition, changing)
    if not isinstance(definition, E.Inv) or right.value is None:
        return right
    du = right.value.arg.left.right     # -(inv(U) @ dU) @ inv(U): dU
    return Step(E.neg(E.matmul(E.matmul(definition, definition), du)), right.rule)


def test_a_planted_wrong_forward_rule_fails_the_steps_check(monkeypatch):
    """The steps agree among themselves with a wrong rule (the result is computed from them): the steps
    check still fails, at the rule's own step, against the operation's vec-form Jacobian."""
    from mcdocgen.engine import forward
    problem = make_problem("inv(A + t * B)", {"A": ["n", "n"], "B": ["n", "n"], "t": []}, ["t"],
                           assume={"A": ["invertible"]})
    right = derive(problem, "t")
    assert verify(problem, right).steps.passed
    monkeypatch.setattr(forward, "rule_step", _wrong_inverse_rule)
    planted = derive(problem, "t")
    assert planted.ok and E.to_text(planted.locals[-1].numerator) == "-(F @ (F @ B))"
    assert E.to_text(right.locals[-1].numerator) == "-(F @ (B @ F))"
    checks = verify(problem, planted)
    assert checks.steps.status is CheckStatus.FAILED, checks.steps.detail
    assert checks.numeric.status is CheckStatus.FAILED


def test_a_planted_wrong_forward_step_fails_the_steps_check():
    """A displayed step that is not what its rule gives (a dropped transpose in the denominator layout)."""
    problem = make_problem("inv(A + t * B) @ C", {"A": ["n", "n"], "B": ["n", "n"], "C": ["n", "n"], "t": []}, ["t"],
                           assume={"A": ["invertible"]})
    d = derive(problem, "t")
    step = d.locals[-2]
    planted = replace(d, locals=(*d.locals[:-2], step.shown_as(step.numerator, step.numerator), d.locals[-1]))
    assert verify(problem, d).steps.passed
    assert verify(problem, planted).steps.status is CheckStatus.FAILED


# A family of kinks whose arguments are identically zero in some entries (checks.still): blocks zero on the
# diagonal or off it, times a free factor, under a kink function; f = sum(kink(A) * Y) + sum(X * X). The right
# result passes every check, and each plant fails the numeric check: the term 2 X dropped, the kink's part with
# its sign flipped, or doubled.
STILL_BLOCKS = ["X - X.T", "X @ Y - Y.T @ X.T", "outer(X @ y, ones(n)) - outer(ones(n), X @ y)", "X * eye(n)",
                "diag(diag(X @ Y)) + eye(n) * sum(y)"]
# (no positive factor: abs(X * exp(Y)) and abs(X * 3) have their kink called removed by the engine, sign(X) for
# sign(X * exp(Y)), whatever the zero entries; the removed-kink check fails them, rightly: not this family's subject)
STILL_FACTORS = ["", " * sin(Y)", " * outer(y, y)"]
STILL_KINKS = ["abs({})", "relu({})", "maximum({}, 0)", "maximum({}, Y * 0.5)"]
STILL_PLANTS = {"a dropped term": lambda r, x: E.sub(r, E.mul(E.num(2), x)),
                "the kink's part with a flipped sign": lambda r, x: E.sub(E.mul(E.num(4), x), r),
                "the kink's part doubled": lambda r, x: E.sub(E.mul(E.num(2), r), E.mul(E.num(2), x))}


@settings(max_examples=8, deadline=None, derandomize=True)
@given(st.sampled_from(STILL_BLOCKS), st.sampled_from(STILL_FACTORS), st.sampled_from(STILL_KINKS))
def test_a_kink_with_entries_identically_zero_checks_right_and_catches_plants(block, factor, kink):
    text = f"sum({kink.format(f'({block}){factor}')} * Y) + sum(X * X)"
    problem = make_problem(text, {"X": ["n", "n"], "Y": ["n", "n"], "y": ["n"]}, ["X"], pid="still")
    right = derive(problem, "X")
    with np.errstate(all="ignore"):
        v = verify(problem, right)
        assert v.ok, (text, {k: c.detail for k, c in v.checks().items()})
        x = next(n for n in E.walk(problem.expression) if isinstance(n, E.Var) and n.name == "X")
        for label, plant in STILL_PLANTS.items():
            wrong = plant(right.result, x)
            planted = replace(right, result=wrong, numerator=E.transpose(wrong))
            found = numeric_check(problem, planted, point_rng(problem, "X"), kink_arguments(problem.expression))
            assert found.status is CheckStatus.FAILED, (text, label, found.detail)
