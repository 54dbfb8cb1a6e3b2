"""The candidates of an exp of a rational argument with a sum in it, times a monomial and at most one plain sum: m S
exp(A), A = a (u - y), -(x - y)^2 / s, (2 u - v - w) / (2 h^2) (the rate or scale of LINEX, of a kernel, of a transport
potential; S = x - y the Gaussian's gradient beside it).

SymPy's route (scalars._forms) takes such a product through its whole candidate set: cancel splits exp(A) as expand
does (exp(a u) exp(-a y), three exps for a squared difference), factor_terms gives that product back, powsimp merges it
into one exp of the expanded argument and factor_terms writes that argument (its common factor and number out:
exp(a (u - y)), exp((2 x y - x^2 - y^2) / s)); no sigmoid form is made (one exp, a factor of the product:
sigmoids_may_cancel); S, a sum of products of distinct generators with coefficients as signs_kept allows (plain.is_plain)
and no number term, is irreducible and has no content, so cancel, factor_terms and factor leave it as it stands beside
the exps. Those two candidates, the split product and the merged one, are made here from the argument alone, expand(A)
and factor_terms of it (a few milliseconds), without cancelling, merging and splitting exps of sums (their eval asks
SymPy's assumptions: ten to forty milliseconds). Declined (None: SymPy's route decides): a function, a root or a
non-integer power anywhere in the product (log: exp(u + log v) = v exp(u)), a second exp or sum, a sum below the line
inside the argument (exp(-u / (c - d)): cancel turns it round, exp(u / (d - c))), a sum with a number term beside the exp
(factor's form may win: (c + 1) exp(u / 2) exp(c / 2)), a sum beside a negative number (the route takes the minus
into it), a size (positive: factor runs), an argument whose expansion has
a number term (exp(1 + u) = E exp(u)) or one term. tests/test_exp_alone.py checks on random products that both give one
answer.
"""

from __future__ import annotations

import sympy

from mcdocgen.engine.plain import is_plain


def exp_forms(e: sympy.Expr) -> tuple[tuple[sympy.Expr, int], ...] | None:
    """The candidate forms of SymPy's route for ``e`` = m exp(A) (the module's docstring), each of rank 0; None else."""
    factors = sympy.Mul.make_args(e)
    exps = [f for f in factors if isinstance(f, sympy.exp)]
    sums = [f for f in factors if f.is_Add]
    if len(exps) != 1 or len(sums) > 1 or any(not _monomial(f) for f in factors if f is not exps[0] and f not in sums):
        return None
    if sums and not (is_plain(sums[0]) and sums[0].as_coeff_Add()[0] == 0 and _rational(sums[0])):
        return None   # a sum that cancel, factor_terms or factor would rewrite, or with a number term (1 + c: factor's form)
    if sums and sympy.Mul(*(f for f in factors if f.is_Rational)) < 0:
        return None   # -2 (u - c) exp(A): SymPy's route takes the minus into the sum, 2 (c - u) (review s45)
    argument = exps[0].args[0]
    if not argument.has(sympy.Add) or not _rational(argument):
        return None
    expanded = sympy.expand(argument)
    if not expanded.is_Add or expanded.as_coeff_Add()[0] != 0:
        return None   # one term (monomial.py's), or a number term SymPy takes out (E exp(u))
    m = sympy.Mul(*(f for f in factors if f is not exps[0]))   # not e / exp(A): SymPy keeps exp(A) exp(-A) as it is
    split = m * sympy.Mul(*(sympy.exp(t) for t in expanded.args))
    return (split, 0), (m * sympy.exp(sympy.factor_terms(expanded)), 0)


def _monomial(f: sympy.Expr) -> bool:
    """A rational number, a symbol (no size) or an integer power of one."""
    base, k = f.as_base_exp()
    return bool(f.is_Rational or (base.is_Symbol and base.is_positive is not True and k.is_Integer))


def _rational(a: sympy.Expr) -> bool:
    """Sums, products and integer powers of symbols (no size) and rational numbers, no sum below the line."""
    if a.is_Rational:
        return True
    if a.is_Symbol:
        return a.is_positive is not True
    if a.is_Pow:
        return bool(a.exp.is_Integer) and (a.exp > 0 or not a.base.has(sympy.Add)) and _rational(a.base)
    return (a.is_Add or a.is_Mul) and all(_rational(x) for x in a.args)
