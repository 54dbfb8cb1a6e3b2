"""Sums of quotients of products of generators, P / D with D a monomial, in the engine's own algebra.

The scalar simplifier (scalars.py) weighs a few equal forms that SymPy's cancel, factor_terms and factor
make. For a sum of terms c g_1^k_1 g_2^k_2 ... (integer c and k, the g generators: symbols, or functions of
symbols that no candidate substitutes) whose numerator over the common denominator D is irreducible with
no common factor, those forms are known without SymPy's polynomial algebra: cancel gives P / D,
factor_terms gives it back (or -(-P) / D where every term is negative), factor gives the same up to the
sign, and the quotient split into its terms is the sum. tests/test_laurent.py checks on random sums that
the simplifier chooses with these what it chose with every candidate form.

P is known irreducible by a witness: a generator of degree one in exactly one term of P, whose cofactor
(that term without it) shares no generator with every other term, the coefficients having no common
factor. P is then primitive and of degree one in that generator, so irreducible; and as D is a monomial
and P no monomial, nothing cancels.
"""

from __future__ import annotations

import math

import sympy
from sympy.core.mul import _keep_coeff

from mcdocgen.engine.plain import is_generator, signs_kept

MAX_TERMS = 16   # terms past which SymPy's route is taken

Term = tuple[int, dict[sympy.Expr, int]]


def _term(t: sympy.Expr) -> Term | None:
    coeff, rest = t.as_coeff_Mul()
    if not coeff.is_Integer:
        return None
    powers: dict[sympy.Expr, int] = {}
    for f in sympy.Mul.make_args(rest):
        base, k = (f.base, f.exp) if f.is_Pow else (f, sympy.S.One)
        if not k.is_Integer or not is_generator(base) or base in powers:
            return None
        powers[base] = int(k)
    return int(coeff), powers


def _terms(e: sympy.Expr) -> list[Term] | None:
    """``e`` as a sum of terms c g^k ...: a sum, or a product of generator powers and one sum."""
    if e.is_Add:
        found = [_term(t) for t in e.args]
        return None if any(t is None for t in found) else found  # type: ignore[return-value]
    if not e.is_Mul:
        return None
    sums = [f for f in e.args if f.is_Add]
    if len(sums) != 1:
        return None
    outer = _term(e.func(*(f for f in e.args if not f.is_Add)))
    if outer is None or outer[0] != 1:
        return None
    out: list[Term] = []
    for t in sums[0].args:
        inner = _term(t)
        if inner is None:
            return None
        powers = dict(inner[1])
        for g, k in outer[1].items():
            powers[g] = powers.get(g, 0) + k
        out.append((inner[0], {g: k for g, k in powers.items() if k}))
    return out


def _irreducible(top: list[Term]) -> bool:
    """Whether the polynomial with these terms (exponents >= 0) has the witness of the module's docstring."""
    for i, (_, powers) in enumerate(top):
        others = [p for j, (_, p) in enumerate(top) if j != i]
        for g, k in powers.items():
            if k != 1 or any(g in p for p in others):
                continue
            cofactor = [h for h in powers if h != g]
            if all(any(h not in p for p in others) for h in cofactor):
                return True
    return False


def laurent_forms(e: sympy.Expr) -> tuple[tuple[sympy.Expr, int], ...] | None:
    """The candidate forms (factor_terms' and the split one) of a sum of quotients of products of generators
    whose numerator over the common denominator is irreducible with no common factor, without SymPy's
    cancel and factor; None for any other ``e`` (SymPy's route decides)."""
    terms = _terms(e)
    if terms is None or len(terms) < 2 or len(terms) > MAX_TERMS:
        return None
    denominator: dict[sympy.Expr, int] = {}
    for _, powers in terms:
        for g, k in powers.items():
            if k < 0:
                denominator[g] = max(-k, denominator.get(g, 0))
    top = [(c, {g: k + denominator.get(g, 0) for g, k in powers.items()}
                | {g: k for g, k in denominator.items() if g not in powers}) for c, powers in terms]
    top = [(c, {g: k for g, k in p.items() if k}) for c, p in top]
    coeffs = [c for c, _ in top]
    if math.gcd(*coeffs) != 1 or not _irreducible(top):
        return None
    # no generator common to every term (the witness's generator is in one only)
    negative = not any(c > 0 for c in coeffs)
    if not signs_kept([-c for c in coeffs] if negative else coeffs):
        return None
    P = sympy.Add(*(sympy.Mul(c, *(g ** k for g, k in p.items())) for c, p in top))
    D = sympy.Mul(*(g ** k for g, k in denominator.items()))
    # cancel gives P / D; factor_terms gives it back, or with the minus sign taken out of every term
    forms = [(_keep_coeff(sympy.S.NegativeOne, (-P) / D, sign=True) if negative else P / D, 0)]
    if denominator:
        forms.append((e if e.is_Add else sympy.Add(*(t / D for t in P.args)), 0))
    return tuple(forms)
