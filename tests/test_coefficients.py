"""Common scalar factors of a sum: the numbers' greatest common factor, scalars of one array collected."""

import pytest

from rewrite_support import assert_same_value, parse
from mcdocgen import language as E
from mcdocgen.engine.simplify import RewriteId, simplify
from mcdocgen.engine.simplify.coefficients import add


def flat(node):
    """One sum of all the terms, as the loop's sums are (the parser nests a + b + c)."""
    def terms(n):
        return [t for k in n.terms for t in terms(k)] if isinstance(n, E.Add) else [n]
    return E.add(*terms(node))


@pytest.mark.parametrize("text, factored, rule", [
    ("-2 * y + 2 * x", "2 * (-y + x)", RewriteId.COMMON_NUMBER),
    ("-2 * x + -4 * y + -2 * c", "-2 * (x + 2 * y + c)", RewriteId.COMMON_NUMBER),
    ("6 * c + 6", "6 * (c + 1)", RewriteId.COMMON_NUMBER),
    ("2 * x + 4 * c**2 * x", "(2 + 4 * c**2) * x", RewriteId.COLLECT_SCALARS),
    ("c * x + y + d * x", "(c + d) * x + y", RewriteId.COLLECT_SCALARS),
    ("x + -c * x", "(1 - c) * x", RewriteId.COLLECT_SCALARS),
    ("0.5 * (A.T @ x) + 0.5 * (A @ x) - y", "0.5 * (A.T @ x + A @ x) - y", RewriteId.COMMON_NUMBER),
    ("y + 3 * x + 3 * (A @ x)", "y + 3 * (x + A @ x)", RewriteId.COMMON_NUMBER),
])
def test_common_factors_come_out(text, factored, rule):
    node = flat(parse(text))
    found = add(node)
    assert found is not None and found[0] is rule
    assert E.to_text(found[1]) == factored
    assert_same_value(node, found[1])


@pytest.mark.parametrize("text", ["2 * x + 4 * y", "x + y", "c * x + d * y", "2 * c + 3 * d", "6 * c + 3", "x.T @ A + 2 * x.T"])
def test_a_sum_with_nothing_shared_is_left(text):
    assert add(flat(parse(text))) is None


@pytest.mark.parametrize("text, simplified", [
    ("-2 * y + 2 * x", "2 * (x - y)"),
    ("2 * x + 4 * norm(x)**2 * x", "(4 * norm(x)**2 + 2) * x"),
    ("2 * (A.T @ (A @ x)) - 2 * (A.T @ y)", "2 * (A.T @ (A @ x - y))"),
])
def test_the_simplifier_takes_them_out(text, simplified):
    out = simplify(parse(text))
    assert E.to_text(out) == simplified
    assert_same_value(parse(text), out)


def test_gcd_of_rationals_is_sympys():
    """The coefficients' gcd (math.gcd over numerators, lcm of denominators) is sympy.gcd's number, of
    the same type, for nonzero rationals of either sign."""
    import random

    import sympy

    from mcdocgen.engine.simplify.coefficients import _gcd
    rng = random.Random(7)
    for _ in range(2000):
        a, b = (sympy.Rational(rng.choice([-1, 1]) * rng.randint(1, 60), rng.randint(1, 24)) for _ in range(2))
        got, want = _gcd(a, b), sympy.gcd(a, b)
        assert got == want and type(got) is type(want), (a, b)


@pytest.mark.parametrize("text, factored", [
    # layer normalisation's Jacobian: every term over a power of sigma, sigma taken out
    ("A / sqrt(c) - x @ x.T / (d * c**1.5)", "(A - x @ x.T / (c * d)) / sqrt(c)"),
    ("X / sqrt(c) - X @ A / (d * c**1.5)", "(X - X @ A / (c * d)) / sqrt(c)"),     # m x n terms
    ("-(A / sqrt(c)) - A @ A / (d * c**1.5)", "-((A + A @ A / (c * d)) / sqrt(c))"),   # signs on both
])
def test_a_common_scalar_divisor_comes_out(text, factored):
    node = flat(parse(text))
    found = add(node)
    assert found is not None and found[0] is RewriteId.COMMON_DIVISOR
    assert E.to_text(found[1]) == factored
    assert_same_value(node, found[1])


@pytest.mark.parametrize("text", [
    "A / c + B",                          # a term not divided: nothing common
    "A / 2 + B / 4",                      # numbers only (the common number's business)
    "A / sqrt(c) + B / sqrt(d)",          # two divisors: taking one out is not shorter
    "x / sum(x) - y / sum(x)**2",         # a normalisation x / sum(x) stays whole
    "d * A / c + B / c**2",               # d / c taken out would leave B / (c d), undefined at d = 0
])
def test_a_sum_without_a_common_scalar_divisor_is_left(text):
    found = add(flat(parse(text)))
    assert found is None or found[0] is not RewriteId.COMMON_DIVISOR
