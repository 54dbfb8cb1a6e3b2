"""checks.equality: the route each difference takes, and the bound on expanding it (test_identity.py
holds the proofs of each route through ``equal``)."""

from __future__ import annotations

import mpmath
import numpy as np
import sympy

from mcdocgen.checks.equality import (SYMBOLIC_SIZE, SYMBOLIC_TERMS, Differs, Undecided, _heaviside, equal,
                                      expansion_terms)
from mcdocgen.checks.identity import Proof, rational_form, tree_size

x, y, z = sympy.symbols("x y z", real=True)


def _rng(seed: int = 0) -> np.random.Generator:
    return np.random.default_rng(seed)


def test_expansion_terms_bound_what_expand_and_cancel_make():
    assert expansion_terms(x + y) == 2
    assert expansion_terms((x + y) ** 3) == 8             # at least the 4 terms it has
    assert expansion_terms(x / (y + 1) + 1 / z) == 3       # x z + (y + 1)
    assert expansion_terms(sympy.log((x + y) ** 20) + x) >= 2 ** 20     # expand goes inside functions
    for e in ((x + y + 1) ** 4, (x + 1 / y) ** 3 - z / (x + 1)):
        assert len(sympy.Add.make_args(sympy.expand(sympy.numer(sympy.together(e))))) <= expansion_terms(e)


def _relative_error_entry():
    """One entry of the gradient by w of mean(abs(y - X w) / (abs(y) + abs(X w))) at N = 2, n = 3:
    SymPy's diff and the derived result, which agree only through |u| = u sign(u) and sign(u)^2 = 1."""
    X = sympy.Matrix(2, 3, lambda i, j: sympy.Symbol(f"X_{i + 1}{j + 1}", real=True))
    w = sympy.Matrix(3, 1, lambda i, _: sympy.Symbol(f"w_{i + 1}1", real=True))
    yv = sympy.Matrix(2, 1, lambda i, _: sympy.Symbol(f"y_{i + 1}1", real=True))
    p = X * w
    f = sum(sympy.Abs(yv[i] - p[i]) / (sympy.Abs(yv[i]) + sympy.Abs(p[i])) for i in range(2)) / 2
    ours = sum(X[i, 0] * yv[i] * (sympy.sign(yv[i]) + sympy.sign(p[i])) * sympy.sign(p[i] - yv[i])
               / (2 * (sympy.Abs(yv[i]) + sympy.Abs(p[i])) ** 2) for i in range(2))
    return sympy.diff(f, w[0]), ours


def test_a_large_expansion_is_left_for_identity_testing_by_cases():
    # expand and cancel of this difference took 2 s an entry (heuristic gcd on big integers)
    by_diff, ours = _relative_error_entry()
    assert expansion_terms(by_diff - ours) > SYMBOLIC_TERMS
    assert equal(by_diff, ours, _rng()) is Proof.CASES
    assert isinstance(equal(by_diff, -ours, _rng()), Differs)
    assert isinstance(equal(by_diff, ours + x / 10 ** 9, _rng()), Differs)


def test_a_small_difference_with_functions_is_still_expanded():
    assert equal(sympy.log(x) * (x + 1) ** 2, sympy.log(x) * (x ** 2 + 2 * x + 1), _rng()) is Proof.SYMBOLIC
    # sin^2 + cos^2: neither expansion nor the cases show it; digits do
    assert equal(sympy.sin(x) ** 2 + sympy.cos(x) ** 2, sympy.Integer(1), _rng()) is Proof.DIGITS


def _gcn_gradient_entry(inner_step: bool = True) -> tuple[sympy.Expr, sympy.Expr]:
    """Entry (1, 2) of the gradient by W of dot(v, relu(A relu(A X W) u)), all 2 x 2: SymPy's diff of the
    function and the derived form X^T A^T (H(A X W) * (A^T (v * H(q)) u^T)); without ``inner_step``,
    the inner relu's step left out (a wrong result)."""
    def m(name: str, r: int, c: int) -> sympy.Matrix:
        return sympy.Matrix(r, c, lambda i, j: sympy.Symbol(f"{name}_{i + 1}{j + 1}", real=True))

    A, X, W, v, u = m("A", 2, 2), m("X", 2, 2), m("W", 2, 2), m("v", 2, 1), m("u", 2, 1)
    inner = A * X * W
    q = A * inner.applyfunc(lambda e: sympy.Max(0, e)) * u
    f = (v.T * q.applyfunc(lambda e: sympy.Max(0, e)))[0, 0]
    outer = A.T * v.multiply_elementwise(q.applyfunc(sympy.Heaviside)) * u.T
    ours = X.T * A.T * (inner.applyfunc(sympy.Heaviside).multiply_elementwise(outer) if inner_step else outer)
    return sympy.diff(f, W[0, 1]), ours[0, 1]


def test_a_large_difference_with_steps_is_compared_in_digits():
    # relu of a product of relus: too large for the cases (and lambdify, left to itself, wrote each
    # Heaviside as a Piecewise folded into the terms around it: seconds an entry, 190 s for the GCN)
    by_diff, ours = _gcn_gradient_entry()
    assert tree_size(by_diff - ours) > SYMBOLIC_SIZE and rational_form(by_diff - ours) is None
    assert equal(by_diff, ours, _rng()) is Proof.DIGITS
    assert isinstance(equal(*_gcn_gradient_entry(inner_step=False), _rng()), Differs)


def test_the_step_is_sympys_heaviside_with_its_value_at_zero():
    half = mpmath.mpf(1) / 2
    assert [_heaviside(mpmath.mpf(t), half) for t in (-3, 0, 2)] == [0, half, 1]
    assert _heaviside(mpmath.mpf(0), 0) == 0      # Heaviside(x, 0): H0 as SymPy's second argument says


def test_digits_say_differs_only_at_a_point_they_found_and_print_it():
    """Session 46: a draw where a side is 0 / 0 was skipped, and too few points left made "differs"."""
    step = sympy.Heaviside(x) / sympy.sqrt(sympy.Max(0, x))     # 0 / 0 wherever x < 0
    differs = equal(step, 2 * step, _rng())
    assert isinstance(differs, Differs) and differs.where.startswith("at x = ")
    assert " against " in differs.where       # both values, at the point printed
    # finite only for x > 9, beyond nearly every draw: equal where finite, but neither shown equal nor to differ
    far = sympy.Heaviside(x - 9) / sympy.sqrt(sympy.Max(0, x - 9))
    undecided = equal(far * (sympy.sin(x) ** 2 + sympy.cos(x) ** 2), far, _rng())
    assert isinstance(undecided, Undecided) and "DIGITS_POINTS" in undecided.why


def test_digits_draw_until_enough_points_have_both_sides_finite():
    """Half the draws are 0 / 0 on both sides (x < 0): 3 comparable points of DIGITS_DRAWS draws, at every seed."""
    step = sympy.Heaviside(x) / sympy.sqrt(sympy.Max(0, x))
    for seed in range(20):
        assert equal(step * (sympy.sin(x) ** 2 + sympy.cos(x) ** 2), step, _rng(seed)) is Proof.DIGITS
