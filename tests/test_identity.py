"""checks.identity: entries shown equal symbolically, by exact polynomial identity testing, or by digits."""

from __future__ import annotations

import numpy as np
import pytest
import sympy
from hypothesis import given, settings, strategies as st

from mcdocgen.checks.equality import Differs, equal
from mcdocgen.checks.identity import (
    IDENTITY_DEGREE_STEP, IDENTITY_FALSE_PASS, IDENTITY_MAX_DEGREE, IDENTITY_POINTS, IDENTITY_RANGE, Pole, Proof,
    exact_value, identity_test, point_range, proof_text, rational_form,
)

x, y, z = sympy.symbols("x y z", real=True)
X = sympy.Matrix(2, 2, sympy.symbols("X_11 X_12 X_21 X_22", real=True))
t = sympy.Symbol("t", real=True)


def _rng(seed: int = 0) -> np.random.Generator:
    return np.random.default_rng(seed)


def _sigmoid(e):
    return 1 / (1 + sympy.exp(-e))


def test_structurally_equal_and_small_polynomials_are_symbolic():
    assert equal(x * y, y * x, _rng()) is Proof.SYMBOLIC
    assert equal(2 * x * (x + y), 2 * x ** 2 + 2 * x * y, _rng()) is Proof.SYMBOLIC
    assert isinstance(equal(2 * x * (x + y), 2 * x ** 2 + x * y, _rng()), Differs)


def test_rational_identities_are_tested_at_exact_points():
    product = X.inv() * X       # sums of quotients that are 1 or 0: neither SymPy's zero nor a polynomial
    proofs = [equal(product[i], sympy.eye(2)[i], _rng()) for i in range(4)]
    assert Proof.IDENTITY in proofs and set(proofs) <= {Proof.SYMBOLIC, Proof.IDENTITY}
    # the derivative of the inverse by a scalar, entry by entry, against -inv(M) M' inv(M)
    m = X + t * sympy.eye(2)
    by_diff = m.inv().applyfunc(lambda e: sympy.diff(e, t))
    by_rule = -m.inv() * m.inv()
    assert all(equal(by_diff[i], by_rule[i], _rng()) is Proof.IDENTITY for i in range(4))


def test_a_rational_entry_off_by_a_small_term_is_caught():
    inverse = X.inv()
    off = inverse[0, 0] + 1 / X.det() ** 3 / 10 ** 12
    assert isinstance(equal(inverse[0, 0], off, _rng()), Differs)
    assert isinstance(equal(inverse[0, 1], inverse[1, 0], _rng()), Differs)      # a transpose


def test_exponentials_of_polynomials_are_new_independent_variables():
    # sigma' = sigma (1 - sigma), written as SymPy differentiates it
    s = _sigmoid(x * y + z)
    assert equal(sympy.diff(s, z), s * (1 - s), _rng()) is Proof.IDENTITY
    assert isinstance(equal(sympy.diff(s, z), s * (1 + s), _rng()), Differs)
    # relations between exponentials are seen: exp(a + b) = exp(a) exp(b), exp(x / 2) ** 2 = exp(x)
    assert equal(sympy.exp(x + y * z) / (1 + x), sympy.exp(x) * sympy.exp(y * z) / (1 + x), _rng()) is Proof.IDENTITY
    half = sympy.exp(x / 2)
    assert equal((1 + half) ** 2 / (y + 1), (1 + 2 * half + sympy.exp(x)) / (y + 1), _rng()) is Proof.IDENTITY
    assert isinstance(equal((1 + half) ** 2 / (y + 1), (1 + half + sympy.exp(x)) / (y + 1), _rng()), Differs)


def test_an_exponential_is_never_taken_for_its_exponent():
    # Y_x = exp(x) is a variable of its own, not the entry x
    assert isinstance(equal(sympy.exp(x) / (1 + y), x / (1 + y), _rng()), Differs)
    assert isinstance(equal(sympy.exp(x * y) / (1 + y), x * y / (1 + y), _rng()), Differs)


def test_hyperbolic_functions_are_written_with_exponentials():
    assert equal(sympy.tanh(x * y) * sympy.cosh(x * y) / (1 + z), sympy.sinh(x * y) / (1 + z), _rng()) is Proof.IDENTITY
    assert isinstance(equal(sympy.tanh(x * y) * sympy.cosh(x * y) / (1 + z), sympy.cosh(x * y) / (1 + z), _rng()), Differs)


def test_other_functions_go_to_digits_or_expansion():
    assert rational_form(sympy.sin(x) ** 2) is None
    assert rational_form(sympy.exp(x + 1)) is None       # a constant in the exponent: exp(1) is not a new variable
    assert rational_form(sympy.exp(sympy.sin(x))) is None
    assert rational_form(sympy.exp((x + 1) ** 50)) is None  # not expanded into monomials
    assert rational_form(sympy.exp(sympy.pi * x)) is None     # an irrational coefficient
    assert equal(sympy.sin(x) ** 2 + sympy.cos(x) ** 2 + x / (1 + y), 1 + x / (1 + y), _rng()) is Proof.DIGITS
    assert isinstance(equal(sympy.sin(x) ** 2 + x / (1 + y), 1 + x / (1 + y), _rng()), Differs)
    assert isinstance(equal(sympy.log(x * y) / (1 + y), sympy.log(x * y) / (1 + y) + x / 10 ** 12, _rng()), Differs)


