"""A sum whose terms hold sums (u a + (1 - u^2) x a), multiplied out: the terms SymPy's cancel gives it.

monomial.value holds a sum as SymPy's Add holds it and stops at a sum inside a sum's term, which SymPy keeps
unexpanded. SymPy's cancel multiplies every such product out; the candidate forms of the scalar simplifier's
route are then those of the multiplied-out sum (native.py weighs them). Here: that sum's terms, collected,
atoms named in to_sympy's order (the order value meets them), or NotMonomial where a sum is divided by, raised
to a power other than a small whole one, or where there would be more than MAX_TERMS terms.
"""

from __future__ import annotations

from mcdocgen.engine.laurent import MAX_TERMS
from mcdocgen.engine.monomial import AtomNames, NotMonomial, Product, Term, collected, powers_times, value, written_sum
from mcdocgen.engine.native import Form, _laurent, _polynomial
from mcdocgen.language import Add, Div, Fn, Mul, Neg, Node, Num, Pow

MAX_POWER = 3   # (u + v)^k multiplied out up to this k


def expanded_terms(node: Node, names: AtomNames) -> list[Term]:
    """``node`` multiplied out into terms c g1^k1 ..., like terms collected (NotMonomial: see the module)."""
    match node:
        case Add(terms=parts):
            return _bounded(collected([t for part in parts for t in expanded_terms(part, names)]))
        case Neg(arg=a):
            return [(-c, p) for c, p in expanded_terms(a, names)]
        case Mul(left=a, right=b):
            return _times(expanded_terms(a, names), expanded_terms(b, names))
        case Div(left=a, right=b):
            top = expanded_terms(a, names)
            bottom = expanded_terms(b, names)
            if len(bottom) != 1:
                raise NotMonomial   # over a sum
            (c, p), = bottom
            return _times(top, [(1 / c, {g: -k for g, k in p.items()})])
        case Pow(base=a, exp=Num(value=k)) if k.is_Integer and 1 < int(k) <= MAX_POWER and isinstance(a, Add):
            base = expanded_terms(a, names)
            out = base
            for _ in range(int(k) - 1):
                out = _times(out, base)
            return out
    found = value(node, names)
    if isinstance(found, Product):
        return _times([found.outer], found.inner)
    return found


def _times(a: list[Term], b: list[Term]) -> list[Term]:
    if len(a) * len(b) > MAX_TERMS:
        raise NotMonomial
    return _bounded(collected([(ca * cb, powers_times(pa, pb, 1)) for ca, pa in a for cb, pb in b]))


def _bounded(found: list[Term]) -> list[Term]:
    if len(found) > MAX_TERMS:
        raise NotMonomial
    return found



def expanded_forms(node: Node) -> tuple[Form, ...]:
    """The candidate forms SymPy's route weighs for a sum whose terms hold sums: those of the sum multiplied
    out (cancel's form, factor_terms' and the split, as native.py makes them for a flat sum), the multiplied-out
    sum itself among them; NotMonomial where that is not known here (exp and sigmoids: their substitutions
    see the sum as it was written)."""
    if not isinstance(node, Add):
        raise NotMonomial
    found = expanded_terms(node, AtomNames())
    if len(found) < 2 or any(g.fn in (Fn.EXP, Fn.SIGMOID) for _, p in found for g in p):
        raise NotMonomial
    if any(not p for _, p in found):
        return _polynomial(found, expanded=True)
    forms = _laurent(found)
    if any(k < 0 for _, p in found for k in p.values()):
        return forms   # the split over the denominator is among them
    return (*forms, lambda: written_sum(found))
