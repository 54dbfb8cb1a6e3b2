"""Candidate forms SymPy's route makes by a substitution and cancel again (scalars._forms): sines written by tangents,
abs by sign. The sigmoid substitution stays in scalars.py beside the opaque sigmoid it writes.
"""

from __future__ import annotations

import sympy

from mcdocgen.engine.ring_cancel import cancel, factor_terms


def in_tangents(e: sympy.Expr) -> sympy.Expr | None:
    """``e`` with sin(a) = tan(a) cos(a) and sinh(a) = tanh(a) cosh(a), cancelled (sinh(a) / cosh(a)
    = tanh(a)); None when e has neither sin nor sinh."""
    subs: dict[sympy.Expr, sympy.Expr] = {}
    for fn, tangent, cosine in ((sympy.sin, sympy.tan, sympy.cos), (sympy.sinh, sympy.tanh, sympy.cosh)):
        for x in sorted(e.atoms(fn), key=sympy.default_sort_key):
            subs[x] = tangent(x.args[0]) * cosine(x.args[0])
    if not subs:
        return None
    form = factor_terms(cancel(e.xreplace(subs)))
    # cos / sin as 1 / tan would be undefined where cos is 0 and the quotient is not (tanh has no such point)
    return None if sympy.fraction(sympy.together(form))[1].has(sympy.tan) else form


def abs_by_sign(e: sympy.Expr) -> sympy.Expr | None:
    """``e`` with abs(a) = a sign(a), cancelled (sign(d) d / abs(d) = 1 wherever it is defined);
    None when e has no abs."""
    found = sorted(e.atoms(sympy.Abs), key=sympy.default_sort_key)
    if not found or not abs_may_cancel(e, found):
        return None
    return factor_terms(cancel(e.xreplace({x: x.args[0] * sympy.sign(x.args[0]) for x in found})))


def abs_may_cancel(e: sympy.Expr, found: list[sympy.Expr]) -> bool:
    """Whether writing abs(a) = a sign(a) may give a form of ``e`` that wins: not where the symbols of each a are found
    nowhere in e but in its abs(a) (no sign(a), no other function of them, no a beside it) and no two such a share a
    symbol. There e is R(t), t = abs(a) a generator of its own, and the form is R(m s), m = a and s = sign(a) in symbols
    of their own: cancel(e) = P(t) / Q(t) with P, Q coprime, so A P + B Q = D, a polynomial in the other generators
    (their resultant in t); a common factor h of P(m s) and Q(m s) divides D, so it is free of m's symbols and of s, and
    divides each coefficient of P and of Q in t (the powers of m s are independent over the rest): none. So cancel
    cancels nothing more, and gives cancel(e)'s polynomials with each t^k multiplied out as a^k sign(a)^k, each term
    longer and as many terms or more, and factor_terms takes out of them what it takes out of cancel(e)'s, with
    sign(a)'s powers and a's content beside it: never shorter than the form factor_terms(cancel(e)), of the same rank
    (tests/test_substituted.py checks this on random expressions against SymPy's route with the form)."""
    symbols = [x.args[0].free_symbols for x in found]
    if any(not s for s in symbols) or sum(len(s) for s in symbols) != len(set().union(*symbols)):
        return True   # an argument without symbols, or two sharing one (abs(x) and abs(x - 1))
    rest = e.xreplace({x: sympy.Dummy() for x in found}).free_symbols
    if not any(s & rest for s in symbols):
        return False
    # beside sign(a) only, each abs(a) under a root (sign(u) sqrt(|u|), |u|^(3/2)'s gradient): a root of |a| is a generator
    # of its own to cancel, as the root of a sign(a) is in the form, which holds a twice there and nothing more cancels
    roots = {p: sympy.Dummy() for p in e.atoms(sympy.Pow) if p.base in found and p.exp.is_Rational and not p.exp.is_Integer}
    rooted = e.xreplace(roots)
    if rooted.has(*found):
        return True
    signs = {g: sympy.Dummy() for g in e.atoms(sympy.sign) if any(g.args[0] in (x.args[0], -x.args[0]) for x in found)}
    bare = rooted.xreplace(signs).free_symbols
    return any(s & bare for s in symbols)