@pytest.mark.parametrize("seed", range(8))
def test_digits_compare_relative_to_the_sides_not_to_an_absolute_zero(seed):
    """Found in review: with 1e-25 absolute, 2 g and g passed for a tiny Gaussian g, and E asinh(x)
    against its log form failed where E = exp(xyz + 1) is about 1e155."""
    p, q, r = sympy.symbols("p q r", positive=True)
    tiny = sympy.exp(-(p ** 2 + q ** 2 + r ** 2)) / sympy.sqrt(sympy.pi)
    assert isinstance(equal(-2 * p * tiny, -p * tiny, _rng(seed)), Differs)
    assert isinstance(equal(-2 * x * sympy.exp(-(x ** 2 + y ** 2) - 1), -x * sympy.exp(-(x ** 2 + y ** 2) - 1), _rng(seed)), Differs)
    huge = sympy.exp(x * y * z + 1)
    assert equal(huge * sympy.asinh(x), huge * sympy.log(x + sympy.sqrt(x ** 2 + 1)), _rng(seed)) is Proof.DIGITS


def test_digits_redraw_a_singular_point_and_sample_positive_symbols_positive():
    assert equal(sympy.asinh(x) / (x - y), sympy.log(x + sympy.sqrt(x ** 2 + 1)) / (x - y),
                 np.random.default_rng([105])) is Proof.DIGITS   # x = y drawn: redrawn, not "different"
    p = sympy.Symbol("p", positive=True)
    for seed in range(4):   # atan(p) + atan(1/p) = pi/2 holds for p > 0 only
        assert equal(sympy.atan(p) + sympy.atan(1 / p), sympy.pi / 2, _rng(seed)) is Proof.DIGITS
        assert isinstance(equal(sympy.atan(p) + sympy.atan(1 / p), sympy.pi / 3, _rng(seed)), Differs)


def test_degree_bounds_are_read_off_the_tree():
    assert rational_form(x + 1 / y).degree == 2                 # (x y + 1) / y
    assert rational_form(x ** 3 / (y + 1) ** 2).degree == 3
    assert rational_form(sympy.exp(2 * x * y - z) / x).degree == 2      # Y_xy^2 / (Y_z x)
    assert rational_form(x ** 2 + y).polynomial
    assert not rational_form(sympy.exp(x)).polynomial


def test_a_degree_over_the_limit_is_left_to_the_other_routes():
    huge = x ** (IDENTITY_MAX_DEGREE + 1) / (1 + y)
    assert identity_test(rational_form(huge - x), _rng()) is None


def test_a_high_degree_is_tested_with_a_wider_range_not_expanded():
    # (x + 1) ** 5000 expanded took SymPy minutes; exactly at points in [1, 5 * 2^32], milliseconds
    high = (x + 1) ** 5000
    assert equal(high * (y + 1), high * y + high, _rng()) is Proof.IDENTITY
    assert isinstance(equal(high * (y + 1), high * y + high + x, _rng()), Differs)


def test_a_pole_is_redrawn_not_taken_for_a_value():
    expr = 1 / (x - y)
    with pytest.raises(Pole):
        exact_value(expr, {x: 3, y: 3}, {})
    assert exact_value(expr, {x: 5, y: 3}, {}) == (1, 2)


def test_the_stated_probability_bounds_schwartz_zippel():
    # a nonzero numerator of degree d vanishes at a random point of [1, R]^k with probability <= d / R;
    # points at a pole (denominator of degree <= d) are redrawn: <= d / (R - d) each
    assert point_range(IDENTITY_DEGREE_STEP) == IDENTITY_RANGE == 2 ** 32
    for degree in (1, 999, IDENTITY_DEGREE_STEP, 5_000, 12_345, IDENTITY_MAX_DEGREE):
        per_point = degree / (point_range(degree) - degree)
        assert per_point ** IDENTITY_POINTS <= IDENTITY_FALSE_PASS < 1e-18


@settings(max_examples=40, deadline=None, derandomize=True)
@given(st.integers(-5, 5), st.integers(-5, 5), st.integers(1, 3))
def test_a_nonzero_polynomial_difference_is_never_taken_for_zero(a, b, k):
    # any nonzero perturbation of an identity is a difference, whatever its size
    base = (x + y) ** k / (1 + z ** 2)
    other = sympy.expand((x + y) ** k) / (1 + z ** 2) + (a * x + b) / (1 + z ** 2) ** 2
    found = equal(base, other, _rng(k))
    assert found in {Proof.SYMBOLIC, Proof.IDENTITY} if (a, b) == (0, 0) else isinstance(found, Differs)


def test_the_same_seed_gives_the_same_answer():
    pairs = [(X.inv()[0, 0], X[1, 1] / X.det()), (sympy.sin(x) ** 2, 1 - sympy.cos(x) ** 2)]
    assert [equal(a, b, _rng(3)) for a, b in pairs] == [equal(a, b, _rng(3)) for a, b in pairs]


def test_the_wording_of_each_proof():
    assert proof_text({Proof.SYMBOLIC}) == "symbolically"      # the pages of the golden problems
    both = proof_text({Proof.IDENTITY, Proof.SYMBOLIC})
    assert both.startswith("symbolically or exactly at 3 random integer points")
    assert "probability below 1e-19" in both
