"""factor_terms of a sum whose terms share no generator, modelled on its coefficients alone.

SymPy's factor_terms (clear=False, sign=True: the call ring_cancel and cancelled.py make) takes a number out of a sum
c1 g1 + c2 g2 + ... only by its coefficients where no generator is common to two terms (each g a product of powers of
distinct atoms, exp(u - 2 v)'s argument): the content and primitive part (Add.as_content_primitive), a minus taken out
where every term has one, gcd_terms' rational content, and _keep_coeff's rule that a number is distributed back where
that leaves some coefficient an integer. The steps below are those, in order, on Fractions; what they give is the
factor k and the coefficients of the sum inside, k (d1 g1 + d2 g2 + ...) (k 1: the sum itself). Every atom of the
sum is opaque to them, so the answer is a function of the coefficients: tests/test_sum_content.py checks it against
factor_terms on random coefficients.
"""

from __future__ import annotations

import math
from fractions import Fraction


def factor_terms_of(coeffs: tuple[Fraction, ...]) -> tuple[Fraction, tuple[Fraction, ...]]:
    """(k, d) with factor_terms(sum c_i g_i) = k * (sum d_i g_i), the product unevaluated where k is not 1; ``coeffs``
    nonzero, two or more, their generators sharing nothing."""
    con, prim = _content_primitive(coeffs)
    if all(p < 0 for p in prim):   # the common minus factor_terms takes out before gcd_terms
        con, prim = -con, tuple(-p for p in prim)
    inner, numbers = _gcd_terms(prim)
    # _keep_coeff(con, inner * (numbers), sign=True): a Mul's number times con, or con kept beside the sum
    k = con * inner
    if k.denominator != 1 and con.denominator != 1 and inner == 1:
        distributed = tuple(con * d for d in numbers)
        if any(d.denominator == 1 for d in distributed):
            return Fraction(1), distributed
    return k, numbers


def _content_primitive(coeffs: tuple[Fraction, ...]) -> tuple[Fraction, tuple[Fraction, ...]]:
    """Add.as_content_primitive(clear=False): the positive content gcd / lcm and the integer primitive part, the
    content's denominator put back into the part where some coefficient stays an integer."""
    con = Fraction(math.gcd(*(c.numerator for c in coeffs)), math.lcm(*(c.denominator for c in coeffs)))
    prim = tuple(c / con for c in coeffs)
    if con.denominator != 1:
        over = tuple(p / con.denominator for p in prim)
        if any(p.denominator == 1 for p in over):
            return Fraction(con.numerator), over
    return con, prim


def _gcd_terms(prim: tuple[Fraction, ...]) -> tuple[Fraction, tuple[Fraction, ...]]:
    """gcd_terms(isprimitive=True, clear=False) of the sum: (the number kept beside it, its coefficients); the
    terms' rational gcd taken out, then put back where an integer coefficient stays (_keep_coeff, clear=False)."""
    g = Fraction(math.gcd(*(p.numerator for p in prim)), math.lcm(*(p.denominator for p in prim)))
    numer = tuple(p / g for p in prim)
    coeff = g
    if coeff.denominator != 1:
        over = tuple(p / coeff.denominator for p in numer)
        if any(p.denominator == 1 for p in over):
            numer, coeff = over, Fraction(coeff.numerator)
    if coeff == 1:
        return Fraction(1), numer
    if coeff.denominator != 1:
        distributed = tuple(coeff * p for p in numer)
        if any(p.denominator == 1 for p in distributed):
            return Fraction(1), distributed
    return coeff, numer
