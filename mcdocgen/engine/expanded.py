"""A sum whose terms hold sums (u a + (1 - u^2) x a), multiplied out: the terms SymPy's cancel gives it.

monomial.value holds a sum as SymPy's Add holds it and stops at a sum inside a sum's term, which SymPy keeps
unexpanded. SymPy's cancel multiplies every such product out; the candidate forms of the scalar simplifier's
route are then those of the multiplied-out sum (native.py weighs them). Here: that sum's terms, collected,
atoms named in to_sympy's order (the order value meets them), or NotMonomial where a sum is divided by, raised
to a power other than a small whole one, or where there would be more than MAX_TERMS terms (native_nested.expanded,
shared with the nested sums). It runs after native_nested.nested_forms (scalars._native), for the sums that
module does not take.
"""

from __future__ import annotations

from mcdocgen import language as E
from mcdocgen.engine.monomial import AtomNames, NotMonomial
from mcdocgen.engine.native import Form, laurent_forms_of, polynomial_forms_of
from mcdocgen.engine.native_nested import expanded as expanded_terms   # one home: multiplied out as cancel does
from mcdocgen.language import Add, Fn, Node


def expanded_forms(node: Node) -> tuple[Form, ...]:
    """The candidate forms SymPy's route weighs for a sum whose terms hold sums: those of the sum multiplied
    out (factor_terms' form of cancel's and the split, as native.py makes them for a flat sum); NotMonomial
    where that is not known here (exp and sigmoids: their substitutions see the sum as it was written)."""
    if not isinstance(node, Add) or not any(isinstance(n, Add) for t in node.terms for n in E.walk(t)):
        raise NotMonomial   # no sum in a term: not this module's (native.py's, or SymPy's route keeps it)
    found = expanded_terms(node, AtomNames())
    if len(found) < 2 or any(g.fn in (Fn.EXP, Fn.SIGMOID) for _, p in found for g in p):
        raise NotMonomial
    if all(c.denominator != 1 for c, _ in found):
        raise NotMonomial   # factor_terms may take a fraction out of every term: 3/2 c + 5/2 d^2 = (3 c + 5 d^2) / 2
    if any(not p for _, p in found):
        return polynomial_forms_of(found, expanded=True)
    # not the multiplied-out sum on its own: factor_terms takes out of it the monomial common to its terms
    # (c + c**4 + c**3 d is c (c**3 + c**2 d + 1)), and where there is none its form is that sum; the split
    # over a denominator is among these
    return laurent_forms_of(found)
