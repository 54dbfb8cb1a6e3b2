"""checks.exact and checks.jets: exact forward-mode derivatives with degree bounds, against SymPy's diff and degrees."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy

from mcdocgen.checks.exact import EXACT
from mcdocgen.checks.jets import Jet, NotExact, Pole, Root, lift

X, Y = sympy.symbols("x y")


def _point(x: int, y: int) -> tuple[Jet, Jet]:
    """x and y at a point, each with its derivative along its own direction, degree 1."""
    return Jet(Fraction(x), (Fraction(1), Fraction(0)), (1, 0)), Jet(Fraction(y), (Fraction(0), Fraction(1)), (1, 0))


def _degrees(e: sympy.Expr) -> tuple[int, int]:
    num, den = sympy.fraction(sympy.cancel(sympy.together(e)))
    return sympy.Poly(num, X, Y).total_degree(), sympy.Poly(den, X, Y).total_degree()


CASES = [
    (lambda x, y: (x * y + 3) / (x - y ** 2), lambda x, y: (x * y + 3) / (x - y ** 2)),
    (lambda x, y: x ** 3 - 2 * x * y + y ** -2, lambda x, y: x ** 3 - 2 * x * y + y ** -2),
    (lambda x, y: 1 / (1 + x / (y + 1)) - x / 2, lambda x, y: 1 / (1 + x / (y + 1)) - x / 2),
]


@pytest.mark.parametrize("case", range(len(CASES)))
def test_values_and_derivatives_are_sympys_exactly_within_the_degree_bounds(case):
    jet_f, sympy_f = CASES[case]
    point = {X: 7, Y: -3}
    out = jet_f(*_point(7, -3))
    expr = sympy_f(X, Y)
    assert out.v == Fraction(str(expr.subs(point)))
    for k, s in enumerate((X, Y)):
        derivative = sympy.diff(expr, s)
        assert out.g[k] == Fraction(str(derivative.subs(point)))
        # the bounds hold for the reduced fractions (they bound an unreduced form of each)
        assert all(b >= t for b, t in zip(out.gb, _degrees(derivative), strict=True))
    assert all(b >= t for b, t in zip(out.vb, _degrees(expr), strict=True))


def test_int_values_give_the_fraction_values_exactly_never_a_float():
    # the components check seeds ints (cheaper than Fractions): every division must stay exact
    x, y = Jet(7, (1, 0), (1, 0)), Jet(-3, (0, 1), (1, 0))
    for jet_f, _ in CASES:
        out, want = jet_f(x, y), jet_f(*_point(7, -3))
        assert (out.v, out.g, out.vb, out.gb) == (want.v, want.g, want.vb, want.gb)
        assert all(isinstance(t, (int, Fraction)) for t in (out.v, *out.g))
    logged = (x * x).log()
    assert logged.g == (Fraction(2, 7), 0) and all(isinstance(t, (int, Fraction)) for t in logged.g)


def test_a_logarithm_has_an_exact_derivative_and_no_value():
    x, _ = _point(4, 1)
    out = (x * x).log()
    assert out.v is None and out.g == (Fraction(2, 4), Fraction(0))
    with pytest.raises(NotExact):
        _ = out * x     # its value would be needed for the derivative of the product


def test_a_square_root_is_exact_squared_only():
    x, y = _point(3, 4)
    (root,) = EXACT.sqrt(np.array([[x * x + y * y]], dtype=object)).ravel()
    assert isinstance(root, Root)
    squared = root ** 2
    assert squared.v == 25 and squared.g == (6, 8)
    with pytest.raises(NotExact):
        _ = root ** 1
    with pytest.raises(NotExact):
        _ = root + 1


def test_only_a_constant_integer_power_is_exact():
    x, _ = _point(2, 3)
    assert (x ** lift(3)).g == (12, 0)
    with pytest.raises(NotExact):
        _ = x ** Jet(Fraction(2), None, (1, 0))       # a variable exponent: no rational function
    with pytest.raises(NotExact):
        _ = x ** Fraction(1, 2)
    with pytest.raises(NotExact):
        _ = x ** 100_000                               # its degree: the SymPy route's case


def test_a_vanishing_denominator_is_a_pole():
    x, y = _point(2, 2)
    with pytest.raises(Pole):
        _ = 1 / (x - y)


def test_determinant_and_inverse_agree_with_sympys():
    rng = np.random.default_rng(5)
    values = [[int(v) for v in row] for row in rng.integers(-9, 9, size=(3, 3))]
    m = np.array([[lift(v) for v in row] for row in values], dtype=object)
    exact = sympy.Matrix(values)
    assert EXACT.det(m)[0, 0].v == exact.det()
    inverse = EXACT.inv(m)
    assert [[e.v for e in row] for row in inverse] == [[Fraction(str(e)) for e in row] for row in exact.inv().tolist()]


def test_functions_without_exact_values_are_refused():
    m = np.array([[lift(1)]], dtype=object)
    for call in (lambda: EXACT.softmax(m), lambda: EXACT.maximum(m, m), lambda: EXACT.norm1(m)):
        with pytest.raises(NotExact):
            call()
    with pytest.raises(NotExact):
        EXACT.num(sympy.sqrt(2), {})
