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
    if not found:
        return None
    return factor_terms(cancel(e.xreplace({x: x.args[0] * sympy.sign(x.args[0]) for x in found})))
