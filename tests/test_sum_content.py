"""sum_content.factor_terms_of: on random coefficients (integers and fractions of either sign, two to four terms) the
modelled factor_terms gives SymPy's tree, ==, and repr alike."""

from fractions import Fraction

import sympy
from hypothesis import example, given, strategies as st

from mcdocgen.engine.sum_content import factor_terms_of

_SYMBOLS = sympy.symbols("a b c d", real=True)
_COEFFS = st.builds(Fraction, st.integers(-12, 12).filter(bool), st.sampled_from((1, 1, 2, 3, 4, 6)))


def _rational(c):
    return sympy.Rational(c.numerator, c.denominator)


@given(st.lists(_COEFFS, min_size=2, max_size=4))
@example([Fraction(-1, 2), Fraction(-2)])        # exp(-(2 g + u / 2)): the minus taken out, the half left in
@example([Fraction(1, 2), Fraction(1, 2)])       # (u + v) / 2: no integer if distributed
@example([Fraction(2), Fraction(4)])             # 2 (u + 2 v)
@example([Fraction(2, 3), Fraction(4)])          # 2 (u / 3 + 2 v)
@example([Fraction(-1, 2), Fraction(3, 2)])      # (3 v - u) / 2
def test_factor_terms_of_coefficients_is_sympys(coeffs):
    e = sympy.Add(*(_rational(c) * s for c, s in zip(coeffs, _SYMBOLS[:len(coeffs)], strict=True)))
    k, inner = factor_terms_of(tuple(coeffs))
    assert len(inner) == len(coeffs)
    inner_sum = sympy.Add(*(_rational(d) * s for d, s in zip(inner, _SYMBOLS[:len(inner)], strict=True)))
    expected = inner_sum if k == 1 else sympy.Mul(_rational(k), inner_sum, evaluate=False)
    found = sympy.factor_terms(e)
    assert found == expected and repr(found) == repr(expected) and sympy.srepr(found) == sympy.srepr(expected), (
        coeffs, found, expected)
